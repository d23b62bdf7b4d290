#pragma once
// Brazilian taxpayer documents: CPF (people, 11 digits) and CNPJ (companies, 14 characters).
//
// Since July 2026 the Receita Federal also issues alphanumeric CNPJs: 12 characters from
// A-Z and 0-9 followed by 2 numeric check digits. Both CNPJ kinds share one check-digit rule
// (see documents.cpp), so a numeric CNPJ is simply an alphanumeric one that happens to use
// digits only. The canonical stored form (API, database) is the bare upper-case characters
// with no mask, e.g. "52998224725" or "12ABC34501DE35" (DESIGN.md §5).
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace rg {

enum class DocumentKind { cpf, cnpj };

// A validated document in canonical form: `digits` holds 11 digits for a CPF or 14 characters
// (upper-case letters allowed in the first 12) for a CNPJ.
struct Document {
  DocumentKind kind = DocumentKind::cpf;
  std::string digits;
};

inline constexpr std::size_t cpf_length = 11;
inline constexpr std::size_t cnpj_length = 14;

// True when `digits` is exactly 11 digits with matching check digits and not all the same
// digit. No mask is accepted here; use normalize_cpf for user input.
bool is_valid_cpf(std::string_view digits);

// True when `characters` is a canonical CNPJ: 12 characters from A-Z/0-9, 2 numeric check
// digits that match, and not all the same character. Lower case and masks are not accepted
// here; use normalize_cnpj for user input.
bool is_valid_cnpj(std::string_view characters);

// Accepts "529.982.247-25", "52998224725" or the same with spaces, and returns the 11 digits.
// Separators ('.', '-', ' ') are removed wherever they appear; any other character, a wrong
// length, all-same digits or wrong check digits give Error::invalid naming `field`.
Result<std::string> normalize_cpf(std::string_view input, std::string_view field = "cpf");

// Accepts "12.ABC.345/01DE-35", "12abc34501de35", "11.222.333/0001-81" and the like, and
// returns the 14 upper-case characters. Separators ('.', '/', '-', ' ') are removed wherever
// they appear; any other character, a wrong length, letters in the check-digit positions,
// all-same characters or wrong check digits give Error::invalid naming `field`.
Result<std::string> normalize_cnpj(std::string_view input, std::string_view field = "cnpj");

// Decides the kind by the number of significant characters (11 → CPF, 14 → CNPJ) and then
// normalizes as above; any other count is Error::invalid naming `field`.
Result<Document> normalize_document(std::string_view input, std::string_view field = "document");

// The body followed by its two check digits: 9 digits → a CPF, 12 characters (A-Z, 0-9) → a CNPJ.
// For generating documents (demo data, tests); the body is not checked.
std::string complete_cpf(std::string_view body);
std::string complete_cnpj(std::string_view body);

// "52998224725" → "529.982.247-25". Input that is not 11 characters is returned unchanged,
// because formatting is for display and must never fail or hide data the caller passed.
std::string format_cpf(std::string_view digits);

// "12ABC34501DE35" → "12.ABC.345/01DE-35" (numeric CNPJs alike). Input that is not 14
// characters is returned unchanged, for the same reason as format_cpf.
std::string format_cnpj(std::string_view characters);

// Masks a CPF or CNPJ for logs, where personal data is never written in full (DESIGN.md §6).
// Accepts canonical or masked input, valid or not:
//   CPF  → "***.982.247-**"      (the style government portals use under the LGPD: the
//                                 middle six digits, never the first three or the check digits)
//   CNPJ → "12.ABC.***/****-35"  (first five characters and the check digits)
// Anything that is neither 11 nor 14 significant characters becomes "***", which reveals
// neither content nor length.
std::string mask_document(std::string_view document);

}  // namespace rg
