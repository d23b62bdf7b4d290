#include "identity/secrets.hpp"

#include <sodium.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/hash.hpp"

namespace rg::identity {
namespace {

std::atomic<bool> minimal_hash_cost{false};

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
}

unsigned long long password_hash_opslimit() {
  return minimal_hash_cost.load() ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

std::size_t password_hash_memlimit() {
  return minimal_hash_cost.load() ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

// libsodium reads the stored hash as a C string of fewer than crypto_pwhash_STRBYTES bytes.
bool is_usable_hash(const std::string& hash) {
  return !hash.empty() && hash.size() < crypto_pwhash_STRBYTES && hash.find('\0') == std::string::npos;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), password_hash_opslimit(),
                            password_hash_memlimit(), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id password hashing failed (out of memory)");
  }
  return std::string(hash);
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  if (!is_usable_hash(hash)) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_hash_needs_rehash(const std::string& hash) {
  ensure_sodium();
  if (!is_usable_hash(hash)) return true;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), password_hash_opslimit(), password_hash_memlimit()) != 0;
}

void set_password_hash_cost_for_tests(bool minimal) { minimal_hash_cost.store(minimal); }

std::string random_token(std::size_t bytes) {
  if (bytes == 0) throw std::invalid_argument("random_token needs at least one byte");
  ensure_sodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(), variant);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(random.data(), random.size());
  return encoded;
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

std::string random_numeric_code(int digits) {
  if (digits < 1) throw std::invalid_argument("random_numeric_code needs at least one digit");
  ensure_sodium();
  std::string code;
  code.reserve(static_cast<std::size_t>(digits));
  for (int index = 0; index < digits; ++index) {
    code.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  }
  return code;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  ensure_sodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rg::identity
