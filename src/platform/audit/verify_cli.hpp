#pragma once
// `retaguarda admin verify-audit`: checks every tenant's audit chain from the start.
#include <ostream>

#include "db/database.hpp"

namespace rg::audit {

// Prints one line per tenant ("tenant 12: 1532 entries, chain intact" or "tenant 12: BROKEN at
// entry 57: hash mismatch: row content changed"); 0 when every chain is intact, 1 otherwise.
int run_verify_audit(db::Database& db, std::ostream& out);

}  // namespace rg::audit
