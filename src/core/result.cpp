#include "core/result.hpp"

namespace rg {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not-found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::method_not_allowed: return "method-not-allowed";
    case ErrorCode::payload_too_large: return "payload-too-large";
    case ErrorCode::unsupported_media_type: return "unsupported-media-type";
    case ErrorCode::insufficient_funds: return "insufficient-funds";
    case ErrorCode::limit_exceeded: return "limit-exceeded";
    case ErrorCode::rate_limited: return "rate-limited";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace rg
