#pragma once
// Receipts (comprovantes, TRX-04): what a receipt shows and how it is drawn. Plain types and pure
// functions, no I/O; the service fills a Receipt from the transfers, accounts and ledger modules.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/pdf.hpp"

namespace rg::receipts {

// One side of the money movement.
struct Party {
  Id account_id = 0;
  std::string name;
  std::string document;  // canonical or formatted CPF/CNPJ; masked when drawn; empty for the institution
  std::string branch;    // empty for the institution's own ledger accounts
  std::string account;   // "10000001-5"
};

enum class Kind {
  transfer,        // a P2P transfer (GET /transfers/{id}/receipt)
  chargeback,      // a P2P transfer reversing another one (reversal_of set)
  statement_line,  // any posted ledger transfer, from one account's side
};

struct Receipt {
  Id tenant_id = 0;
  Kind kind = Kind::transfer;
  std::string institution;  // the tenant's name
  std::int64_t at_us = 0;   // when the money moved (UTC)
  std::int64_t amount = 0;  // centavos
  std::int64_t tariff = 0;  // centavos charged with it (P2P), 0 when none
  std::string code;         // ledger code: "p2p", "deposit", "tariff", …
  std::optional<bool> credit;  // statement lines: seen from `viewer_account_id`, a credit or a debit
  Id viewer_account_id = 0;
  Party payer;
  Party payee;
  std::string description;
  std::optional<Id> transfer_id;  // the P2P transfer
  Id ledger_transfer_id = 0;
  std::optional<Id> reversal_of;  // chargebacks: the original transfer
};

// "Comprovante de transferência", "Comprovante de estorno" or, for a statement line, "Comprovante
// de <statement label in lower case>" ("Comprovante de depósito").
std::string heading(const Receipt& r);
// The statement label of a ledger code, as the console shows it (web/src/i18n/pt-BR.json
// accounts.statement.code); an unknown code is shown as it is.
std::string code_label(std::string_view code);
// A CPF as "***.456.789-**" (core's mask_document) and a CNPJ as "**.345.678/0001-**" (root and
// branch visible, the first two characters and the check digits hidden, as bank receipts print
// it). Anything else is "***".
std::string mask_document_for_receipt(std::string_view document);
// "dd/mm/aaaa hh:mm:ss" in America/Sao_Paulo.
std::string format_datetime_seconds(std::int64_t utc_us);

// SHA-256 over the receipt's canonical fields (a versioned, '|'-separated line of ids, amounts,
// instants and account ids, never names), lower-case hex: recomputing it from the ledger shows
// whether a printed receipt's figures were altered. There is no server secret in the
// configuration yet, so this is a plain SHA-256: it detects altered figures, it does not prove
// that the server issued the receipt.
std::string authentication_code(const Receipt& r);
// "3f2a 9c1b …": groups of 4 hex digits, 8 groups a line.
std::string group_hex(std::string_view hex);

// The receipt as a PDF document (pt-BR).
pdf::Document receipt_document(const Receipt& r, std::string_view authentication);
std::string download_name(const Receipt& r);  // "comprovante-<id>.pdf"

}  // namespace rg::receipts
