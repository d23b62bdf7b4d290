#pragma once
// Receipts (TRX-04): the PDF comprovante of a completed P2P transfer (or of its chargeback) and of
// any posted statement line of an account, read through the transfers, accounts and ledger
// services. Nothing is stored: a receipt is drawn from the ledger on every request.
#include <functional>
#include <string>

#include "banking/accounts/service.hpp"
#include "banking/receipts/model.hpp"
#include "banking/transfers/service.hpp"
#include "core/result.hpp"

namespace rg::receipts {

// The tenant's name as receipts print it (the identity module answers; wired in main.cpp).
using InstitutionName = std::function<std::string(Id tenant_id)>;

struct Rendered {
  Receipt receipt;
  std::string authentication;  // hex
  std::string pdf;
};

class ReceiptService {
 public:
  ReceiptService(accounts::AccountService& accounts, transfers::TransferService& transfers, InstitutionName institution)
      : accounts_(accounts), transfers_(transfers), institution_(std::move(institution)) {}

  // A P2P transfer's receipt: not_found for another tenant's or no transfer, conflict unless it
  // is completed.
  Result<Receipt> for_transfer(Id tenant_id, Id transfer_id);
  // A statement line's receipt from `account_id`'s side: not_found unless both exist in the
  // tenant and the ledger transfer debits or credits that account, conflict unless it is posted.
  Result<Receipt> for_statement_line(Id tenant_id, Id account_id, Id ledger_transfer_id);

  static Rendered render(Receipt receipt);

 private:
  Party party(Id tenant_id, Id account_id);

  accounts::AccountService& accounts_;
  transfers::TransferService& transfers_;
  InstitutionName institution_;
};

}  // namespace rg::receipts
