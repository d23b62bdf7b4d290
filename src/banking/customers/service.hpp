#pragma once
// Customers PF/PJ (ACC-01), partners (ACC-02) and documents for analysis (ACC-09).
//
// A customer is a person (CPF) or a company (CNPJ); the document is unique per tenant among live
// customers. Accounts carry status, so a customer has none. Soft delete exists only for customers
// registered by mistake: it is refused while the customer has dependents (accounts), which the
// accounts module reports through the has_dependents hook set from main.cpp.
//
// Partners belong to PJ customers; their shares (basis points) sum to at most 100 % over the live
// partners, checked under the customer's row lock, so two simultaneous additions cannot exceed
// it together. A company partner may be a customer of the tenant itself (partner_customer_id),
// which lets the console follow a chain of holdings.
//
// Documents: the bytes are written to <data_dir>/documents/<tenant>/<id> (a temporary file,
// fsync, rename) before the transaction that inserts the row, audits and publishes
// customer.document_received; a failed transaction removes the file. The content type is sniffed
// from the bytes, never taken from the client. Personal data never goes to the log.
#include <functional>
#include <string>
#include <vector>

#include "banking/customers/model.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "platform/audit/service.hpp"
#include "platform/events/service.hpp"

namespace rg::customers {

// customer.*, customer_partner.restored and customer.restored into the catalogue.
void register_customer_events(events::EventCatalog& catalog);

std::string customer_json(const Customer& c);
std::string partner_json(const Partner& p);
std::string document_json(const DocumentRecord& d);

// Whether a customer has records that forbid deleting it (accounts); set by the accounts module.
using DependentsCheck = std::function<bool(db::Transaction& tx, std::int64_t tenant_id, Id customer_id)>;

// An open stored document: its row and the path of its file.
struct StoredFile {
  DocumentRecord record;
  std::string path;
};

class CustomerService {
 public:
  CustomerService(db::Database& db, const Clock& clock, IdGenerator& ids, audit::AuditLog& audit,
                  events::EventLog& events, std::string data_dir);

  std::vector<Customer> list(std::int64_t tenant_id, const CustomerFilter& filter);
  Result<Customer> get(std::int64_t tenant_id, Id id);
  Result<Customer> create(const audit::Entry& who, const CustomerInput& input);
  Result<Customer> update(const audit::Entry& who, Id id, const CustomerInput& input);
  // Soft delete; 409 while the customer has dependents.
  Status remove(const audit::Entry& who, Id id);
  // The deleted-records registry's restore: 409 naming `document` when another live customer now
  // has the same document.
  Result<Customer> restore(db::Transaction& tx, const audit::Entry& who, Id id);

  void set_dependents_check(DependentsCheck check) { dependents_ = std::move(check); }
  bool has_dependents(db::Transaction& tx, std::int64_t tenant_id, Id customer_id) const;

  Result<std::vector<Partner>> partners(std::int64_t tenant_id, Id customer_id);
  Result<Partner> add_partner(const audit::Entry& who, Id customer_id, const PartnerInput& input);
  Result<Partner> update_partner(const audit::Entry& who, Id customer_id, Id partner_id, const PartnerInput& input);
  Status remove_partner(const audit::Entry& who, Id customer_id, Id partner_id);
  // The registry's restore: refused (409) when the customer is gone, the document is taken again
  // or the share no longer fits.
  Result<Partner> restore_partner(db::Transaction& tx, const audit::Entry& who, Id partner_id);

  Result<std::vector<DocumentRecord>> documents(std::int64_t tenant_id, Id customer_id);
  Result<DocumentRecord> upload(const audit::Entry& who, Id customer_id, const std::string& kind,
                                const std::string& file_name, std::string_view bytes);
  // approve: pending → approved; otherwise → rejected with `reason` (required).
  Result<DocumentRecord> review(const audit::Entry& who, Id customer_id, Id document_id, bool approve,
                                const std::string& reason);
  // Where a document's file is; the route opens it, then calls record_download (audited as
  // customer.document_downloaded), so a missing file is answered before anything is audited.
  Result<StoredFile> stored_file(std::int64_t tenant_id, Id customer_id, Id document_id);
  void record_download(const audit::Entry& who, const DocumentRecord& document);

  const std::string& documents_dir() const { return documents_dir_; }

 private:
  Status check_partner(db::Transaction& tx, const Customer& customer, Partner& p, bool link_given);

  db::Database& db_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditLog& audit_;
  events::EventLog& events_;
  std::string documents_dir_;  // <data_dir>/documents
  DependentsCheck dependents_;
};

}  // namespace rg::customers
