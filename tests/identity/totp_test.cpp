// covers PLT-03
#include "identity/totp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace rg::identity {
namespace {

// RFC 6238 appendix B: the SHA-1 secret is the ASCII text "12345678901234567890".
constexpr const char* rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, PLT03_MatchesRfc6238Sha1Vectors) {
  // The RFC lists 8-digit codes; the 6-digit code is their last six digits.
  EXPECT_EQ(totp_code(rfc_secret, 59), "287082");                 // 94287082
  EXPECT_EQ(totp_code(rfc_secret, 1'111'111'109), "081804");      // 07081804
  EXPECT_EQ(totp_code(rfc_secret, 1'111'111'111), "050471");      // 14050471
  EXPECT_EQ(totp_code(rfc_secret, 1'234'567'890), "005924");      // 89005924
  EXPECT_EQ(totp_code(rfc_secret, 2'000'000'000), "279037");      // 69279037
  EXPECT_EQ(totp_code(rfc_secret, 20'000'000'000), "353130");     // 65353130, after 2038
}

TEST(Totp, PLT03_CodeIsConstantWithinAStep) {
  EXPECT_EQ(totp_code(rfc_secret, 30), "287082");
  EXPECT_EQ(totp_code(rfc_secret, 59), "287082");
  EXPECT_NE(totp_code(rfc_secret, 60), "287082");
  EXPECT_NE(totp_code(rfc_secret, 29), "287082");
}

TEST(Totp, PLT03_SecretAcceptsLowerCasePaddingAndSpaces) {
  EXPECT_EQ(totp_code("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", 59), "287082");
  EXPECT_EQ(totp_code("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", 59), "287082");
}

TEST(Totp, PLT03_InvalidSecretOrTimeGivesNoCode) {
  EXPECT_EQ(totp_code("", 59), "");
  EXPECT_EQ(totp_code("not base32!", 59), "");
  EXPECT_EQ(totp_code("GEZDGNBVGY3TQOJQ", 59), "");  // 10 bytes: below the 128-bit minimum
  EXPECT_EQ(totp_code(rfc_secret, -1), "");
  EXPECT_FALSE(totp_verify("not base32!", "287082", 59));
  EXPECT_FALSE(totp_verify("GEZDGNBVGY3TQOJQ", "287082", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "287082", -1));
}

TEST(Totp, PLT03_VerifyAcceptsCurrentStepAndWindow) {
  constexpr std::int64_t now = 1'234'567'890;  // step 41152263, code 005924
  EXPECT_TRUE(totp_verify(rfc_secret, "005924", now));
  EXPECT_TRUE(totp_verify(rfc_secret, totp_code(rfc_secret, now - 30), now));
  EXPECT_TRUE(totp_verify(rfc_secret, totp_code(rfc_secret, now + 30), now));
  EXPECT_EQ(totp_match_step(rfc_secret, "005924", now), now / 30);
  EXPECT_EQ(totp_match_step(rfc_secret, totp_code(rfc_secret, now + 30), now), now / 30 + 1);
}

TEST(Totp, PLT03_VerifyRejectsCodesOutsideTheWindow) {
  constexpr std::int64_t now = 1'234'567'890;
  const std::string two_steps_ago = totp_code(rfc_secret, now - 60);
  const std::string two_steps_ahead = totp_code(rfc_secret, now + 60);
  EXPECT_FALSE(totp_verify(rfc_secret, two_steps_ago, now));
  EXPECT_FALSE(totp_verify(rfc_secret, two_steps_ahead, now));
  EXPECT_TRUE(totp_verify(rfc_secret, two_steps_ago, now, 2));
  EXPECT_TRUE(totp_verify(rfc_secret, two_steps_ahead, now, 2));
  // Window 0 (and a negative one) accepts only the current step.
  EXPECT_TRUE(totp_verify(rfc_secret, "005924", now, 0));
  EXPECT_FALSE(totp_verify(rfc_secret, totp_code(rfc_secret, now - 30), now, 0));
  EXPECT_FALSE(totp_verify(rfc_secret, totp_code(rfc_secret, now - 30), now, -3));
  // A huge window is clamped to totp_window_steps_max.
  const std::string far = totp_code(rfc_secret, now + 30 * (totp_window_steps_max + 1));
  EXPECT_FALSE(totp_verify(rfc_secret, far, now, 1000));
  EXPECT_TRUE(totp_verify(rfc_secret, totp_code(rfc_secret, now + 30 * totp_window_steps_max), now, 1000));
}

TEST(Totp, PLT03_VerifyRejectsInputThatIsNotSixDigits) {
  EXPECT_FALSE(totp_verify(rfc_secret, "94287082", 59));  // the right 8-digit code
  EXPECT_FALSE(totp_verify(rfc_secret, "28708", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "2870820", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, " 287082", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "287082 ", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "28708a", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "", 59));
  EXPECT_FALSE(totp_verify(rfc_secret, "287083", 59));
  EXPECT_TRUE(totp_verify(rfc_secret, "287082", 59));
}

TEST(Totp, PLT03_NewSecretIsUnpaddedBase32Of20Bytes) {
  const std::string secret = new_totp_secret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_TRUE(std::all_of(secret.begin(), secret.end(),
                          [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'); }))
      << secret;
  EXPECT_NE(new_totp_secret(), secret);
  const std::string code = totp_code(secret, 1'700'000'000);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_TRUE(totp_verify(secret, code, 1'700'000'000));
}

TEST(Totp, PLT03_UriHasTheAuthenticatorFormat) {
  EXPECT_EQ(totp_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "maria@exemplo.com.br"),
            "otpauth://totp/Retaguarda:maria%40exemplo.com.br?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            "&issuer=Retaguarda&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, PLT03_UriPercentEncodesIssuerAndAccount) {
  EXPECT_EQ(totp_uri("GEZDGNBV", "joão+1@ex.com", "Banco Ação & Cia"),
            "otpauth://totp/Banco%20A%C3%A7%C3%A3o%20%26%20Cia:jo%C3%A3o%2B1%40ex.com?secret=GEZDGNBV"
            "&issuer=Banco%20A%C3%A7%C3%A3o%20%26%20Cia&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace rg::identity
