// HTTP for customers, partners and documents: parse → service → render.
#include "banking/customers/routes.hpp"

#include <boost/json.hpp>

#include "banking/permissions.hpp"
#include "core/documents.hpp"
#include "core/limits.hpp"
#include "http/json.hpp"
#include "identity/password_policy.hpp"

namespace rg::customers {

namespace {

namespace json = boost::json;
using http::FieldReader;
using http::Request;
using http::Response;

Result<Id> path_id(const Request& req, std::string_view name, const char* what) {
  auto id = parse_id(req.param(name));
  if (!id) return Error::not_found(std::string(what) + " not found.");
  return *id;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

template <typename T, typename Render>
Response render(const Request& req, const Result<T>& value, Render to_json, int status = 200) {
  if (!value) return http::problem_for(req, value.error());
  return http::json(json::parse(to_json(*value)), status);
}

template <typename T, typename Render>
Response render_items(const Request& req, const Result<std::vector<T>>& values, Render to_json) {
  if (!values) return http::problem_for(req, values.error());
  json::array items;
  for (const auto& v : *values) items.push_back(json::parse(to_json(v)));
  return http::json(json::object{{"items", std::move(items)}});
}

constexpr http::FieldReader::TextRules name_rules{.max_length = name_chars_max};
constexpr http::FieldReader::TextRules text_rules{.max_length = text_chars_max};

Result<CustomerInput> customer_input(const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  FieldReader in(*body);
  CustomerInput input;
  // Types and lengths here; the service checks values and what each kind requires, and the
  // errors of both are answered together only when these pass.
  input.kind = in.text("kind", {.max_length = 2});
  input.document = in.text("document", {.max_length = 30});
  input.name = in.text("name", name_rules);
  input.social_name = in.text("social_name", name_rules);
  input.trade_name = in.text("trade_name", name_rules);
  input.birth_date = in.text("birth_date", {.max_length = 10});
  input.founding_date = in.text("founding_date", {.max_length = 10});
  input.mother_name = in.text("mother_name", name_rules);
  input.occupation = in.text("occupation", text_rules);
  input.company_size = in.text("company_size", {.max_length = 10});
  input.email = in.text("email", {.max_length = 254});
  input.phone = in.text("phone", {.max_length = 30});
  input.monthly_income_cents = in.integer("monthly_income_cents");
  input.monthly_revenue_cents = in.integer("monthly_revenue_cents");
  std::vector<FieldError> address_errors;
  if (const auto* address = body->if_contains("address"); address && !address->is_null()) {
    if (!address->is_object()) {
      in.fail("address", "Must be an object with cep, street, number, complement, district, city and uf.");
    } else {
      FieldReader a(address->as_object());
      input.has_address = true;
      input.cep = a.text("cep", {.max_length = 10});
      input.street = a.text("street", text_rules);
      input.number = a.text("number", {.max_length = 20});
      input.complement = a.text("complement", text_rules);
      input.district = a.text("district", text_rules);
      input.city = a.text("city", text_rules);
      input.uf = a.text("uf", {.max_length = 2});
      if (auto error = a.error()) {
        for (auto f : error->fields) in.fail("address." + f.field, f.message);
      }
    }
  }
  if (auto error = in.error()) return *error;
  return input;
}

Result<PartnerInput> partner_input(const Request& req) {
  auto body = http::parse_object(req);
  if (!body) return body.error();
  FieldReader in(*body);
  PartnerInput input;
  input.document = in.text("document", {.max_length = 30});
  input.name = in.text("name", name_rules);
  input.share_bps = in.integer("share_bps");
  input.role = in.text("role", {.max_length = 30});
  input.legal_representative = in.boolean("legal_representative");
  input.email = in.text("email", {.max_length = 254});
  input.phone = in.text("phone", {.max_length = 30});
  input.birth_date = in.text("birth_date", {.max_length = 10});
  input.joined_on = in.text("joined_on", {.max_length = 10});
  if (const auto* link = body->if_contains("partner_customer_id")) {
    if (link->is_null()) {
      input.partner_customer_id = std::optional<Id>();
    } else if (auto text = in.text("partner_customer_id", {.max_length = 20})) {
      if (auto id = parse_id(*text)) {
        input.partner_customer_id = std::optional<Id>(*id);
      } else {
        in.fail("partner_customer_id", "Must be a customer id.");
      }
    }
  }
  if (auto error = in.error()) return *error;
  return input;
}

Result<CustomerFilter> customer_filter(const Request& req, http::QueryReader& q) {
  CustomerFilter f;
  const auto page = q.page();
  f.limit = page.size + 1;
  f.before_id = page.cursor;
  if (auto document = q.text("document", {.max_bytes = 30})) {
    auto normalized = normalize_document(*document, "document");
    if (normalized) {
      f.document = normalized->digits;
    } else {
      q.fail(normalized.error());
    }
  }
  if (auto name = q.text("name", {.max_bytes = 400, .clean = true})) f.name_prefix = identity::fold_accents_and_case(*name);
  if (auto email = q.text("email", {.max_bytes = 254, .clean = true})) f.email = identity::fold_accents_and_case(*email);
  f.kind = q.one_of("kind", {kind_pf, kind_pj});
  f.tag_id = q.id("tag", "Must be a tag id.");
  const auto period = q.period("created_from", "created_to");
  f.created_from_us = period.from_us;
  f.created_to_us = period.to_us;
  (void)req;
  if (auto error = q.error()) return *error;
  return f;
}

}  // namespace

void register_customer_routes(http::Router& router, CustomerService& service) {
  using banking::perm::customers_documents;
  using banking::perm::customers_read;
  using banking::perm::customers_write;

  router.add("GET", "/api/v1/customers", customers_read, "Customers, newest first, with filters", [&](Request& req) {
    http::QueryReader q(req);
    auto filter = customer_filter(req, q);
    if (!filter) return http::problem_for(req, filter.error());
    const int page_size = filter->limit - 1;
    return http::json_page(service.list(req.principal->tenant_id, *filter), page_size, customer_json,
                           [](const Customer& c) { return c.id; });
  });
  router.add("POST", "/api/v1/customers", customers_write, "Register a customer (PF or PJ)", [&](Request& req) {
    auto input = customer_input(req);
    if (!input) return http::problem_for(req, input.error());
    return render(req, service.create(audit::entry_for(req, ""), *input), customer_json, 201);
  });
  router.add("GET", "/api/v1/customers/{id}", customers_read, "One customer", [&](Request& req) {
    auto id = path_id(req, "id", "Customer");
    if (!id) return http::problem_for(req, id.error());
    return render(req, service.get(req.principal->tenant_id, *id), customer_json);
  });
  router.add("PATCH", "/api/v1/customers/{id}", customers_write,
             "Change a customer's e-mail, name, phone, income, personal data or address", [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto input = customer_input(req);
               if (!input) return http::problem_for(req, input.error());
               return render(req, service.update(audit::entry_for(req, ""), *id, *input), customer_json);
             });
  router.add("DELETE", "/api/v1/customers/{id}", customers_write,
             "Delete a customer registered by mistake (no accounts)", [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto s = service.remove(audit::entry_for(req, ""), *id);
               return s ? no_content() : http::problem_for(req, s.error());
             });

  router.add("GET", "/api/v1/customers/{id}/partners", customers_read, "The partners of a PJ customer",
             [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               return render_items(req, service.partners(req.principal->tenant_id, *id), partner_json);
             });
  router.add("POST", "/api/v1/customers/{id}/partners", customers_write, "Add a partner to a PJ customer",
             [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto input = partner_input(req);
               if (!input) return http::problem_for(req, input.error());
               return render(req, service.add_partner(audit::entry_for(req, ""), *id, *input), partner_json, 201);
             });
  router.add("PATCH", "/api/v1/customers/{id}/partners/{partner_id}", customers_write, "Change a partner",
             [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto partner = path_id(req, "partner_id", "Partner");
               if (!partner) return http::problem_for(req, partner.error());
               auto input = partner_input(req);
               if (!input) return http::problem_for(req, input.error());
               return render(req, service.update_partner(audit::entry_for(req, ""), *id, *partner, *input),
                             partner_json);
             });
  router.add("DELETE", "/api/v1/customers/{id}/partners/{partner_id}", customers_write, "Remove a partner",
             [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto partner = path_id(req, "partner_id", "Partner");
               if (!partner) return http::problem_for(req, partner.error());
               auto s = service.remove_partner(audit::entry_for(req, ""), *id, *partner);
               return s ? no_content() : http::problem_for(req, s.error());
             });

  router.add("GET", "/api/v1/customers/{id}/documents", customers_read,
             "The documents sent for a customer, newest first", [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               return render_items(req, service.documents(req.principal->tenant_id, *id), document_json);
             });
  router
      .add("POST", "/api/v1/customers/{id}/documents", customers_documents,
           "Send a document for analysis (the file's bytes as the body; ?kind=&file_name=)",
           [&](Request& req) {
             auto id = path_id(req, "id", "Customer");
             if (!id) return http::problem_for(req, id.error());
             http::QueryReader q(req);
             const auto kind = q.text("kind", {.max_bytes = 40});
             const auto file_name = q.text("file_name", {.max_bytes = 1000, .clean = true});
             if (auto error = q.error()) return http::problem_for(req, *error);
             // The service answers 404 for another tenant's customer before judging the input.
             return render(req,
                           service.upload(audit::entry_for(req, ""), *id, kind.value_or(""), file_name.value_or(""),
                                          req.body),
                           document_json, 201);
           })
      .body_bytes_max = limits::customer_document_bytes_max;
  router.add("POST", "/api/v1/customers/{id}/documents/{document_id}/review", customers_documents,
             "Approve or reject a document", [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto document = path_id(req, "document_id", "Document");
               if (!document) return http::problem_for(req, document.error());
               // Another tenant's (or no) document is 404 whatever the body says.
               if (auto d = service.stored_file(req.principal->tenant_id, *id, *document); !d) {
                 return http::problem_for(req, d.error());
               }
               auto body = http::parse_object(req);
               if (!body) return http::problem_for(req, body.error());
               FieldReader in(*body);
               auto decision = in.choice("decision", {"approve", "reject"}, true);
               auto reason = in.text("reason", {.max_length = reason_chars_max});
               if (auto error = in.error()) return http::problem_for(req, *error);
               return render(req,
                             service.review(audit::entry_for(req, ""), *id, *document, *decision == "approve",
                                            reason.value_or("")),
                             document_json);
             });
  router.add("GET", "/api/v1/customers/{id}/documents/{document_id}/download", customers_documents,
             "Download a document's file", [&](Request& req) {
               auto id = path_id(req, "id", "Customer");
               if (!id) return http::problem_for(req, id.error());
               auto document = path_id(req, "document_id", "Document");
               if (!document) return http::problem_for(req, document.error());
               auto stored = service.stored_file(req.principal->tenant_id, *id, *document);
               if (!stored) return http::problem_for(req, stored.error());
               auto response = http::file_response(stored->path, stored->record.content_type, stored->record.file_name);
               if (!response) return http::problem_for(req, response.error());
               service.record_download(audit::entry_for(req, ""), stored->record);
               // X-Content-Type-Options: nosniff comes with every response (Pipeline::finish).
               return std::move(*response);
             });
}

std::vector<exports::ListExport> customer_exports() {
  using exports::ColumnType;
  return {{"/api/v1/customers",
           "customers",
           "Clientes",
           "Customers",
           {{"kind", "Tipo", "Kind", ColumnType::text, 6},
            {"document", "CPF/CNPJ", "CPF/CNPJ", ColumnType::text, 18},
            {"name", "Nome / razão social", "Name / legal name", ColumnType::text, 36},
            {"social_name", "Nome social", "Social name", ColumnType::text, 24},
            {"trade_name", "Nome fantasia", "Trade name", ColumnType::text, 24},
            {"email", "E-mail", "E-mail", ColumnType::text, 30},
            {"phone", "Telefone", "Phone", ColumnType::text, 16},
            {"monthly_income_cents", "Renda mensal", "Monthly income", ColumnType::money_centavos},
            {"monthly_revenue_cents", "Faturamento mensal", "Monthly revenue", ColumnType::money_centavos},
            {"company_size", "Porte", "Size", ColumnType::text, 8},
            {"address.city", "Cidade", "City", ColumnType::text, 20},
            {"address.uf", "UF", "State", ColumnType::text, 4},
            {"created_at", "Cadastrado em", "Registered at", ColumnType::datetime}},
           {}}};
}

}  // namespace rg::customers
