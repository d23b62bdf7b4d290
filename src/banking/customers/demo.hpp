#pragma once
// The demo tenant's customers (ACC-01/02/09): people and companies with partners and documents in
// every analysis status. Called by src/demo/demo.cpp.
#include <ostream>

#include "banking/customers/service.hpp"

namespace rg::customers {

bool load_demo_customers(CustomerService& service, const audit::Entry& who, std::ostream& out);

// Small but well-formed files for the demo and tests: a one-page PDF with `text`, and a PNG of
// width × height pixels of one colour.
std::string tiny_pdf(const std::string& text);
std::string tiny_png(int width, int height, unsigned char r, unsigned char g, unsigned char b);

}  // namespace rg::customers
