// covers TRX-04 — the receipt's pure parts: masks, labels, SP time with seconds, the
// authentication code and the pt-BR layout (the HTTP side is tests/api/receipts.test.mjs).
#include "banking/receipts/model.hpp"

#include <gtest/gtest.h>

namespace rg::receipts {
namespace {

Receipt sample() {
  Receipt r;
  r.tenant_id = 7;
  r.institution = "Banco Açaí";
  r.at_us = 1'790'000'000'123'456;  // 2026-09-21T14:13:20.123456Z
  r.amount = 123456;
  r.tariff = 150;
  r.code = "p2p";
  r.payer = {11, "Maria Araújo", "52998224725", "0001", "10000001-5"};
  r.payee = {12, "Padaria Ltda.", "11.222.333/0001-81", "0001", "10000002-3"};
  r.description = "Aluguel";
  r.transfer_id = 21;
  r.ledger_transfer_id = 22;
  return r;
}

TEST(ReceiptsTest, MasksCpfAndCnpjTheWayReceiptsPrintThem) {
  EXPECT_EQ(mask_document_for_receipt("52998224725"), "***.982.247-**");
  EXPECT_EQ(mask_document_for_receipt("529.982.247-25"), "***.982.247-**");
  EXPECT_EQ(mask_document_for_receipt("11222333000181"), "**.222.333/0001-**");
  EXPECT_EQ(mask_document_for_receipt("11.222.333/0001-81"), "**.222.333/0001-**");
  EXPECT_EQ(mask_document_for_receipt("12.abc.345/01de-35"), "**.ABC.345/01DE-**");
  EXPECT_EQ(mask_document_for_receipt("1234"), "***");
  EXPECT_EQ(mask_document_for_receipt(""), "***");
}

TEST(ReceiptsTest, LabelsStatementCodesAsTheConsoleDoes) {
  EXPECT_EQ(code_label("deposit"), "Depósito");
  EXPECT_EQ(code_label("correction"), "Correção (ressincronização)");
  EXPECT_EQ(code_label("something_new"), "something_new");
  Receipt r = sample();
  EXPECT_EQ(heading(r), "Comprovante de transferência");
  r.kind = Kind::chargeback;
  EXPECT_EQ(heading(r), "Comprovante de estorno");
  r.kind = Kind::statement_line;
  r.code = "redeem";
  EXPECT_EQ(heading(r), "Comprovante de resgate de subconta");
  r.code = "p2p";
  EXPECT_EQ(heading(r), "Comprovante de transferência");
}

TEST(ReceiptsTest, FormatsSaoPauloTimeWithSeconds) {
  EXPECT_EQ(format_datetime_seconds(1'790'000'000'123'456), "21/09/2026 11:13:20");
  EXPECT_EQ(format_datetime_seconds(1'790'000'019'999'999), "21/09/2026 11:13:39");
  EXPECT_EQ(format_datetime_seconds(1'789'959'600'000'000), "21/09/2026 00:00:00");  // 03:00 UTC
}

TEST(ReceiptsTest, AuthenticationCodeCoversTheFiguresButNotTheNames) {
  const Receipt r = sample();
  const std::string code = authentication_code(r);
  EXPECT_EQ(code.size(), 64u);
  EXPECT_EQ(code.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(authentication_code(sample()), code);
  Receipt changed = sample();
  changed.amount += 1;
  EXPECT_NE(authentication_code(changed), code);
  changed = sample();
  changed.payee.account_id = 13;
  EXPECT_NE(authentication_code(changed), code);
  changed = sample();
  changed.reversal_of = 5;
  EXPECT_NE(authentication_code(changed), code);
  changed = sample();
  changed.payer.name = "Outro Nome";  // names are display data, not part of the code
  EXPECT_EQ(authentication_code(changed), code);
  EXPECT_EQ(group_hex("0123456789abcdef0123456789abcdef0123"),
            "0123 4567 89ab cdef 0123 4567 89ab cdef\n0123");
}

TEST(ReceiptsTest, LaysOutEveryFieldInPortuguese) {
  Receipt r = sample();
  r.kind = Kind::chargeback;
  r.reversal_of = 20;
  const pdf::Document d = receipt_document(r, std::string(64, 'a'));
  EXPECT_EQ(d.title, "Comprovante de estorno");
  std::string all;
  for (const auto& b : d.blocks) all += b.key + "=" + b.text + "\n";
  for (const char* expected :
       {"Instituição=Banco Açaí", "Data e hora=21/09/2026 11:13:20 (horário de Brasília)", "Valor=R$ 1.234,56",
        "Tarifa=R$ 1,50", "Descrição=Aluguel", "CPF/CNPJ=***.982.247-**", "CPF/CNPJ=**.222.333/0001-**",
        "Agência e conta=Agência 0001 · Conta 10000001-5", "Estorno=21", "Transferência original=20",
        "Transação no livro-razão=22", "=aaaa aaaa"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " missing from:\n" << all;
  }
  EXPECT_EQ(download_name(r), "comprovante-21.pdf");
  r.tariff = 0;
  r.kind = Kind::statement_line;
  r.credit = false;
  r.transfer_id.reset();
  r.reversal_of.reset();
  all.clear();
  for (const auto& b : receipt_document(r, "ab").blocks) all += b.key + "=" + b.text + "\n";
  EXPECT_EQ(all.find("Tarifa="), std::string::npos);
  EXPECT_NE(all.find("Lançamento=Débito"), std::string::npos) << all;
  EXPECT_NE(all.find("Tipo=Transferência P2P"), std::string::npos) << all;
  EXPECT_EQ(download_name(r), "comprovante-22.pdf");
}

}  // namespace
}  // namespace rg::receipts
