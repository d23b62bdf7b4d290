#pragma once
#include <boost/json.hpp>

#include <vector>

#include "http/json.hpp"
#include "http/router.hpp"
#include "platform/exports/model.hpp"
#include "platform/messages/service.hpp"

namespace rg::messages {

struct RoutePermissions {
  const char* read;               // "messages.read": an operator's inbox
  const char* platform_messages;  // "platform.messages": broadcasts (platform tenant only)
  const char* platform_tenants;   // "platform.tenants": institutions and their resources (platform tenant only)
  const char* tenant_read;        // "tenant.read": the own tenant's resources
};

void register_message_routes(http::Router& router, MessageService& service, RoutePermissions permissions);

// A keyset page: `items` were fetched with page_size + 1, so one more means there is a next page,
// whose cursor is the id of the last item shown. Used by the messages and push lists.
template <typename T, typename Render, typename IdOf>
http::Response json_page(const std::vector<T>& items, int page_size, Render render, IdOf id_of) {
  boost::json::array out;
  for (std::size_t i = 0; i < items.size() && i < static_cast<std::size_t>(page_size); ++i) {
    out.push_back(boost::json::parse(render(items[i])));
  }
  boost::json::value next = nullptr;
  if (items.size() > static_cast<std::size_t>(page_size)) next = boost::json::value(std::to_string(id_of(items[page_size - 1])));
  return http::json(boost::json::object{{"items", std::move(out)}, {"next_cursor", next}});
}

// The inbox and the broadcasts as exportable lists (PLT-09).
std::vector<exports::ListExport> message_exports();

}  // namespace rg::messages
