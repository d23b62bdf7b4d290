#include "core/documents.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rg {
namespace {

// The message of a failed normalization, or a marker that makes the assertion fail loudly.
std::string error_of(const Result<std::string>& result) {
  return result.ok() ? "<unexpectedly ok: " + result.value() + ">" : result.error().detail;
}

TEST(DocumentsTest, ValidCpfsPass) {
  EXPECT_TRUE(is_valid_cpf("52998224725"));
  EXPECT_TRUE(is_valid_cpf("11144477735"));
}

TEST(DocumentsTest, CpfValidationNeedsBareDigits) {
  EXPECT_FALSE(is_valid_cpf("529.982.247-25"));
  EXPECT_FALSE(is_valid_cpf(""));
}

TEST(DocumentsTest, CpfWithWrongCheckDigitsFails) {
  EXPECT_FALSE(is_valid_cpf("52998224724"));  // second check digit off by one
  EXPECT_FALSE(is_valid_cpf("52998224735"));  // first check digit off by one
  EXPECT_FALSE(is_valid_cpf("11144477753"));  // check digits swapped
  EXPECT_EQ(error_of(normalize_cpf("529.982.247-24")), "CPF check digits do not match");
}

TEST(DocumentsTest, NormalizeCpfAcceptsMaskAndDigits) {
  for (const char* input : {"529.982.247-25", "52998224725", " 529 982 247 25 ", "529982247-25"}) {
    const Result<std::string> cpf = normalize_cpf(input);
    ASSERT_TRUE(cpf.ok()) << input << ": " << cpf.error().detail;
    EXPECT_EQ(*cpf, "52998224725") << input;
  }
}

TEST(DocumentsTest, CpfWithWrongLengthIsRejected) {
  EXPECT_EQ(error_of(normalize_cpf("5299822472")), "CPF must have 11 digits");
  EXPECT_EQ(error_of(normalize_cpf("529982247250")), "CPF must have 11 digits");
  EXPECT_EQ(error_of(normalize_cpf("")), "CPF must have 11 digits");
  EXPECT_FALSE(is_valid_cpf("5299822472"));
}

TEST(DocumentsTest, CpfWithLettersOrOtherSymbolsIsRejected) {
  const std::string expected = "CPF may contain only digits and the separators '.' and '-'";
  EXPECT_EQ(error_of(normalize_cpf("529.982.247-2A")), expected);
  EXPECT_EQ(error_of(normalize_cpf("529/982/247-25")), expected);
  EXPECT_EQ(error_of(normalize_cpf("529.982.247_25")), expected);
  EXPECT_FALSE(is_valid_cpf("5299822472A"));
}

TEST(DocumentsTest, CpfOfOneRepeatedDigitIsRejected) {
  // Every repeated-digit CPF passes the check-digit arithmetic, so it needs its own rule.
  for (char digit = '0'; digit <= '9'; ++digit) {
    const std::string digits(11, digit);
    EXPECT_FALSE(is_valid_cpf(digits)) << digits;
    EXPECT_EQ(error_of(normalize_cpf(digits)), "CPF cannot be one digit repeated") << digits;
  }
}

TEST(DocumentsTest, CpfErrorNamesTheGivenField) {
  const Result<std::string> cpf = normalize_cpf("123", "holder.cpf");
  ASSERT_FALSE(cpf.ok());
  EXPECT_EQ(cpf.error().code, ErrorCode::invalid);
  ASSERT_EQ(cpf.error().fields.size(), 1u);
  EXPECT_EQ(cpf.error().fields[0].field, "holder.cpf");
  EXPECT_EQ(normalize_cpf("123").error().fields[0].field, "cpf");
}

TEST(DocumentsTest, ValidNumericCnpjsPass) {
  EXPECT_TRUE(is_valid_cnpj("11222333000181"));
  EXPECT_TRUE(is_valid_cnpj("11444777000161"));
  const Result<std::string> cnpj = normalize_cnpj("11.222.333/0001-81");
  ASSERT_TRUE(cnpj.ok()) << cnpj.error().detail;
  EXPECT_EQ(*cnpj, "11222333000181");
}

TEST(DocumentsTest, ReceitaAlphanumericExampleIsValid) {
  const Result<std::string> cnpj = normalize_cnpj("12.ABC.345/01DE-35");
  ASSERT_TRUE(cnpj.ok()) << cnpj.error().detail;
  EXPECT_EQ(*cnpj, "12ABC34501DE35");
  EXPECT_TRUE(is_valid_cnpj("12ABC34501DE35"));
}

TEST(DocumentsTest, ReceitaExampleBodyHasCheckDigits35AndNoOthers) {
  // Trying every pair proves the algorithm computes exactly "35" for the published body.
  for (int check = 0; check < 100; ++check) {
    const std::string suffix = {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
    EXPECT_EQ(is_valid_cnpj("12ABC34501DE" + suffix), suffix == "35") << suffix;
  }
}

TEST(DocumentsTest, LowercaseAlphanumericCnpjIsUpperCased) {
  const Result<std::string> cnpj = normalize_cnpj("12.abc.345/01de-35");
  ASSERT_TRUE(cnpj.ok()) << cnpj.error().detail;
  EXPECT_EQ(*cnpj, "12ABC34501DE35");
  // The validator takes canonical input only.
  EXPECT_FALSE(is_valid_cnpj("12abc34501de35"));
}

TEST(DocumentsTest, CnpjWithWrongCheckDigitsFails) {
  EXPECT_FALSE(is_valid_cnpj("11222333000182"));
  EXPECT_FALSE(is_valid_cnpj("12ABC34501DE36"));
  EXPECT_FALSE(is_valid_cnpj("12ABC34501DF35"));  // one body character changed
  EXPECT_EQ(error_of(normalize_cnpj("12.ABC.345/01DE-53")), "CNPJ check digits do not match");
}

TEST(DocumentsTest, CnpjWithWrongLengthIsRejected) {
  EXPECT_EQ(error_of(normalize_cnpj("1122233300018")), "CNPJ must have 14 characters");
  EXPECT_EQ(error_of(normalize_cnpj("112223330001811")), "CNPJ must have 14 characters");
  EXPECT_FALSE(is_valid_cnpj("1122233300018"));
}

TEST(DocumentsTest, CnpjWithSymbolsIsRejected) {
  const std::string expected = "CNPJ may contain only letters, digits and the separators '.', '/' and '-'";
  EXPECT_EQ(error_of(normalize_cnpj("12.ABC.345/01DE_35")), expected);
  EXPECT_EQ(error_of(normalize_cnpj("12ABC34501DE35!")), expected);
  EXPECT_EQ(error_of(normalize_cnpj("12.ÁBC.345/01DE-35")), expected);
  EXPECT_EQ(error_of(normalize_cnpj("12\tABC34501DE35")), expected);
}

TEST(DocumentsTest, CnpjWithLettersInCheckDigitPositionsIsRejected) {
  const std::string expected = "CNPJ check digits (the last two characters) must be digits";
  EXPECT_EQ(error_of(normalize_cnpj("12.ABC.345/01DE-3A")), expected);
  EXPECT_EQ(error_of(normalize_cnpj("12.ABC.345/01DE-A5")), expected);
  EXPECT_FALSE(is_valid_cnpj("12ABC34501DE3A"));
}

TEST(DocumentsTest, CnpjOfOneRepeatedCharacterIsRejected) {
  EXPECT_EQ(error_of(normalize_cnpj("00.000.000/0000-00")), "CNPJ cannot be one character repeated");
  for (char digit = '0'; digit <= '9'; ++digit) EXPECT_FALSE(is_valid_cnpj(std::string(14, digit))) << digit;
  EXPECT_FALSE(normalize_cnpj("AAAAAAAAAAAAAA").ok());
}

TEST(DocumentsTest, CnpjErrorNamesTheGivenField) {
  const Result<std::string> cnpj = normalize_cnpj("x", "company.cnpj");
  ASSERT_FALSE(cnpj.ok());
  EXPECT_EQ(cnpj.error().code, ErrorCode::invalid);
  EXPECT_EQ(cnpj.error().fields.at(0).field, "company.cnpj");
}

TEST(DocumentsTest, NormalizeDocumentDecidesKindByLength) {
  const Result<Document> cpf = normalize_document("529.982.247-25");
  ASSERT_TRUE(cpf.ok()) << cpf.error().detail;
  EXPECT_EQ(cpf->kind, DocumentKind::cpf);
  EXPECT_EQ(cpf->digits, "52998224725");

  const Result<Document> cnpj = normalize_document("12.abc.345/01de-35");
  ASSERT_TRUE(cnpj.ok()) << cnpj.error().detail;
  EXPECT_EQ(cnpj->kind, DocumentKind::cnpj);
  EXPECT_EQ(cnpj->digits, "12ABC34501DE35");
}

TEST(DocumentsTest, NormalizeDocumentReportsKindSpecificErrors) {
  const Result<Document> bad_length = normalize_document("123456789012", "payer");
  ASSERT_FALSE(bad_length.ok());
  EXPECT_EQ(bad_length.error().detail, "document must be a CPF (11 digits) or a CNPJ (14 characters)");
  EXPECT_EQ(bad_length.error().fields.at(0).field, "payer");

  // Eleven characters make it a CPF, and a CPF has no letters.
  const Result<Document> letter_in_cpf = normalize_document("529.982.247-2A");
  ASSERT_FALSE(letter_in_cpf.ok());
  EXPECT_EQ(letter_in_cpf.error().detail, "CPF may contain only digits and the separators '.' and '-'");

  const Result<Document> bad_cnpj = normalize_document("11.222.333/0001-82");
  ASSERT_FALSE(bad_cnpj.ok());
  EXPECT_EQ(bad_cnpj.error().detail, "CNPJ check digits do not match");

  EXPECT_FALSE(normalize_document("").ok());
  EXPECT_FALSE(normalize_document("529.982.247-25!").ok());
}

TEST(DocumentsTest, FormatsCpfAndCnpj) {
  EXPECT_EQ(format_cpf("52998224725"), "529.982.247-25");
  EXPECT_EQ(format_cnpj("11222333000181"), "11.222.333/0001-81");
  EXPECT_EQ(format_cnpj("12ABC34501DE35"), "12.ABC.345/01DE-35");
}

TEST(DocumentsTest, FormattingLeavesUnexpectedLengthsUnchanged) {
  EXPECT_EQ(format_cpf("123"), "123");
  EXPECT_EQ(format_cnpj("52998224725"), "52998224725");
}

TEST(DocumentsTest, FormatAfterNormalizeRoundTrips) {
  EXPECT_EQ(format_cnpj(normalize_cnpj("12abc34501de35").value()), "12.ABC.345/01DE-35");
  EXPECT_EQ(format_cpf(normalize_cpf("111.444.777-35").value()), "111.444.777-35");
}

TEST(DocumentsTest, MaskHidesCpfPrefixAndCheckDigits) {
  EXPECT_EQ(mask_document("52998224725"), "***.982.247-**");
  EXPECT_EQ(mask_document("529.982.247-25"), "***.982.247-**");
  EXPECT_EQ(mask_document("529.982.247-25").find("529"), std::string::npos);
}

TEST(DocumentsTest, MaskKeepsCnpjRootStartAndCheckDigits) {
  EXPECT_EQ(mask_document("12ABC34501DE35"), "12.ABC.***/****-35");
  EXPECT_EQ(mask_document("12.abc.345/01de-35"), "12.ABC.***/****-35");
  EXPECT_EQ(mask_document("11.222.333/0001-81"), "11.222.***/****-81");
}

TEST(DocumentsTest, MaskOfAnythingElseRevealsNothing) {
  EXPECT_EQ(mask_document(""), "***");
  EXPECT_EQ(mask_document("1234567"), "***");
  EXPECT_EQ(mask_document("joao@example.com"), "***");
}

}  // namespace
}  // namespace rg
