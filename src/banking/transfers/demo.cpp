#include "banking/transfers/demo.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace rg::transfers {

namespace {

bool ok(const Error* e, std::ostream& out, const char* what) {
  if (e) out << "demo: " << what << ": " << e->detail << "\n";
  return e == nullptr;
}

template <typename T>
bool ok(const Result<T>& r, std::ostream& out, const char* what) {
  return ok(r ? nullptr : &r.error(), out, what);
}

}  // namespace

bool load_demo_accounts(accounts::AccountService& accounts, TransferService& transfers, const audit::Entry& who,
                        const std::vector<Id>& customers, std::ostream& out) {
  if (customers.size() < 8) {
    out << "demo: accounts need at least 8 customers\n";
    return false;
  }
  // One main account per customer, funded with a realistic balance.
  static constexpr std::int64_t deposits[] = {1'850'00, 12'430'55, 640'00,    25'000'00, 3'210'90, 980'10,
                                              7'500'00, 15'300'00, 2'100'00,  48'750'00, 9'999'99, 310'00,
                                              5'420'35, 18'000'00, 1'200'00, 60'000'00, 33'500'00, 4'750'00};
  std::vector<Id> acc;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    auto a = accounts.open(who, {customers[i], std::nullopt, std::nullopt, ""});
    if (!ok(a, out, "account")) return false;
    acc.push_back(a->account.id);
    auto d = accounts.deposit(who, a->account.id, deposits[i % std::size(deposits)], "Depósito inicial");
    if (!ok(d, out, "deposit")) return false;
  }
  // Sub-accounts: a savings wallet with part of it redeemed, and a company's escrow.
  auto wallet = accounts.open_sub(who, acc[1], accounts::Kind::wallet, "Cofrinho – viagem de férias");
  if (!ok(wallet, out, "wallet")) return false;
  if (!ok(accounts.deposit(who, wallet->account.id, 2'000'00, "Reserva para a viagem"), out, "wallet deposit")) return false;
  if (!ok(accounts.redeem(who, wallet->account.id, 350'00), out, "redeem")) return false;
  auto escrow = accounts.open_sub(who, acc[customers.size() - 1], accounts::Kind::escrow, "Conta garantia – contrato 2026/114");
  if (!ok(escrow, out, "escrow")) return false;
  if (!ok(accounts.deposit(who, escrow->account.id, 12'000'00, "Garantia do contrato"), out, "escrow deposit")) return false;

  // P2P transfers between customers.
  struct Move {
    std::size_t from, to;
    std::int64_t amount;
    const char* description;
  };
  static constexpr Move moves[] = {
      {0, 1, 450'00, "Divisão do aluguel"},        {3, 0, 1'200'00, "Pagamento de serviço"},
      {1, 2, 89'90, "Jantar de sexta"},            {7, 4, 2'350'00, "Conserto do carro"},
      {4, 5, 150'00, "Presente de aniversário"},   {9, 3, 5'000'00, "Empréstimo entre amigos"},
      {2, 6, 75'50, "Rateio do churrasco"},         {6, 7, 980'00, "Material de construção"},
      {5, 0, 42'00, "Reembolso do táxi"},          {3, 8, 3'800'00, "Sinal do apartamento"},
      {8, 9, 610'00, "Mensalidade da escola"},      {1, 3, 1'999'99, "Parcela do notebook"},
  };
  for (const auto& m : moves) {
    auto t = transfers.create(who, {"", acc[m.from], acc[m.to], m.amount, m.description, std::nullopt});
    if (!ok(t, out, "transfer")) return false;
  }
  // One that failed for lack of funds (account 11 has R$ 310,00).
  if (!ok(transfers.create(who, {"", acc[11 % acc.size()], acc[0], 1'500'00, "Compra parcelada", std::nullopt}), out,
          "failed transfer")) {
    return false;
  }
  // Scheduled ones: next week, and one cancelled.
  const Date today = sao_paulo_date(accounts.clock().now_us());
  if (!ok(transfers.create(who, {"", acc[3], acc[9], 2'500'00, "Aluguel do próximo mês", add_days(today, 7)}), out,
          "scheduled")) {
    return false;
  }
  Date saturday = add_days(today, 1);
  while (weekday(saturday) != Weekday::saturday) saturday = add_days(saturday, 1);
  if (!ok(transfers.create(who, {"", acc[7], acc[2], 300'00, "Mesada (agendada para sábado)", saturday}), out,
          "scheduled saturday")) {
    return false;
  }
  auto cancelled = transfers.create(who, {"", acc[0], acc[5], 200'00, "Agendamento desistido", add_days(today, 3)});
  if (!ok(cancelled, out, "to cancel") || !ok(transfers.cancel(who, cancelled->id), out, "cancel")) return false;

  // A suspended account, and a customer who closed one of two accounts.
  if (!ok(accounts.suspend(who, acc[6], "Suspeita de fraude – análise em andamento"), out, "suspend")) return false;
  auto second = accounts.open(who, {customers[4], std::nullopt, std::nullopt, "Conta antiga"});
  if (!ok(second, out, "second account")) return false;
  if (!ok(accounts.deposit(who, second->account.id, 123'45, ""), out, "second deposit")) return false;
  if (!ok(accounts.move_residual(who, second->account.id, acc[4]), out, "residual")) return false;
  if (!ok(accounts.cancel(who, second->account.id, "Pedido do cliente: conta duplicada"), out, "cancel account")) {
    return false;
  }
  out << "demo: " << acc.size() + 3 << " accounts, " << std::size(moves) + 4 << " transfers\n";
  return true;
}

namespace {

// The first active main account of a customer.
std::optional<Id> account_of(accounts::AccountService& accounts, Id tenant_id, Id customer_id) {
  accounts::ListFilter f;
  f.customer_id = customer_id;
  f.kind = accounts::Kind::main;
  f.status = accounts::AccountStatus::active;
  auto found = accounts.list(tenant_id, f);
  if (found.empty()) return std::nullopt;
  return found.back().account.id;
}

}  // namespace

bool load_demo_tariffs(accounts::AccountService& accounts, TransferService& transfers, billing::BillingService& billing,
                       const audit::Entry& who, DemoPlans plans, const std::vector<Id>& company_customers,
                       const std::vector<Id>& person_customers, std::ostream& out) {
  std::vector<Id> companies;
  std::vector<Id> people;
  for (Id c : company_customers) {
    if (auto a = account_of(accounts, who.tenant_id, c)) companies.push_back(*a);
  }
  for (Id c : person_customers) {
    if (auto a = account_of(accounts, who.tenant_id, c)) people.push_back(*a);
  }
  if (companies.size() < 2 || people.size() < 6) {
    out << "demo: tariffs need 2 company and 6 personal accounts\n";
    return false;
  }
  for (Id a : companies) {
    if (!ok(accounts.set_plan(who, a, plans.business), out, "business plan")) return false;
  }
  // The four people with the least money move to Plus; the two poorest spend all they have,
  // overdraft included, so their monthly fees wait. (Amounts stay under the demo's night limits:
  // the demo may be loaded at any hour.)
  std::sort(people.begin(), people.end(), [&](Id a, Id b) {
    return accounts.view(who.tenant_id, a)->ledger.balance() < accounts.view(who.tenant_id, b)->ledger.balance();
  });
  for (std::size_t i = 0; i < 4; ++i) {
    if (!ok(accounts.set_plan(who, people[i], plans.plus), out, "plus plan")) return false;
  }
  for (std::size_t i = 0; i < 2; ++i) {
    auto v = accounts.view(who.tenant_id, people[i]);
    if (!ok(v, out, "view")) return false;
    const auto all = v->ledger.available();
    if (all > 0 && !ok(transfers.create(who, {"", people[i], companies[1], all, "Compra à vista", std::nullopt}), out,
                       "spend all")) {
      return false;
    }
  }
  // A company pays its suppliers: 5 free P2P transfers this month, then R$ 1,00 each.
  if (!ok(accounts.deposit(who, companies[0], 40'000'00, "Recebimento de vendas"), out, "company deposit")) return false;
  static constexpr std::int64_t payments[] = {1'250'00, 830'40, 2'100'00, 415'90, 1'800'00, 760'00, 980'00};
  for (std::size_t i = 0; i < std::size(payments); ++i) {
    auto t = transfers.create(who, {"", companies[0], people[4 + i % (people.size() - 4)], payments[i],
                                    "Pagamento a fornecedor", std::nullopt});
    if (!ok(t, out, "supplier payment")) return false;
  }
  billing.charge_monthly_fees();
  billing::ListFilter pending;
  pending.status = billing::ChargeStatus::pending;
  auto waiting = billing.list(who.tenant_id, pending);
  if (waiting.size() < 2) {
    out << "demo: expected two pending monthly fees, found " << waiting.size() << "\n";
    return false;
  }
  if (!ok(billing.waive(who, waiting.back().id, "Cortesia: primeiro mês do cliente"), out, "waive")) return false;

  // Chargebacks: a duplicated payment in full, and part of another.
  ListFilter recent;
  recent.status = TransferStatus::completed;
  recent.account_id = companies[0];
  recent.limit = 3;
  auto sent = transfers.list(who.tenant_id, recent);
  if (sent.size() < 2) return false;
  if (!ok(transfers.charge_back(who, sent[0].id, std::nullopt, "Pagamento em duplicidade"), out, "chargeback")) return false;
  if (!ok(transfers.charge_back(who, sent[1].id, 200'00, "Desconto combinado após o pagamento"), out, "partial")) {
    return false;
  }
  out << "demo: tariffs charged, " << waiting.size() - 1 << " pending, 2 chargebacks\n";
  return true;
}

}  // namespace rg::transfers
