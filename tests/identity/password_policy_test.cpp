// covers PLT-03
#include "identity/password_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace rg::identity {
namespace {

using Rules = std::vector<std::string>;

const PasswordContext maria{"Maria da Silva", "maria.silva@exemplo.com.br", "Horizonte Pagamentos Ltda",
                            "financeiro@horizonte.com.br"};

Rules rules_of(std::string_view password, const PasswordContext& context = maria) {
  Rules rules;
  for (const auto& violation : check_password(password, context)) rules.push_back(violation.rule);
  return rules;
}

bool breaks(std::string_view password, const char* rule, const PasswordContext& context = maria) {
  const Rules rules = rules_of(password, context);
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

constexpr std::int64_t day_us = 24LL * 60 * 60 * 1'000'000;

TEST(PasswordPolicy, PLT03_FullyValidPasswordPasses) {
  EXPECT_EQ(rules_of("Tr0vao#Azul"), Rules{});
  EXPECT_TRUE(validate_password("Tr0vao#Azul", maria).ok());
  EXPECT_EQ(rules_of("Tr0vao#Azul", PasswordContext{}), Rules{});
}

TEST(PasswordPolicy, PLT03_MinimumLengthIsEightCharacters) {
  EXPECT_EQ(rules_of("Ab1!xyZ"), Rules{password_rule::too_short});  // 7
  EXPECT_EQ(rules_of("Ab1!xyZw"), Rules{});                           // 8
  EXPECT_EQ(password_length_min, 8u);
}

TEST(PasswordPolicy, PLT03_LengthCountsCodePointsNotBytes) {
  // 7 code points but 11 bytes: still too short.
  EXPECT_EQ(rules_of("Ãé1!çÕa"), Rules{password_rule::too_short});
  EXPECT_EQ(rules_of("Ãé1!çÕab"), Rules{});
  // 128 code points in 252 bytes: not too long; one more is.
  std::string accented = "Aa1!";
  for (int index = 0; index < 124; ++index) accented += "é";
  ASSERT_EQ(accented.size(), 252u);
  EXPECT_EQ(rules_of(accented), Rules{});
  EXPECT_EQ(rules_of(accented + "é"), Rules{password_rule::too_long});
}

TEST(PasswordPolicy, PLT03_MaximumLengthIs128Characters) {
  const std::string at_limit = "Aa1!" + std::string(124, 'x');
  ASSERT_EQ(at_limit.size(), 128u);
  EXPECT_EQ(rules_of(at_limit), Rules{});
  EXPECT_EQ(rules_of(at_limit + "x"), Rules{password_rule::too_long});
}

TEST(PasswordPolicy, PLT03_EachCharacterClassIsRequired) {
  EXPECT_EQ(rules_of("abc1!xyz"), Rules{password_rule::missing_upper});
  EXPECT_EQ(rules_of("ABC1!XYZ"), Rules{password_rule::missing_lower});
  EXPECT_EQ(rules_of("Abcd!xyz"), Rules{password_rule::missing_digit});
  EXPECT_EQ(rules_of("Abc1wxyz"), Rules{password_rule::missing_special});
}

TEST(PasswordPolicy, PLT03_AccentedLettersCountAsLettersNotSpecials) {
  EXPECT_EQ(rules_of("éçã#9ABC"), Rules{});  // lower case only from accented letters
  EXPECT_EQ(rules_of("ÉÇÃ#9abc"), Rules{});  // upper case only from accented letters
  EXPECT_EQ(rules_of("Éé9Xyzwq"), Rules{password_rule::missing_special});
}

TEST(PasswordPolicy, PLT03_SpaceAndOtherSymbolsAreSpecialCharacters) {
  EXPECT_EQ(rules_of("Ab1 xyzw"), Rules{});
  EXPECT_EQ(rules_of("Ab1×xyzw"), Rules{});  // U+00D7 is not a letter
  EXPECT_EQ(rules_of("Ab1\xFFxyzw"), Rules{});  // an invalid UTF-8 byte is one special character
}

TEST(PasswordPolicy, PLT03_TwoSequentialDigitsAreAllowedThreeAreNot) {
  EXPECT_EQ(sequential_digits_run_max, 2);
  EXPECT_EQ(rules_of("Xy!a12b45"), Rules{});
  EXPECT_EQ(rules_of("Xy!a123b"), Rules{password_rule::sequential_digits});
  EXPECT_EQ(rules_of("Xy!a0123456789b"), Rules{password_rule::sequential_digits});
}

TEST(PasswordPolicy, PLT03_DescendingSequencesAreRefused) {
  EXPECT_EQ(rules_of("Xy!a321b"), Rules{password_rule::sequential_digits});
  EXPECT_EQ(rules_of("Xy!a9876"), Rules{password_rule::sequential_digits});
  EXPECT_EQ(rules_of("Xy!a21b98"), Rules{});
}

TEST(PasswordPolicy, PLT03_NonSequentialDigitRunsAreAllowed) {
  EXPECT_EQ(rules_of("Xy!13579b"), Rules{});
  EXPECT_EQ(rules_of("Xy!1a2b3c"), Rules{});  // not adjacent
  EXPECT_EQ(rules_of("Xy!a121b"), Rules{});   // up then down
  EXPECT_EQ(rules_of("Xy!a111b"), Rules{});   // repeated, not sequential
  EXPECT_EQ(rules_of("Xy!a890b"), Rules{});   // no wrap-around from 9 to 0
  EXPECT_EQ(rules_of("Xy!a1223b"), Rules{});  // 12 then 23: each run is two digits
}

TEST(PasswordPolicy, PLT03_OperatorNameWordsAreRefusedIgnoringCaseAndAccents) {
  const PasswordContext joao{"JOÃO Pereira", "", "", ""};
  EXPECT_EQ(rules_of("joao2024!X", joao), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("JoÃo2024!x", joao), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("X!pErEiRa9", joao), Rules{password_rule::contains_name});
  const PasswordContext joao_plain{"joao pereira", "", "", ""};
  EXPECT_EQ(rules_of("JOÃO2024!x", joao_plain), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("Jo2024!xao", joao_plain), Rules{});
  EXPECT_TRUE(breaks("Xsilva!9", password_rule::contains_name));
  EXPECT_TRUE(breaks("MARIA!9x", password_rule::contains_name));
}

TEST(PasswordPolicy, PLT03_NameWordsShorterThanThreeLettersAreIgnored) {
  EXPECT_FALSE(breaks("Xda!9Qwe", password_rule::contains_name));  // "da" of Maria da Silva
  const PasswordContext ze{"Zé Li", "", "", ""};
  EXPECT_EQ(rules_of("Ze!9Qwli", ze), Rules{});
  EXPECT_EQ(rules_of("Zeli!9Qw", ze), Rules{password_rule::contains_name});  // the whole name
}

TEST(PasswordPolicy, PLT03_WholeNameWithoutSpacesIsRefused) {
  const PasswordContext lu_bo{"Lu Bo", "", "", ""};
  EXPECT_EQ(rules_of("Lubo#2024x", lu_bo), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("Lu#Bo2024x", lu_bo), Rules{});
}

TEST(PasswordPolicy, PLT03_OperatorEmailAndItsLocalPartAreRefused) {
  EXPECT_EQ(rules_of("X9!maria.silva@exemplo.com.br"),
            (Rules{password_rule::contains_name, password_rule::contains_email}));
  const PasswordContext email_only{"", "Maria.Silva@Exemplo.com.br", "", ""};
  EXPECT_EQ(rules_of("X9!MARIA.SILVA@exemplo.com.br", email_only), Rules{password_rule::contains_email});
  EXPECT_EQ(rules_of("Maria.Silva#9", email_only), Rules{password_rule::contains_email});
  EXPECT_EQ(rules_of("Maria_Silva#9", email_only), Rules{});
}

TEST(PasswordPolicy, PLT03_ShortEmailLocalPartIsIgnoredButWholeEmailIsNot) {
  const PasswordContext short_local{"", "jo@ex.com", "", ""};
  EXPECT_EQ(rules_of("Xjo!9abc", short_local), Rules{});
  EXPECT_EQ(rules_of("Xjo@ex.com9", short_local), Rules{password_rule::contains_email});
  const PasswordContext three_letter_local{"", "ana@ex.com", "", ""};
  EXPECT_EQ(rules_of("Xana!9bc", three_letter_local), Rules{password_rule::contains_email});
}

TEST(PasswordPolicy, PLT03_TenantNameAndEmailAreRefused) {
  EXPECT_EQ(rules_of("Horizonte#7"), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("Pagamentos#7"), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("Financeiro!9X"), Rules{password_rule::contains_email});
  const PasswordContext tenant_only{"", "", "Horizonte Pagamentos Ltda", "financeiro@horizonte.com.br"};
  EXPECT_EQ(rules_of("hORIZONTE#7", tenant_only), Rules{password_rule::contains_name});
  EXPECT_EQ(rules_of("FINANCEIRO!9x", tenant_only), Rules{password_rule::contains_email});
}

TEST(PasswordPolicy, PLT03_MultipleViolationsAreAllReported) {
  EXPECT_EQ(rules_of("abc"), (Rules{password_rule::too_short, password_rule::missing_upper,
                                    password_rule::missing_digit, password_rule::missing_special}));
  EXPECT_EQ(rules_of("maria123"), (Rules{password_rule::missing_upper, password_rule::missing_special,
                                         password_rule::sequential_digits, password_rule::contains_name}));
  EXPECT_EQ(rules_of("maria.silva@exemplo.com.br"),
            (Rules{password_rule::missing_upper, password_rule::missing_digit, password_rule::contains_name,
                   password_rule::contains_email}));
  EXPECT_EQ(rules_of(""), (Rules{password_rule::too_short, password_rule::missing_upper, password_rule::missing_lower,
                                 password_rule::missing_digit, password_rule::missing_special}));
}

TEST(PasswordPolicy, PLT03_ValidatePasswordReturnsOneFieldErrorPerViolation) {
  const Status status = validate_password("abc", maria);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::invalid);
  const auto violations = check_password("abc", maria);
  ASSERT_EQ(status.error().fields.size(), violations.size());
  for (std::size_t index = 0; index < violations.size(); ++index) {
    EXPECT_EQ(status.error().fields[index].field, "password");
    EXPECT_EQ(status.error().fields[index].message, violations[index].message);
    EXPECT_FALSE(violations[index].message.empty());
  }
}

TEST(PasswordPolicy, PLT03_PasswordExpiresAfterExactlyNinetyDays) {
  const std::int64_t changed = 1'700'000'000'000'000;
  EXPECT_EQ(password_valid_days, 90);
  EXPECT_FALSE(password_expired(changed, changed));
  EXPECT_FALSE(password_expired(changed, changed + 90 * day_us - 1));
  EXPECT_TRUE(password_expired(changed, changed + 90 * day_us));
  EXPECT_TRUE(password_expired(changed, changed + 365 * day_us));
  EXPECT_FALSE(password_expired(changed, changed - day_us));  // changed in the future: clock skew
}

TEST(PasswordPolicy, PLT03_ExpiryDoesNotOverflowAtExtremes) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  EXPECT_TRUE(password_expired(lowest, highest));
  EXPECT_FALSE(password_expired(highest, lowest));
  EXPECT_FALSE(password_expired(highest - 1, highest));
}

TEST(PasswordPolicy, PLT03_FoldingRemovesAccentsAndCase) {
  EXPECT_EQ(fold_accents_and_case("JOÃO Conceição"), "joao conceicao");
  EXPECT_EQ(fold_accents_and_case("ÁÀÂÄÅ áàâäå ÉÊË éêë ÍÎÏ íîï ÓÔÕÖØ óôõöø ÚÛÜ úûü Ññ Ýýÿ"),
            "aaaaa aaaaa eee eee iii iii ooooo ooooo uuu uuu nn yyy");
  EXPECT_EQ(fold_accents_and_case("Straße Æsir Þór"), "strasse aesir thor");
  EXPECT_EQ(fold_accents_and_case("2×3÷1 Ωμ"), "2×3÷1 Ωμ");  // non-letters and other scripts unchanged
}

}  // namespace
}  // namespace rg::identity
