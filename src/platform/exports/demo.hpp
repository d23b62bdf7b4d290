#pragma once
// Demo data for "Exportações" (PLT-09): two finished background exports of the demo manager,
// with real files, so the screen is not empty on first sight.
#include <memory>
#include <ostream>

#include "http/request.hpp"
#include "platform/exports/service.hpp"

namespace rg::exports {

// Writes the audit trail (XLSX) and the operators (CSV) for `manager`, unless they already have
// exports. The list routes must already be attached (attach_exports) so the row sources exist.
bool load_demo_exports(ExportService& service, std::shared_ptr<const http::Principal> manager, std::ostream& out);

}  // namespace rg::exports
