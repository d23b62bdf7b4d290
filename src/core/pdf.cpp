#include "core/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace rg::pdf {

namespace {
Document& append(Document& d, BlockKind kind, std::string_view key, std::string_view text, double points = 0) {
  d.blocks.push_back({kind, std::string(key), std::string(text), points});
  return d;
}
}  // namespace

Document& Document::add_title(std::string_view text) { return append(*this, BlockKind::title, {}, text); }
Document& Document::add_heading(std::string_view text) { return append(*this, BlockKind::heading, {}, text); }
Document& Document::add_row(std::string_view key, std::string_view value) {
  return append(*this, BlockKind::row, key, value);
}
Document& Document::add_text(std::string_view text) { return append(*this, BlockKind::text, {}, text); }
Document& Document::add_monospace(std::string_view text) { return append(*this, BlockKind::monospace, {}, text); }
Document& Document::add_rule() { return append(*this, BlockKind::rule, {}, {}); }
Document& Document::add_space(double points) { return append(*this, BlockKind::space, {}, {}, points); }

namespace {

constexpr const char* font_title = "DejaVu Sans Bold 16";
constexpr const char* font_heading = "DejaVu Sans Bold 10.5";
constexpr const char* font_key = "DejaVu Sans 9";
constexpr const char* font_body = "DejaVu Sans 10";
constexpr const char* font_mono = "DejaVu Sans Mono 9.5";
constexpr const char* font_footer = "DejaVu Sans 7.5";
constexpr double key_column_pt = 150.0;
constexpr double column_gap_pt = 12.0;
constexpr double row_gap_pt = 5.0;
constexpr double rule_gap_pt = 8.0;
constexpr double footer_gap_pt = 10.0;
constexpr double grey = 0.38;

// Serialises the per-thread font map lookup: its first call on a thread loads fontconfig's
// configuration, which older fontconfig releases did not guard against concurrent loads.
std::mutex font_map_mutex;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
void unref_object(void* p) { g_object_unref(p); }
using SurfacePtr = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using FontOptionsPtr = std::unique_ptr<cairo_font_options_t, Deleter<cairo_font_options_t, cairo_font_options_destroy>>;
using ObjectPtr = std::unique_ptr<void, Deleter<void, unref_object>>;
using FontDescriptionPtr =
    std::unique_ptr<PangoFontDescription, Deleter<PangoFontDescription, pango_font_description_free>>;

// Invalid UTF-8 would make Pango warn and drop text; replace it instead.
std::string valid_utf8(const std::string& text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return text;
  gchar* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(fixed);
  g_free(fixed);
  return out;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Writer {
 public:
  Writer(cairo_t* cr, PangoContext* context, const std::string& footer) : cr_(cr), context_(context), footer_(footer) {
    if (!footer_.empty()) {
      auto layout = make_layout(footer_, font_footer, content_width(), PANGO_WRAP_WORD_CHAR);
      footer_height_ = height_of(layout.get());
    }
    bottom_ = a4_height_pt - page_margin_pt - (footer_.empty() ? 0.0 : footer_height_ + footer_gap_pt);
    y_ = page_margin_pt;
  }

  void block(const Block& b) {
    switch (b.kind) {
      case BlockKind::title: {
        auto layout = make_layout(b.text, font_title, content_width(), PANGO_WRAP_WORD_CHAR);
        const double h = height_of(layout.get());
        fit(h);
        draw(layout.get(), page_margin_pt, y_, 0.0);
        y_ += h + row_gap_pt * 2;
        break;
      }
      case BlockKind::row: {
        auto key = make_layout(b.key, font_key, key_column_pt, PANGO_WRAP_WORD_CHAR);
        auto value = make_layout(b.text, font_body, content_width() - key_column_pt - column_gap_pt, PANGO_WRAP_WORD_CHAR);
        const double h = std::max(height_of(key.get()), height_of(value.get()));
        fit(h);
        draw(key.get(), page_margin_pt, y_ + 1.0, grey);
        draw(value.get(), page_margin_pt + key_column_pt + column_gap_pt, y_, 0.0);
        y_ += h + row_gap_pt;
        break;
      }
      case BlockKind::heading:
      case BlockKind::text:
      case BlockKind::monospace: {
        const bool mono = b.kind == BlockKind::monospace;
        const char* font = mono ? font_mono : b.kind == BlockKind::heading ? font_heading : font_body;
        auto layout = make_layout(b.text, font, content_width(), mono ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
        const double h = height_of(layout.get());
        fit(h);
        draw(layout.get(), page_margin_pt, y_, 0.0);
        y_ += h + row_gap_pt;
        break;
      }
      case BlockKind::rule:
        fit(rule_gap_pt * 2);
        cairo_set_source_rgb(cr_, grey, grey, grey);
        cairo_set_line_width(cr_, 0.6);
        cairo_move_to(cr_, page_margin_pt, y_ + rule_gap_pt);
        cairo_line_to(cr_, a4_width_pt - page_margin_pt, y_ + rule_gap_pt);
        cairo_stroke(cr_);
        y_ += rule_gap_pt * 2;
        break;
      case BlockKind::space:
        y_ = std::min(y_ + std::max(0.0, b.points), bottom_);
        break;
    }
  }

  void finish_page() {
    if (!footer_.empty()) {
      auto layout = make_layout(footer_, font_footer, content_width(), PANGO_WRAP_WORD_CHAR);
      draw(layout.get(), page_margin_pt, a4_height_pt - page_margin_pt - footer_height_, grey);
    }
    cairo_show_page(cr_);
  }

 private:
  static double content_width() { return a4_width_pt - 2 * page_margin_pt; }

  ObjectPtr make_layout(const std::string& text, const char* font, double width, PangoWrapMode wrap) {
    PangoLayout* layout = pango_layout_new(context_);
    FontDescriptionPtr description(pango_font_description_from_string(font));
    pango_layout_set_font_description(layout, description.get());
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, wrap);
    const std::string text_utf8 = valid_utf8(text);
    pango_layout_set_text(layout, text_utf8.data(), static_cast<int>(text_utf8.size()));
    return ObjectPtr(layout);
  }

  static double height_of(void* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(static_cast<PangoLayout*>(layout), &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  void draw(void* layout, double x, double y, double level) {
    cairo_set_source_rgb(cr_, level, level, level);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, static_cast<PangoLayout*>(layout));
  }

  // Starts a new page when `height` does not fit below the current position (unless the page is
  // still empty: a block taller than a page is drawn and clipped rather than looping forever).
  void fit(double height) {
    if (y_ + height <= bottom_ || y_ <= page_margin_pt) return;
    finish_page();
    y_ = page_margin_pt;
  }

  cairo_t* cr_;
  PangoContext* context_;
  const std::string& footer_;
  double footer_height_ = 0;
  double bottom_ = 0;
  double y_ = 0;
};

}  // namespace

std::string render_pdf(const Document& document) {
  std::string out;
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, &out, a4_width_pt, a4_height_pt));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("pdf surface: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  if (!document.title.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, valid_utf8(document.title).c_str());
  }
  if (!document.creator.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, valid_utf8(document.creator).c_str());
  }
  {
    CairoPtr cr(cairo_create(surface.get()));
    PangoFontMap* font_map = nullptr;
    {
      std::lock_guard lock(font_map_mutex);
      font_map = pango_cairo_font_map_get_default();  // this thread's; not owned
    }
    ObjectPtr context(pango_font_map_create_context(font_map));
    auto* pango_context = static_cast<PangoContext*>(context.get());
    // Unhinted metrics: a PDF is scaled freely, so glyph positions must not snap to pixels.
    FontOptionsPtr options(cairo_font_options_create());
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_context, options.get());
    pango_cairo_update_context(cr.get(), pango_context);

    Writer writer(cr.get(), pango_context, document.footer);
    for (const auto& block : document.blocks) writer.block(block);
    writer.finish_page();
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error(std::string("pdf drawing: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("pdf output: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  surface.reset();
  return out;
}

}  // namespace rg::pdf
