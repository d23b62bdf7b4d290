#include "identity/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace rg::identity {
namespace {

void ensure_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath init failed");
  });
}

// Raw secret bytes, wiped when they go out of scope.
class SecretBytes {
 public:
  SecretBytes(char* bytes, std::size_t length) : bytes_(bytes), length_(length) {}
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::exchange(other.bytes_, nullptr)), length_(other.length_) {}
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  SecretBytes& operator=(SecretBytes&&) = delete;
  ~SecretBytes() {
    if (bytes_ != nullptr) sodium_memzero(bytes_, length_);
    std::free(bytes_);  // liboath allocates with malloc
  }
  const char* data() const { return bytes_; }
  std::size_t size() const { return length_; }

 private:
  char* bytes_;
  std::size_t length_;
};

// Decodes base32 (liboath accepts either case, '=' padding and spaces); nullopt when the text is
// not base32 or too short to be a safe secret.
std::optional<SecretBytes> decode_secret(std::string_view secret_base32) {
  char* bytes = nullptr;
  std::size_t length = 0;
  const int rc = oath_base32_decode(secret_base32.data(), secret_base32.size(), &bytes, &length);
  SecretBytes secret(bytes, length);  // owns the buffer even when decoding failed
  if (rc != OATH_OK || secret.size() < totp_secret_bytes_min) return std::nullopt;
  return secret;
}

std::string code_for_step(const SecretBytes& secret, std::int64_t step) {
  char code[totp_digits + 1] = {};
  const auto step_start = static_cast<time_t>(step * totp_period_seconds);
  if (oath_totp_generate(secret.data(), secret.size(), step_start, totp_period_seconds, OATH_TOTP_DEFAULT_START_TIME,
                         totp_digits, code) != OATH_OK) {
    throw std::runtime_error("liboath could not generate a TOTP code");
  }
  return std::string(code, totp_digits);
}

bool is_six_digits(std::string_view code) {
  return code.size() == static_cast<std::size_t>(totp_digits) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex_digits[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size() * 3);
  for (const char c : text) {
    if (is_unreserved(c)) {
      encoded.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      encoded += {'%', hex_digits[byte >> 4], hex_digits[byte & 0x0F]};
    }
  }
  return encoded;
}

}  // namespace

std::string new_totp_secret() {
  ensure_libraries();
  char random[totp_secret_bytes];
  randombytes_buf(random, sizeof random);
  char* encoded = nullptr;
  std::size_t length = 0;
  const int rc = oath_base32_encode(random, sizeof random, &encoded, &length);
  sodium_memzero(random, sizeof random);
  if (rc != OATH_OK) throw std::runtime_error("liboath could not encode a TOTP secret");
  std::string secret(encoded, length);
  sodium_memzero(encoded, length);
  std::free(encoded);
  secret.erase(secret.find_last_not_of('=') + 1);  // 20 bytes need no padding; kept for safety
  return secret;
}

std::string totp_uri(std::string_view secret_base32, std::string_view account_email, std::string_view issuer) {
  const std::string encoded_issuer = percent_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + percent_encode(account_email) +
         "?secret=" + percent_encode(secret_base32) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=" + std::to_string(totp_digits) + "&period=" + std::to_string(totp_period_seconds);
}

std::string totp_code(std::string_view secret_base32, std::int64_t unix_seconds) {
  ensure_libraries();
  if (unix_seconds < 0) return {};
  const std::optional<SecretBytes> secret = decode_secret(secret_base32);
  if (!secret) return {};
  return code_for_step(*secret, unix_seconds / totp_period_seconds);
}

std::optional<std::int64_t> totp_match_step(std::string_view secret_base32, std::string_view code,
                                            std::int64_t unix_seconds, int window_steps) {
  ensure_libraries();
  if (!is_six_digits(code) || unix_seconds < 0) return std::nullopt;
  const std::optional<SecretBytes> secret = decode_secret(secret_base32);
  if (!secret) return std::nullopt;
  const int window = std::clamp(window_steps, 0, totp_window_steps_max);
  const std::int64_t current_step = unix_seconds / totp_period_seconds;
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not reveal which one matched.
  for (std::int64_t step = current_step - window; step <= current_step + window; ++step) {
    if (step < 0) continue;
    const std::string candidate = code_for_step(*secret, step);
    if (sodium_memcmp(candidate.data(), code.data(), candidate.size()) == 0) matched = step;
  }
  return matched;
}

bool totp_verify(std::string_view secret_base32, std::string_view code, std::int64_t unix_seconds,
                 int window_steps) {
  return totp_match_step(secret_base32, code, unix_seconds, window_steps).has_value();
}

}  // namespace rg::identity
