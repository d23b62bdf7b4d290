#pragma once
// The wire format of an outgoing message (RFC 5322 headers, RFC 2047 encoded words, RFC 2045/
// 2046 multipart/alternative with base64 parts) and the address helpers delivery needs. Pure
// functions, no I/O, so tests can check the exact bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace rg::email {

struct MimeMessage {
  std::string from;  // "Name <address>" or a bare address
  std::string to;    // a bare address
  std::string subject;
  std::string text;
  std::string html;  // empty → a single text/plain part
  std::int64_t date_us = 0;
  std::string message_id;  // without angle brackets: "123.abc@example.com"
  std::string boundary;    // must not occur in base64 output; "=_" prefixed values never do
};

// The complete message with CRLF line ends, ready for SMTP DATA.
std::string build_mime_message(const MimeMessage& message);

std::string base64_encode(std::string_view data);
// RFC 2047 "B" encoded words in UTF-8, each at most 75 characters and never splitting a UTF-8
// character, joined by CRLF + space (header folding).
std::string encode_header_words(std::string_view utf8);
// "Tue, 22 Sep 2026 08:00:12 +0000".
std::string format_rfc5322_date(std::int64_t utc_us);

// The addr-spec inside "Name <addr>", or the whole trimmed text when there are no brackets.
std::string address_of(std::string_view mailbox);
std::string domain_of(std::string_view address);
// A plain addr-spec we are willing to hand to SMTP: one '@', non-empty local part and a
// domain with a dot, at most 254 characters, and nothing that could break an SMTP command or a
// header (spaces, control characters, angle brackets, commas, quotes…).
bool is_valid_address(std::string_view address);
// For logs (DESIGN.md §6: personal data is always masked): "joao@example.com" → "j***@example.com".
std::string mask_address(std::string_view address);

}  // namespace rg::email
