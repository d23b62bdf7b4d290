#include "banking/customers/service.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "banking/customers/store.hpp"
#include "core/contact.hpp"
#include "core/documents.hpp"
#include "core/hash.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "platform/deleted/service.hpp"

namespace rg::customers {

namespace {

namespace json = boost::json;

json::value text_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }
json::value id_or_null(const std::optional<Id>& id) {
  return id ? json::value(std::to_string(*id)) : json::value(nullptr);
}
json::value instant_or_null(const std::optional<std::int64_t>& us) {
  return us ? json::value(format_iso8601_utc_ms(*us)) : json::value(nullptr);
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <std::size_t N>
std::string alternatives(const std::array<std::string_view, N>& allowed) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    out += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(allowed[i]);
  }
  return out;
}

// Collects field errors so one 400 names every bad field.
struct Problems {
  std::vector<FieldError> errors;
  void fail(std::string field, std::string message, std::string code = {}) {
    errors.push_back({std::move(field), std::move(message), std::move(code)});
  }
  std::optional<Error> error() const {
    if (errors.empty()) return std::nullopt;
    std::string names;
    for (const auto& e : errors) names += (names.empty() ? "" : ", ") + e.field;
    return Error{ErrorCode::invalid, "Invalid fields: " + names + ".", errors};
  }
};

// A calendar date not after today (São Paulo) and not before 1900.
void read_past_date(Problems& p, const std::string& field, const std::string& text, std::int64_t now_us,
                    std::string& out) {
  auto date = parse_iso_date(text, field);
  if (!date) return p.fail(field, "Use a date as YYYY-MM-DD.");
  if (*date > sao_paulo_date(now_us)) return p.fail(field, "The date cannot be in the future.");
  if (*date < Date{1900, 1, 1}) return p.fail(field, "The date cannot be before 1900.");
  out = format_iso_date(*date);
}

// "01310-100" or "01310100" → "01310100".
std::optional<std::string> normalize_cep(const std::string& text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != '.' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() != 8) return std::nullopt;
  return digits;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// Applies `in` to `c` (a new customer when `create`), normalizing and validating every field.
Status apply_customer(Customer& c, const CustomerInput& in, bool create, std::int64_t now_us) {
  Problems p;
  if (create) {
    if (!in.kind) {
      p.fail("kind", "Choose pf (CPF) or pj (CNPJ).");
    } else if (*in.kind != kind_pf && *in.kind != kind_pj) {
      p.fail("kind", "Use pf or pj.");
    } else {
      c.kind = *in.kind;
    }
    if (!in.document || in.document->empty()) {
      p.fail("document", "The CPF or CNPJ is required.");
    } else if (!c.kind.empty()) {
      auto doc = c.pf() ? normalize_cpf(*in.document, "document") : normalize_cnpj(*in.document, "document");
      if (doc) {
        c.document = *doc;
      } else {
        p.fail("document", doc.error().detail);
      }
    }
  } else {
    if (in.kind && *in.kind != c.kind) p.fail("kind", "The kind of a customer cannot change.");
    if (in.document) {
      auto doc = normalize_document(*in.document, "document");
      if (!doc || doc->digits != c.document) p.fail("document", "The document of a customer cannot change.");
    }
  }
  if (c.kind.empty()) return *p.error();
  const bool pf = c.pf();
  // Fields of the other kind are refused rather than silently dropped.
  const std::pair<bool, const char*> foreign[] = {
      {pf && in.trade_name.has_value(), "trade_name"},
      {pf && in.founding_date.has_value(), "founding_date"},
      {pf && in.company_size.has_value(), "company_size"},
      {pf && in.monthly_revenue_cents.has_value(), "monthly_revenue_cents"},
      {!pf && in.social_name.has_value(), "social_name"},
      {!pf && in.birth_date.has_value(), "birth_date"},
      {!pf && in.mother_name.has_value(), "mother_name"},
      {!pf && in.occupation.has_value(), "occupation"},
      {!pf && in.monthly_income_cents.has_value(), "monthly_income_cents"}};
  for (const auto& [present, field] : foreign) {
    if (present) p.fail(field, std::string("Not used for a ") + (pf ? "PF" : "PJ") + " customer.");
  }
  if (in.name) c.name = *in.name;
  if (pf) {
    if (in.social_name) c.alt_name = *in.social_name;
    if (in.birth_date) read_past_date(p, "birth_date", *in.birth_date, now_us, c.born_on);
    if (in.mother_name) c.mother_name = *in.mother_name;
    if (in.occupation) c.occupation = *in.occupation;
    if (in.monthly_income_cents) c.monthly_income_cents = *in.monthly_income_cents;
  } else {
    if (in.trade_name) c.alt_name = *in.trade_name;
    if (in.founding_date) read_past_date(p, "founding_date", *in.founding_date, now_us, c.born_on);
    if (in.company_size) {
      if (one_of(company_sizes, *in.company_size)) {
        c.company_size = *in.company_size;
      } else {
        p.fail("company_size", "Use " + alternatives(company_sizes) + ".");
      }
    }
    if (in.monthly_revenue_cents) c.monthly_income_cents = *in.monthly_revenue_cents;
  }
  if (in.email) {
    if (plausible_email(*in.email)) {
      c.email = *in.email;
    } else {
      p.fail("email", "Use a valid e-mail address.");
    }
  }
  if (in.phone) {
    if (auto phone = normalize_br_phone(*in.phone, pf)) {
      c.phone = *phone;
    } else {
      p.fail("phone", pf ? "Use a mobile number with area code, e.g. (11) 98765-4321."
                         : "Use a phone number with area code, e.g. (11) 3265-4321.");
    }
  }
  if (in.cep) {
    if (auto cep = normalize_cep(*in.cep)) {
      c.address.cep = *cep;
    } else {
      p.fail("address.cep", "The CEP has 8 digits, e.g. 01310-100.");
    }
  }
  if (in.street) c.address.street = *in.street;
  if (in.number) c.address.number = *in.number;
  if (in.complement) c.address.complement = *in.complement;
  if (in.district) c.address.district = *in.district;
  if (in.city) c.address.city = *in.city;
  if (in.uf) {
    const auto uf = upper(*in.uf);
    if (one_of(federative_units, uf)) {
      c.address.uf = uf;
    } else {
      p.fail("address.uf", "Use one of the 27 federative units, e.g. SP.");
    }
  }
  // Required fields (a field already reported is not reported again).
  const auto reported = [&](const std::string& field) {
    return std::any_of(p.errors.begin(), p.errors.end(), [&](const FieldError& e) { return e.field == field; });
  };
  const auto require = [&](const std::string& value, const char* field, const char* message) {
    if (value.empty() && !reported(field)) p.fail(field, message);
  };
  require(c.name, "name", pf ? "The full name is required." : "The legal name (razão social) is required.");
  require(c.born_on, pf ? "birth_date" : "founding_date",
          pf ? "The birth date is required." : "The founding date is required.");
  if (pf) {
    require(c.mother_name, "mother_name", "The mother's name is required.");
    require(c.occupation, "occupation", "The occupation is required.");
  } else {
    require(c.company_size, "company_size", "Choose the company size (MEI, ME, EPP or demais).");
  }
  require(c.email, "email", "The e-mail is required.");
  require(c.phone, "phone", "The phone number is required.");
  const char* income_field = pf ? "monthly_income_cents" : "monthly_revenue_cents";
  if (create && !(pf ? in.monthly_income_cents : in.monthly_revenue_cents) && !reported(income_field)) {
    p.fail(income_field, pf ? "The monthly income is required." : "The monthly revenue is required.");
  }
  if ((c.monthly_income_cents < 0 || c.monthly_income_cents > income_cents_max) && !reported(income_field)) {
    p.fail(income_field, "Must be between 0 and " + std::to_string(income_cents_max) + " centavos.");
  }
  require(c.address.cep, "address.cep", "The CEP is required.");
  require(c.address.street, "address.street", "The street is required.");
  require(c.address.number, "address.number", "The number is required (use S/N when there is none).");
  require(c.address.district, "address.district", "The district (bairro) is required.");
  require(c.address.city, "address.city", "The city is required.");
  require(c.address.uf, "address.uf", "The federative unit (UF) is required.");
  if (auto error = p.error()) return *error;
  return {};
}

Error document_taken(const std::string& what) {
  const std::string message = "Another " + what + " already has this document.";
  return Error{ErrorCode::conflict, message, {{"document", message, "document_taken"}}};
}

Error share_exceeded(std::int64_t others, std::int64_t share) {
  const std::string message = "The partners' shares would add up to " + std::to_string(others + share) +
                              " basis points, more than " + std::to_string(share_bps_total) + " (100 %); " +
                              std::to_string(share_bps_total - others) + " remain for this partner.";
  return Error{ErrorCode::conflict, message, {{"share_bps", message, "share_sum_exceeded"}}};
}

// The name of a file as the operator's browser gave it: the last path component, without control
// characters.
std::string clean_file_name(const std::string& name) {
  std::string base = name;
  if (const auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (const char c : base) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  }
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Writes `bytes` to `path` through a temporary file in the same directory (written, fsynced,
// renamed), so a reader never sees half a file.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return Error::unavailable("Cannot create the documents folder: " + ec.message());
  const auto temp = path.string() + ".part";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::unavailable(std::string("Cannot write the document: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return Error::unavailable(std::string("Cannot write the document: ") + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return Error::unavailable("Cannot write the document to disk.");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return Error::unavailable(std::string("Cannot store the document: ") + std::strerror(errno));
  }
  return {};
}

}  // namespace

std::string sniff_content_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
    const auto brand = b.substr(8, 4);
    for (const std::string_view heic : {"heic", "heix", "heim", "heis", "mif1", "msf1"}) {
      if (brand == heic) return "image/heic";
    }
  }
  return {};
}

void register_customer_events(events::EventCatalog& catalog) {
  const std::string customer =
      R"({"id":"1","kind":"pf","document":"52998224725","name":"Ana Souza","email":"ana@exemplo.com.br",)"
      R"("phone":"+5511987654321"})";
  const std::string partner =
      R"({"id":"2","customer_id":"1","kind":"pf","document":"52998224725","name":"Ana Souza","share_bps":5000,)"
      R"("role":"socio_administrador","legal_representative":true})";
  const std::string document =
      R"({"id":"3","customer_id":"1","kind":"identity","file_name":"rg.pdf","content_type":"application/pdf",)"
      R"("size_bytes":48213,"status":"pending"})";
  catalog.add({"customer.created", "Cliente cadastrado", "Customer created", customer});
  catalog.add({"customer.updated", "Cliente alterado", "Customer updated", customer});
  catalog.add({"customer.restored", "Cliente restaurado", "Customer restored", customer});
  catalog.add({"customer.partner_added", "Sócio incluído", "Partner added", partner});
  catalog.add({"customer.partner_updated", "Sócio alterado", "Partner updated", partner});
  catalog.add({"customer.partner_removed", "Sócio excluído", "Partner removed", partner});
  catalog.add({"customer_partner.restored", "Sócio restaurado", "Partner restored", partner});
  catalog.add({"customer.document_received", "Documento recebido para análise", "Document received for analysis",
               document});
  catalog.add({"customer.document_reviewed", "Documento analisado", "Document reviewed",
               R"({"id":"3","customer_id":"1","kind":"identity","status":"approved"})"});
}

std::string customer_json(const Customer& c) {
  const bool pf = c.pf();
  const json::value none = nullptr;
  json::object o{{"id", std::to_string(c.id)},
                 {"kind", c.kind},
                 {"document", c.document},
                 {"name", c.name},
                 {"social_name", pf ? text_or_null(c.alt_name) : none},
                 {"trade_name", pf ? none : text_or_null(c.alt_name)},
                 {"birth_date", pf ? json::value(c.born_on) : none},
                 {"founding_date", pf ? none : json::value(c.born_on)},
                 {"mother_name", pf ? json::value(c.mother_name) : none},
                 {"occupation", pf ? json::value(c.occupation) : none},
                 {"company_size", pf ? none : json::value(c.company_size)},
                 {"email", c.email},
                 {"phone", c.phone},
                 {"monthly_income_cents", pf ? json::value(c.monthly_income_cents) : none},
                 {"monthly_revenue_cents", pf ? none : json::value(c.monthly_income_cents)},
                 {"address", json::object{{"cep", c.address.cep},
                                          {"street", c.address.street},
                                          {"number", c.address.number},
                                          {"complement", c.address.complement},
                                          {"district", c.address.district},
                                          {"city", c.address.city},
                                          {"uf", c.address.uf}}},
                 {"created_at", format_iso8601_utc_ms(c.created_at_us)},
                 {"updated_at", format_iso8601_utc_ms(c.updated_at_us)}};
  return json::serialize(o);
}

std::string partner_json(const Partner& p) {
  return json::serialize(json::object{{"id", std::to_string(p.id)},
                                      {"customer_id", std::to_string(p.customer_id)},
                                      {"kind", p.kind},
                                      {"document", p.document},
                                      {"name", p.name},
                                      {"share_bps", p.share_bps},
                                      {"role", p.role},
                                      {"legal_representative", p.legal_representative},
                                      {"email", text_or_null(p.email)},
                                      {"phone", text_or_null(p.phone)},
                                      {"birth_date", text_or_null(p.born_on)},
                                      {"joined_on", text_or_null(p.joined_on)},
                                      {"partner_customer_id", id_or_null(p.partner_customer_id)},
                                      {"created_at", format_iso8601_utc_ms(p.created_at_us)},
                                      {"updated_at", format_iso8601_utc_ms(p.updated_at_us)}});
}

std::string document_json(const DocumentRecord& d) {
  return json::serialize(json::object{{"id", std::to_string(d.id)},
                                      {"customer_id", std::to_string(d.customer_id)},
                                      {"kind", d.kind},
                                      {"file_name", d.file_name},
                                      {"content_type", d.content_type},
                                      {"size_bytes", d.size_bytes},
                                      {"sha256", d.sha256},
                                      {"status", d.status},
                                      {"rejection_reason", text_or_null(d.rejection_reason)},
                                      {"uploaded_by", id_or_null(d.uploaded_by)},
                                      {"uploaded_by_name", d.uploaded_by_name},
                                      {"reviewed_by", id_or_null(d.reviewed_by)},
                                      {"reviewed_by_name", text_or_null(d.reviewed_by_name)},
                                      {"reviewed_at", instant_or_null(d.reviewed_at_us)},
                                      {"created_at", format_iso8601_utc_ms(d.created_at_us)}});
}

CustomerService::CustomerService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                                 events::EventLog& events, std::string data_dir)
    : db_(db),
      clock_(clock),
      ids_(ids),
      audit_(audit),
      events_(events),
      documents_dir_((std::filesystem::path(data_dir) / "documents").string()) {}

std::vector<Customer> CustomerService::list(std::int64_t tenant_id, const CustomerFilter& filter) {
  return db_.transact(db::TxMode::read,
                      [&](db::Transaction& tx) { return store::list_customers(tx, tenant_id, filter); });
}

Result<Customer> CustomerService::get(std::int64_t tenant_id, Id id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<Customer> {
    auto c = store::find_customer(tx, tenant_id, id);
    if (!c) return Error::not_found("Customer not found.");
    return *c;
  });
}

Result<Customer> CustomerService::create(const audit::Entry& who, const CustomerInput& input) {
  Customer c;
  c.tenant_id = who.tenant_id;
  c.id = ids_.next();
  c.created_at_us = c.updated_at_us = clock_.now_us();
  if (auto s = apply_customer(c, input, true, c.created_at_us); !s) return s.error();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Customer> {
    if (store::customer_with_document(tx, c.tenant_id, c.document)) return document_taken("customer");
    try {
      store::insert_customer(tx, c);
    } catch (const db::DbError& e) {
      if (e.kind() == db::DbError::Kind::unique_violation) return document_taken("customer");
      throw;
    }
    const auto after = customer_json(c);
    audit_.record(tx, who, "customer.created", record_type_customer, std::to_string(c.id), "", after);
    events_.publish(tx, c.tenant_id, "customer.created", record_type_customer, std::to_string(c.id), after,
                    who.request_id);
    return c;
  });
}

Result<Customer> CustomerService::update(const audit::Entry& who, Id id, const CustomerInput& input) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Customer> {
    auto current = store::find_customer(tx, who.tenant_id, id, true);
    if (!current) return Error::not_found("Customer not found.");
    Customer c = *current;
    c.updated_at_us = clock_.now_us();
    if (auto s = apply_customer(c, input, false, c.updated_at_us); !s) return s.error();
    store::update_customer(tx, c);
    const auto before = customer_json(*current);
    const auto after = customer_json(c);
    audit_.record(tx, who, "customer.updated", record_type_customer, std::to_string(id), before, after);
    events_.publish(tx, c.tenant_id, "customer.updated", record_type_customer, std::to_string(id), after,
                    who.request_id);
    return c;
  });
}

bool CustomerService::has_dependents(db::Transaction& tx, std::int64_t tenant_id, Id customer_id) const {
  return dependents_ && dependents_(tx, tenant_id, customer_id);
}

Status CustomerService::remove(const audit::Entry& who, Id id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto current = store::find_customer(tx, who.tenant_id, id, true);
    if (!current) return Error::not_found("Customer not found.");
    if (has_dependents(tx, who.tenant_id, id)) {
      return Error::conflict("The customer has accounts; only a customer registered by mistake, with no accounts, "
                             "can be deleted.");
    }
    const auto now = clock_.now_us();
    store::soft_delete_customer(tx, who.tenant_id, id, who.actor_id, now);
    deleted::record_deletion(tx, ids_, now, who, record_type_customer, id,
                             current->name + " (" + (current->pf() ? format_cpf(current->document)
                                                                   : format_cnpj(current->document)) + ")");
    audit_.record(tx, who, "customer.deleted", record_type_customer, std::to_string(id), customer_json(*current), "");
    return {};
  });
}

Result<Customer> CustomerService::restore(db::Transaction& tx, const audit::Entry& who, Id id) {
  auto deleted = store::find_deleted_customer(tx, who.tenant_id, id);
  if (!deleted) return Error::not_found("Customer not found among deleted records.");
  if (store::customer_with_document(tx, who.tenant_id, deleted->document)) {
    return document_taken("customer registered since the deletion");
  }
  const auto now = clock_.now_us();
  if (!store::restore_customer(tx, who.tenant_id, id, now)) return Error::not_found("Customer not found.");
  deleted->updated_at_us = now;
  return *deleted;
}

// ---- partners ----

Status CustomerService::check_partner(db::Transaction& tx, const Customer& customer, Partner& p, bool link_given) {
  if (store::partner_document_taken(tx, customer.tenant_id, customer.id, p.document,
                                    p.id ? std::optional<Id>(p.id) : std::nullopt)) {
    return document_taken("partner of this customer");
  }
  if (p.document == customer.document) {
    return Error::invalid("document", "A company cannot be its own partner.");
  }
  if (p.partner_customer_id) {
    auto linked = store::find_customer(tx, customer.tenant_id, *p.partner_customer_id);
    if (!linked) return Error::invalid("partner_customer_id", "No customer with this id.");
    if (linked->document != p.document) {
      return Error::invalid("partner_customer_id", "The linked customer has another document than the partner.");
    }
  } else if (!link_given && p.kind == kind_pj) {
    // A company partner that is a customer too is linked on its own, so the chain can be followed.
    p.partner_customer_id = store::customer_with_document(tx, customer.tenant_id, p.document);
  }
  const auto others = store::share_sum(tx, customer.tenant_id, customer.id, p.id ? std::optional<Id>(p.id) : std::nullopt);
  if (others + p.share_bps > share_bps_total) return share_exceeded(others, p.share_bps);
  return {};
}

namespace {

Status apply_partner(Partner& p, const PartnerInput& in, bool create, std::int64_t now_us) {
  Problems pr;
  if (create) {
    if (!in.document || in.document->empty()) {
      pr.fail("document", "The partner's CPF or CNPJ is required.");
    } else if (auto doc = normalize_document(*in.document, "document")) {
      p.document = doc->digits;
      p.kind = doc->kind == DocumentKind::cpf ? kind_pf : kind_pj;
    } else {
      pr.fail("document", doc.error().detail);
    }
  } else if (in.document) {
    auto doc = normalize_document(*in.document, "document");
    if (!doc || doc->digits != p.document) pr.fail("document", "A partner's document cannot change.");
  }
  if (in.name) p.name = *in.name;
  if (p.name.empty()) pr.fail("name", "The partner's name is required.");
  if (in.share_bps) {
    if (*in.share_bps < 0 || *in.share_bps > share_bps_total) {
      pr.fail("share_bps", "The share is in basis points, from 0 to 10000 (100 %).");
    } else {
      p.share_bps = *in.share_bps;
    }
  } else if (create) {
    pr.fail("share_bps", "The share is required (basis points, 0 to 10000).");
  }
  if (in.role) {
    if (one_of(partner_roles, *in.role)) {
      p.role = *in.role;
    } else {
      pr.fail("role", "Use " + alternatives(partner_roles) + ".");
    }
  } else if (create) {
    pr.fail("role", "The role is required.");
  }
  if (in.legal_representative) p.legal_representative = *in.legal_representative;
  if (in.email) {
    if (in.email->empty() || plausible_email(*in.email)) {
      p.email = *in.email;
    } else {
      pr.fail("email", "Use a valid e-mail address.");
    }
  }
  if (in.phone) {
    if (in.phone->empty()) {
      p.phone.clear();
    } else if (auto phone = normalize_br_phone(*in.phone, false)) {
      p.phone = *phone;
    } else {
      pr.fail("phone", "Use a phone number with area code, e.g. (11) 98765-4321.");
    }
  }
  if (in.birth_date) {
    p.born_on.clear();
    if (!in.birth_date->empty()) read_past_date(pr, "birth_date", *in.birth_date, now_us, p.born_on);
  }
  if (in.joined_on) {
    p.joined_on.clear();
    if (!in.joined_on->empty()) read_past_date(pr, "joined_on", *in.joined_on, now_us, p.joined_on);
  }
  if (in.partner_customer_id) p.partner_customer_id = *in.partner_customer_id;
  if (auto error = pr.error()) return *error;
  return {};
}

Error partners_only_for_pj() {
  const std::string message = "Only companies (PJ) have partners; this customer is a person (PF).";
  return Error{ErrorCode::conflict, message, {{"customer_id", message, "customer_is_pf"}}};
}

}  // namespace

Result<std::vector<Partner>> CustomerService::partners(std::int64_t tenant_id, Id customer_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<std::vector<Partner>> {
    if (!store::find_customer(tx, tenant_id, customer_id)) return Error::not_found("Customer not found.");
    return store::list_partners(tx, tenant_id, customer_id);
  });
}

Result<Partner> CustomerService::add_partner(const audit::Entry& who, Id customer_id, const PartnerInput& input) {
  Partner p;
  p.tenant_id = who.tenant_id;
  p.customer_id = customer_id;
  p.created_at_us = p.updated_at_us = clock_.now_us();
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Partner> {
    // The customer's row lock serializes changes to its partners (the share sum).
    auto customer = store::find_customer(tx, who.tenant_id, customer_id, true);
    if (!customer) return Error::not_found("Customer not found.");
    if (customer->pf()) return partners_only_for_pj();
    Partner added = p;
    if (auto s = apply_partner(added, input, true, added.created_at_us); !s) return s.error();
    if (auto s = check_partner(tx, *customer, added, input.partner_customer_id.has_value()); !s) return s.error();
    added.id = ids_.next();
    try {
      store::insert_partner(tx, added);
    } catch (const db::DbError& e) {
      if (e.kind() == db::DbError::Kind::unique_violation) return document_taken("partner of this customer");
      throw;
    }
    const auto after = partner_json(added);
    audit_.record(tx, who, "customer.partner_added", record_type_partner, std::to_string(added.id), "", after);
    events_.publish(tx, who.tenant_id, "customer.partner_added", record_type_customer, std::to_string(customer_id),
                    after, who.request_id);
    return added;
  });
}

Result<Partner> CustomerService::update_partner(const audit::Entry& who, Id customer_id, Id partner_id,
                                                const PartnerInput& input) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<Partner> {
    auto customer = store::find_customer(tx, who.tenant_id, customer_id, true);
    if (!customer) return Error::not_found("Customer not found.");
    auto current = store::find_partner(tx, who.tenant_id, customer_id, partner_id);
    if (!current) return Error::not_found("Partner not found.");
    Partner p = *current;
    p.updated_at_us = clock_.now_us();
    if (auto s = apply_partner(p, input, false, p.updated_at_us); !s) return s.error();
    if (auto s = check_partner(tx, *customer, p, true); !s) return s.error();
    store::update_partner(tx, p);
    const auto after = partner_json(p);
    audit_.record(tx, who, "customer.partner_updated", record_type_partner, std::to_string(p.id),
                  partner_json(*current), after);
    events_.publish(tx, who.tenant_id, "customer.partner_updated", record_type_customer, std::to_string(customer_id),
                    after, who.request_id);
    return p;
  });
}

Status CustomerService::remove_partner(const audit::Entry& who, Id customer_id, Id partner_id) {
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Status {
    auto customer = store::find_customer(tx, who.tenant_id, customer_id, true);
    if (!customer) return Error::not_found("Customer not found.");
    auto current = store::find_partner(tx, who.tenant_id, customer_id, partner_id);
    if (!current) return Error::not_found("Partner not found.");
    const auto now = clock_.now_us();
    store::soft_delete_partner(tx, who.tenant_id, partner_id, who.actor_id, now);
    deleted::record_deletion(tx, ids_, now, who, record_type_partner, partner_id,
                             current->name + " — sócio de " + customer->name);
    const auto before = partner_json(*current);
    audit_.record(tx, who, "customer.partner_removed", record_type_partner, std::to_string(partner_id), before, "");
    events_.publish(tx, who.tenant_id, "customer.partner_removed", record_type_customer, std::to_string(customer_id),
                    before, who.request_id);
    return {};
  });
}

Result<Partner> CustomerService::restore_partner(db::Transaction& tx, const audit::Entry& who, Id partner_id) {
  auto p = store::find_deleted_partner(tx, who.tenant_id, partner_id);
  if (!p) return Error::not_found("Partner not found among deleted records.");
  auto customer = store::find_customer(tx, who.tenant_id, p->customer_id, true);
  if (!customer) return Error::conflict("The partner's customer was deleted; restore the customer first.");
  p->id = partner_id;
  if (p->partner_customer_id && !store::find_customer(tx, who.tenant_id, *p->partner_customer_id)) {
    p->partner_customer_id.reset();  // the linked customer is gone: keep the partner, drop the link
  }
  if (auto s = check_partner(tx, *customer, *p, true); !s) return s.error();
  const auto now = clock_.now_us();
  if (!store::restore_partner(tx, who.tenant_id, partner_id, now)) return Error::not_found("Partner not found.");
  p->updated_at_us = now;
  store::update_partner(tx, *p);
  return *p;
}

// ---- documents ----

Result<std::vector<DocumentRecord>> CustomerService::documents(std::int64_t tenant_id, Id customer_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<std::vector<DocumentRecord>> {
    if (!store::find_customer(tx, tenant_id, customer_id)) return Error::not_found("Customer not found.");
    return store::list_documents(tx, tenant_id, customer_id);
  });
}

Result<DocumentRecord> CustomerService::upload(const audit::Entry& who, Id customer_id, const std::string& kind,
                                               const std::string& file_name, std::string_view bytes) {
  if (!get(who.tenant_id, customer_id)) return Error::not_found("Customer not found.");
  Problems p;
  if (!one_of(document_kinds, kind)) p.fail("kind", "Use " + alternatives(document_kinds) + ".");
  std::string name = clean_file_name(file_name);
  if (name.empty()) name = "documento";
  if (name.size() > file_name_chars_max) {
    p.fail("file_name", "At most " + std::to_string(file_name_chars_max) + " characters.");
  }
  if (bytes.empty()) p.fail("body", "Send the file's bytes as the request body.");
  if (auto error = p.error()) return *error;
  if (bytes.size() > limits::customer_document_bytes_max) {
    return Error{ErrorCode::payload_too_large,
                 "A document has at most " + std::to_string(limits::customer_document_bytes_max) + " bytes.",
                 {{"body", "The file is too large.", "too_large"}}};
  }
  const auto type = sniff_content_type(bytes);
  if (type.empty()) {
    const std::string message = "The file is not a PDF, PNG, JPEG, WebP or HEIC image.";
    return Error{ErrorCode::unsupported_media_type, message, {{"body", message, "unsupported_type"}}};
  }
  DocumentRecord d;
  d.tenant_id = who.tenant_id;
  d.id = ids_.next();
  d.customer_id = customer_id;
  d.kind = kind;
  d.file_name = name;
  d.content_type = type;
  d.size_bytes = static_cast<std::int64_t>(bytes.size());
  d.sha256 = sha256_hex(bytes);
  d.status = "pending";
  d.uploaded_by = who.actor_id;
  d.uploaded_by_name = who.actor_name;
  d.created_at_us = clock_.now_us();
  const auto path = std::filesystem::path(documents_dir_) / std::to_string(d.tenant_id) / std::to_string(d.id);
  if (auto s = write_file_atomically(path, bytes); !s) {
    log::error("customers.document_write_failed", {{"document_id", d.id}, {"error", s.error().detail}});
    return s.error();
  }
  Result<DocumentRecord> stored = Error::internal("not stored");
  try {
    stored = db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<DocumentRecord> {
      if (!store::find_customer(tx, d.tenant_id, customer_id, true)) return Error::not_found("Customer not found.");
      store::insert_document(tx, d);
      const auto after = document_json(d);
      audit_.record(tx, who, "customer.document_received", "customer_document", std::to_string(d.id), "", after);
      events_.publish(tx, d.tenant_id, "customer.document_received", record_type_customer,
                      std::to_string(customer_id), after, who.request_id);
      return d;
    });
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw;
  }
  if (!stored) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return stored;
}

Result<DocumentRecord> CustomerService::review(const audit::Entry& who, Id customer_id, Id document_id, bool approve,
                                               const std::string& reason) {
  if (!approve && reason.empty()) return Error::invalid("reason", "Say why the document is rejected.");
  if (reason.size() > reason_chars_max) {
    return Error::invalid("reason", "At most " + std::to_string(reason_chars_max) + " characters.");
  }
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) -> Result<DocumentRecord> {
    if (!store::find_customer(tx, who.tenant_id, customer_id)) return Error::not_found("Customer not found.");
    auto current = store::find_document(tx, who.tenant_id, customer_id, document_id, true);
    if (!current) return Error::not_found("Document not found.");
    if (current->status != "pending") {
      return Error::conflict("The document was already " + current->status + " by " + current->reviewed_by_name + ".");
    }
    DocumentRecord d = *current;
    d.status = approve ? "approved" : "rejected";
    d.rejection_reason = approve ? "" : reason;
    d.reviewed_by = who.actor_id;
    d.reviewed_by_name = who.actor_name;
    d.reviewed_at_us = clock_.now_us();
    store::review_document(tx, d);
    const auto after = document_json(d);
    audit_.record(tx, who, "customer.document_reviewed", "customer_document", std::to_string(d.id),
                  document_json(*current), after);
    events_.publish(tx, d.tenant_id, "customer.document_reviewed", record_type_customer, std::to_string(customer_id),
                    after, who.request_id);
    return d;
  });
}

Result<StoredFile> CustomerService::stored_file(std::int64_t tenant_id, Id customer_id, Id document_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> Result<StoredFile> {
    if (!store::find_customer(tx, tenant_id, customer_id)) return Error::not_found("Customer not found.");
    auto d = store::find_document(tx, tenant_id, customer_id, document_id);
    if (!d) return Error::not_found("Document not found.");
    const auto path = std::filesystem::path(documents_dir_) / std::to_string(tenant_id) / std::to_string(d->id);
    return StoredFile{*d, path.string()};
  });
}

void CustomerService::record_download(const audit::Entry& who, const DocumentRecord& d) {
  db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    audit_.record(tx, who, "customer.document_downloaded", "customer_document", std::to_string(d.id), "",
                  document_json(d));
    return true;
  });
}

}  // namespace rg::customers
