#include "banking/customers/store.hpp"

#include "db/where.hpp"
#include "identity/password_policy.hpp"
#include "platform/tags/model.hpp"

namespace rg::customers::store {

namespace {

std::string folded(const std::string& text) { return identity::fold_accents_and_case(text); }

// A LIKE pattern matching text that starts with `prefix` (% _ \ escaped; ESCAPE '\').
std::string prefix_pattern(const std::string& prefix) {
  std::string out;
  for (const char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

constexpr const char* customer_columns =
    "tenant_id, id, kind, document, name, alt_name, born_on, mother_name, occupation, company_size, email, phone,"
    " monthly_income_cents, cep, street, address_number, complement, district, city, uf, created_at_us,"
    " updated_at_us FROM customers";

Customer customer_from_row(const db::Row& row) {
  Customer c;
  c.tenant_id = row.integer(0);
  c.id = row.integer(1);
  c.kind = row.text(2);
  c.document = row.text(3);
  c.name = row.text(4);
  c.alt_name = row.text(5);
  c.born_on = row.text(6);
  c.mother_name = row.text(7);
  c.occupation = row.text(8);
  c.company_size = row.text(9);
  c.email = row.text(10);
  c.phone = row.text(11);
  c.monthly_income_cents = row.integer(12);
  c.address = {row.text(13), row.text(14), row.text(15), row.text(16), row.text(17), row.text(18), row.text(19)};
  c.created_at_us = row.integer(20);
  c.updated_at_us = row.integer(21);
  return c;
}

constexpr const char* partner_columns =
    "tenant_id, id, customer_id, kind, document, name, share_bps, role, legal_representative, email, phone, born_on,"
    " joined_on, partner_customer_id, created_at_us, updated_at_us FROM customer_partners";

Partner partner_from_row(const db::Row& row) {
  Partner p;
  p.tenant_id = row.integer(0);
  p.id = row.integer(1);
  p.customer_id = row.integer(2);
  p.kind = row.text(3);
  p.document = row.text(4);
  p.name = row.text(5);
  p.share_bps = row.integer(6);
  p.role = row.text(7);
  p.legal_representative = row.integer(8) != 0;
  p.email = row.text(9);
  p.phone = row.text(10);
  p.born_on = row.text(11);
  p.joined_on = row.text(12);
  p.partner_customer_id = row.integer_or_null(13);
  p.created_at_us = row.integer(14);
  p.updated_at_us = row.integer(15);
  return p;
}

constexpr const char* document_columns =
    "tenant_id, id, customer_id, kind, file_name, content_type, size_bytes, sha256, status, rejection_reason,"
    " uploaded_by, uploaded_by_name, reviewed_by, reviewed_by_name, reviewed_at_us, created_at_us"
    " FROM customer_documents";

DocumentRecord document_from_row(const db::Row& row) {
  DocumentRecord d;
  d.tenant_id = row.integer(0);
  d.id = row.integer(1);
  d.customer_id = row.integer(2);
  d.kind = row.text(3);
  d.file_name = row.text(4);
  d.content_type = row.text(5);
  d.size_bytes = row.integer(6);
  d.sha256 = row.text(7);
  d.status = row.text(8);
  d.rejection_reason = row.text(9);
  d.uploaded_by = row.integer_or_null(10);
  d.uploaded_by_name = row.text(11);
  d.reviewed_by = row.integer_or_null(12);
  d.reviewed_by_name = row.text(13);
  d.reviewed_at_us = row.integer_or_null(14);
  d.created_at_us = row.integer(15);
  return d;
}

}  // namespace

void insert_customer(db::Transaction& tx, const Customer& c) {
  tx.execute(
      "INSERT INTO customers (tenant_id, id, kind, document, name, name_folded, alt_name, alt_name_folded, born_on,"
      " mother_name, occupation, company_size, email, email_folded, phone, monthly_income_cents, cep, street,"
      " address_number, complement, district, city, uf, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
      " $23, $24, $25)",
      {c.tenant_id, c.id, c.kind, c.document, c.name, folded(c.name), c.alt_name, folded(c.alt_name), c.born_on,
       c.mother_name, c.occupation, c.company_size, c.email, folded(c.email), c.phone, c.monthly_income_cents,
       c.address.cep, c.address.street, c.address.number, c.address.complement, c.address.district, c.address.city,
       c.address.uf, c.created_at_us, c.updated_at_us});
}

void update_customer(db::Transaction& tx, const Customer& c) {
  tx.execute(
      "UPDATE customers SET name = $3, name_folded = $4, alt_name = $5, alt_name_folded = $6, born_on = $7,"
      " mother_name = $8, occupation = $9, company_size = $10, email = $11, email_folded = $12, phone = $13,"
      " monthly_income_cents = $14, cep = $15, street = $16, address_number = $17, complement = $18, district = $19,"
      " city = $20, uf = $21, updated_at_us = $22 WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {c.tenant_id, c.id, c.name, folded(c.name), c.alt_name, folded(c.alt_name), c.born_on, c.mother_name,
       c.occupation, c.company_size, c.email, folded(c.email), c.phone, c.monthly_income_cents, c.address.cep,
       c.address.street, c.address.number, c.address.complement, c.address.district, c.address.city, c.address.uf,
       c.updated_at_us});
}

std::optional<Customer> find_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + customer_columns +
                              " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return customer_from_row(*row);
}

std::optional<Customer> find_deleted_customer(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + customer_columns +
                              " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL" + tx.for_update(),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return customer_from_row(*row);
}

std::optional<Id> customer_with_document(db::Transaction& tx, std::int64_t tenant_id, const std::string& document) {
  auto row = tx.query_one("SELECT id FROM customers WHERE tenant_id = $1 AND document = $2 AND deleted_at_us IS NULL",
                          {tenant_id, document});
  if (!row) return std::nullopt;
  return row->integer(0);
}

std::vector<Customer> list_customers(db::Transaction& tx, std::int64_t tenant_id, const CustomerFilter& f) {
  db::Where where(std::string("SELECT ") + customer_columns + " WHERE tenant_id = $1 AND deleted_at_us IS NULL",
                  {tenant_id});
  where.equal("document", f.document).equal("kind", f.kind).equal("email_folded", f.email);
  if (f.name_prefix) {
    const std::string n = where.bind(prefix_pattern(*f.name_prefix));
    where.condition("(name_folded LIKE " + n + " ESCAPE '\\' OR alt_name_folded LIKE " + n + " ESCAPE '\\')");
  }
  if (f.tag_id) {
    // Qualified: inside the EXISTS an unqualified tenant_id would be record_tags' own.
    where.condition(
        tags::tagged_condition(record_type_customer, "customers.tenant_id", "customers.id", where.bind(*f.tag_id)));
  }
  where.period("created_at_us", f.created_from_us, f.created_to_us).before("id", f.before_id);
  std::vector<Customer> out;
  for (const auto& row : where.order_by("id DESC", f.limit).query(tx)) out.push_back(customer_from_row(row));
  return out;
}

void soft_delete_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by,
                          std::int64_t now_us) {
  tx.execute("UPDATE customers SET deleted_at_us = $3, deleted_by = $4, updated_at_us = $3"
             " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
             {tenant_id, id, now_us, by});
}

bool restore_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute("UPDATE customers SET deleted_at_us = NULL, deleted_by = NULL, updated_at_us = $3"
                    " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
                    {tenant_id, id, now_us}) == 1;
}

void insert_partner(db::Transaction& tx, const Partner& p) {
  tx.execute(
      "INSERT INTO customer_partners (tenant_id, id, customer_id, kind, document, name, share_bps, role,"
      " legal_representative, email, phone, born_on, joined_on, partner_customer_id, created_at_us, updated_at_us)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
      {p.tenant_id, p.id, p.customer_id, p.kind, p.document, p.name, p.share_bps, p.role, p.legal_representative,
       p.email, p.phone, p.born_on, p.joined_on, db::Value(p.partner_customer_id), p.created_at_us, p.updated_at_us});
}

void update_partner(db::Transaction& tx, const Partner& p) {
  tx.execute(
      "UPDATE customer_partners SET name = $3, share_bps = $4, role = $5, legal_representative = $6, email = $7,"
      " phone = $8, born_on = $9, joined_on = $10, partner_customer_id = $11, updated_at_us = $12"
      " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
      {p.tenant_id, p.id, p.name, p.share_bps, p.role, p.legal_representative, p.email, p.phone, p.born_on,
       p.joined_on, db::Value(p.partner_customer_id), p.updated_at_us});
}

std::optional<Partner> find_partner(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + partner_columns +
                              " WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 AND deleted_at_us IS NULL",
                          {tenant_id, customer_id, id});
  if (!row) return std::nullopt;
  return partner_from_row(*row);
}

std::optional<Partner> find_deleted_partner(db::Transaction& tx, std::int64_t tenant_id, Id id) {
  auto row = tx.query_one(std::string("SELECT ") + partner_columns +
                              " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return partner_from_row(*row);
}

std::vector<Partner> list_partners(db::Transaction& tx, std::int64_t tenant_id, Id customer_id) {
  std::vector<Partner> out;
  for (const auto& row : tx.query(std::string("SELECT ") + partner_columns +
                                      " WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at_us IS NULL"
                                      " ORDER BY share_bps DESC, id",
                                  {tenant_id, customer_id})) {
    out.push_back(partner_from_row(row));
  }
  return out;
}

std::int64_t share_sum(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, std::optional<Id> except) {
  return tx
      .query_one("SELECT CAST(COALESCE(SUM(share_bps), 0) AS BIGINT) FROM customer_partners"
                 " WHERE tenant_id = $1 AND customer_id = $2 AND deleted_at_us IS NULL AND id <> $3",
                 {tenant_id, customer_id, except.value_or(0)})
      ->integer(0);
}

bool partner_document_taken(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, const std::string& document,
                            std::optional<Id> except) {
  return tx
      .query_one("SELECT 1 FROM customer_partners WHERE tenant_id = $1 AND customer_id = $2 AND document = $3"
                 " AND deleted_at_us IS NULL AND id <> $4",
                 {tenant_id, customer_id, document, except.value_or(0)})
      .has_value();
}

void soft_delete_partner(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by,
                         std::int64_t now_us) {
  tx.execute("UPDATE customer_partners SET deleted_at_us = $3, deleted_by = $4, updated_at_us = $3"
             " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NULL",
             {tenant_id, id, now_us, by});
}

bool restore_partner(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us) {
  return tx.execute("UPDATE customer_partners SET deleted_at_us = NULL, deleted_by = NULL, updated_at_us = $3"
                    " WHERE tenant_id = $1 AND id = $2 AND deleted_at_us IS NOT NULL",
                    {tenant_id, id, now_us}) == 1;
}

void insert_document(db::Transaction& tx, const DocumentRecord& d) {
  tx.execute(
      "INSERT INTO customer_documents (tenant_id, id, customer_id, kind, file_name, content_type, size_bytes, sha256,"
      " status, rejection_reason, uploaded_by, uploaded_by_name, reviewed_by, reviewed_by_name, reviewed_at_us,"
      " created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
      {d.tenant_id, d.id, d.customer_id, d.kind, d.file_name, d.content_type, d.size_bytes, d.sha256, d.status,
       d.rejection_reason, db::Value(d.uploaded_by), d.uploaded_by_name, db::Value(d.reviewed_by), d.reviewed_by_name,
       db::Value(d.reviewed_at_us), d.created_at_us});
}

std::optional<DocumentRecord> find_document(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, Id id,
                                            bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + document_columns +
                              " WHERE tenant_id = $1 AND customer_id = $2 AND id = $3" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, customer_id, id});
  if (!row) return std::nullopt;
  return document_from_row(*row);
}

std::vector<DocumentRecord> list_documents(db::Transaction& tx, std::int64_t tenant_id, Id customer_id) {
  std::vector<DocumentRecord> out;
  for (const auto& row : tx.query(std::string("SELECT ") + document_columns +
                                      " WHERE tenant_id = $1 AND customer_id = $2 ORDER BY id DESC",
                                  {tenant_id, customer_id})) {
    out.push_back(document_from_row(row));
  }
  return out;
}

void review_document(db::Transaction& tx, const DocumentRecord& d) {
  tx.execute("UPDATE customer_documents SET status = $4, rejection_reason = $5, reviewed_by = $6,"
             " reviewed_by_name = $7, reviewed_at_us = $8 WHERE tenant_id = $1 AND customer_id = $2 AND id = $3",
             {d.tenant_id, d.customer_id, d.id, d.status, d.rejection_reason, db::Value(d.reviewed_by),
              d.reviewed_by_name, db::Value(d.reviewed_at_us)});
}

}  // namespace rg::customers::store
