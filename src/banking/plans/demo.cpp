#include "banking/plans/demo.hpp"

namespace rg::banking {

namespace {

template <typename T>
bool ok(const Result<T>& r, std::ostream& out, const std::string& what) {
  if (!r) out << "demo: " << what << ": " << r.error().detail << "\n";
  return r.ok();
}

constexpr Cents reais(std::int64_t r) { return r * 100; }

bool load_limits(limits::LimitService& service, const audit::Entry& who, std::ostream& out) {
  // Values in centavos: day per transaction, day total, night per transaction, night total. The
  // Pix and TED night values follow the BCB's R$ 1.000,00 night-time limit for individuals.
  const std::pair<const char*, limits::LimitValues> base[] = {
      {"p2p", {reais(50'000), reais(100'000), reais(5'000), reais(10'000)}},
      {"pix", {reais(20'000), reais(50'000), reais(1'000), reais(1'000)}},
      {"ted", {reais(50'000), reais(100'000), reais(1'000), reais(1'000)}},
      {"boleto", {reais(30'000), reais(50'000), reais(5'000), reais(10'000)}},
      {"cash_out", {reais(3'000), reais(5'000), reais(500), reais(1'000)}},
  };
  for (const auto& [type, values] : base) {
    if (!ok(service.put(who, limits::base_scope, type, values), out, std::string("limit ") + type)) return false;
  }
  const limits::CashOutLevelInput levels[] = {
      {1, std::string("Básico"), limits::LimitValues{reais(500), reais(1'000), reais(200), reais(300)}},
      {2, std::string("Intermediário"), limits::LimitValues{reais(1'500), reais(3'000), reais(300), reais(500)}},
      {3, std::string("Avançado"), limits::LimitValues{reais(3'000), reais(5'000), reais(500), reais(1'000)}},
  };
  for (const auto& level : levels) {
    if (!ok(service.create_level(who, level), out, "cash-out level " + *level.name)) return false;
  }
  return true;
}

plans::TariffInput fixed(Id plan, const char* operation, Cents amount, int quota, const char* description) {
  plans::TariffInput t;
  t.plan_id = plan;
  t.operation = operation;
  t.kind = plans::TariffKind::fixed;
  t.fixed_amount = amount;
  t.free_quota = quota;
  t.description = description;
  return t;
}

bool load_plans(plans::PlanService& service, const audit::Entry& who, std::ostream& out) {
  plans::PlanInput essencial;
  essencial.name = "Essencial";
  essencial.description = "Conta digital sem mensalidade: Pix grátis, 4 TEDs e 4 saques por mês sem tarifa.";
  essencial.card_product_ids = std::vector<std::string>{"ELO-DEBITO-VIRTUAL"};
  essencial.parameters =
      std::map<std::string, std::string>{{"cartao_fisico", "sob_demanda"}, {"rendimento_cdi_pct", "100"}};
  plans::PlanInput plus;
  plus.name = "Plus";
  plus.description = "Cesta com cartão internacional, 10 TEDs e 8 saques por mês sem tarifa.";
  plus.monthly_fee = 1'990;
  plus.overdraft_limit = reais(1'000);
  plus.card_product_ids = std::vector<std::string>{"VISA-PLUS-INTL", "ELO-DEBITO-VIRTUAL"};
  plus.parameters = std::map<std::string, std::string>{{"cashback_pct", "0.5"}, {"sala_vip_acessos_ano", "2"}};
  plans::PlanInput pj;
  pj.name = "Empresarial PJ";
  pj.description = "Conta PJ com cheque especial, boletos de cobrança e Pix para recebimentos.";
  pj.monthly_fee = 4'990;
  pj.overdraft_limit = reais(5'000);
  pj.card_product_ids = std::vector<std::string>{"MASTER-BUSINESS"};
  pj.parameters = std::map<std::string, std::string>{{"usuarios_adicionais", "5"}, {"maquininha", "opcional"}};
  auto e = service.create(who, essencial);
  auto p = service.create(who, plus);
  auto b = service.create(who, pj);
  if (!ok(e, out, "plan Essencial") || !ok(p, out, "plan Plus") || !ok(b, out, "plan Empresarial PJ")) return false;

  std::vector<plans::TariffInput> tariffs = {
      fixed(e->id, "ted", 890, 4, "TED além das 4 gratuitas do mês"),
      fixed(e->id, "cash_out", 650, 4, "Saque no Banco24Horas além dos 4 gratuitos"),
      fixed(e->id, "boleto", 0, 0, "Pagamento de boletos sem tarifa"),
      fixed(p->id, "monthly_fee", 1'990, 0, "Mensalidade da cesta Plus"),
      fixed(p->id, "ted", 490, 10, "TED além das 10 gratuitas do mês"),
      fixed(p->id, "cash_out", 450, 8, "Saque além dos 8 gratuitos"),
      fixed(b->id, "monthly_fee", 4'990, 0, "Mensalidade da conta PJ"),
      fixed(b->id, "ted", 590, 20, "TED além das 20 gratuitas do mês"),
      fixed(b->id, "boleto", 250, 0, "Pagamento de boleto"),
      fixed(b->id, "p2p", 100, 5, "Transferência entre contas além das 5 gratuitas do mês"),
      fixed(b->id, "account_opening", 0, 0, "Abertura isenta"),
  };
  plans::TariffInput pix;
  pix.plan_id = b->id;
  pix.operation = "pix";
  pix.kind = plans::TariffKind::percentage;
  pix.rate_bps = 99;  // 0,99 % of the amount
  pix.min_amount = std::optional<Cents>(50);
  pix.max_amount = std::optional<Cents>(990);
  pix.free_quota = 30;
  pix.description = "Pix enviado por PJ: 0,99 % (mín. R$ 0,50, máx. R$ 9,90), 30 por mês isentos";
  tariffs.push_back(pix);
  for (const auto& t : tariffs) {
    if (!ok(service.create_tariff(who, t), out, "tariff " + *t.operation)) return false;
  }
  return true;
}

}  // namespace

bool load_demo_limits_and_plans(LimitsAndPlans s, const audit::Entry& manager, std::ostream& out) {
  return load_limits(s.limits, manager, out) && load_plans(s.plans, manager, out);
}

}  // namespace rg::banking
