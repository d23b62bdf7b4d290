// The pure tariff rule and the operation catalogue of model.hpp.
#include "banking/plans/model.hpp"
#include "banking/transaction_types.hpp"
#include "core/clock.hpp"

namespace rg::banking::plans {

const char* kind_name(TariffKind kind) { return kind == TariffKind::fixed ? "fixed" : "percentage"; }

std::optional<TariffKind> kind_from(std::string_view text) {
  if (text == "fixed") return TariffKind::fixed;
  if (text == "percentage") return TariffKind::percentage;
  return std::nullopt;
}

std::vector<Operation> operations() {
  std::vector<Operation> out;
  for (const auto& t : transaction_types) out.push_back({t.code, t.label_pt, t.label_en, true});
  out.push_back({operation_monthly_fee, "Mensalidade", "Monthly fee", false});
  out.push_back({operation_account_opening, "Abertura de conta", "Account opening", false});
  return out;
}

const Operation* find_operation(std::string_view code) {
  static const std::vector<Operation> all = operations();
  for (const auto& op : all) {
    if (op.code == code) return &op;
  }
  return nullptr;
}

limits::Window month_window(std::int64_t utc_us) {
  const Date today = sao_paulo_date(utc_us);
  const Date first{today.year, today.month, 1};
  const Date next = today.month == 12 ? Date{today.year + 1, 1, 1} : Date{today.year, today.month + 1, 1};
  return {sao_paulo_start_of_day_us(first), sao_paulo_start_of_day_us(next)};
}

TariffQuote quote(const Tariff& t, Cents amount, int used_this_month) {
  if (!t.active) return {0, "inactive", 0};
  if (used_this_month < t.free_quota) return {0, "free_quota", 0};
  TariffQuote q;
  if (t.kind == TariffKind::fixed) {
    q.computed = t.fixed_amount;
    q.reason = "fixed";
  } else {
    q.computed = apply_basis_points(amount, t.rate_bps, Rounding::half_up);
    q.reason = "rate";
  }
  q.amount = q.computed;
  if (t.min_amount && q.amount < *t.min_amount) {
    q.amount = *t.min_amount;
    q.reason = "minimum";
  }
  if (t.max_amount && q.amount > *t.max_amount) {
    q.amount = *t.max_amount;
    q.reason = "maximum";
  }
  return q;
}

}  // namespace rg::banking::plans
