#include "core/ids.hpp"

#include <sodium.h>

#include <stdexcept>
#include <thread>

namespace rg {

IdGenerator::IdGenerator(const Clock& clock, int node_id) : clock_(clock), node_id_(node_id) {
  if (node_id < 0 || node_id >= (1 << node_bits)) throw std::invalid_argument("node id out of range 0..1023");
}

Id IdGenerator::next() {
  std::lock_guard lock(mutex_);
  std::int64_t now_ms = clock_.now_us() / 1000 - epoch_ms;
  // A clock that steps back must not produce duplicates: keep using the last millisecond.
  if (now_ms < last_ms_) now_ms = last_ms_;
  if (now_ms == last_ms_) {
    if (++sequence_ >= (1 << sequence_bits)) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than wait.
      ++last_ms_;
      sequence_ = 0;
    }
  } else {
    last_ms_ = now_ms;
    sequence_ = 0;
  }
  return (last_ms_ << (node_bits + sequence_bits)) | (static_cast<std::int64_t>(node_id_) << sequence_bits) |
         sequence_;
}

int IdGenerator::random_node_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  return static_cast<int>(randombytes_uniform(1u << node_bits));
}

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace rg
