#include "core/documents.hpp"

#include <optional>

namespace rg {
namespace {

constexpr std::string_view cpf_separators = ".- ";
constexpr std::string_view cnpj_separators = "./- ";
constexpr std::size_t cnpj_body_length = 12;  // characters before the two check digits
constexpr std::size_t cpf_body_length = 9;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_letter(char c) { return c >= 'a' && c <= 'z'; }

bool is_all_same(std::string_view text) {
  return !text.empty() && text.find_first_not_of(text.front()) == std::string_view::npos;
}

// Removes separators and upper-cases ASCII letters (when letters are allowed at all). Returns
// nothing at the first character that is neither a separator nor allowed, so callers can say
// which characters are accepted rather than silently dropping the offending one.
std::optional<std::string> strip_separators(std::string_view input, std::string_view separators,
                                            bool letters_allowed) {
  std::string kept;
  kept.reserve(input.size());
  for (const char c : input) {
    if (separators.find(c) != std::string_view::npos) continue;
    if (is_digit(c) || (letters_allowed && is_upper_letter(c))) {
      kept.push_back(c);
    } else if (letters_allowed && is_lower_letter(c)) {
      kept.push_back(static_cast<char>(c - 'a' + 'A'));
    } else {
      return std::nullopt;
    }
  }
  return kept;
}

// The Receita Federal defines each character's value for the alphanumeric CNPJ as its ASCII
// code minus 48: digits keep their value and 'A' is 17 … 'Z' is 42. For digits this is the
// classic rule, which is why one function serves CPF, numeric and alphanumeric CNPJ.
int character_value(char c) { return c - '0'; }

int check_digit_from_sum(int sum) {
  const int remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

// CPF weights start at 2 on the rightmost character and grow by one without wrapping.
int cpf_check_digit(std::string_view body) {
  int sum = 0;
  int weight = 2;
  for (auto it = body.rbegin(); it != body.rend(); ++it) sum += character_value(*it) * weight++;
  return check_digit_from_sum(sum);
}

// CNPJ weights run 2..9 from the rightmost character and restart at 2 after 9.
int cnpj_check_digit(std::string_view body) {
  int sum = 0;
  int weight = 2;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    sum += character_value(*it) * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  return check_digit_from_sum(sum);
}

bool cpf_check_digits_match(std::string_view digits) {
  return cpf_check_digit(digits.substr(0, cpf_body_length)) == character_value(digits[9]) &&
         cpf_check_digit(digits.substr(0, cpf_body_length + 1)) == character_value(digits[10]);
}

bool cnpj_check_digits_match(std::string_view characters) {
  return cnpj_check_digit(characters.substr(0, cnpj_body_length)) == character_value(characters[12]) &&
         cnpj_check_digit(characters.substr(0, cnpj_body_length + 1)) == character_value(characters[13]);
}

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

bool cnpj_shape_ok(std::string_view characters) {
  if (characters.size() != cnpj_length) return false;
  for (const char c : characters.substr(0, cnpj_body_length)) {
    if (!is_digit(c) && !is_upper_letter(c)) return false;
  }
  return all_digits(characters.substr(cnpj_body_length));
}

Error invalid(std::string_view field, std::string message) {
  return Error::invalid(std::string(field), std::move(message));
}

}  // namespace

bool is_valid_cpf(std::string_view digits) {
  return digits.size() == cpf_length && all_digits(digits) && !is_all_same(digits) &&
         cpf_check_digits_match(digits);
}

bool is_valid_cnpj(std::string_view characters) {
  return cnpj_shape_ok(characters) && !is_all_same(characters) && cnpj_check_digits_match(characters);
}

Result<std::string> normalize_cpf(std::string_view input, std::string_view field) {
  std::optional<std::string> digits = strip_separators(input, cpf_separators, false);
  if (!digits) return invalid(field, "CPF may contain only digits and the separators '.' and '-'");
  if (digits->size() != cpf_length) return invalid(field, "CPF must have 11 digits");
  if (is_all_same(*digits)) return invalid(field, "CPF cannot be one digit repeated");
  if (!cpf_check_digits_match(*digits)) return invalid(field, "CPF check digits do not match");
  return std::move(*digits);
}

Result<std::string> normalize_cnpj(std::string_view input, std::string_view field) {
  std::optional<std::string> characters = strip_separators(input, cnpj_separators, true);
  if (!characters) {
    return invalid(field, "CNPJ may contain only letters, digits and the separators '.', '/' and '-'");
  }
  if (characters->size() != cnpj_length) return invalid(field, "CNPJ must have 14 characters");
  if (!all_digits(characters->substr(cnpj_body_length))) {
    return invalid(field, "CNPJ check digits (the last two characters) must be digits");
  }
  if (is_all_same(*characters)) return invalid(field, "CNPJ cannot be one character repeated");
  if (!cnpj_check_digits_match(*characters)) return invalid(field, "CNPJ check digits do not match");
  return std::move(*characters);
}

Result<Document> normalize_document(std::string_view input, std::string_view field) {
  // Count significant characters with the most permissive rules; the kind-specific
  // normalization below then rejects, e.g., letters or '/' in a CPF with its own message.
  const std::optional<std::string> characters = strip_separators(input, cnpj_separators, true);
  if (!characters) {
    return invalid(field, "document may contain only letters, digits and the separators '.', '/' and '-'");
  }
  if (characters->size() == cpf_length) {
    Result<std::string> cpf = normalize_cpf(input, field);
    if (!cpf) return cpf.error();
    return Document{DocumentKind::cpf, std::move(cpf).value()};
  }
  if (characters->size() == cnpj_length) {
    Result<std::string> cnpj = normalize_cnpj(input, field);
    if (!cnpj) return cnpj.error();
    return Document{DocumentKind::cnpj, std::move(cnpj).value()};
  }
  return invalid(field, "document must be a CPF (11 digits) or a CNPJ (14 characters)");
}

std::string format_cpf(std::string_view digits) {
  if (digits.size() != cpf_length) return std::string(digits);
  std::string out;
  out.reserve(14);
  out.append(digits.substr(0, 3)).append(".").append(digits.substr(3, 3)).append(".");
  out.append(digits.substr(6, 3)).append("-").append(digits.substr(9, 2));
  return out;
}

std::string format_cnpj(std::string_view characters) {
  if (characters.size() != cnpj_length) return std::string(characters);
  std::string out;
  out.reserve(18);
  out.append(characters.substr(0, 2)).append(".").append(characters.substr(2, 3)).append(".");
  out.append(characters.substr(5, 3)).append("/").append(characters.substr(8, 4)).append("-");
  out.append(characters.substr(12, 2));
  return out;
}

std::string mask_document(std::string_view document) {
  const std::optional<std::string> characters = strip_separators(document, cnpj_separators, true);
  if (!characters) return "***";
  const std::string_view c = *characters;
  if (c.size() == cpf_length) {
    return "***." + std::string(c.substr(3, 3)) + "." + std::string(c.substr(6, 3)) + "-**";
  }
  if (c.size() == cnpj_length) {
    return std::string(c.substr(0, 2)) + "." + std::string(c.substr(2, 3)) + ".***/****-" +
           std::string(c.substr(12, 2));
  }
  return "***";
}

std::string complete_cpf(std::string_view body) {
  std::string out(body);
  out += static_cast<char>('0' + cpf_check_digit(out));
  out += static_cast<char>('0' + cpf_check_digit(out));
  return out;
}

std::string complete_cnpj(std::string_view body) {
  std::string out(body);
  out += static_cast<char>('0' + cnpj_check_digit(out));
  out += static_cast<char>('0' + cnpj_check_digit(out));
  return out;
}

}  // namespace rg
