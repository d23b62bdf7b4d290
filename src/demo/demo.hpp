#pragma once
// The demo tenant that `make run` loads, so every screen has realistic data on first sight.
// Each module adds its part here as it lands.
#include <ostream>

#include "banking/accounts/service.hpp"
#include "banking/customers/service.hpp"
#include "banking/billing/service.hpp"
#include "banking/transfers/service.hpp"
#include "banking/plans/demo.hpp"
#include "identity/service.hpp"
#include "platform/approvals/service.hpp"
#include "platform/jobs/service.hpp"
#include "platform/messages/demo.hpp"
#include "platform/tags/service.hpp"
#include "platform/webhooks/service.hpp"

namespace rg::demo {

inline constexpr const char* tenant_name = "Banco Aurora";
inline constexpr const char* manager_email = "gestora@bancoaurora.com.br";
inline constexpr const char* checker_email = "supervisor@bancoaurora.com.br";
inline constexpr const char* password = "Retaguarda#2026";
// The platform operator's own tenant and its administrator (broadcasts messages, switches
// tenants' resources).
inline constexpr const char* platform_tenant_name = "Retaguarda Plataforma";
inline constexpr const char* platform_admin_email = "plataforma@retaguarda.com.br";

struct Services {
  identity::IdentityService& identity;
  approvals::ApprovalEngine& approvals;
  webhooks::WebhookService& webhooks;
  jobs::JobQueue& jobs;  // runs the demo's webhook deliveries while the demo receiver listens
  messages::DemoServices platform;  // messages, support contact, push notifications
  tags::TagService& tags;
  customers::CustomerService& customers;  // customers PF/PJ, partners, documents
  accounts::AccountService& accounts;     // accounts, sub-accounts, deposits
  transfers::TransferService& transfers;  // P2P transfers
  banking::LimitsAndPlans banking;  // limits, cash-out levels, plans and tariffs
  billing::BillingService& billing;  // tariff charges: revenue and billing centers
};

// The loopback address the demo's "homologation" trigger posts to. A receiver answers there only
// while `retaguarda demo` runs; afterwards deliveries to it fail and are retried.
inline constexpr std::uint16_t webhook_receiver_port = 8089;

// Loads the demo tenant unless it exists; prints the logins either way. Returns false on error.
bool load(Services services, std::ostream& out);

}  // namespace rg::demo
