// covers PLT-03
#include "identity/secrets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace rg::identity {
namespace {

// Hashing at interactive cost takes ~100 ms and 64 MiB; the suite uses the minimal cost except
// where the production parameters themselves are under test.
class Secrets : public ::testing::Test {
 protected:
  void SetUp() override { set_password_hash_cost_for_tests(true); }
  void TearDown() override { set_password_hash_cost_for_tests(true); }
};

bool is_url_safe_base64(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_lower_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_decimal(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

TEST_F(Secrets, PLT03_HashAndVerifyRoundTrip) {
  const std::string hash = hash_password("Tr0vao#Azul");
  EXPECT_TRUE(verify_password("Tr0vao#Azul", hash));
  const std::string accented = hash_password("Conceição#2024");
  EXPECT_TRUE(verify_password("Conceição#2024", accented));
}

TEST_F(Secrets, PLT03_WrongPasswordFails) {
  const std::string hash = hash_password("Tr0vao#Azul");
  EXPECT_FALSE(verify_password("tr0vao#Azul", hash));
  EXPECT_FALSE(verify_password("Tr0vao#Azul ", hash));
  EXPECT_FALSE(verify_password("", hash));
  EXPECT_TRUE(verify_password("", hash_password("")));
}

TEST_F(Secrets, PLT03_HashesAreSaltedAndArgon2id) {
  const std::string first = hash_password("Tr0vao#Azul");
  const std::string second = hash_password("Tr0vao#Azul");
  EXPECT_NE(first, second);
  EXPECT_EQ(first.rfind("$argon2id$", 0), 0u) << first;
  EXPECT_EQ(second.rfind("$argon2id$", 0), 0u) << second;
  EXPECT_TRUE(verify_password("Tr0vao#Azul", first));
  EXPECT_TRUE(verify_password("Tr0vao#Azul", second));
}

TEST_F(Secrets, PLT03_ProductionCostUsesInteractiveParameters) {
  set_password_hash_cost_for_tests(false);
  const std::string hash = hash_password("Tr0vao#Azul");
  // OPSLIMIT_INTERACTIVE = 2 passes, MEMLIMIT_INTERACTIVE = 64 MiB = 65536 KiB.
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("Tr0vao#Azul", hash));
  EXPECT_FALSE(password_hash_needs_rehash(hash));
}

TEST_F(Secrets, PLT03_RehashNeededWhenParametersChangeOrHashIsInvalid) {
  const std::string cheap = hash_password("Tr0vao#Azul");
  EXPECT_FALSE(password_hash_needs_rehash(cheap));
  set_password_hash_cost_for_tests(false);
  EXPECT_TRUE(password_hash_needs_rehash(cheap));
  EXPECT_TRUE(password_hash_needs_rehash(""));
  EXPECT_TRUE(password_hash_needs_rehash("not a hash"));
}

TEST_F(Secrets, PLT03_VerifyRejectsMalformedHashes) {
  const std::string hash = hash_password("Tr0vao#Azul");
  EXPECT_FALSE(verify_password("Tr0vao#Azul", ""));
  EXPECT_FALSE(verify_password("Tr0vao#Azul", "garbage"));
  EXPECT_FALSE(verify_password("Tr0vao#Azul", hash.substr(0, hash.size() - 1)));
  EXPECT_FALSE(verify_password("Tr0vao#Azul", hash + std::string(1, '\0')));
  EXPECT_FALSE(verify_password("Tr0vao#Azul", hash + std::string(200, 'A')));
}

TEST(SecretsTokens, PLT03_RandomTokenLengthAndAlphabet) {
  const std::string token = random_token();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes = 256 bits, base64 without padding
  EXPECT_TRUE(is_url_safe_base64(token)) << token;
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(1).size(), 2u);
  EXPECT_EQ(random_token(3).size(), 4u);
  EXPECT_THROW((void)random_token(0), std::invalid_argument);
}

TEST(SecretsTokens, PLT03_RandomTokensDifferAndUseTheWholeAlphabet) {
  std::set<std::string> tokens;
  std::set<char> characters;
  for (int index = 0; index < 200; ++index) {
    const std::string token = random_token();
    ASSERT_TRUE(is_url_safe_base64(token)) << token;
    tokens.insert(token);
    characters.insert(token.begin(), token.end());
  }
  EXPECT_EQ(tokens.size(), 200u);
  // 8600 characters over a 64-letter alphabet: missing one has probability ~64 * e^-134.
  EXPECT_EQ(characters.size(), 64u);
}

TEST(SecretsTokens, PLT03_TokenHashIsStableLowerHexSha256) {
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = random_token();
  const std::string hash = token_hash(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_TRUE(is_lower_hex(hash)) << hash;
  EXPECT_EQ(token_hash(token), hash);
  EXPECT_NE(token_hash(token + "x"), hash);
}

TEST(SecretsTokens, PLT03_NumericCodeHasExactlyNDigits) {
  EXPECT_EQ(random_numeric_code().size(), 6u);
  for (const int digits : {1, 4, 6, 8, 12, 30}) {
    const std::string code = random_numeric_code(digits);
    EXPECT_EQ(code.size(), static_cast<std::size_t>(digits));
    EXPECT_TRUE(is_decimal(code)) << code;
  }
  EXPECT_THROW((void)random_numeric_code(0), std::invalid_argument);
  EXPECT_THROW((void)random_numeric_code(-1), std::invalid_argument);
}

TEST(SecretsTokens, PLT03_NumericCodesAreSpreadOverAllDigits) {
  std::set<std::string> codes;
  std::set<char> leading_digits;
  std::set<char> all_digits;
  for (int index = 0; index < 1000; ++index) {
    const std::string code = random_numeric_code(6);
    ASSERT_EQ(code.size(), 6u);
    codes.insert(code);
    leading_digits.insert(code.front());
    all_digits.insert(code.begin(), code.end());
  }
  // 1000 draws from 10^6 codes collide ~0.5 times on average; 10 collisions is astronomically rare.
  EXPECT_GT(codes.size(), 990u);
  EXPECT_EQ(leading_digits.size(), 10u);  // leading zeros are kept
  EXPECT_EQ(all_digits.size(), 10u);
}

TEST(SecretsTokens, PLT03_ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("abc123", "abc123"));
  EXPECT_FALSE(constant_time_equals("abc123", "abc124"));
  EXPECT_FALSE(constant_time_equals("xbc123", "abc123"));
  EXPECT_FALSE(constant_time_equals("abc", "abc123"));
  EXPECT_FALSE(constant_time_equals("abc123", ""));
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_FALSE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace rg::identity
