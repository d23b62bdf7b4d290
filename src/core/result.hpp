#pragma once
// Errors are values: services return Result<T>; http/problem.cpp maps ErrorCode to a status.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace rg {

enum class ErrorCode {
  invalid,             // input failed validation (400/422)
  not_found,           // 404
  conflict,            // state or uniqueness conflict (409)
  unauthorized,        // no or bad credentials (401)
  forbidden,           // authenticated but not allowed (403)
  method_not_allowed,  // 405
  payload_too_large,   // 413
  unsupported_media_type,  // 415: a body of a type the endpoint does not accept
  insufficient_funds,  // 422
  limit_exceeded,      // 422
  rate_limited,        // 429
  unavailable,         // dependency down, retry later (503)
  timeout,             // 408/504
  internal,            // a bug or broken infrastructure (500)
};

// One message tied to one input field, e.g. {"document", "CPF check digits do not match"}.
struct FieldError {
  std::string field;
  std::string message;
  // A stable machine code when the rule has one (e.g. "missing_upper"), so clients can show their
  // own translation instead of matching the English message.
  std::string code = {};
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;
  std::vector<FieldError> fields;

  static Error invalid(std::string field, std::string message) {
    return Error{ErrorCode::invalid, message, {FieldError{std::move(field), message}}};
  }
  static Error not_found(std::string detail) { return Error{ErrorCode::not_found, std::move(detail), {}}; }
  static Error conflict(std::string detail) { return Error{ErrorCode::conflict, std::move(detail), {}}; }
  static Error forbidden(std::string detail) { return Error{ErrorCode::forbidden, std::move(detail), {}}; }
  static Error unavailable(std::string detail) { return Error{ErrorCode::unavailable, std::move(detail), {}}; }
  static Error internal(std::string detail) { return Error{ErrorCode::internal, std::move(detail), {}}; }
};

// Stable machine name of a code, used in problem+json `type` URIs and logs.
const char* error_code_name(ErrorCode code);

// The shape of std::expected<T, Error> (C++23), kept small.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace rg
