#include "banking/receipts/model.hpp"

#include <cctype>
#include <cstdio>
#include <utility>

#include "core/clock.hpp"
#include "core/documents.hpp"
#include "core/hash.hpp"
#include "core/money.hpp"

namespace rg::receipts {

namespace {

constexpr std::pair<std::string_view, std::string_view> code_labels[] = {
    {"p2p", "Transferência P2P"},
    {"tariff", "Tarifa"},
    {"deposit", "Depósito"},
    {"residual", "Saldo residual"},
    {"redeem", "Resgate de subconta"},
    {"correction", "Correção (ressincronização)"},
    {"chargeback", "Estorno"},
};

std::string party_account(const Party& p) {
  if (p.branch.empty()) return p.account;
  return "Agência " + p.branch + " · Conta " + p.account;
}

void add_party(pdf::Document& d, const char* title, const Party& p) {
  d.add_heading(title);
  d.add_row("Nome", p.name);
  if (!p.document.empty()) d.add_row("CPF/CNPJ", mask_document_for_receipt(p.document));
  if (!p.account.empty()) d.add_row("Agência e conta", party_account(p));
}

// Lower-cases the first letter of a pt-BR label ("Depósito" → "depósito"); labels start with
// an ASCII letter.
std::string lower_first(std::string_view label) {
  std::string out(label);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::string code_label(std::string_view code) {
  for (const auto& [c, label] : code_labels) {
    if (c == code) return std::string(label);
  }
  return std::string(code);
}

std::string heading(const Receipt& r) {
  switch (r.kind) {
    case Kind::transfer:
      return "Comprovante de transferência";
    case Kind::chargeback:
      return "Comprovante de estorno";
    case Kind::statement_line:
      break;
  }
  if (r.code == "p2p") return "Comprovante de transferência";
  return "Comprovante de " + lower_first(code_label(r.code));
}

std::string mask_document_for_receipt(std::string_view document) {
  std::string characters;
  for (char c : document) {
    if (std::isalnum(static_cast<unsigned char>(c))) characters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (characters.size() != cnpj_length) return mask_document(document);
  std::string formatted = format_cnpj(characters);  // "12.345.678/0001-95"
  formatted[0] = formatted[1] = '*';
  formatted[formatted.size() - 2] = formatted[formatted.size() - 1] = '*';
  return formatted;
}

std::string format_datetime_seconds(std::int64_t utc_us) {
  // São Paulo's offset is whole hours, so the UTC second is the local second.
  std::int64_t second = (utc_us / microseconds_per_second) % 60;
  if (second < 0) second += 60;
  char ss[4];
  std::snprintf(ss, sizeof ss, ":%02d", static_cast<int>(second));
  return format_br_datetime_sao_paulo(utc_us) + ss;
}

std::string authentication_code(const Receipt& r) {
  const char* kind = r.kind == Kind::transfer ? "transfer" : r.kind == Kind::chargeback ? "chargeback" : "statement";
  std::string canonical = "rg-receipt-v1|" + std::to_string(r.tenant_id) + "|" + kind + "|" +
                          (r.transfer_id ? std::to_string(*r.transfer_id) : "") + "|" +
                          std::to_string(r.ledger_transfer_id) + "|" + r.code + "|" + std::to_string(r.amount) + "|" +
                          std::to_string(r.tariff) + "|" + std::to_string(r.at_us) + "|" +
                          std::to_string(r.payer.account_id) + "|" + std::to_string(r.payee.account_id) + "|" +
                          (r.reversal_of ? std::to_string(*r.reversal_of) : "") + "|" +
                          (r.credit ? (*r.credit ? "C" : "D") : "") + "|" + std::to_string(r.viewer_account_id);
  return sha256_hex(canonical);
}

std::string group_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 4) {
    if (i > 0) out += (i % 32 == 0) ? '\n' : ' ';
    out += hex.substr(i, 4);
  }
  return out;
}

pdf::Document receipt_document(const Receipt& r, std::string_view authentication) {
  pdf::Document d;
  d.title = heading(r);
  d.creator = "Retaguarda";
  d.footer = "Comprovante emitido por " + r.institution +
             ". Confira a autenticação: ela é calculada a partir dos dados da operação registrados no livro-razão.";
  d.add_title(d.title);
  d.add_row("Instituição", r.institution);
  d.add_row("Data e hora", format_datetime_seconds(r.at_us) + " (horário de Brasília)");
  if (r.kind == Kind::statement_line) {
    d.add_row("Tipo", code_label(r.code));
    if (r.credit) d.add_row("Lançamento", *r.credit ? "Crédito" : "Débito");
  }
  d.add_rule();
  d.add_row("Valor", format_brl(r.amount));
  if (r.tariff > 0) d.add_row("Tarifa", format_brl(r.tariff));
  if (!r.description.empty()) d.add_row("Descrição", r.description);
  d.add_rule();
  add_party(d, "Pagador", r.payer);
  d.add_space(4);
  add_party(d, "Recebedor", r.payee);
  d.add_rule();
  if (r.transfer_id) d.add_row(r.kind == Kind::chargeback ? "Estorno" : "Transferência", std::to_string(*r.transfer_id));
  if (r.reversal_of) d.add_row("Transferência original", std::to_string(*r.reversal_of));
  d.add_row("Transação no livro-razão", std::to_string(r.ledger_transfer_id));
  d.add_space(6);
  d.add_heading("Autenticação");
  d.add_monospace(group_hex(authentication));
  return d;
}

std::string download_name(const Receipt& r) {
  return "comprovante-" + std::to_string(r.transfer_id ? *r.transfer_id : r.ledger_transfer_id) + ".pdf";
}

}  // namespace rg::receipts
