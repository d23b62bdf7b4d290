#pragma once
// SQL for customers, customer_partners and customer_documents (portable, $1..$n). Every function
// takes the tenant; deleted rows are out of every lookup unless the name says otherwise.
#include <optional>
#include <vector>

#include "banking/customers/model.hpp"
#include "db/database.hpp"

namespace rg::customers::store {

void insert_customer(db::Transaction& tx, const Customer& c);
void update_customer(db::Transaction& tx, const Customer& c);
std::optional<Customer> find_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, bool lock = false);
std::optional<Customer> find_deleted_customer(db::Transaction& tx, std::int64_t tenant_id, Id id);
// The live customer with this canonical document, if any.
std::optional<Id> customer_with_document(db::Transaction& tx, std::int64_t tenant_id, const std::string& document);
std::vector<Customer> list_customers(db::Transaction& tx, std::int64_t tenant_id, const CustomerFilter& f);
void soft_delete_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by,
                          std::int64_t now_us);
bool restore_customer(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);

void insert_partner(db::Transaction& tx, const Partner& p);
void update_partner(db::Transaction& tx, const Partner& p);
std::optional<Partner> find_partner(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, Id id);
std::optional<Partner> find_deleted_partner(db::Transaction& tx, std::int64_t tenant_id, Id id);
std::vector<Partner> list_partners(db::Transaction& tx, std::int64_t tenant_id, Id customer_id);
// Sum of the live partners' shares, leaving `except` out (the partner being edited).
std::int64_t share_sum(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, std::optional<Id> except);
bool partner_document_taken(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, const std::string& document,
                            std::optional<Id> except);
void soft_delete_partner(db::Transaction& tx, std::int64_t tenant_id, Id id, std::optional<Id> by, std::int64_t now_us);
bool restore_partner(db::Transaction& tx, std::int64_t tenant_id, Id id, std::int64_t now_us);

void insert_document(db::Transaction& tx, const DocumentRecord& d);
std::optional<DocumentRecord> find_document(db::Transaction& tx, std::int64_t tenant_id, Id customer_id, Id id,
                                            bool lock = false);
std::vector<DocumentRecord> list_documents(db::Transaction& tx, std::int64_t tenant_id, Id customer_id);
void review_document(db::Transaction& tx, const DocumentRecord& d);

}  // namespace rg::customers::store
