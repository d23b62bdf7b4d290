#include "platform/email/templates.hpp"

#include <algorithm>

namespace rg::email {

namespace {

// Building blocks of the HTML part. Styles are inline because most mail clients drop <style>
// elements; layout uses tables because some desktop clients ignore CSS boxes. No images, so
// nothing is fetched from outside when the message is opened.
std::string paragraph(std::string_view inner) {
  return "<p style=\"margin:0 0 16px 0;\">" + std::string(inner) + "</p>\n";
}

std::string code_box(std::string_view code) {
  return "<p style=\"margin:0 0 24px 0;padding:16px;background:#f1f5f9;border:1px solid #d9e2ec;"
         "border-radius:6px;text-align:center;font-family:'Courier New',Courier,monospace;font-size:32px;"
         "font-weight:bold;letter-spacing:8px;color:#102a43;\">" +
         std::string(code) + "</p>\n";
}

std::string button(std::string_view href, std::string_view label) {
  return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:8px 0 24px 0;\">"
         "<tr><td style=\"border-radius:6px;background:#0b5cad;\"><a href=\"" +
         std::string(href) +
         "\" style=\"display:inline-block;padding:12px 28px;font-size:15px;font-weight:bold;color:#ffffff;"
         "text-decoration:none;border-radius:6px;\">" +
         std::string(label) + "</a></td></tr></table>\n";
}

std::string link_fallback(std::string_view intro, std::string_view href) {
  return "<p style=\"margin:0 0 16px 0;font-size:13px;color:#52606d;\">" + std::string(intro) +
         "<br><a href=\"" + std::string(href) + "\" style=\"color:#0b5cad;word-break:break-all;\">" +
         std::string(href) + "</a></p>\n";
}

std::string note(std::string_view inner) {
  return "<p style=\"margin:0;font-size:13px;color:#52606d;\">" + std::string(inner) + "</p>\n";
}

constexpr std::string_view footer_pt = "Retaguarda · Mensagem automática; não responda a este e-mail.";
constexpr std::string_view footer_en = "Retaguarda · Automated message; please do not reply to this email.";
constexpr std::string_view fallback_pt = "Se o botão não funcionar, copie este endereço e cole no navegador:";
constexpr std::string_view fallback_en = "If the button does not work, copy this address into your browser:";

std::vector<TemplateDefinition> build_catalogue() {
  std::vector<TemplateDefinition> c;

  c.push_back({
      "first_access_code",
      {"name", "code", "tenant_name", "link"},
      {"Confirme seu e-mail",
       "Olá, {{name}}!\n\n"
       "Seu acesso à Retaguarda de {{tenant_name}} foi criado. Para ativá-lo, confirme seu e-mail.\n\n"
       "Seu código de confirmação:\n\n"
       "    {{code}}\n\n"
       "Copie o código e acesse o endereço abaixo. Na página que abrir, cole o código no campo "
       "\"Código de confirmação\" e crie sua senha:\n\n"
       "{{link}}\n\n"
       "Não compartilhe este código com ninguém. Se você não esperava este e-mail, basta ignorá-lo.",
       paragraph("Olá, {{name}}!") +
           paragraph("Seu acesso à Retaguarda de <strong>{{tenant_name}}</strong> foi criado. Para ativá-lo, "
                     "confirme seu e-mail.") +
           paragraph("Seu código de confirmação:") + code_box("{{code}}") +
           paragraph("Copie o código e clique no botão abaixo. Na página que abrir, cole o código no campo "
                     "<strong>Código de confirmação</strong> e crie sua senha.") +
           button("{{link}}", "CONFIRMAR E-MAIL") + link_fallback(fallback_pt, "{{link}}") +
           note("Não compartilhe este código com ninguém. Se você não esperava este e-mail, basta ignorá-lo.")},
      {"Confirm your email address",
       "Hello, {{name}}!\n\n"
       "Your Retaguarda access for {{tenant_name}} has been created. To activate it, confirm your email "
       "address.\n\n"
       "Your confirmation code:\n\n"
       "    {{code}}\n\n"
       "Copy the code and open the address below. On the page that opens, paste the code into the "
       "\"Confirmation code\" field and create your password:\n\n"
       "{{link}}\n\n"
       "Do not share this code with anyone. If you were not expecting this email, you can ignore it.",
       paragraph("Hello, {{name}}!") +
           paragraph("Your Retaguarda access for <strong>{{tenant_name}}</strong> has been created. To activate "
                     "it, confirm your email address.") +
           paragraph("Your confirmation code:") + code_box("{{code}}") +
           paragraph("Copy the code and click the button below. On the page that opens, paste the code into the "
                     "<strong>Confirmation code</strong> field and create your password.") +
           button("{{link}}", "CONFIRM EMAIL") + link_fallback(fallback_en, "{{link}}") +
           note("Do not share this code with anyone. If you were not expecting this email, you can ignore it.")},
  });

  c.push_back({
      "recovery_code",
      {"name", "code", "link", "valid_minutes"},
      {"Código para recuperar seu acesso",
       "Olá, {{name}}!\n\n"
       "Recebemos um pedido para recuperar o seu acesso. Use este código:\n\n"
       "    {{code}}\n\n"
       "O código vale por {{valid_minutes}} minutos. Copie o código e acesse o endereço abaixo para criar "
       "uma nova senha:\n\n"
       "{{link}}\n\n"
       "Se não foi você quem pediu, ignore este e-mail: sua senha atual continua valendo. Nunca compartilhe "
       "este código; nossa equipe jamais vai pedi-lo.",
       paragraph("Olá, {{name}}!") + paragraph("Recebemos um pedido para recuperar o seu acesso. Use este código:") +
           code_box("{{code}}") +
           paragraph("O código vale por <strong>{{valid_minutes}} minutos</strong>. Copie o código e clique no "
                     "botão abaixo para criar uma nova senha.") +
           button("{{link}}", "REDEFINIR SENHA") + link_fallback(fallback_pt, "{{link}}") +
           note("Se não foi você quem pediu, ignore este e-mail: sua senha atual continua valendo. Nunca "
                "compartilhe este código; nossa equipe jamais vai pedi-lo.")},
      {"Your access recovery code",
       "Hello, {{name}}!\n\n"
       "We received a request to recover your access. Use this code:\n\n"
       "    {{code}}\n\n"
       "The code is valid for {{valid_minutes}} minutes. Copy the code and open the address below to "
       "create a new password:\n\n"
       "{{link}}\n\n"
       "If you did not ask for this, ignore this email: your current password still works. Never share "
       "this code; our team will never ask for it.",
       paragraph("Hello, {{name}}!") + paragraph("We received a request to recover your access. Use this code:") +
           code_box("{{code}}") +
           paragraph("The code is valid for <strong>{{valid_minutes}} minutes</strong>. Copy the code and click "
                     "the button below to create a new password.") +
           button("{{link}}", "RESET PASSWORD") + link_fallback(fallback_en, "{{link}}") +
           note("If you did not ask for this, ignore this email: your current password still works. Never "
                "share this code; our team will never ask for it.")},
  });

  c.push_back({
      "password_changed",
      {"name", "when"},
      {"Sua senha foi alterada",
       "Olá, {{name}}!\n\n"
       "A senha do seu acesso foi alterada em {{when}}.\n\n"
       "Se foi você, não é preciso fazer mais nada.\n\n"
       "Se você não reconhece esta alteração, avise imediatamente o administrador da sua empresa para que "
       "o acesso seja bloqueado.",
       paragraph("Olá, {{name}}!") + paragraph("A senha do seu acesso foi alterada em <strong>{{when}}</strong>.") +
           paragraph("Se foi você, não é preciso fazer mais nada.") +
           note("Se você não reconhece esta alteração, avise imediatamente o administrador da sua empresa para "
                "que o acesso seja bloqueado.")},
      {"Your password was changed",
       "Hello, {{name}}!\n\n"
       "The password of your access was changed on {{when}}.\n\n"
       "If this was you, there is nothing else to do.\n\n"
       "If you do not recognize this change, tell your company's administrator right away so the access "
       "can be blocked.",
       paragraph("Hello, {{name}}!") +
           paragraph("The password of your access was changed on <strong>{{when}}</strong>.") +
           paragraph("If this was you, there is nothing else to do.") +
           note("If you do not recognize this change, tell your company's administrator right away so the "
                "access can be blocked.")},
  });

  c.push_back({
      "approval_requested",
      {"name", "action", "maker", "link"},
      {"Aprovação pendente: {{action}}",
       "Olá, {{name}}!\n\n"
       "{{maker}} enviou um pedido que precisa de aprovação: {{action}}.\n\n"
       "A ação só será executada depois que alguém com permissão aprovar o pedido. Para analisá-lo, "
       "acesse:\n\n"
       "{{link}}",
       paragraph("Olá, {{name}}!") +
           paragraph("<strong>{{maker}}</strong> enviou um pedido que precisa de aprovação: "
                     "<strong>{{action}}</strong>.") +
           paragraph("A ação só será executada depois que alguém com permissão aprovar o pedido.") +
           button("{{link}}", "ANALISAR PEDIDO") + link_fallback(fallback_pt, "{{link}}")},
      {"Approval pending: {{action}}",
       "Hello, {{name}}!\n\n"
       "{{maker}} submitted a request that needs approval: {{action}}.\n\n"
       "The action runs only after someone with permission approves the request. To review it, open:\n\n"
       "{{link}}",
       paragraph("Hello, {{name}}!") +
           paragraph("<strong>{{maker}}</strong> submitted a request that needs approval: "
                     "<strong>{{action}}</strong>.") +
           paragraph("The action runs only after someone with permission approves the request.") +
           button("{{link}}", "REVIEW REQUEST") + link_fallback(fallback_en, "{{link}}")},
  });

  c.push_back({
      "webhook_trigger_disabled",
      {"name", "url", "since", "attempts", "link"},
      {"Gatilho desativado: {{url}}",
       "Olá, {{name}}!\n\n"
       "O gatilho que envia eventos para {{url}} foi desativado automaticamente: nenhuma entrega teve "
       "sucesso desde {{since}} e {{attempts}} tentativas seguidas falharam.\n\n"
       "Novos eventos não serão enviados para esse endereço. Corrija o destino e reative o gatilho em:\n\n"
       "{{link}}",
       paragraph("Olá, {{name}}!") +
           paragraph("O gatilho que envia eventos para <strong>{{url}}</strong> foi desativado "
                     "automaticamente: nenhuma entrega teve sucesso desde <strong>{{since}}</strong> e "
                     "<strong>{{attempts}}</strong> tentativas seguidas falharam.") +
           paragraph("Novos eventos não serão enviados para esse endereço. Corrija o destino e reative o gatilho.") +
           button("{{link}}", "VER GATILHO") + link_fallback(fallback_pt, "{{link}}")},
      {"Trigger disabled: {{url}}",
       "Hello, {{name}}!\n\n"
       "The trigger that sends events to {{url}} was disabled automatically: no delivery has succeeded "
       "since {{since}} and {{attempts}} attempts in a row failed.\n\n"
       "New events will not be sent to that address. Fix the endpoint and activate the trigger again at:\n\n"
       "{{link}}",
       paragraph("Hello, {{name}}!") +
           paragraph("The trigger that sends events to <strong>{{url}}</strong> was disabled automatically: "
                     "no delivery has succeeded since <strong>{{since}}</strong> and <strong>{{attempts}}</strong> "
                     "attempts in a row failed.") +
           paragraph("New events will not be sent to that address. Fix the endpoint and activate the trigger "
                     "again.") +
           button("{{link}}", "VIEW TRIGGER") + link_fallback(fallback_en, "{{link}}")},
  });

  c.push_back({
      "test_message",
      {"name"},
      {"Mensagem de teste da Retaguarda",
       "Olá, {{name}}!\n\n"
       "Esta é uma mensagem de teste enviada pela Retaguarda. Se você a recebeu, o envio de e-mails está "
       "funcionando.",
       paragraph("Olá, {{name}}!") +
           paragraph("Esta é uma mensagem de teste enviada pela Retaguarda. Se você a recebeu, o envio de "
                     "e-mails está funcionando.")},
      {"Retaguarda test message",
       "Hello, {{name}}!\n\n"
       "This is a test message sent by Retaguarda. If you received it, email delivery is working.",
       paragraph("Hello, {{name}}!") +
           paragraph("This is a test message sent by Retaguarda. If you received it, email delivery is "
                     "working.")},
  });

  return c;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A subject is one header line: control characters a value may carry become spaces.
std::string single_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

std::string layout(std::string_view locale, std::string_view subject, std::string_view content,
                   std::string_view footer) {
  std::string html;
  html.reserve(content.size() + 1500);
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += locale;
  html += "\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  html += html_escape(subject);
  html += "</title>\n</head>\n"
          "<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;"
          "color:#1f2933;\">\n"
          "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
          "style=\"background:#f4f5f7;padding:24px 0;\"><tr><td align=\"center\">\n"
          "<table role=\"presentation\" width=\"560\" cellpadding=\"0\" cellspacing=\"0\" "
          "style=\"max-width:560px;width:100%;background:#ffffff;border:1px solid #e4e7eb;border-radius:8px;\">\n"
          "<tr><td style=\"padding:20px 32px;border-bottom:1px solid #e4e7eb;font-size:18px;font-weight:bold;"
          "color:#0b3d91;\">Retaguarda</td></tr>\n"
          "<tr><td style=\"padding:32px;font-size:15px;line-height:1.5;\">\n";
  html += content;
  html += "</td></tr>\n"
          "<tr><td style=\"padding:16px 32px;border-top:1px solid #e4e7eb;font-size:12px;color:#7b8794;\">";
  html += html_escape(footer);
  html += "</td></tr>\n</table>\n</td></tr></table>\n</body>\n</html>\n";
  return html;
}

}  // namespace

const std::vector<TemplateDefinition>& template_catalogue() {
  static const std::vector<TemplateDefinition> catalogue = build_catalogue();
  return catalogue;
}

const TemplateDefinition* find_template(std::string_view name) {
  for (const auto& t : template_catalogue()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string normalize_locale(std::string_view locale) {
  if (locale.size() >= 2 && (locale[0] == 'e' || locale[0] == 'E') && (locale[1] == 'n' || locale[1] == 'N')) {
    return locale_en_us;
  }
  return locale_pt_br;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<std::string> placeholders(std::string_view pattern) {
  std::vector<std::string> names;
  for (std::size_t at = pattern.find("{{"); at != std::string_view::npos; at = pattern.find("{{", at + 2)) {
    const std::size_t end = pattern.find("}}", at + 2);
    if (end == std::string_view::npos) break;
    std::string name(pattern.substr(at + 2, end - at - 2));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

Result<std::string> substitute(std::string_view pattern, const std::map<std::string, std::string>& vars,
                               bool escape_html) {
  std::string out;
  out.reserve(pattern.size() + 256);
  std::size_t from = 0;
  while (true) {
    const std::size_t open = pattern.find("{{", from);
    if (open == std::string_view::npos) break;
    out.append(pattern.substr(from, open - from));
    const std::size_t close = pattern.find("}}", open + 2);
    const std::string_view name =
        close == std::string_view::npos ? std::string_view{} : pattern.substr(open + 2, close - open - 2);
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
      return Error::internal("Malformed placeholder in e-mail template near offset " + std::to_string(open) + ".");
    }
    const auto it = vars.find(std::string(name));
    if (it == vars.end()) return Error::invalid("vars", "Missing template variable '" + std::string(name) + "'.");
    out += escape_html ? html_escape(it->second) : it->second;
    from = close + 2;
  }
  out.append(pattern.substr(from));
  return out;
}

Result<RenderedEmail> render_template(std::string_view name, std::string_view locale,
                                      const std::map<std::string, std::string>& vars) {
  const TemplateDefinition* definition = find_template(name);
  if (!definition) return Error::invalid("template", "Unknown e-mail template '" + std::string(name) + "'.");
  std::string missing;
  for (const auto& variable : definition->variables) {
    if (!vars.contains(variable)) missing += (missing.empty() ? "" : ", ") + variable;
  }
  if (!missing.empty()) {
    return Error::invalid("vars", "E-mail template '" + definition->name + "' is missing variables: " + missing + ".");
  }
  const std::string normalized = normalize_locale(locale);
  const bool english = normalized == locale_en_us;
  const LocalizedTemplate& texts = english ? definition->en_us : definition->pt_br;

  auto subject = substitute(texts.subject, vars, false);
  if (!subject) return subject.error();
  auto text = substitute(texts.text, vars, false);
  if (!text) return text.error();
  auto content = substitute(texts.html_content, vars, true);
  if (!content) return content.error();

  RenderedEmail rendered;
  rendered.subject = single_line(std::move(*subject));
  const std::string_view footer = english ? footer_en : footer_pt;
  rendered.text = std::move(*text) + "\n\n-- \n" + std::string(footer) + "\n";
  rendered.html = layout(normalized, rendered.subject, *content, footer);
  return rendered;
}

}  // namespace rg::email
