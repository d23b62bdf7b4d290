// Composition root: parses the command line, builds every module and hands out references.
// Nothing else in the project looks up its own dependencies (DESIGN.md §4.5).
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <csignal>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "demo/demo.hpp"
#include "identity/approval_actions.hpp"
#include "identity/auth.hpp"
#include "identity/password_policy.hpp"
#include "identity/permissions.hpp"
#include "banking/customers/record_types.hpp"
#include "banking/customers/routes.hpp"
#include "banking/limits/routes.hpp"
#include "banking/permissions.hpp"
#include "banking/accounts/routes.hpp"
#include "banking/accounts/service.hpp"
#include "banking/accounts/store.hpp"
#include "banking/customers/store.hpp"
#include "core/documents.hpp"
#include "banking/ledger/routes.hpp"
#include "banking/billing/routes.hpp"
#include "banking/transfers/routes.hpp"
#include "banking/transfers/service.hpp"
#include "banking/transfers/store.hpp"
#include "banking/transaction_types.hpp"
#include "banking/ledger/service.hpp"
#include "banking/plans/routes.hpp"
#include "banking/receipts/routes.hpp"
#include "identity/record_types.hpp"
#include "identity/routes.hpp"
#include "identity/service.hpp"
#include "identity/store.hpp"
#include "platform/approvals/routes.hpp"
#include "platform/approvals/service.hpp"
#include "platform/audit/routes.hpp"
#include "platform/deleted/routes.hpp"
#include "platform/deleted/service.hpp"
#include "platform/audit/service.hpp"
#include "platform/audit/verify_cli.hpp"
#include "platform/email/routes.hpp"
#include "platform/email/service.hpp"
#include "platform/events/service.hpp"
#include "platform/exports/demo.hpp"
#include "platform/exports/routes.hpp"
#include "platform/exports/service.hpp"
#include "platform/jobs/kinds.hpp"
#include "platform/jobs/service.hpp"
#include "platform/jobs/store.hpp"
#include "platform/messages/routes.hpp"
#include "platform/messages/service.hpp"
#include "platform/push/routes.hpp"
#include "platform/push/service.hpp"
#include "platform/support/service.hpp"
#include "platform/status/routes.hpp"
#include "platform/tags/routes.hpp"
#include "platform/tags/service.hpp"
#include "platform/webhooks/record_types.hpp"
#include "platform/webhooks/routes.hpp"
#include "platform/webhooks/service.hpp"

#ifndef RETAGUARDA_VERSION
#define RETAGUARDA_VERSION "0.0.0"
#endif

namespace {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string db = "./data/retaguarda.db";
  int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  std::string log_level = "info";
  std::string web_root = "web/dist";
  std::uint64_t body_bytes_max = rg::limits::request_body_bytes_max;
  std::int64_t request_timeout_ms = rg::limits::request_timeout_ms_default;
  int node_id = -1;
  int job_threads = 2;
  int handler_threads = 32;
  int pool_size = rg::limits::db_pool_size_default;
  bool jobs_in_process = true;
  std::string worker_id;
  // jobs probe
  int probe_count = 1;
  int probe_sleep_ms = 0;
  bool stats_workers = false;
  // e-mail
  rg::email::SmtpConfig smtp;
  std::string console_url;  // links in e-mails; default http://<listen>
  bool cookie_secure = false;
  long webhook_timeout_ms = rg::webhooks::total_timeout_ms;
  rg::webhooks::NetworkPolicy webhook_network;  // --webhook-allow-loopback / --webhook-allow-private
  // exports (PLT-09): background export files live under <data_dir>/exports
  std::string data_dir;  // default: next to the SQLite file, else ./data
  std::int64_t export_sync_rows_max = 5000;
  // admin bootstrap
  rg::identity::BootstrapInput bootstrap;
};

// Everything the subcommands share, built in dependency order.
struct App {
  explicit App(const Config& config)
      : ids(clock, config.node_id >= 0 ? config.node_id : rg::IdGenerator::random_node_id()),
        db(rg::db::open_database(config.db, config.pool_size)),
        migrator(*db, rg::db::embedded_migration_files()),
        jobs(*db, clock, ids),
        audit(clock, ids),
        event_log((rg::identity::register_identity_events(event_catalog),
                   rg::webhooks::register_webhook_events(event_catalog),
                   rg::accounts::register_account_events(event_catalog),
                   rg::transfers::register_transfer_events(event_catalog),
                   rg::banking::limits::register_limit_events(event_catalog),
                   rg::banking::plans::register_plan_events(event_catalog),
                   rg::billing::register_billing_events(event_catalog), event_catalog),
                  clock, ids),
        email(jobs, clock, ids, config.smtp),
        identity(*db, clock, ids, audit, event_log, email, (register_permissions(permissions), permissions),
                 rg::identity::Settings{config.console_url.empty() ? "http://" + config.listen : config.console_url}),
        auth(*db, clock, ids, audit, email, identity, auth_settings(config)),
        approvals(*db, clock, ids, audit, jobs),
        webhooks(*db, clock, ids, jobs, audit, event_catalog,
                 rg::webhooks::WebhookOptions{.timeout_ms = config.webhook_timeout_ms, .network = config.webhook_network}),
        exports(*db, clock, ids, jobs, audit, export_settings(config)),
        tags(*db, clock, ids, audit, tag_types),
        deleted(*db, clock, audit, event_log, deleted_types) {
    rg::identity::register_identity_record_types(deleted_types, tag_types, identity);
    rg::webhooks::register_webhook_record_types(event_catalog, deleted_types, tag_types, clock,
                                                rg::identity::perm::webhooks_read);
    plans.register_record_types(deleted_types, tag_types, rg::banking::perm::plans_read);
    wire_banking();
    rg::jobs::register_platform_kinds(jobs, clock);
    rg::identity::register_identity_approval_actions(approvals, identity);
    rg::identity::notify_checkers_by_email(approvals, identity);
    webhooks.on_disabled([this, console = config.console_url.empty() ? "http://" + config.listen : config.console_url](
                             rg::db::Transaction& tx, const rg::webhooks::Trigger& t) {
      return identity.email_permitted(tx, t.tenant_id, rg::identity::perm::webhooks_write, "webhook_trigger_disabled",
                                      rg::webhooks::disabled_notice_vars(t, console));
    });
    exports.register_jobs();
    for (auto& list : rg::identity::identity_exports()) exports.add(std::move(list));
    for (auto& list : rg::webhooks::webhook_exports()) exports.add(std::move(list));
    exports.add(rg::audit::audit_export());
    exports.add(rg::approvals::approvals_export());
    exports.add(rg::email::mailbox_export());
    for (auto& list : rg::messages::message_exports()) exports.add(std::move(list));
    for (auto& list : rg::push::push_exports()) exports.add(std::move(list));
    exports.add(rg::tags::tags_export());
    exports.add(rg::deleted::deleted_records_export());
    rg::customers::register_customer_types(event_catalog, deleted_types, tag_types, customers);
    // Accounts belong to customers: the holder shown on an account, and no deleting a customer
    // who has accounts.
    accounts.set_holder_lookup(
        [](rg::db::Transaction& tx, rg::Id tenant, rg::Id customer) -> std::optional<rg::accounts::Holder> {
          auto c = rg::customers::store::find_customer(tx, tenant, customer);
          if (!c) return std::nullopt;
          return rg::accounts::Holder{c->name, c->pf() ? rg::format_cpf(c->document) : rg::format_cnpj(c->document)};
        });
    customers.set_dependents_check([](rg::db::Transaction& tx, std::int64_t tenant, rg::Id customer) {
      return rg::accounts::store::count_of_customer(tx, tenant, customer) > 0;
    });
    for (auto& list : rg::customers::customer_exports()) exports.add(std::move(list));
    ledger.register_jobs(jobs);
    for (auto& list : rg::accounts::account_exports()) exports.add(std::move(list));
    exports.add(rg::transfers::transfers_export());
    transfers.register_jobs(jobs);
    exports.add(rg::billing::charges_export());
    billing.register_jobs(jobs);
    for (auto& list : rg::banking::plans::plan_exports()) exports.add(std::move(list));
  }

  // The banking modules meet here (each module only knows the hooks it offers): a plan accounts
  // use cannot be deleted; accounts read their plan's terms and the tenant's default plan; limits
  // check that an account exists in the tenant; every P2P transfer is checked against the
  // account's limits (with what it already sent in the day or night window) and charged its
  // plan's tariff (with what it sent this month against the free quota), in its own transaction.
  void wire_banking() {
    plans.set_plan_in_use([](rg::db::Transaction& tx, std::int64_t tenant_id, rg::Id plan_id) {
      return rg::accounts::store::count_with_plan(tx, tenant_id, plan_id) > 0;
    });
    accounts.set_plan_lookup(
        [this](rg::db::Transaction& tx, rg::Id tenant_id, rg::Id plan_id) -> std::optional<rg::accounts::PlanTerms> {
          auto plan = plans.plan_in(tx, tenant_id, plan_id);
          if (!plan) return std::nullopt;
          return rg::accounts::PlanTerms{plan->name, plan->overdraft_limit};
        },
        [this](rg::db::Transaction& tx, rg::Id tenant_id) { return plans.default_plan_in(tx, tenant_id); });
    limits.set_account_check([](rg::db::Transaction& tx, std::int64_t tenant_id, rg::Id account_id) -> rg::Status {
      if (!rg::accounts::store::find(tx, tenant_id, account_id)) return rg::Error::not_found("Account not found.");
      return {};
    });
    auto sent = [](const rg::accounts::Account& from) {
      return [&from](rg::db::Transaction& tx, const rg::banking::limits::Window& w) {
        return rg::transfers::store::sent_in(tx, from.tenant_id, from.id, w.start_us, w.end_us);
      };
    };
    transfers.set_limit_check([this, sent](rg::db::Transaction& tx, const rg::accounts::Account& from,
                                           std::int64_t amount, std::int64_t now_us) {
      auto in = sent(from);
      return limits.check_transfer(tx, from.tenant_id, from.id, std::string(rg::banking::transaction_type_p2p), amount, now_us,
                                   std::chrono::minutes(from.night_start_minutes),
                                   [&](rg::db::Transaction& t, const rg::banking::limits::Window& w) {
                                     return in(t, w).amount;
                                   });
    });
    transfers.set_tariff_quote([this, sent](rg::db::Transaction& tx, const rg::accounts::Account& from,
                                            std::int64_t amount, std::int64_t now_us) -> rg::transfers::Tariff {
      if (!from.plan_id) return {};
      auto in = sent(from);
      auto charge = plans.charge_for(tx, from.tenant_id, *from.plan_id, std::string(rg::banking::transaction_type_p2p), amount,
                                     now_us, [&](rg::db::Transaction& t, const rg::banking::limits::Window& w) {
                                       return static_cast<int>(in(t, w).count);
                                     });
      if (!charge || charge->quote.amount <= 0) return {};
      return {charge->quote.amount, charge->description, charge->tariff_id, from.plan_id,
              std::string(rg::banking::transaction_type_p2p)};
    });
    billing.set_monthly_fee([this](rg::db::Transaction& tx, rg::Id tenant_id, rg::Id plan_id,
                                   std::int64_t now_us) -> rg::billing::TariffDue {
      auto charge = plans.charge_for(tx, tenant_id, plan_id, std::string(rg::banking::plans::operation_monthly_fee), 0, now_us,
                                     [](rg::db::Transaction&, const rg::banking::limits::Window&) { return 0; });
      if (!charge || charge->quote.amount <= 0) return {};
      return {charge->quote.amount, charge->description, charge->tariff_id, plan_id,
              std::string(rg::banking::plans::operation_monthly_fee)};
    });
    billing.set_plan_name([this](rg::db::Transaction& tx, rg::Id tenant_id, rg::Id plan_id) -> std::optional<std::string> {
      auto plan = plans.plan_in(tx, tenant_id, plan_id);
      if (!plan) return std::nullopt;
      return plan->name;
    });
  }

  static void register_permissions(rg::identity::PermissionRegistry& registry) {
    if (!registry.all().empty()) return;
    rg::identity::register_identity_permissions(registry);
    rg::banking::register_banking_permissions(registry);
  }
  static rg::identity::AuthSettings auth_settings(const Config& config) {
    rg::identity::AuthSettings s;
    s.cookie_secure = config.cookie_secure;
    return s;
  }
  static rg::exports::Settings export_settings(const Config& config) {
    rg::exports::Settings s;
    s.sync_rows_max = config.export_sync_rows_max;
    s.data_dir = config.data_dir;
    if (s.data_dir.empty()) {
      const bool file_db = !config.db.starts_with("postgresql://") && config.db != ":memory:";
      const auto parent = std::filesystem::path(config.db).parent_path();
      s.data_dir = file_db && !parent.empty() ? parent.string() : "./data";
    }
    return s;
  }

  rg::SystemClock clock;
  rg::IdGenerator ids;
  std::unique_ptr<rg::db::Database> db;
  rg::db::Migrator migrator;
  rg::jobs::JobQueue jobs;
  rg::audit::AuditLog audit;
  rg::events::EventCatalog event_catalog;
  rg::events::EventLog event_log;
  rg::email::EmailService email;
  rg::identity::PermissionRegistry permissions;
  rg::identity::IdentityService identity;
  rg::identity::AuthService auth;
  rg::approvals::ApprovalEngine approvals;
  rg::webhooks::WebhookService webhooks;
  rg::exports::ExportService exports;
  rg::deleted::RecordTypes deleted_types{event_catalog};
  rg::tags::RecordTypes tag_types;
  rg::tags::TagService tags;
  rg::deleted::DeletedRecords deleted;
  // Platform messages, tenant resources, support contact, push notifications (PLT-11/12/16).
  rg::messages::MessageService messages{*db, clock, ids, audit};
  rg::support::SupportService support{*db, clock, audit};
  rg::push::SandboxGateway push_gateway{*db, clock, ids};
  rg::push::PushService push{*db, clock, ids, jobs, audit, messages, push_gateway};
  // Customers PF/PJ, partners, documents (ACC-01/02/09); documents under <data_dir>/documents.
  rg::customers::CustomerService customers{*db, clock, ids, audit, event_log, exports.settings().data_dir};
  // Digital accounts (ACC-…, TRX-…).
  rg::ledger::LedgerService ledger{*db, clock, ids};
  rg::accounts::AccountService accounts{*db, clock, ids, audit, event_log, ledger};
  rg::billing::BillingService billing{*db, clock, ids, audit, event_log, accounts, ledger};
  rg::transfers::TransferService transfers{*db, clock, ids, audit, event_log, accounts, ledger, billing};
  // Limits and cash-out levels (TRX-05, ACC-14), plans and tariffs (ACC-03, TRX-06).
  rg::banking::limits::LimitService limits{*db, clock, ids, audit, event_log};
  rg::banking::plans::PlanService plans{*db, clock, ids, audit, event_log};
  // Receipts (TRX-04): PDFs drawn from transfers and the ledger, the tenant's name as institution.
  rg::receipts::ReceiptService receipts{accounts, transfers, [this](rg::Id tenant_id) {
                                          auto t = identity.tenant(tenant_id);
                                          return t ? t->name : std::string();
                                        }};
};

bool migrate(App& app) {
  auto applied = app.migrator.migrate();
  if (!applied) {
    rg::log::error("migrate.refused", {{"reason", applied.error().detail}});
    std::fprintf(stderr, "migrate: %s\n", applied.error().detail.c_str());
    return false;
  }
  rg::log::info("migrate.done", {{"applied", *applied},
                                 {"total", static_cast<std::int64_t>(app.migrator.migrations().size())},
                                 {"database", app.db->describe()}});
  return true;
}

std::string worker_id_for(const Config& config, const char* role) {
  if (!config.worker_id.empty()) return config.worker_id;
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + role + ":" + std::to_string(getpid()) + ":" + rg::random_hex(3);
}

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw CLI::ValidationError("--listen", "expected host:port, e.g. 127.0.0.1:8080");
  const int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw CLI::ValidationError("--listen", "port out of range");
  return {listen.substr(0, colon), static_cast<std::uint16_t>(port)};
}

rg::http::Router build_router(App& app, rg::status::StatusContext& status) {
  rg::http::Router router;
  rg::status::register_routes(router, status);
  rg::identity::register_identity_routes(router, app.identity, app.auth, app.approvals);
  rg::approvals::register_approval_routes(
      router, app.approvals,
      {rg::identity::perm::approvals_read, rg::identity::perm::approvals_check, rg::identity::perm::approvals_configure});
  rg::audit::register_audit_routes(router, *app.db, app.audit, rg::identity::perm::audit_read);
  rg::email::register_email_routes(router, *app.db, app.email, rg::identity::perm::mailbox_read);
  rg::webhooks::register_webhook_routes(router, app.webhooks,
                                        {rg::identity::perm::webhooks_read, rg::identity::perm::webhooks_write});
  rg::exports::register_export_routes(router, app.exports, rg::identity::perm::exports_read);
  rg::tags::register_tag_routes(router, app.tags, {rg::identity::perm::tags_read, rg::identity::perm::tags_write});
  rg::messages::register_message_routes(router, app.messages,
                                        {rg::identity::perm::messages_read, rg::identity::perm::platform_messages,
                                         rg::identity::perm::platform_tenants, rg::identity::perm::tenant_read});
  rg::support::register_support_routes(router, app.support,
                                       {rg::http::permission_authenticated, rg::identity::perm::support_configure});
  rg::push::register_push_routes(router, app.push, app.push_gateway,
                                 {rg::identity::perm::push_read, rg::identity::perm::push_send,
                                  rg::identity::perm::push_devices});
  rg::deleted::register_deleted_routes(
      router, app.deleted, {rg::identity::perm::deleted_records_read, rg::identity::perm::deleted_records_restore});
  rg::customers::register_customer_routes(router, app.customers);
  rg::ledger::register_ledger_routes(router, app.ledger, {rg::banking::perm::ledger_read, rg::banking::perm::ledger_write});
  {
    namespace bp = rg::banking::perm;
    rg::accounts::register_account_routes(router, app.accounts,
                                          {bp::accounts_read, bp::accounts_open, bp::accounts_status, bp::accounts_cancel,
                                           bp::accounts_manage, bp::ledger_write});
    rg::transfers::register_transfer_routes(router, app.transfers,
                                            {bp::transfers_read, bp::transfers_create, bp::transfers_manage,
                                             bp::transfers_chargeback});
    rg::billing::register_billing_routes(router, app.billing, {bp::revenue_read, bp::billing_read, bp::billing_manage});
    rg::receipts::register_receipt_routes(router, app.receipts, {bp::transfers_read, bp::accounts_read});
  }
  rg::banking::limits::register_limit_routes(router, app.limits,
                                             {rg::banking::perm::limits_read, rg::banking::perm::limits_write});
  rg::banking::plans::register_plan_routes(router, app.plans,
                                           {rg::banking::perm::plans_read, rg::banking::perm::plans_write,
                                            rg::banking::perm::tariffs_read, rg::banking::perm::tariffs_write});
  // List routes answer ?format=csv|xlsx too (PLT-09); this also binds the export jobs' row sources.
  router = rg::exports::attach_exports(router, app.exports);
  // Every route must name a registered permission: a typo would otherwise lock everyone out.
  for (const auto& route : router.routes()) {
    if (route.permission != rg::http::permission_public && route.permission != rg::http::permission_authenticated &&
        !app.permissions.contains(route.permission)) {
      throw std::logic_error("route " + route.pattern + " names unknown permission " + route.permission);
    }
  }
  return router;
}

// A bad SMTP setting fails at start-up, not at the first delivery.
bool smtp_config_ok(const Config& config) {
  auto valid = rg::email::validate_smtp_config(config.smtp);
  if (!valid) std::fprintf(stderr, "smtp: %s\n", valid.error().detail.c_str());
  return valid.ok();
}

int serve(const Config& config) {
  if (!smtp_config_ok(config)) return 1;
  App app(config);
  if (!migrate(app)) return 1;
  const auto started = app.clock.now_us();
  rg::http::Metrics metrics;
  rg::status::StatusContext status{*app.db, app.migrator, app.jobs, metrics, app.clock, started, RETAGUARDA_VERSION};
  rg::status::register_gauges(status);
  rg::http::Router router = build_router(app, status);
  rg::http::StaticFiles static_files(config.web_root);
  if (!static_files.available()) {
    rg::log::warn("console.missing", {{"web_root", config.web_root}, {"hint", "run `make build` to build web/dist"}});
  }
  rg::http::Pipeline pipeline(router, metrics, &static_files);
  pipeline.add_middleware(
      [&app](rg::http::Request& request, const rg::http::Route& route) { return app.auth.authenticate(request, route); });
  const auto [host, port] = split_listen(config.listen);
  rg::http::Server server(pipeline, {host, port, config.threads, config.handler_threads, config.body_bytes_max,
                                     config.request_timeout_ms});
  server.listen();

  app.jobs.schedule_periodic();
  std::unique_ptr<rg::jobs::JobRunner> runner;
  if (config.jobs_in_process) {
    runner = std::make_unique<rg::jobs::JobRunner>(app.jobs, worker_id_for(config, "serve"), config.job_threads);
    runner->start();
    app.webhooks.start_dispatcher();
  }
  // Ledger batches of concurrent requests are committed together (group commit).
  app.ledger.start_committer();
  rg::log::info("serve.ready", {{"url", "http://" + host + ":" + std::to_string(server.bound_port())},
                                {"database", app.db->describe()},
                                {"threads", config.threads},
                                {"version", RETAGUARDA_VERSION}});
  rg::log::flush();
  server.run();
  app.ledger.stop_committer();
  app.webhooks.stop_dispatcher();
  if (runner) runner->stop();
  rg::log::info("serve.stopped", {});
  rg::log::flush();
  return 0;
}

std::atomic<bool> g_worker_stop{false};

int worker(const Config& config) {
  if (!smtp_config_ok(config)) return 1;
  App app(config);
  auto status = app.migrator.status();
  if (!status || !status->current()) {
    std::fprintf(stderr, "worker: database schema is not current; run `retaguarda migrate` first\n");
    return 1;
  }
  // Export jobs replay list handlers, which the router binds.
  rg::http::Metrics metrics;
  rg::status::StatusContext status_context{*app.db, app.migrator, app.jobs, metrics, app.clock, 0, RETAGUARDA_VERSION};
  build_router(app, status_context);
  app.jobs.schedule_periodic();
  rg::jobs::JobRunner runner(app.jobs, worker_id_for(config, "worker"), config.job_threads);
  std::signal(SIGTERM, [](int) { g_worker_stop = true; });
  std::signal(SIGINT, [](int) { g_worker_stop = true; });
  runner.start();
  app.webhooks.start_dispatcher();
  rg::log::info("worker.started", {{"worker_id", runner.worker_id()}, {"database", app.db->describe()}});
  while (!g_worker_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  rg::log::info("worker.stopping", {{"worker_id", runner.worker_id()}});
  app.webhooks.stop_dispatcher();
  runner.stop();
  rg::log::flush();
  return 0;
}

int jobs_stats(const Config& config) {
  App app(config);
  const auto c = app.jobs.counts();
  boost::json::object out{{"queued", c.queued}, {"due", c.due},   {"running", c.running},
                          {"succeeded", c.succeeded}, {"dead", c.dead}};
  if (config.stats_workers) {
    boost::json::object workers;
    const auto rows = app.db->transact(rg::db::TxMode::read,
                                       [](rg::db::Transaction& tx) { return rg::jobs::store::attempts_by_worker(tx); });
    for (const auto& [worker, outcome, count] : rows) {
      auto& entry = workers[worker];
      if (!entry.is_object()) entry = boost::json::object();
      entry.as_object()[outcome] = count;
    }
    out["attempts_by_worker"] = std::move(workers);
  }
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

int jobs_probe(const Config& config) {
  App app(config);
  const std::string payload = "{\"sleep_ms\":" + std::to_string(config.probe_sleep_ms) + "}";
  app.db->transact(rg::db::TxMode::write, [&](rg::db::Transaction& tx) {
    for (int i = 0; i < config.probe_count; ++i) {
      auto id = app.jobs.enqueue(tx, rg::jobs::JobSpec{rg::jobs::probe_kind, payload, rg::jobs::platform_tenant, 0, 0, {}});
      if (!id) throw std::runtime_error(id.error().detail);
    }
  });
  std::cout << "enqueued " << config.probe_count << " probe job(s)\n";
  return 0;
}

int admin_bootstrap(const Config& config) {
  App app(config);
  if (!migrate(app)) return 1;
  if (config.bootstrap.manager_password) {
    auto valid = rg::identity::validate_password(
        *config.bootstrap.manager_password,
        {config.bootstrap.manager_name, config.bootstrap.manager_email, config.bootstrap.tenant_name,
         config.bootstrap.tenant_email});
    if (!valid) {
      for (const auto& f : valid.error().fields) std::fprintf(stderr, "password: %s\n", f.message.c_str());
      return 1;
    }
  }
  auto op = app.identity.bootstrap(config.bootstrap);
  if (!op) {
    std::fprintf(stderr, "bootstrap: %s\n", op.error().detail.c_str());
    for (const auto& f : op.error().fields) std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
    return 1;
  }
  std::cout << "tenant " << op->tenant_id << " created; manager " << op->email
            << (config.bootstrap.manager_password ? " can sign in now" : " received a first-access code by e-mail")
            << "\n";
  return 0;
}

// Two finished exports of the demo manager for "Exportações" (PLT-09); the router binds the row
// sources they replay.
bool load_demo_exports(App& app) {
  rg::http::Metrics metrics;
  rg::status::StatusContext status{*app.db, app.migrator, app.jobs, metrics, app.clock, 0, RETAGUARDA_VERSION};
  build_router(app, status);
  auto principal = app.db->transact(rg::db::TxMode::read, [&](rg::db::Transaction& tx) {
    std::shared_ptr<rg::http::Principal> p;
    auto op = rg::identity::store::find_operator_by_email(tx, rg::demo::manager_email);
    if (!op) return p;
    p = std::make_shared<rg::http::Principal>();
    p->tenant_id = op->tenant_id;
    p->operator_id = op->id;
    p->name = op->name;
    p->permissions = app.identity.permissions_of(tx, op->tenant_id, op->role_id);
    return p;
  });
  return !principal || rg::exports::load_demo_exports(app.exports, principal, std::cout);
}

int load_demo(const Config& config) {
  // The demo's homologation trigger is its own loopback receiver (demo.cpp).
  Config local = config;
  local.webhook_network.loopback = true;
  App app(local);
  if (!migrate(app)) return 1;
  if (!rg::demo::load(
          {app.identity, app.approvals, app.webhooks, app.jobs, {app.messages, app.support, app.push}, app.tags, app.customers,
           app.accounts, app.transfers, {app.limits, app.plans}, app.billing},
          std::cout)) {
    return 1;
  }
  return load_demo_exports(app) ? 0 : 1;
}

int admin_verify_audit(const Config& config) {
  App app(config);
  return rg::audit::run_verify_audit(*app.db, std::cout);
}

// Prints every registered route as JSON; tests compare it with docs/openapi.yaml.
int print_routes(const Config& config) {
  Config local = config;
  local.db = ":memory:";
  App app(local);
  rg::http::Metrics metrics;
  rg::status::StatusContext status{*app.db, app.migrator, app.jobs, metrics, app.clock, 0, RETAGUARDA_VERSION};
  const auto router = build_router(app, status);
  boost::json::array out;
  for (const auto& r : router.routes()) {
    out.push_back({{"method", r.method}, {"path", r.pattern}, {"permission", r.permission}, {"summary", r.summary}});
  }
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

void add_db_options(CLI::App* cmd, Config& c) {
  cmd->add_option("--db", c.db, "SQLite file path or postgresql:// URL")->envname("RETAGUARDA_DB");
  cmd->add_option("--log-level", c.log_level, "debug|info|warn|error")->envname("RETAGUARDA_LOG_LEVEL");
  cmd->add_option("--node-id", c.node_id, "0..1023, distinct per process (default: random)")
      ->envname("RETAGUARDA_NODE_ID")
      ->check(CLI::Range(0, 1023));
  cmd->add_option("--pool-size", c.pool_size, "database connections per process")
      ->envname("RETAGUARDA_POOL_SIZE")
      ->check(CLI::Range(1, 256));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Retaguarda — back office for Brazilian digital banks and fintechs"};
  cli.require_subcommand(1);
  Config config;

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and console, and run background jobs");
  add_db_options(serve_cmd, config);
  serve_cmd->add_option("--listen", config.listen, "host:port")->envname("RETAGUARDA_LISTEN");
  serve_cmd->add_option("--threads", config.threads, "HTTP worker threads")
      ->envname("RETAGUARDA_THREADS")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_option("--web-root", config.web_root, "console build folder")->envname("RETAGUARDA_WEB_ROOT");
  serve_cmd->add_option("--max-body", config.body_bytes_max, "request body cap in bytes")
      ->envname("RETAGUARDA_MAX_BODY")
      ->check(CLI::Range(std::uint64_t{1024}, std::uint64_t{1} << 30));
  serve_cmd->add_option("--request-timeout-ms", config.request_timeout_ms, "per-request read/write timeout")
      ->envname("RETAGUARDA_REQUEST_TIMEOUT_MS")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{600'000}));
  serve_cmd->add_option("--handler-threads", config.handler_threads,
                        "threads running request handlers off the I/O threads (0: on them)")
      ->envname("RETAGUARDA_HANDLER_THREADS")
      ->check(CLI::Range(0, 512));
  serve_cmd->add_option("--job-threads", config.job_threads, "in-process job workers (PostgreSQL)")
      ->envname("RETAGUARDA_JOB_THREADS")
      ->check(CLI::Range(0, 64));
  serve_cmd->add_flag("!--no-jobs", config.jobs_in_process, "do not run background jobs in this process");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  add_db_options(migrate_cmd, config);

  auto* worker_cmd = cli.add_subcommand("worker", "Run background jobs only");
  add_db_options(worker_cmd, config);
  worker_cmd->add_option("--threads", config.job_threads, "job worker threads")
      ->envname("RETAGUARDA_JOB_THREADS")
      ->check(CLI::Range(1, 64));
  worker_cmd->add_option("--worker-id", config.worker_id, "name recorded on each job attempt");
  for (auto* cmd : {serve_cmd, worker_cmd}) {
    cmd->add_option("--webhook-timeout-ms", config.webhook_timeout_ms,
                    "timeout of one webhook delivery attempt (default 10000; lower in tests)")
        ->envname("RETAGUARDA_WEBHOOK_TIMEOUT_MS")
        ->check(CLI::Range(100, 60000));
    cmd->add_flag("--webhook-allow-loopback", config.webhook_network.loopback,
                  "let triggers deliver to 127.0.0.0/8 and ::1 (tests, development; refused by default)")
        ->envname("RETAGUARDA_WEBHOOK_ALLOW_LOOPBACK");
    cmd->add_flag("--webhook-allow-private", config.webhook_network.private_networks,
                  "let triggers deliver to private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)")
        ->envname("RETAGUARDA_WEBHOOK_ALLOW_PRIVATE");
  }

  auto* version_cmd = cli.add_subcommand("version", "Print the version");

  auto* jobs_cmd = cli.add_subcommand("jobs", "Inspect the job queue");
  jobs_cmd->require_subcommand(1);
  auto* stats_cmd = jobs_cmd->add_subcommand("stats", "Print job counts by state as JSON");
  add_db_options(stats_cmd, config);
  stats_cmd->add_flag("--workers", config.stats_workers, "add attempts per worker and outcome");
  auto* probe_cmd = jobs_cmd->add_subcommand("probe", "Enqueue no-op probe jobs to check the workers");
  add_db_options(probe_cmd, config);
  probe_cmd->add_option("--count", config.probe_count, "how many")->check(CLI::Range(1, 100000));
  probe_cmd->add_option("--sleep-ms", config.probe_sleep_ms, "how long each probe waits")->check(CLI::Range(0, 60000));

  auto* routes_cmd = cli.add_subcommand("routes", "Print the HTTP routes as JSON");

  auto* demo_cmd = cli.add_subcommand("demo", "Load the demo tenant (idempotent) and print its logins");
  add_db_options(demo_cmd, config);

  auto* admin_cmd = cli.add_subcommand("admin", "Administration");
  admin_cmd->require_subcommand(1);
  auto* bootstrap_cmd = admin_cmd->add_subcommand("bootstrap", "Create a tenant and its first manager");
  add_db_options(bootstrap_cmd, config);
  bootstrap_cmd->add_option("--tenant-name", config.bootstrap.tenant_name, "institution name")->required();
  bootstrap_cmd->add_option("--tenant-email", config.bootstrap.tenant_email, "institution e-mail")->required();
  bootstrap_cmd->add_option("--manager-name", config.bootstrap.manager_name, "first manager's name")->required();
  bootstrap_cmd->add_option("--manager-email", config.bootstrap.manager_email, "first manager's e-mail")->required();
  bootstrap_cmd->add_flag("--platform", config.bootstrap.platform,
                          "the platform operator's own tenant: its roles may hold platform.* permissions");
  bootstrap_cmd->add_option("--manager-password", config.bootstrap.manager_password,
                            "set the password now (else a first-access code is e-mailed)");
  auto* verify_cmd = admin_cmd->add_subcommand("verify-audit", "Check every tenant's audit hash chain");
  add_db_options(verify_cmd, config);

  for (auto* cmd : {serve_cmd, worker_cmd, bootstrap_cmd}) {
    cmd->add_option("--smtp-url", config.smtp.url, "smtp://host:port or smtps://host:port (empty: built-in mailbox)")
        ->envname("RETAGUARDA_SMTP_URL");
    cmd->add_option("--smtp-user", config.smtp.username, "SMTP user")->envname("RETAGUARDA_SMTP_USER");
    cmd->add_option("--smtp-password", config.smtp.password, "SMTP password")->envname("RETAGUARDA_SMTP_PASSWORD");
    cmd->add_option("--smtp-from", config.smtp.from, "From: address")->envname("RETAGUARDA_SMTP_FROM");
    cmd->add_flag("--smtp-starttls", config.smtp.starttls, "require STARTTLS")->envname("RETAGUARDA_SMTP_STARTTLS");
    cmd->add_option("--console-url", config.console_url, "public console URL used in e-mail links")
        ->envname("RETAGUARDA_CONSOLE_URL");
  }
  for (auto* cmd : {serve_cmd, worker_cmd}) {
    cmd->add_option("--data-dir", config.data_dir, "where export files are kept (default: next to the SQLite file, else ./data)")
        ->envname("RETAGUARDA_DATA_DIR");
    cmd->add_option("--export-sync-rows-max", config.export_sync_rows_max,
                    "exports with more rows run as background jobs")
        ->envname("RETAGUARDA_EXPORT_SYNC_ROWS_MAX")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}));
  }
  serve_cmd->add_flag("--cookie-secure", config.cookie_secure, "mark session cookies Secure (behind TLS)")
      ->envname("RETAGUARDA_COOKIE_SECURE");

  CLI11_PARSE(cli, argc, argv);
  rg::log::init(config.log_level);
  try {
    if (*version_cmd) {
      std::cout << "retaguarda " << RETAGUARDA_VERSION << "\n";
      return 0;
    }
    if (*routes_cmd) return print_routes(config);
    if (*serve_cmd) return serve(config);
    if (*worker_cmd) return worker(config);
    if (*stats_cmd) return jobs_stats(config);
    if (*probe_cmd) return jobs_probe(config);
    if (*bootstrap_cmd) return admin_bootstrap(config);
    if (*verify_cmd) return admin_verify_audit(config);
    if (*demo_cmd) return load_demo(config);
    if (*migrate_cmd) {
      App app(config);
      return migrate(app) ? 0 : 1;
    }
  } catch (const std::exception& e) {
    rg::log::error("fatal", {{"error", e.what()}});
    rg::log::flush();
    std::fprintf(stderr, "retaguarda: %s\n", e.what());
    return 1;
  }
  return 0;
}
