#pragma once
// Every limit of the system, named, in one place (DESIGN.md §4.3). Units are in the names.
#include <cstdint>

namespace rg::limits {

// HTTP
inline constexpr std::uint64_t request_body_bytes_max = 1 * 1024 * 1024;  // default cap, --max-body
inline constexpr std::uint64_t request_header_bytes_max = 16 * 1024;
// A customer document sent for analysis (ACC-09): its upload route accepts bodies up to this.
inline constexpr std::uint64_t customer_document_bytes_max = 10 * 1024 * 1024;
// A ledger batch of 8 190 transfers is about 1.1 MB of JSON with 19-digit ids; room for long
// client ids and descriptions.
inline constexpr std::uint64_t ledger_batch_body_bytes_max = 4 * 1024 * 1024;
inline constexpr std::int64_t request_timeout_ms_default = 30'000;  // read request + write response
// A file body (exports) is read and written this much at a time; each chunk gets the request
// timeout afresh, so a slow client is served and a stalled one dropped.
inline constexpr std::size_t response_file_chunk_bytes = 64 * 1024;
inline constexpr std::int64_t keep_alive_idle_ms = 60'000;
inline constexpr std::int64_t shutdown_drain_ms_max = 20'000;  // in-flight requests finish within this
inline constexpr std::size_t request_id_length_max = 128;
inline constexpr int page_size_max = 500;
inline constexpr int page_size_default = 50;

// Database
inline constexpr int transaction_retry_max = 8;  // on serialization failure / busy
inline constexpr std::int64_t sqlite_busy_timeout_ms = 5'000;
inline constexpr int db_pool_size_default = 8;
inline constexpr std::int64_t db_pool_wait_ms_max = 10'000;

// Jobs
inline constexpr int job_attempts_max_default = 8;
inline constexpr std::int64_t job_backoff_base_ms = 1'000;
inline constexpr std::int64_t job_backoff_max_ms = 60 * 60 * 1'000;
inline constexpr std::int64_t job_lease_ms_default = 5 * 60 * 1'000;  // a crashed worker's job is retried after this
inline constexpr int job_claim_batch_max = 16;
inline constexpr std::int64_t job_poll_idle_ms = 500;
inline constexpr std::size_t job_error_chars_max = 2'000;
inline constexpr std::size_t job_payload_bytes_max = 256 * 1024;

}  // namespace rg::limits
