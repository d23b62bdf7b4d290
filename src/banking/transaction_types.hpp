#pragma once
// The catalogue of customer transaction types (TRX-05, TRX-06): what limits are set for and what
// tariffs are charged on. One list, used by limits, plans/tariffs and transfers; the console
// shows the labels. Only `p2p` moves money in this release; the others are configured ahead of
// the modules that execute them (Pix, TED, boleto, cash-out).
#include <array>
#include <string_view>

namespace rg::banking {

struct TransactionType {
  std::string_view code;
  std::string_view label_pt;
  std::string_view label_en;
  bool cash_out;  // a withdrawal: governed by the account's cash-out level (ACC-14) too
};

inline constexpr std::string_view transaction_type_p2p = "p2p";

inline constexpr std::array<TransactionType, 5> transaction_types{{
    {"p2p", "Transferência entre contas (P2P)", "Transfer between accounts (P2P)", false},
    {"pix", "Pix", "Pix", false},
    {"ted", "TED", "TED (wire transfer)", false},
    {"boleto", "Pagamento de boleto", "Bill payment (boleto)", false},
    {"cash_out", "Saque", "Cash withdrawal", true},
}};

inline const TransactionType* find_transaction_type(std::string_view code) {
  for (const auto& t : transaction_types) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

}  // namespace rg::banking
