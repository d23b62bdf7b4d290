#pragma once
#include <string>
#include <string_view>

namespace rg {

// Lower-case hex SHA-256 of the bytes (libsodium).
std::string sha256_hex(std::string_view data);

}  // namespace rg
