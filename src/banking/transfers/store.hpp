#pragma once
// SQL for p2p_transfers (portable, $1..$n).
#include <optional>
#include <vector>

#include "banking/transfers/model.hpp"
#include "db/database.hpp"

namespace rg::transfers::store {

void insert(db::Transaction& tx, const P2PTransfer& t);
void update(db::Transaction& tx, const P2PTransfer& t);
std::optional<P2PTransfer> find(db::Transaction& tx, Id tenant_id, Id id, bool lock = false);
std::optional<P2PTransfer> find_by_client(db::Transaction& tx, Id tenant_id, const std::string& client_id);
std::vector<P2PTransfer> list(db::Transaction& tx, Id tenant_id, const ListFilter& f);
// The completed transfers an account sent in [start_us, end_us): their total amount and their
// count (the limits' spent sums and the tariffs' free monthly quota).
struct Sent {
  std::int64_t amount = 0;
  std::int64_t count = 0;
};
Sent sent_in(db::Transaction& tx, Id tenant_id, Id from_account_id, std::int64_t start_us, std::int64_t end_us);
// Scheduled transfers of every tenant due on or before `day`, oldest first, locked.
std::vector<P2PTransfer> due(db::Transaction& tx, Date day, int limit);

}  // namespace rg::transfers::store
