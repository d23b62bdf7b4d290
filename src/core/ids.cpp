#include "core/ids.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>
#include <thread>

namespace rg {

std::optional<Id> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  Id id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;  // above INT64_MAX
  return id;
}

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

std::string quick_random_hex(std::size_t bytes) {
  // splitmix64 over a randomly seeded per-thread state.
  thread_local std::uint64_t state = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
    std::uint64_t seed = 0;
    randombytes_buf(&seed, sizeof seed);
    return seed;
  }();
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if (i % 8 == 0) {
      std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
    const auto byte = static_cast<unsigned>(word & 0xff);
    word >>= 8;
    out += digits[byte >> 4];
    out += digits[byte & 0xf];
  }
  return out;
}

}  // namespace rg
