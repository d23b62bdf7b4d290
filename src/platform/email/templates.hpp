#pragma once
// E-mail templates (PLT-10): one catalogue entry per template, each with pt-BR and en-US text.
// Placeholders are written {{name}}; values are inserted as given in the subject and plain text
// and HTML-escaped in the HTML part. A variable the template needs but the caller did not pass
// is an error, so a half-filled message is never stored.
//
// Adding a template: append an entry to the table in templates.cpp (name, variables, and the
// subject/text/HTML of both locales); the catalogue test checks that every placeholder used is
// declared and that both locales use the same ones.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace rg::email {

inline constexpr const char* locale_pt_br = "pt-BR";
inline constexpr const char* locale_en_us = "en-US";

struct LocalizedTemplate {
  std::string subject;
  std::string text;
  std::string html_content;  // the inside of the shared HTML layout
};

struct TemplateDefinition {
  std::string name;
  std::vector<std::string> variables;  // every {{placeholder}} the texts use
  LocalizedTemplate pt_br;
  LocalizedTemplate en_us;
};

struct RenderedEmail {
  std::string subject;
  std::string text;
  std::string html;  // a complete HTML document
};

// The catalogue, in declaration order.
const std::vector<TemplateDefinition>& template_catalogue();
const TemplateDefinition* find_template(std::string_view name);

// "pt-BR" or "en-US"; anything else (including "pt", "en" variants) maps to the closest, and
// unknown locales fall back to pt-BR.
std::string normalize_locale(std::string_view locale);

// Renders `name` in `locale`. Errors: unknown template (invalid "template"), a missing variable
// (invalid "vars", naming every missing one).
Result<RenderedEmail> render_template(std::string_view name, std::string_view locale,
                                      const std::map<std::string, std::string>& vars);

// Replaces every {{key}} in `pattern`; escapes values for HTML when `escape_html` is set. An
// unknown or unterminated placeholder is an error.
Result<std::string> substitute(std::string_view pattern, const std::map<std::string, std::string>& vars,
                               bool escape_html);

std::string html_escape(std::string_view text);

// The placeholder names a pattern uses, in order of first appearance.
std::vector<std::string> placeholders(std::string_view pattern);

}  // namespace rg::email
