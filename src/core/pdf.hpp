#pragma once
// A small PDF writer for documents such as receipts: A4 pages holding a title, section headings,
// key/value rows, paragraphs, monospace blocks and horizontal rules, with a footer on every page.
// Text is UTF-8, laid out with Pango in DejaVu Sans (pt-BR accents render) and written with
// cairo's PDF surface into memory. No banking knowledge lives here.
//
// Thread safety: every render_pdf call has its own cairo surface, context and Pango layouts, and
// uses Pango's per-thread default font map (one per thread since Pango 1.32.6), so concurrent
// requests on different threads share no Pango objects. The font map lookup also holds a mutex
// (cheap: once per render) because a thread's first lookup builds its font map from fontconfig's
// process-wide configuration; serialising that costs nothing measurable and rules out races in
// the fontconfig/Pango versions a deployment happens to have.
#include <string>
#include <string_view>
#include <vector>

namespace rg::pdf {

enum class BlockKind { title, heading, row, text, monospace, rule, space };

struct Block {
  BlockKind kind = BlockKind::text;
  std::string key;   // row: the label on the left
  std::string text;  // title, heading, row value, text, monospace (may hold '\n')
  double points = 0; // space: its height
};

struct Document {
  std::string title;    // PDF metadata (Title)
  std::string creator;  // PDF metadata (Creator)
  std::string footer;   // small text at the bottom of every page
  std::vector<Block> blocks;

  Document& add_title(std::string_view text);
  Document& add_heading(std::string_view text);  // a section's bold heading
  Document& add_row(std::string_view key, std::string_view value);
  Document& add_text(std::string_view text);
  Document& add_monospace(std::string_view text);
  Document& add_rule();
  Document& add_space(double points);
};

// Page geometry in PostScript points (1/72 in).
inline constexpr double a4_width_pt = 595.276;
inline constexpr double a4_height_pt = 841.890;
inline constexpr double page_margin_pt = 56.0;

// The document as PDF bytes. Blocks flow down the page and onto new pages when they do not fit;
// invalid UTF-8 is replaced rather than rejected. Throws std::runtime_error when cairo reports
// an error (out of memory).
std::string render_pdf(const Document& document);

}  // namespace rg::pdf
