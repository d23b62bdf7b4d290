#pragma once
// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). Only this file pair includes Beast/Asio.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/pipeline.hpp"

namespace rg::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;  // I/O threads (each runs an io_context)
  // Threads that run the handlers (0: on the I/O threads). Handlers block on the database; off
  // the I/O threads, up to this many requests are in flight at once — the ledger's group commit
  // gathers them into one transaction instead of seeing one request per I/O thread.
  int handler_threads = 0;
  std::uint64_t body_bytes_max = 0;   // 0 → limits::request_body_bytes_max
  std::int64_t request_timeout_ms = 0;  // 0 → limits::request_timeout_ms_default
};

class Server {
 public:
  Server(Pipeline& pipeline, ServerOptions options);
  ~Server();

  // Binds the listening socket; throws with a clear message when the address is taken.
  void listen();
  // Serves until SIGTERM/SIGINT (or stop()), then drains: stops accepting, closes idle
  // keep-alive connections, lets in-flight requests finish (bounded by
  // limits::shutdown_drain_ms_max) and returns.
  void run();
  // Thread-safe request to begin the graceful shutdown.
  void stop();
  std::uint16_t bound_port() const;
  // Called once, on the first shutdown signal, before draining starts.
  void on_shutdown(std::function<void()> callback);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rg::http
