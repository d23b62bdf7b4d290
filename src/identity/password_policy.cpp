#include "identity/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace rg::identity {
namespace {

constexpr char32_t replacement_character = 0xFFFD;
constexpr std::int64_t microseconds_per_day = 24LL * 60 * 60 * 1'000'000;

// One decoded code point and how many bytes it took.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;
};

// Strict UTF-8 decoding (no overlong forms, no surrogates, nothing above U+10FFFF). An invalid
// byte decodes to U+FFFD with length 1, so every input has a well-defined character count.
CodePoint decode_at(std::string_view text, std::size_t position) {
  const auto lead = static_cast<unsigned char>(text[position]);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return {replacement_character, 1};
  }
  if (position + length > text.size()) return {replacement_character, 1};
  for (std::size_t offset = 1; offset < length; ++offset) {
    const auto continuation = static_cast<unsigned char>(text[position + offset]);
    if ((continuation & 0xC0) != 0x80) return {replacement_character, 1};
    value = (value << 6) | (continuation & 0x3F);
  }
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (value < minimum || value > 0x10FFFF || surrogate) return {replacement_character, 1};
  return {value, length};
}

std::vector<char32_t> decode(std::string_view text) {
  std::vector<char32_t> code_points;
  code_points.reserve(text.size());
  for (std::size_t position = 0; position < text.size();) {
    const CodePoint code_point = decode_at(text, position);
    code_points.push_back(code_point.value);
    position += code_point.length;
  }
  return code_points;
}

bool is_latin1_letter(char32_t c) { return c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7; }
bool is_upper(char32_t c) { return (c >= 'A' && c <= 'Z') || (is_latin1_letter(c) && c <= 0xDE); }
bool is_lower(char32_t c) { return (c >= 'a' && c <= 'z') || (is_latin1_letter(c) && c >= 0xDF); }
bool is_letter(char32_t c) { return is_upper(c) || is_lower(c); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Unaccented lower-case spelling of U+00C0..U+00FF; nullptr for × and ÷, which are not letters.
constexpr std::array<const char*, 64> latin1_folds = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",      // C0-CF
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",      // E0-EF
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
};

// The longest run of adjacent digits that go up (step +1) or down (step -1) by one each time.
int longest_sequential_digit_run(const std::vector<char32_t>& code_points) {
  int longest = 0;
  int ascending = 0;
  int descending = 0;
  char32_t previous = 0;
  for (const char32_t c : code_points) {
    if (!is_digit(c)) {
      ascending = descending = 0;
    } else {
      const bool after_digit = ascending > 0;  // both runs are >= 1 right after a digit
      ascending = after_digit && c == previous + 1 ? ascending + 1 : 1;
      descending = after_digit && c + 1 == previous ? descending + 1 : 1;
      longest = std::max({longest, ascending, descending});
    }
    previous = c;
  }
  return longest;
}

std::size_t code_point_count(std::string_view text) { return decode(text).size(); }

// A name splits into words at every ASCII or Latin-1 character that is not a letter or digit;
// characters beyond Latin-1 (other scripts) stay inside words.
bool is_name_word_character(char32_t c) { return is_letter(c) || is_digit(c) || c >= 0x100; }

// The folded substrings of a name that a password may not contain.
void add_name_needles(std::string_view name, std::vector<std::string>& needles) {
  const std::string folded = fold_accents_and_case(name);
  std::string word;
  std::string whole;
  const auto finish_word = [&] {
    if (code_point_count(word) >= name_word_length_min) needles.push_back(word);
    whole += word;
    word.clear();
  };
  for (std::size_t position = 0; position < folded.size();) {
    const CodePoint code_point = decode_at(folded, position);
    if (is_name_word_character(code_point.value)) {
      word.append(folded, position, code_point.length);
    } else {
      finish_word();
    }
    position += code_point.length;
  }
  finish_word();
  if (code_point_count(whole) >= name_word_length_min) needles.push_back(whole);
}

std::string_view trim_ascii_spaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

void add_email_needles(std::string_view email, std::vector<std::string>& needles) {
  const std::string folded = fold_accents_and_case(trim_ascii_spaces(email));
  if (folded.empty()) return;
  needles.push_back(folded);
  const auto at = folded.rfind('@');
  if (at == std::string::npos) return;
  std::string local_part = folded.substr(0, at);
  if (code_point_count(local_part) >= email_local_part_length_min) needles.push_back(std::move(local_part));
}

bool contains_any(const std::string& haystack, const std::vector<std::string>& needles) {
  for (const auto& needle : needles) {
    if (!needle.empty() && haystack.find(needle) != std::string::npos) return true;
  }
  return false;
}

struct CharacterClasses {
  bool upper = false;
  bool lower = false;
  bool digit = false;
  bool special = false;
};

CharacterClasses classify(const std::vector<char32_t>& code_points) {
  CharacterClasses classes;
  for (const char32_t c : code_points) {
    classes.upper = classes.upper || is_upper(c);
    classes.lower = classes.lower || is_lower(c);
    classes.digit = classes.digit || is_digit(c);
    classes.special = classes.special || (!is_letter(c) && !is_digit(c));
  }
  return classes;
}

}  // namespace

std::string fold_accents_and_case(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t position = 0; position < text.size();) {
    const CodePoint code_point = decode_at(text, position);
    const char32_t c = code_point.value;
    if (c >= 'A' && c <= 'Z') {
      folded.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (is_latin1_letter(c)) {
      folded += latin1_folds[c - 0xC0];
    } else {
      folded.append(text, position, code_point.length);  // invalid bytes are copied as they are
    }
    position += code_point.length;
  }
  return folded;
}

std::vector<PolicyViolation> check_password(std::string_view password, const PasswordContext& context) {
  std::vector<PolicyViolation> violations;
  const auto add = [&](const char* rule, std::string message) {
    violations.push_back(PolicyViolation{rule, std::move(message)});
  };
  const std::vector<char32_t> code_points = decode(password);
  if (code_points.size() < password_length_min) {
    add(password_rule::too_short,
        "The password must have at least " + std::to_string(password_length_min) + " characters.");
  }
  if (code_points.size() > password_length_max) {
    add(password_rule::too_long,
        "The password must have at most " + std::to_string(password_length_max) + " characters.");
  }
  const CharacterClasses classes = classify(code_points);
  if (!classes.upper) add(password_rule::missing_upper, "The password must contain an upper-case letter.");
  if (!classes.lower) add(password_rule::missing_lower, "The password must contain a lower-case letter.");
  if (!classes.digit) add(password_rule::missing_digit, "The password must contain a digit.");
  if (!classes.special) {
    add(password_rule::missing_special,
        "The password must contain a special character (anything but a letter or a digit).");
  }
  if (longest_sequential_digit_run(code_points) > sequential_digits_run_max) {
    add(password_rule::sequential_digits,
        "The password must not contain sequential digits such as 123 or 987.");
  }
  const std::string folded_password = fold_accents_and_case(password);
  std::vector<std::string> names;
  add_name_needles(context.operator_name, names);
  add_name_needles(context.tenant_name, names);
  if (contains_any(folded_password, names)) {
    add(password_rule::contains_name, "The password must not contain the operator's or the company's name.");
  }
  std::vector<std::string> emails;
  add_email_needles(context.operator_email, emails);
  add_email_needles(context.tenant_email, emails);
  if (contains_any(folded_password, emails)) {
    add(password_rule::contains_email, "The password must not contain the operator's or the company's e-mail.");
  }
  return violations;
}

Status validate_password(std::string_view password, const PasswordContext& context) {
  const std::vector<PolicyViolation> violations = check_password(password, context);
  if (violations.empty()) return {};
  Error error{ErrorCode::invalid, "The password does not meet the password policy.", {}};
  for (const auto& violation : violations) {
    error.fields.push_back(FieldError{"password", violation.message, violation.rule});
  }
  return error;
}

bool password_expired(std::int64_t changed_at_us, std::int64_t now_us) {
  if (now_us < changed_at_us) return false;
  // Unsigned subtraction cannot overflow, and the difference of two int64 values fits in uint64.
  const std::uint64_t elapsed_us = static_cast<std::uint64_t>(now_us) - static_cast<std::uint64_t>(changed_at_us);
  return elapsed_us >= static_cast<std::uint64_t>(password_valid_days) * microseconds_per_day;
}

}  // namespace rg::identity
