#include "platform/push/gateway.hpp"

#include "core/hash.hpp"
#include "db/where.hpp"

namespace rg::push {

namespace {

bool lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string hint_of(const std::string& token) {
  return token.size() <= 4 ? std::string("…") : "…" + token.substr(token.size() - 4);
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::accepted: return "accepted";
    case Outcome::invalid_token: return "invalid_token";
    case Outcome::unregistered: return "unregistered";
    case Outcome::unavailable: return "unavailable";
    case Outcome::payload_too_large: return "payload_too_large";
  }
  return "unavailable";
}

std::string sandbox_token(const std::string& platform, const std::string& hex32) {
  const std::string letter = platform == "ios" ? "i" : "a";
  const std::string body = letter + "-" + hex32;
  return "sbx-" + body + "-" + sha256_hex(body).substr(0, 2);
}

Outcome sandbox_token_outcome(const std::string& platform, const std::string& token) {
  // "sbx-" 4 + letter 1 + "-" 1 + 32 hex + "-" 1 + 2 hex = 41
  if (token.size() != 41 || token.rfind("sbx-", 0) != 0 || token[5] != '-' || token[38] != '-') {
    return Outcome::invalid_token;
  }
  const char letter = token[4];
  const std::string hex = token.substr(6, 32);
  if ((letter != 'a' && letter != 'i') || !lower_hex(hex) || !lower_hex(token.substr(39))) return Outcome::invalid_token;
  if ((letter == 'i') != (platform == "ios")) return Outcome::invalid_token;
  if (sha256_hex(token.substr(4, 34)).substr(0, 2) != token.substr(39)) return Outcome::invalid_token;
  if (hex.rfind("00", 0) == 0) return Outcome::unregistered;
  return Outcome::accepted;
}

SandboxGateway::SandboxGateway(db::Database& db, const Clock& clock, IdGenerator& ids)
    : db_(db), clock_(clock), ids_(ids) {}

GatewayResult SandboxGateway::send(const GatewayRequest& r) {
  // The gateway is another system: it keeps its own records in its own transaction.
  return db_.transact(db::TxMode::write, [&](db::Transaction& tx) {
    const std::string token_hash = sha256_hex(r.token);
    Outcome outcome = sandbox_token_outcome(r.platform, r.token);
    if (outcome == Outcome::accepted && r.title.size() + r.body.size() + r.data.value_or("").size() >
                                            gateway_payload_bytes_max) {
      outcome = Outcome::payload_too_large;
    }
    if (outcome == Outcome::accepted && r.token.substr(6, 2) == "ee") {
      const bool refused_before = tx.query_one("SELECT 1 FROM push_gateway_messages WHERE tenant_id = $1 AND"
                                               " token_hash = $2 AND collapse_id = $3 AND outcome = 'unavailable'",
                                               {r.tenant_id, token_hash, r.collapse_id})
                                      .has_value();
      if (!refused_before) outcome = Outcome::unavailable;
    }
    const Id id = ids_.next();
    const std::int64_t now = clock_.now_us();
    const bool accepted = outcome == Outcome::accepted;
    tx.execute("INSERT INTO push_gateway_messages (tenant_id, id, collapse_id, platform, token_hash, token_hint, title,"
               " body, data, outcome, received_at_us, delivered_at_us)"
               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
               {r.tenant_id, id, r.collapse_id, r.platform, token_hash, hint_of(r.token), r.title, r.body, r.data,
                outcome_name(outcome), now, accepted ? std::optional<std::int64_t>(now) : std::nullopt});
    return GatewayResult{outcome, accepted ? std::optional<Id>(id) : std::nullopt};
  });
}

std::optional<std::int64_t> SandboxGateway::delivered_at(std::int64_t tenant_id, Id message_id) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) -> std::optional<std::int64_t> {
    auto row = tx.query_one("SELECT delivered_at_us FROM push_gateway_messages WHERE tenant_id = $1 AND id = $2",
                            {tenant_id, message_id});
    return row ? row->integer_or_null(0) : std::nullopt;
  });
}

std::vector<GatewayMessage> SandboxGateway::received(std::int64_t tenant_id, std::optional<Id> before_id, int limit) {
  return db_.transact(db::TxMode::read, [&](db::Transaction& tx) {
    db::Where where(
        "SELECT tenant_id, id, collapse_id, platform, token_hint, title, body, data, outcome, received_at_us,"
        " delivered_at_us FROM push_gateway_messages WHERE tenant_id = $1",
        {tenant_id});
    std::vector<GatewayMessage> out;
    for (const auto& row : where.before("id", before_id).order_by("id DESC", limit).query(tx)) {
      out.push_back({row.integer(0), row.integer(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6),
                     row.text_or_null(7), row.text(8), row.integer(9), row.integer_or_null(10)});
    }
    return out;
  });
}

}  // namespace rg::push
