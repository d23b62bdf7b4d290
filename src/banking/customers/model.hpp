#pragma once
// Customers PF/PJ, their partners (quadro societário) and documents sent for analysis (ACC-01,
// ACC-02, ACC-09): plain types, no I/O.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace rg::customers {

inline constexpr const char* kind_pf = "pf";  // pessoa física: CPF
inline constexpr const char* kind_pj = "pj";  // pessoa jurídica: CNPJ

inline constexpr const char* record_type_customer = "customer";
inline constexpr const char* record_type_partner = "customer_partner";

// PJ size / legal framework as the console offers it.
inline constexpr std::array<std::string_view, 4> company_sizes{"mei", "me", "epp", "demais"};
// A partner's role in the company.
inline constexpr std::array<std::string_view, 5> partner_roles{"socio", "socio_administrador", "administrador",
                                                               "diretor", "procurador"};
// What a document is; the analysis is done by an operator with customers.documents.
inline constexpr std::array<std::string_view, 7> document_kinds{
    "identity", "selfie", "proof_of_address", "proof_of_income", "articles_of_association", "company_registration",
    "other"};
// The 27 federative units.
inline constexpr std::array<std::string_view, 27> federative_units{
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
    "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"};

inline constexpr std::int64_t share_bps_total = 10'000;  // 100 %
inline constexpr std::size_t name_chars_max = 200;
inline constexpr std::size_t text_chars_max = 200;
inline constexpr std::size_t reason_chars_max = 500;
inline constexpr std::size_t file_name_chars_max = 200;
inline constexpr std::int64_t income_cents_max = 1'000'000'000'000'00;  // R$ 1 trillion: a typo guard

struct Address {
  std::string cep;  // 8 digits
  std::string street;
  std::string number;
  std::string complement;
  std::string district;
  std::string city;
  std::string uf;  // one of federative_units
};

struct Customer {
  std::int64_t tenant_id = 0;
  Id id = 0;
  std::string kind;      // pf | pj
  std::string document;  // canonical CPF (11 digits) or CNPJ (14 characters)
  std::string name;      // PF full name; PJ razão social
  std::string alt_name;  // PF social name; PJ trade name (nome fantasia); may be empty
  std::string born_on;   // PF birth date; PJ founding date (YYYY-MM-DD)
  std::string mother_name;   // PF
  std::string occupation;    // PF
  std::string company_size;  // PJ: mei | me | epp | demais
  std::string email;
  std::string phone;  // +55 DDD number, e.g. "+5511987654321"
  std::int64_t monthly_income_cents = 0;  // PF income; PJ revenue
  Address address;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  bool pf() const { return kind == kind_pf; }
};

// Create (kind and document required) and update (PATCH: kind and document are fixed). Absent
// fields stay unchanged on update; each field's name is the API's.
struct CustomerInput {
  std::optional<std::string> kind;
  std::optional<std::string> document;
  std::optional<std::string> name;
  std::optional<std::string> social_name;    // PF
  std::optional<std::string> trade_name;     // PJ
  std::optional<std::string> birth_date;     // PF
  std::optional<std::string> founding_date;  // PJ
  std::optional<std::string> mother_name;    // PF
  std::optional<std::string> occupation;     // PF
  std::optional<std::string> company_size;   // PJ
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::int64_t> monthly_income_cents;   // PF
  std::optional<std::int64_t> monthly_revenue_cents;  // PJ
  // Address fields, each optional on update.
  std::optional<std::string> cep, street, number, complement, district, city, uf;
  bool has_address = false;  // the body had an "address" object
};

struct CustomerFilter {
  std::optional<std::string> document;      // canonical
  std::optional<std::string> name_prefix;   // folded (lower case, no accents)
  std::optional<std::string> email;         // folded
  std::optional<std::string> kind;
  std::optional<Id> tag_id;
  std::optional<std::int64_t> created_from_us;  // inclusive
  std::optional<std::int64_t> created_to_us;    // exclusive
  std::optional<Id> before_id;                  // keyset cursor, newest first
  int limit = 50;
};

struct Partner {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id customer_id = 0;
  std::string kind;      // pf (CPF) | pj (CNPJ)
  std::string document;  // canonical
  std::string name;
  std::int64_t share_bps = 0;  // 0..10000
  std::string role;            // one of partner_roles
  bool legal_representative = false;
  std::string email;  // may be empty
  std::string phone;  // may be empty; +55 form
  std::string born_on;    // birth (pf) or founding (pj) date; may be empty
  std::string joined_on;  // may be empty
  std::optional<Id> partner_customer_id;  // a PJ partner that is itself a customer of the tenant
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct PartnerInput {
  std::optional<std::string> document;  // create only
  std::optional<std::string> name;
  std::optional<std::int64_t> share_bps;
  std::optional<std::string> role;
  std::optional<bool> legal_representative;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> birth_date;  // birth (CPF) or founding (CNPJ) date
  std::optional<std::string> joined_on;
  std::optional<std::optional<Id>> partner_customer_id;  // set: a customer id, or null to unlink
};

struct DocumentRecord {
  std::int64_t tenant_id = 0;
  Id id = 0;
  Id customer_id = 0;
  std::string kind;  // one of document_kinds
  std::string file_name;
  std::string content_type;  // sniffed from the bytes
  std::int64_t size_bytes = 0;
  std::string sha256;         // hex
  std::string status;         // pending | approved | rejected
  std::string rejection_reason;
  std::optional<Id> uploaded_by;
  std::string uploaded_by_name;
  std::optional<Id> reviewed_by;
  std::string reviewed_by_name;
  std::optional<std::int64_t> reviewed_at_us;
  std::int64_t created_at_us = 0;
};

// The content type of a file from its first bytes (PDF, PNG, JPEG, WebP, HEIC); empty when it
// is none of them.
std::string sniff_content_type(std::string_view bytes);

}  // namespace rg::customers
