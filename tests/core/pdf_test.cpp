// covers TRX-04 (the PDF writer receipts are drawn with)
#include "core/pdf.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace rg::pdf {
namespace {

// Runs `tool` (pdftotext / pdfinfo from poppler-utils) on the bytes and returns its output.
std::string run_poppler(const std::string& tool, const std::string& pdf) {
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("rg-pdf-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf");
  {
    std::ofstream file(path, std::ios::binary);
    file.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  }
  const std::string command = tool + " '" + path.string() + "'" + (tool.starts_with("pdftotext") ? " -" : "");
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    EXPECT_EQ(::pclose(pipe), 0) << command;
  } else {
    ADD_FAILURE() << "cannot run " << command;
  }
  std::filesystem::remove(path);
  return out;
}

std::string text_of(const std::string& pdf) { return run_poppler("pdftotext -enc UTF-8 -layout", pdf); }

// The value of one "Name:   value" line of pdfinfo's output.
std::string info_field(const std::string& info, const std::string& name) {
  const auto at = info.find(name + ":");
  if (at == std::string::npos) return "(no " + name + ")";
  const auto start = info.find_first_not_of(' ', at + name.size() + 1);
  return info.substr(start, info.find('\n', start) - start);
}

Document sample() {
  Document d;
  d.title = "Comprovante de transferência";
  d.creator = "Retaguarda";
  d.footer = "Autenticação conferida em São Paulo — válida sem assinatura.";
  d.add_title("Comprovante de transferência")
      .add_row("Instituição", "Banco Açaí S.A.")
      .add_rule()
      .add_heading("Operação")
      .add_row("Valor", "R$ 1.234,56")
      .add_row("Descrição", "Aluguel de março — ação conjunta, coração, maçã")
      .add_space(12)
      .add_text("Parágrafo com acentuação: é, ê, à, õ, ü, Ç.")
      .add_monospace("3F2A 9C1B 0D4E 77AA");
  return d;
}

TEST(PdfTest, RendersAPdfWhoseTextComesBackWithAccents) {
  const std::string pdf = render_pdf(sample());
  ASSERT_TRUE(pdf.starts_with("%PDF-")) << pdf.substr(0, 16);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  const std::string text = text_of(pdf);
  for (const char* expected :
       {"Comprovante de transferência", "Instituição", "Operação", "Banco Açaí S.A.", "R$ 1.234,56", "Aluguel de março",
        "ação conjunta, coração", "maçã", "é, ê, à, õ, ü, Ç.", "3F2A 9C1B 0D4E 77AA", "Autenticação conferida em São Paulo"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
  }
}

TEST(PdfTest, WritesTitleAndCreatorMetadataOnAnA4Page) {
  const std::string info = run_poppler("pdfinfo", render_pdf(sample()));
  EXPECT_EQ(info_field(info, "Title"), "Comprovante de transferência");
  EXPECT_EQ(info_field(info, "Creator"), "Retaguarda");
  EXPECT_EQ(info_field(info, "Pages"), "1");
  EXPECT_NE(info_field(info, "Page size").find("(A4)"), std::string::npos) << info;
}

TEST(PdfTest, FlowsOntoNewPagesWithTheFooterOnEach) {
  Document d;
  d.footer = "rodapé da página";
  for (int i = 0; i < 120; ++i) d.add_row("Linha " + std::to_string(i), "valor número " + std::to_string(i));
  const std::string pdf = render_pdf(d);
  const std::string info = run_poppler("pdfinfo", pdf);
  EXPECT_GE(std::stoi(info_field(info, "Pages")), 2) << info;
  const std::string text = text_of(pdf);
  EXPECT_NE(text.find("valor número 0"), std::string::npos);
  EXPECT_NE(text.find("valor número 119"), std::string::npos);
  std::size_t pages = 0;
  std::size_t footers = 0;
  for (char c : text) pages += c == '\f';
  for (auto at = text.find("rodapé da página"); at != std::string::npos; at = text.find("rodapé da página", at + 1)) {
    ++footers;
  }
  EXPECT_GE(pages, 2u);
  EXPECT_EQ(footers, pages);
}

TEST(PdfTest, ReplacesInvalidUtf8InsteadOfDroppingTheText) {
  Document d;
  d.add_text(std::string("antes \xff\xfe depois"));
  const std::string text = text_of(render_pdf(d));
  EXPECT_NE(text.find("antes"), std::string::npos) << text;
  EXPECT_NE(text.find("depois"), std::string::npos) << text;
}

TEST(PdfTest, RendersConcurrentlyFromSeveralThreads) {
  constexpr int threads = 4;
  constexpr int per_thread = 5;
  std::vector<std::string> results(threads * per_thread);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&results, t] {
      for (int i = 0; i < per_thread; ++i) {
        Document d = sample();
        d.add_row("Documento", "nº doc-" + std::to_string(t * per_thread + i) + "-fim");
        results[static_cast<std::size_t>(t * per_thread + i)] = render_pdf(d);
      }
    });
  }
  for (auto& w : workers) w.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string text = text_of(results[i]);
    EXPECT_NE(text.find("nº doc-" + std::to_string(i) + "-fim"), std::string::npos) << i;
    EXPECT_NE(text.find("Banco Açaí S.A."), std::string::npos) << i;
  }
}

}  // namespace
}  // namespace rg::pdf
