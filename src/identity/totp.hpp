#pragma once
// Time-based one-time passwords (RFC 6238) for operator two-factor login (PLT-03), on liboath:
// HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch — what authenticator apps
// (Google Authenticator, Microsoft Authenticator, 1Password, …) use by default.
//
// Replay: a code stays valid for its whole step (and the window around it). Callers that must
// refuse a code used twice store the step returned by totp_match_step and accept only later steps.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rg::identity {

inline constexpr int totp_digits = 6;
inline constexpr int totp_period_seconds = 30;
inline constexpr std::size_t totp_secret_bytes = 20;      // RFC 4226 recommends 160 bits
inline constexpr std::size_t totp_secret_bytes_min = 16;  // RFC 4226 §4 R6: at least 128 bits
inline constexpr int totp_window_steps_max = 10;          // a wider window is clamped to this

// A new random secret of totp_secret_bytes bytes in upper-case base32 without padding
// (32 characters), the form authenticator apps expect.
std::string new_totp_secret();

// otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 for a QR code;
// issuer and account are percent-encoded (RFC 3986 unreserved characters stay as they are).
std::string totp_uri(std::string_view secret_base32, std::string_view account_email,
                     std::string_view issuer = "Retaguarda");

// The 6-digit code of the step that contains unix_seconds. Empty when the secret is not base32
// (upper or lower case, padding and spaces allowed) of at least totp_secret_bytes_min bytes, or
// when unix_seconds is negative.
std::string totp_code(std::string_view secret_base32, std::int64_t unix_seconds);

// The step number (unix_seconds / 30) whose code equals `code`, searching the current step ±
// window_steps (negative counts as 0, more than totp_window_steps_max as that maximum); nullopt when
// none matches, the code is not exactly 6 ASCII digits, or the secret is invalid. Every candidate is
// compared in constant time.
std::optional<std::int64_t> totp_match_step(std::string_view secret_base32, std::string_view code,
                                            std::int64_t unix_seconds, int window_steps = 1);

// totp_match_step(...).has_value().
bool totp_verify(std::string_view secret_base32, std::string_view code, std::int64_t unix_seconds,
                 int window_steps = 1);

}  // namespace rg::identity
