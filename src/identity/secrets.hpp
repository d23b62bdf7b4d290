#pragma once
// Password hashing, random tokens and constant-time comparison (PLT-03), all on libsodium.
// Every function initialises libsodium itself (sodium_init is idempotent and thread-safe) and
// throws std::runtime_error only when libsodium cannot work at all (no entropy, out of memory).
#include <cstddef>
#include <string>
#include <string_view>

namespace rg::identity {

// Argon2id (crypto_pwhash_str_alg, OPSLIMIT/MEMLIMIT_INTERACTIVE, ARGON2ID13) in the PHC string
// format "$argon2id$v=19$m=…,t=…,p=…$salt$hash"; every call uses a fresh random salt.
std::string hash_password(std::string_view password);

// Constant-time check of a password against a hash from hash_password. False for a wrong
// password and for a hash that is empty, malformed or not NUL-free.
bool verify_password(std::string_view password, const std::string& hash);

// True when the hash was made with other parameters than hash_password uses now (or is not a
// valid hash), so the caller should store hash_password(password) after a successful login.
bool password_hash_needs_rehash(const std::string& hash);

// TESTS ONLY: `true` makes hash_password use OPSLIMIT_MIN/MEMLIMIT_MIN so test suites stay fast;
// `false` restores the interactive cost. Production code never calls this.
void set_password_hash_cost_for_tests(bool minimal);

// `bytes` random bytes (randombytes_buf) as URL-safe base64 without padding: 32 bytes give
// 43 characters of [A-Za-z0-9_-]. Throws std::invalid_argument when bytes is 0, because an empty
// token would match an empty input.
std::string random_token(std::size_t bytes = 32);

// Lower-case hex SHA-256 of a token (64 characters), for storing tokens so a database leak does
// not reveal them. Tokens are random, so no salt or slow hash is needed.
std::string token_hash(std::string_view token);

// `digits` uniformly random decimal digits (randombytes_uniform), leading zeros kept, e.g. an
// e-mail confirmation code "042917". Throws std::invalid_argument when digits < 1.
std::string random_numeric_code(int digits = 6);

// Compares in time that depends only on the length: inputs of different lengths are unequal at
// once (the length is not secret for tokens, hashes and codes), equal lengths go to sodium_memcmp.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace rg::identity
