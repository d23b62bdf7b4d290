#include "banking/receipts/service.hpp"

namespace rg::receipts {

Party ReceiptService::party(Id tenant_id, Id account_id) {
  Party p;
  p.account_id = account_id;
  if (auto v = accounts_.view(tenant_id, account_id)) {
    p.name = v->holder_name;
    p.document = v->holder_document;
    p.branch = v->account.branch;
    p.account = v->account.number + "-" + v->account.check_digit;
  } else {
    // One of the tenant's own ledger accounts (funding, revenue, correction): the institution.
    p.name = institution_(tenant_id);
  }
  return p;
}

Result<Receipt> ReceiptService::for_transfer(Id tenant_id, Id transfer_id) {
  auto t = transfers_.get(tenant_id, transfer_id);
  if (!t) return t.error();
  if (t->status != transfers::TransferStatus::completed || !t->ledger_transfer_id || !t->completed_at_us) {
    return Error::conflict(std::string("Only a completed transfer has a receipt; this one is ") +
                           transfers::status_name(t->status) + ".");
  }
  Receipt r;
  r.tenant_id = tenant_id;
  r.kind = t->reversal_of ? Kind::chargeback : Kind::transfer;
  r.institution = institution_(tenant_id);
  r.at_us = *t->completed_at_us;
  r.amount = t->amount;
  r.tariff = t->tariff_amount;
  r.code = "p2p";
  r.payer = party(tenant_id, t->from_account_id);
  r.payee = party(tenant_id, t->to_account_id);
  r.description = t->description;
  r.transfer_id = t->id;
  r.ledger_transfer_id = *t->ledger_transfer_id;
  r.reversal_of = t->reversal_of;
  return r;
}

Result<Receipt> ReceiptService::for_statement_line(Id tenant_id, Id account_id, Id ledger_transfer_id) {
  if (!accounts_.view(tenant_id, account_id)) return Error::not_found("Account not found.");
  auto t = accounts_.ledger().transfer(tenant_id, ledger_transfer_id);
  if (!t || (t->debit_account_id != account_id && t->credit_account_id != account_id)) {
    return Error::not_found("No such transfer on this account's statement.");
  }
  if (t->state != ledger::TransferState::posted) {
    return Error::conflict(std::string("Only a posted transfer has a receipt; this one is ") +
                           ledger::state_name(t->state) + ".");
  }
  Receipt r;
  r.tenant_id = tenant_id;
  r.kind = Kind::statement_line;
  r.institution = institution_(tenant_id);
  r.at_us = t->created_at_us;
  r.amount = t->amount;
  r.code = t->code;
  r.credit = t->credit_account_id == account_id;
  r.viewer_account_id = account_id;
  r.payer = party(tenant_id, t->debit_account_id);
  r.payee = party(tenant_id, t->credit_account_id);
  r.description = t->description;
  r.ledger_transfer_id = t->id;
  return r;
}

Rendered ReceiptService::render(Receipt receipt) {
  Rendered out;
  out.authentication = authentication_code(receipt);
  out.pdf = pdf::render_pdf(receipt_document(receipt, out.authentication));
  out.receipt = std::move(receipt);
  return out;
}

}  // namespace rg::receipts
