#include "banking/transfers/store.hpp"

#include "db/where.hpp"

namespace rg::transfers::store {

namespace {

constexpr const char* columns =
    "tenant_id, id, client_id, from_account_id, to_account_id, amount, description, status, scheduled_for, execute_on,"
    " ledger_transfer_id, tariff_amount, failure_code, failure_reason, attempts, reversal_of, created_by,"
    " created_by_name, created_at_us, updated_at_us, completed_at_us, reversed_amount";

std::optional<Date> date_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto d = parse_iso_date(*text);
  if (!d) return std::nullopt;
  return *d;
}

db::Value date_value(const std::optional<Date>& d) { return d ? db::Value(format_iso_date(*d)) : db::Value(); }

P2PTransfer from(const db::Row& r) {
  P2PTransfer t;
  t.tenant_id = r.integer(0);
  t.id = r.integer(1);
  t.client_id = r.text(2);
  t.from_account_id = r.integer(3);
  t.to_account_id = r.integer(4);
  t.amount = r.integer(5);
  t.description = r.text(6);
  t.status = parse_status(r.text(7)).value_or(TransferStatus::failed);
  t.scheduled_for = date_of(r.text_or_null(8));
  t.execute_on = date_of(r.text_or_null(9));
  t.ledger_transfer_id = r.integer_or_null(10);
  t.tariff_amount = r.integer(11);
  t.failure_code = r.text_or_null(12);
  t.failure_reason = r.text_or_null(13);
  t.attempts = static_cast<int>(r.integer(14));
  t.reversal_of = r.integer_or_null(15);
  t.created_by = r.integer_or_null(16);
  t.created_by_name = r.text(17);
  t.created_at_us = r.integer(18);
  t.updated_at_us = r.integer(19);
  t.completed_at_us = r.integer_or_null(20);
  t.reversed_amount = r.integer(21);
  return t;
}

std::vector<P2PTransfer> all(const db::Rows& rows) {
  std::vector<P2PTransfer> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

}  // namespace

void insert(db::Transaction& tx, const P2PTransfer& t) {
  tx.execute(std::string("INSERT INTO p2p_transfers (") + columns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
                 " $22)",
             {t.tenant_id, t.id, t.client_id, t.from_account_id, t.to_account_id, t.amount, t.description,
              status_name(t.status), date_value(t.scheduled_for), date_value(t.execute_on), t.ledger_transfer_id,
              t.tariff_amount, t.failure_code, t.failure_reason, t.attempts, t.reversal_of, t.created_by,
              t.created_by_name, t.created_at_us, t.updated_at_us, t.completed_at_us, t.reversed_amount});
}

void update(db::Transaction& tx, const P2PTransfer& t) {
  tx.execute("UPDATE p2p_transfers SET status = $3, ledger_transfer_id = $4, tariff_amount = $5, failure_code = $6,"
             " failure_reason = $7, attempts = $8, updated_at_us = $9, completed_at_us = $10, reversed_amount = $11"
             " WHERE tenant_id = $1 AND id = $2",
             {t.tenant_id, t.id, status_name(t.status), t.ledger_transfer_id, t.tariff_amount, t.failure_code,
              t.failure_reason, t.attempts, t.updated_at_us, t.completed_at_us, t.reversed_amount});
}

std::optional<P2PTransfer> find(db::Transaction& tx, Id tenant_id, Id id, bool lock) {
  auto row = tx.query_one(std::string("SELECT ") + columns + " FROM p2p_transfers WHERE tenant_id = $1 AND id = $2" +
                              (lock ? tx.for_update() : ""),
                          {tenant_id, id});
  if (!row) return std::nullopt;
  return from(*row);
}

std::optional<P2PTransfer> find_by_client(db::Transaction& tx, Id tenant_id, const std::string& client_id) {
  auto row = tx.query_one(std::string("SELECT ") + columns + " FROM p2p_transfers WHERE tenant_id = $1 AND client_id = $2",
                          {tenant_id, client_id});
  if (!row) return std::nullopt;
  return from(*row);
}

std::vector<P2PTransfer> list(db::Transaction& tx, Id tenant_id, const ListFilter& f) {
  db::Where w(std::string("SELECT ") + columns + " FROM p2p_transfers WHERE tenant_id = $1", {tenant_id});
  if (f.account_id) {
    const auto p = w.bind(*f.account_id);
    w.condition("(from_account_id = " + p + " OR to_account_id = " + p + ")");
  }
  if (f.status) w.compare("status", "=", status_name(*f.status));
  w.equal("reversal_of", f.reversal_of);
  w.period("created_at_us", f.from_us, f.to_us).before("id", f.before_id);
  return all(w.order_by("id DESC", f.limit).query(tx));
}

Sent sent_in(db::Transaction& tx, Id tenant_id, Id from_account_id, std::int64_t start_us, std::int64_t end_us) {
  auto row = tx.query_one(
      "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM p2p_transfers WHERE tenant_id = $1 AND from_account_id = $2"
      " AND status = 'completed' AND reversal_of IS NULL AND completed_at_us >= $3 AND completed_at_us < $4",
      {tenant_id, from_account_id, start_us, end_us});
  return row ? Sent{row->integer(0), row->integer(1)} : Sent{};
}

std::vector<P2PTransfer> due(db::Transaction& tx, Date day, int limit) {
  return all(tx.query(std::string("SELECT ") + columns +
                          " FROM p2p_transfers WHERE status = 'scheduled' AND execute_on <= $1 ORDER BY execute_on, id"
                          " LIMIT $2" + tx.for_update(),
                      {format_iso_date(day), static_cast<std::int64_t>(limit)}));
}

}  // namespace rg::transfers::store
