// Signing (Standard Webhooks), secrets, URL rules and the outbound POST (libcurl).
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "platform/webhooks/model.hpp"

namespace rg::webhooks {

namespace {

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
    curl_global_init(CURL_GLOBAL_DEFAULT);
  });
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

struct Sink {
  std::string data;
  bool truncated = false;
};

// Keeps at most response_bytes_max bytes; returning less than offered aborts the transfer,
// which is what an oversized answer deserves (it is then reported with what was read).
std::size_t write_capped(char* ptr, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  const std::size_t room = response_bytes_max - std::min(response_bytes_max, sink->data.size());
  if (n > room) {
    sink->data.append(ptr, room);
    sink->truncated = true;
    return 0;
  }
  sink->data.append(ptr, n);
  return n;
}

// At most `max` bytes of valid UTF-8 without NULs (PostgreSQL TEXT accepts nothing else): a
// byte that does not start a well-formed sequence becomes '?', and a sequence is never split.
std::string excerpt(const std::string& text, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size() && c != 0 && c != 0xC0 && c != 0xC1 && c < 0xF5;
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) n = 1;
    if (out.size() + (ok ? n : 1) > max) break;
    if (ok) {
      out.append(text, i, n);
    } else {
      out.push_back('?');
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string sign(const std::string& secret, const std::string& msg_id, std::int64_t timestamp_s,
                 const std::string& body) {
  init_once();
  constexpr std::string_view prefix = "whsec_";
  if (!secret.starts_with(prefix)) return "";
  const std::string encoded = secret.substr(prefix.size());
  std::vector<unsigned char> key(encoded.size());
  std::size_t key_len = 0;
  if (sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), nullptr, &key_len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      key_len == 0) {
    return "";
  }
  const std::string message = msg_id + "." + std::to_string(timestamp_s) + "." + body;
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, key.data(), key_len);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(key.data(), key.size());
  return "v1," + to_base64(mac, sizeof mac);
}

std::string new_secret() {
  init_once();
  unsigned char bytes[24];
  randombytes_buf(bytes, sizeof bytes);
  std::string out = "whsec_" + to_base64(bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return out;
}

namespace {

AddressClass classify_v4(const unsigned char* a) {
  const auto in = [&](unsigned char b0, unsigned char mask0, unsigned char b1 = 0, unsigned char mask1 = 0) {
    return (a[0] & mask0) == b0 && (a[1] & mask1) == b1;
  };
  if (a[0] == 127) return AddressClass::loopback;
  if (a[0] == 0 || in(169, 0xFF, 254, 0xFF) || a[0] >= 224) return AddressClass::forbidden;  // + multicast, reserved
  if (a[0] == 10 || in(172, 0xFF, 16, 0xF0) || in(192, 0xFF, 168, 0xFF) || in(100, 0xFF, 64, 0xC0)) {
    return AddressClass::private_network;
  }
  return AddressClass::public_address;
}

AddressClass classify_v6(const unsigned char* a) {
  static constexpr unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(a, mapped, 12) == 0) return classify_v4(a + 12);
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && a[i] == 0;
  if (zero_prefix && a[15] == 1) return AddressClass::loopback;
  if (zero_prefix && a[15] == 0) return AddressClass::forbidden;                    // ::
  if (a[0] == 0xFF || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)) return AddressClass::forbidden;  // ff00::/8, fe80::/10
  if ((a[0] & 0xFE) == 0xFC) return AddressClass::private_network;                 // fc00::/7
  return AddressClass::public_address;
}

AddressClass classify_sockaddr(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return classify_v4(reinterpret_cast<const unsigned char*>(&reinterpret_cast<const sockaddr_in*>(address)->sin_addr));
  }
  if (address->sa_family == AF_INET6) {
    return classify_v6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr);
  }
  return AddressClass::forbidden;
}

std::string address_text(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
  }
  return text;
}

}  // namespace

std::optional<AddressClass> classify_address(const std::string& text) {
  std::string host = text;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, host.c_str(), bytes) == 1) return classify_v4(bytes);
  if (inet_pton(AF_INET6, host.c_str(), bytes) == 1) return classify_v6(bytes);
  return std::nullopt;
}

std::string refusal(AddressClass address_class, const NetworkPolicy& policy) {
  switch (address_class) {
    case AddressClass::public_address:
      return "";
    case AddressClass::loopback:
      return policy.loopback ? "" : "a loopback address (accepted only with --webhook-allow-loopback)";
    case AddressClass::private_network:
      return policy.private_networks ? "" : "a private network address (accepted only with --webhook-allow-private)";
    case AddressClass::forbidden:
      break;
  }
  return "a link-local, multicast, reserved or unspecified address (never accepted)";
}

bool valid_url(const std::string& url, std::string& why, const NetworkPolicy& policy) {
  init_once();
  if (url.empty() || url.size() > 2000) {
    why = "The URL is required and must have at most 2000 characters.";
    return false;
  }
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    why = "The URL is not valid.";
    return false;
  }
  char* scheme_raw = nullptr;
  char* host_raw = nullptr;
  curl_url_get(u.get(), CURLUPART_SCHEME, &scheme_raw, 0);
  curl_url_get(u.get(), CURLUPART_HOST, &host_raw, 0);
  const std::string scheme = scheme_raw ? scheme_raw : "";
  const std::string host = host_raw ? host_raw : "";
  curl_free(scheme_raw);
  curl_free(host_raw);
  if (host.empty()) {
    why = "The URL has no host.";
    return false;
  }
  char* user_raw = nullptr;
  const bool has_user = curl_url_get(u.get(), CURLUPART_USER, &user_raw, 0) == CURLUE_OK;
  curl_free(user_raw);
  if (has_user) {
    why = "The URL must not carry credentials.";
    return false;
  }
  std::optional<AddressClass> address = classify_address(host);
  if (!address && (host == "localhost" || host.ends_with(".localhost"))) address = AddressClass::loopback;
  if (address) {
    if (const std::string no = refusal(*address, policy); !no.empty()) {
      why = "The URL's host is " + no + ".";
      return false;
    }
  }
  const bool loopback = address == AddressClass::loopback;
  if (scheme == "https") return true;
  if (scheme == "http" && loopback) return true;
  why = scheme == "http" ? "The URL must use https (http is accepted only for 127.0.0.1, ::1 and localhost)."
                         : "The URL must use https.";
  return false;
}

namespace {

// One POST's curl handle and what it needs until it completes.
class Transfer {
 public:
  Transfer(const SendRequest& request, long timeout_ms, const NetworkPolicy& policy)
      : curl_(curl_easy_init(), curl_easy_cleanup), policy_(policy) {
    if (!curl_) return;
    curl_slist* raw_headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
    }
    raw_headers = curl_slist_append(raw_headers, "Expect:");  // no 100-continue round trip
    headers_.reset(raw_headers);
    CURL* h = curl_.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    // A proxy from the environment would be the address checked below instead of the endpoint.
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_capped);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink_);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(connect_timeout_ms, timeout_ms));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Retaguarda-Webhooks/1");
    started_ = std::chrono::steady_clock::now();
  }
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  CURL* handle() const { return curl_.get(); }

  SendResult finish(CURLcode code) const {
    SendResult result;
    if (!curl_) {
      result.error = "curl_easy_init failed";
      return result;
    }
    CURL* h = curl_.get();
    result.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_).count();
    if (!refused_.empty()) {
      result.error = "destination not allowed: " + refused_;
      return result;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status > 0) result.status_code = static_cast<int>(status);
    result.response_excerpt = excerpt(sink_.data, response_excerpt_bytes_max);
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && sink_.truncated)) {
      result.error = std::string(curl_easy_strerror(code));
      if (error_buffer_[0] != '\0') result.error += std::string(": ") + error_buffer_;
      return result;
    }
    if (status >= 200 && status < 300) {
      result.delivered = true;
      return result;
    }
    result.error = "HTTP " + std::to_string(status);
    if (status >= 300 && status < 400) result.error += " (redirects are not followed)";
    return result;
  }

 private:
  // Every address curl is about to connect to (after name resolution) passes the policy.
  static curl_socket_t open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) {
    auto* transfer = static_cast<Transfer*>(self);
    if (purpose == CURLSOCKTYPE_IPCXN) {
      const auto* where = reinterpret_cast<const sockaddr*>(&address->addr);
      if (std::string no = refusal(classify_sockaddr(where), transfer->policy_); !no.empty()) {
        transfer->refused_ = address_text(where) + " is " + no;
        return CURL_SOCKET_BAD;
      }
    }
    return socket(address->family, address->socktype, address->protocol);
  }

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl_;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers_{nullptr, curl_slist_free_all};
  NetworkPolicy policy_;
  std::string refused_;
  Sink sink_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

SendResult send(const SendRequest& request, long timeout_ms, const NetworkPolicy& policy) {
  init_once();
  Transfer transfer(request, timeout_ms, policy);
  if (!transfer.handle()) return transfer.finish(CURLE_FAILED_INIT);
  return transfer.finish(curl_easy_perform(transfer.handle()));
}

SendSession::SendSession(NetworkPolicy policy) : policy_(policy), multi_(nullptr) {
  init_once();
  multi_ = curl_multi_init();
}

SendSession::~SendSession() {
  if (multi_) curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

std::vector<std::optional<SendResult>> SendSession::send_all(const std::vector<SendRequest>& requests,
                                                             long timeout_ms, int parallel, long start_window_ms) {
  std::vector<std::optional<SendResult>> results(requests.size());
  auto* multi = static_cast<CURLM*>(multi_);
  if (!multi) {
    for (std::size_t i = 0; i < requests.size(); ++i) results[i] = send(requests[i], timeout_ms, policy_);
    return results;
  }
  const auto window_ends = std::chrono::steady_clock::now() + std::chrono::milliseconds(start_window_ms);
  std::map<CURL*, std::pair<std::size_t, std::unique_ptr<Transfer>>> running;
  std::size_t next = 0;
  const auto start_more = [&] {
    while (next < requests.size() && static_cast<int>(running.size()) < std::max(1, parallel) &&
           std::chrono::steady_clock::now() < window_ends) {
      auto transfer = std::make_unique<Transfer>(requests[next], timeout_ms, policy_);
      if (!transfer->handle() || curl_multi_add_handle(multi, transfer->handle()) != CURLM_OK) {
        results[next] = transfer->finish(CURLE_FAILED_INIT);
      } else {
        CURL* h = transfer->handle();
        running.emplace(h, std::make_pair(next, std::move(transfer)));
      }
      ++next;
    }
  };
  start_more();
  while (!running.empty()) {
    int still_running = 0;
    curl_multi_perform(multi, &still_running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      const auto it = running.find(msg->easy_handle);
      if (it == running.end()) continue;
      results[it->second.first] = it->second.second->finish(msg->data.result);
      // The connection stays in the multi handle's cache for the next request to the host.
      curl_multi_remove_handle(multi, msg->easy_handle);
      running.erase(it);
    }
    start_more();
    if (!running.empty()) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  return results;
}

}  // namespace rg::webhooks
