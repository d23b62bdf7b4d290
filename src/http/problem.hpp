#pragma once
// The one place that turns an Error into an HTTP status and an RFC 9457 problem+json body.
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"

namespace rg::http {

int status_for(ErrorCode code);
// `instance` is the request path; the request id is added as an extension member so support
// can find the matching log line.
Response problem(const Error& error, std::string_view instance, std::string_view request_id);

}  // namespace rg::http
