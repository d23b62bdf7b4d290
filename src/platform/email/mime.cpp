#include "platform/email/mime.hpp"

#include <algorithm>
#include <cstdio>

#include "core/calendar.hpp"
#include "core/clock.hpp"

namespace rg::email {

namespace {

constexpr std::string_view base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// RFC 2045 caps encoded lines at 76 characters.
constexpr std::size_t base64_line_chars = 76;
// 39 bytes → 52 base64 characters → a 64-character encoded word; with "Subject: " in front the
// first header line stays under the recommended 78 characters.
constexpr std::size_t encoded_word_bytes = 39;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// Body text uses '\n'; MIME's canonical form is CRLF before the transfer encoding.
std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string flat = base64_encode(data);
  std::string out;
  out.reserve(flat.size() + flat.size() / base64_line_chars * 2 + 2);
  for (std::size_t at = 0; at < flat.size(); at += base64_line_chars) {
    out.append(flat, at, base64_line_chars);
    out += "\r\n";
  }
  return out;
}

bool is_atext_phrase(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == ' ') return true;
    return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
  });
}

bool is_printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
}

// The From header value: the display name as is when it is plain, quoted when it has
// punctuation, encoded when it is not ASCII.
std::string from_header(std::string_view mailbox) {
  const std::string address = address_of(mailbox);
  const auto open = mailbox.find('<');
  std::string name = open == std::string_view::npos ? std::string() : trim(mailbox.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  if (name.empty()) return address;
  if (is_atext_phrase(name)) return name + " <" + address + ">";
  if (is_printable_ascii(name)) {
    std::string quoted = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "\" <" + address + ">";
  }
  return encode_header_words(name) + " <" + address + ">";
}

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                            (static_cast<unsigned char>(data[i + 1]) << 8) | static_cast<unsigned char>(data[i + 2]);
    out += base64_alphabet[(n >> 18) & 63];
    out += base64_alphabet[(n >> 12) & 63];
    out += base64_alphabet[(n >> 6) & 63];
    out += base64_alphabet[n & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += base64_alphabet[(n >> 18) & 63];
    out += base64_alphabet[(n >> 12) & 63];
    out += rest == 2 ? base64_alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string encode_header_words(std::string_view utf8) {
  std::string out;
  std::size_t at = 0;
  while (at < utf8.size()) {
    std::size_t end = std::min(utf8.size(), at + encoded_word_bytes);
    // Back off so a multi-byte character is never split between two words (RFC 2047 §5).
    while (end < utf8.size() && end > at + 1 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(utf8.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string format_rfc5322_date(std::int64_t utc_us) {
  static constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date date = utc_date(utc_us);
  std::int64_t seconds_of_day = (utc_us / microseconds_per_second) % 86'400;
  if (seconds_of_day < 0) seconds_of_day += 86'400;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                weekdays[static_cast<int>(weekday(date))], date.day, months[date.month - 1], date.year,
                static_cast<int>(seconds_of_day / 3600), static_cast<int>(seconds_of_day / 60 % 60),
                static_cast<int>(seconds_of_day % 60));
  return buffer;
}

std::string address_of(std::string_view mailbox) {
  const auto open = mailbox.find('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return trim(mailbox.substr(open + 1, close - open - 1));
  }
  return trim(mailbox);
}

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

bool is_valid_address(std::string_view address) {
  if (address.size() < 3 || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64 || domain.size() < 3) return false;
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(address.begin(), address.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
    return std::string_view("<>()[]\\,;:\"").find(c) == std::string_view::npos;
  });
}

std::string mask_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return "***";
  // Keep the whole first character even when it takes several UTF-8 bytes.
  std::size_t first = 1;
  while (first < at && (static_cast<unsigned char>(address[first]) & 0xC0) == 0x80) ++first;
  return std::string(address.substr(0, first)) + "***" + std::string(address.substr(at));
}

std::string build_mime_message(const MimeMessage& m) {
  std::string out;
  out.reserve(m.text.size() * 2 + m.html.size() * 14 / 10 + 1024);
  out += "From: " + from_header(m.from) + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encode_header_words(m.subject) + "\r\n";
  out += "Date: " + format_rfc5322_date(m.date_us) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  // RFC 3834: tells auto-responders (vacation replies) not to answer.
  out += "Auto-Submitted: auto-generated\r\n";
  const std::string text_headers = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";
  if (m.html.empty()) {
    out += text_headers + "\r\n" + base64_lines(to_crlf(m.text));
    return out;
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + m.boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n\r\n";
  // Each encoded part ends with CRLF, which doubles as the CRLF that opens the next delimiter.
  out += "--" + m.boundary + "\r\n" + text_headers + "\r\n" + base64_lines(to_crlf(m.text));
  out += "--" + m.boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(to_crlf(m.html));
  out += "--" + m.boundary + "--\r\n";
  return out;
}

}  // namespace rg::email
