#include "http/server.hpp"

#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "core/limits.hpp"
#include "core/log.hpp"

namespace rg::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  // True while waiting for the first byte of the next request: such a connection is closed at
  // once on shutdown, while one that has started a request is allowed to finish it.
  bool idle = true;
};

Request to_request(bhttp::request<bhttp::string_body>&& message, const std::string& remote) {
  Request r;
  r.method = std::string(message.method_string());
  r.target = std::string(message.target());
  const auto question = r.target.find('?');
  r.path = r.target.substr(0, question);
  if (question != std::string::npos) r.query_string = r.target.substr(question + 1);
  if (r.path.empty()) r.path = "/";
  r.headers.reserve(8);
  for (const auto& field : message) r.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  r.body = std::move(message.body());
  r.remote_address = remote;
  return r;
}

// A request whose body was refused still has a header worth logging.
Request header_only_request(const bhttp::request_parser<bhttp::string_body>& parser, const std::string& remote) {
  // The parser fills the message as it goes, so whatever was read of the header is there even
  // when the error came before the header was complete.
  Request r;
  const auto& m = parser.get();
  r.method = std::string(m.method_string());
  r.target = std::string(m.target());
  for (const auto& field : m) r.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  r.path = r.target.substr(0, r.target.find('?'));
  r.remote_address = remote;
  return r;
}

bhttp::response<bhttp::string_body> to_message(Response&& response, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  for (auto& h : response.headers) message.set(h.name, std::move(h.value));
  message.keep_alive(keep_alive);
  if (head) {
    // A HEAD response announces the length the GET body would have, and sends no body.
    message.content_length(response.body_size());
  } else {
    message.body() = std::move(response.body);
    message.prepare_payload();
  }
  return message;
}

// Sends a response whose body is a file: the header and the first chunk go out in one write,
// then each further chunk is read with pread(2) only once the socket took the previous one, so
// memory stays at one chunk per download whatever the file size. Content-Length is the size at
// opening; a file that shrank since cannot be answered any more and the connection is dropped.
// Returns false when the connection must be closed.
asio::awaitable<bool> send_file(beast::tcp_stream& stream, Response&& response, unsigned version, bool keep_alive,
                                std::int64_t chunk_timeout_ms) {
  const std::shared_ptr<const FileBody> file = std::move(response.file);
  bhttp::response<bhttp::buffer_body> message{static_cast<bhttp::status>(response.status), version};
  for (auto& h : response.headers) message.set(h.name, std::move(h.value));
  message.keep_alive(keep_alive);
  message.content_length(file->size());
  bhttp::response_serializer<bhttp::buffer_body> serializer{message};
  const auto chunk_bytes =
      static_cast<std::size_t>(std::min<std::uint64_t>(file->size(), limits::response_file_chunk_bytes));
  const auto chunk = std::make_unique<char[]>(std::max<std::size_t>(chunk_bytes, 1));
  std::uint64_t offset = 0;
  do {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_bytes, file->size() - offset));
    ssize_t n = 0;
    if (want > 0) {
      do {
        n = ::pread(file->fd(), chunk.get(), want, static_cast<off_t>(offset));
      } while (n < 0 && errno == EINTR);
      if (n <= 0) {
        log::warn("http.file_body_short", {{"request_id", std::string_view(message["X-Request-Id"])},
                                           {"sent_bytes", static_cast<std::int64_t>(offset)},
                                           {"size_bytes", static_cast<std::int64_t>(file->size())},
                                           {"error", std::string_view(n < 0 ? std::strerror(errno) : "end of file")}});
        co_return false;
      }
      offset += static_cast<std::uint64_t>(n);
    }
    message.body().data = want > 0 ? chunk.get() : nullptr;
    message.body().size = static_cast<std::size_t>(n);
    message.body().more = offset < file->size();
    stream.expires_after(std::chrono::milliseconds(chunk_timeout_ms));
    auto [ec, written] = co_await bhttp::async_write(stream, serializer, as_tuple_awaitable);
    (void)written;
    if (ec && ec != bhttp::error::need_buffer) co_return false;
  } while (!serializer.is_done());
  co_return true;
}

}  // namespace

// One single-threaded io_context per worker thread: a connection lives on one thread for its
// whole life, so it needs no strand and no locks (measured: a shared io_context with strands cost
// ~1.3 futex calls and 0.3 context switches per request on 2 threads). The acceptor runs on the
// first context and deals connections out round-robin.
struct Server::Impl {
  Impl(Pipeline& p, ServerOptions o) : pipeline(p), options(std::move(o)) {
    if (options.body_bytes_max == 0) options.body_bytes_max = limits::request_body_bytes_max;
    if (options.request_timeout_ms == 0) options.request_timeout_ms = limits::request_timeout_ms_default;
    const int n = std::max(1, options.threads);
    for (int i = 0; i < n; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.emplace_back(asio::make_work_guard(*contexts.back()));
    }
    if (options.handler_threads > 0) handlers = std::make_unique<asio::thread_pool>(options.handler_threads);
    acceptor = std::make_unique<tcp::acceptor>(*contexts[0]);
    signals = std::make_unique<asio::signal_set>(*contexts[0], SIGINT, SIGTERM);
    drain_timer = std::make_unique<asio::steady_timer>(*contexts[0]);
  }

  Pipeline& pipeline;
  ServerOptions options;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::unique_ptr<asio::thread_pool> handlers;  // runs pipeline.handle() when set
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<asio::steady_timer> drain_timer;
  std::size_t next_context = 0;
  std::mutex mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;
  std::atomic<bool> draining{false};
  std::function<void()> shutdown_callback;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> conn);
  asio::awaitable<void> linger_close(Connection& conn);
  void begin_shutdown();
  void forget(const std::shared_ptr<Connection>& conn);
  void stop_all() {
    for (auto& c : contexts) c->stop();
  }
};

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    asio::io_context& target = *contexts[next_context++ % contexts.size()];
    auto [ec, socket] = co_await acceptor->async_accept(target, as_tuple_awaitable);
    if (ec) {
      if (!acceptor->is_open()) co_return;
      log::warn("http.accept_failed", {{"error", ec.message()}});
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(mutex);
      if (draining) continue;
      connections.insert(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), session(conn), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> conn) {
  beast::error_code ec;
  const auto endpoint = conn->stream.socket().remote_endpoint(ec);
  const std::string remote = ec ? std::string() : endpoint.address().to_string();
  beast::flat_buffer buffer;
  for (;;) {
    if (buffer.size() == 0) {
      conn->idle = true;
      if (draining) break;
      conn->stream.expires_after(std::chrono::milliseconds(limits::keep_alive_idle_ms));
      auto [read_ec, n] = co_await conn->stream.async_read_some(buffer.prepare(8192), as_tuple_awaitable);
      if (read_ec) break;
      buffer.commit(n);
    }
    conn->idle = false;
    bhttp::request_parser<bhttp::string_body> parser;
    // The body cap depends on the route (uploads accept more), so it is set once the header is
    // read; a Content-Length above it is refused before any of the body is read.
    parser.body_limit(boost::none);
    parser.header_limit(static_cast<std::uint32_t>(limits::request_header_bytes_max));
    conn->stream.expires_after(std::chrono::milliseconds(options.request_timeout_ms));
    auto [header_ec, header_bytes] = co_await bhttp::async_read_header(conn->stream, buffer, parser, as_tuple_awaitable);
    (void)header_bytes;
    beast::error_code read_ec = header_ec;
    std::uint64_t body_bytes_max = options.body_bytes_max;
    if (!read_ec) {
      const auto& header = parser.get();
      if (const auto route_max = pipeline.body_bytes_max(header.method_string(), header.target())) {
        body_bytes_max = route_max;
      }
      parser.body_limit(body_bytes_max);
      if (parser.content_length() && *parser.content_length() > body_bytes_max) {
        read_ec = bhttp::error::body_limit;
      } else if (!parser.is_done()) {
        auto [body_ec, bytes] = co_await bhttp::async_read(conn->stream, buffer, parser, as_tuple_awaitable);
        (void)bytes;
        read_ec = body_ec;
      }
    }
    Response response;
    bool keep_alive = false;
    bool head = false;
    unsigned version = 11;
    if (!read_ec) {
      version = parser.get().version();
      keep_alive = parser.get().keep_alive();
      head = parser.get().method() == bhttp::verb::head;
      Request request = to_request(parser.release(), remote);
      if (handlers) {
        // The session resumes on its own I/O thread once a handler thread produced the response.
        response = co_await asio::co_spawn(
            handlers->get_executor(), [&]() -> asio::awaitable<Response> { co_return pipeline.handle(request); },
            asio::use_awaitable);
      } else {
        response = pipeline.handle(request);
      }
    } else if (read_ec == bhttp::error::body_limit) {
      Request request = header_only_request(parser, remote);
      response = pipeline.reject(request, Error{ErrorCode::payload_too_large,
                                                "The request body is larger than " +
                                                    std::to_string(body_bytes_max) + " bytes.",
                                                {}});
    } else if (read_ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
      Request request = header_only_request(parser, remote);
      response = pipeline.reject(request, Error{ErrorCode::invalid, "Malformed HTTP request: " + read_ec.message(), {}});
    } else {
      break;  // peer closed, timed out or reset: nobody to answer
    }
    if (draining) keep_alive = false;
    if (response.file && !head) {
      const bool sent =
          co_await send_file(conn->stream, std::move(response), version, keep_alive, options.request_timeout_ms);
      if (!sent) break;
    } else {
      auto message = to_message(std::move(response), version, keep_alive, head);
      conn->stream.expires_after(std::chrono::milliseconds(options.request_timeout_ms));
      auto [write_ec, written] = co_await bhttp::async_write(conn->stream, message, as_tuple_awaitable);
      (void)written;
      if (write_ec) break;
    }
    if (!keep_alive) {
      if (read_ec) co_await linger_close(*conn);
      break;
    }
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.close();
  forget(conn);
}

// After refusing a request whose body is still arriving, read and discard a little of it so the
// client sees our response instead of a connection reset.
asio::awaitable<void> Server::Impl::linger_close(Connection& conn) {
  beast::error_code ec;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 16384> sink;
  std::size_t discarded = 0;
  while (discarded < 4 * limits::request_body_bytes_max) {
    conn.stream.expires_after(std::chrono::seconds(1));
    auto [read_ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), as_tuple_awaitable);
    if (read_ec) break;
    discarded += n;
  }
}

void Server::Impl::forget(const std::shared_ptr<Connection>& conn) {
  std::lock_guard lock(mutex);
  connections.erase(conn);
  if (draining && connections.empty()) stop_all();
}

void Server::Impl::begin_shutdown() {
  if (draining.exchange(true)) return;
  log::info("http.shutdown", {{"open_connections", static_cast<std::int64_t>(connections.size())}});
  if (shutdown_callback) shutdown_callback();
  beast::error_code ec;
  acceptor->close(ec);
  signals->cancel();
  drain_timer->expires_after(std::chrono::milliseconds(limits::shutdown_drain_ms_max));
  drain_timer->async_wait([this](beast::error_code wait_ec) {
    if (!wait_ec) {
      log::warn("http.drain_timeout", {});
      stop_all();
    }
  });
  std::lock_guard lock(mutex);
  if (connections.empty()) {
    stop_all();
    return;
  }
  for (const auto& conn : connections) {
    // Runs on the connection's own thread, so `idle` cannot change under us.
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->idle) conn->stream.cancel();
    });
  }
}

Server::Server(Pipeline& pipeline, ServerOptions options)
    : impl_(std::make_unique<Impl>(pipeline, std::move(options))) {}

Server::~Server() = default;

void Server::listen() {
  auto& acceptor = *impl_->acceptor;
  const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.host), impl_->options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
}

std::uint16_t Server::bound_port() const { return impl_->acceptor->local_endpoint().port(); }

void Server::on_shutdown(std::function<void()> callback) { impl_->shutdown_callback = std::move(callback); }

void Server::stop() {
  asio::post(*impl_->contexts[0], [this] { impl_->begin_shutdown(); });
}

void Server::run() {
  impl_->signals->async_wait([this](beast::error_code ec, int signal_number) {
    if (ec) return;
    log::info("signal", {{"signal", signal_number}});
    impl_->begin_shutdown();
  });
  asio::co_spawn(*impl_->contexts[0], impl_->accept_loop(), asio::detached);
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i) extra.emplace_back([this, i] { impl_->contexts[i]->run(); });
  impl_->contexts[0]->run();
  for (auto& t : extra) t.join();
  if (impl_->handlers) impl_->handlers->join();
}

}  // namespace rg::http
