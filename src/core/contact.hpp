#pragma once
// Contact data checks shared by every module: e-mail plausibility and Brazilian phone numbers.
#include <optional>
#include <string>
#include <string_view>

namespace rg {

// One '@' with something before it, a dot in the domain, no spaces, commas or semicolons, at
// most 254 characters. Deliverability is only proven by a message that arrives.
bool plausible_email(std::string_view email);

// A Brazilian phone number with area code (DDD), masks and the +55 prefix accepted, e.g.
// "(11) 98765-4321", "+55 11 98765-4321", "1132654321". Returns the canonical "+55DDNNNNNNNNN"
// form, or nothing when the DDD is not an assigned area code, the length is wrong, or — with
// `mobile_only` — the number is not a mobile one (9 digits starting with 9).
std::optional<std::string> normalize_br_phone(std::string_view input, bool mobile_only);

}  // namespace rg
