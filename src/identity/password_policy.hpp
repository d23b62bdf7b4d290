#pragma once
// The operator password policy (PLT-03), as the seed states it in pt-BR:
//
//   "A senha deve conter letras maiúsculas, minúsculas, caracteres especiais, números e possuir
//   pelo menos 8 caracteres. A senha não deve conter sequências de números seguidos, nome ou email
//   do usuário, nome ou email da empresa. A sua senha terá prazo de 90 dias, onde o sistema irá lhe
//   obrigar a troca-lá. Não poderá ser utilizada a mesma senha anterior."
//
// How this file reads each sentence:
// - Lengths are counted in Unicode code points of the UTF-8 text, so "Çé" is two characters.
//   Bytes that are not valid UTF-8 count as one character each and are treated as special
//   characters (JSON input is valid UTF-8 already, so this is only a safe fallback).
// - Letters are ASCII letters and the Latin-1 letters (U+00C0–U+00FF except × and ÷), which cover
//   every Portuguese letter; "É" is upper case, "é" and "ß" lower case. Digits are ASCII 0–9.
//   A special character is any character that is neither, including the space; letters of other
//   scripts (Greek, Cyrillic, …) therefore count as special characters.
// - "Sequências de números seguidos" is read as a run of three or more adjacent digits that go up
//   or down by one each step: "123", "987", "4567" are refused; "12", "98", "13579", "111", "121"
//   and "890" (no wrap-around) are accepted.
// - The names (operator, tenant) are compared accent- and case-insensitively: each name is split
//   into words at every character that is not a letter or digit, and any word of three or more
//   letters found inside the password is refused ("Maria da Silva" refuses "maria" and "silva",
//   not "da"), as is the whole name with its separators removed ("mariadasilva").
// - The e-mails (operator, tenant) are refused whole, and so is their local part (before the last
//   '@') when it has three or more characters; case-insensitively.
// - A password is valid for 90 days from its change: it is expired once 90 full days have passed.
// - "Não poderá ser utilizada a mesma senha anterior" is checked by the caller, which holds the
//   previous hash: `verify_password(new_password, previous_hash)` from identity/secrets.hpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace rg::identity {

// Who the password belongs to; any field may be empty and is then not checked.
struct PasswordContext {
  std::string operator_name;
  std::string operator_email;
  std::string tenant_name;
  std::string tenant_email;
};

inline constexpr std::size_t password_length_min = 8;    // code points
inline constexpr std::size_t password_length_max = 128;  // code points
inline constexpr int password_valid_days = 90;
// The longest accepted run of adjacent digits going up or down by one ("12" is fine, "123" is not).
inline constexpr int sequential_digits_run_max = 2;
// Name words shorter than this are ignored ("da", "de", "Zé").
inline constexpr std::size_t name_word_length_min = 3;
// An e-mail local part shorter than this is ignored (but the whole e-mail is still refused).
inline constexpr std::size_t email_local_part_length_min = 3;

// Stable rule codes; the console maps them to pt-BR text.
namespace password_rule {
inline constexpr const char* too_short = "too_short";
inline constexpr const char* too_long = "too_long";
inline constexpr const char* missing_upper = "missing_upper";
inline constexpr const char* missing_lower = "missing_lower";
inline constexpr const char* missing_digit = "missing_digit";
inline constexpr const char* missing_special = "missing_special";
inline constexpr const char* sequential_digits = "sequential_digits";
inline constexpr const char* contains_name = "contains_name";
inline constexpr const char* contains_email = "contains_email";
}  // namespace password_rule

struct PolicyViolation {
  std::string rule;     // one of password_rule::*
  std::string message;  // English, for logs and API clients
};

// Every rule the password breaks, each at most once, in the order of password_rule above;
// empty means the password is acceptable.
std::vector<PolicyViolation> check_password(std::string_view password, const PasswordContext& context);

// Error::invalid with one FieldError{"password", message} per violation.
Status validate_password(std::string_view password, const PasswordContext& context);

// True once password_valid_days full days have passed since the change. A change time in the
// future (clock skew) is not expired.
bool password_expired(std::int64_t changed_at_us, std::int64_t now_us);

// Lower-cases ASCII and Latin-1 letters and removes their accents ("JOÃO" → "joao",
// "Ç" → "c", "ß" → "ss", "Æ" → "ae"); other characters are copied unchanged. Exposed for tests.
std::string fold_accents_and_case(std::string_view text);

}  // namespace rg::identity
