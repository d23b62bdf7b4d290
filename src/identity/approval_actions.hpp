#pragma once
#include "identity/service.hpp"
#include "platform/approvals/service.hpp"

namespace rg::identity {

inline constexpr const char* action_operator_disable = "operator.disable";
inline constexpr const char* action_operator_enable = "operator.enable";
inline constexpr const char* action_operator_delete = "operator.delete";

void register_identity_approval_actions(approvals::ApprovalEngine& engine, IdentityService& identity);
// E-mails every active operator who may check requests (approvals.check), except the maker.
void notify_checkers_by_email(approvals::ApprovalEngine& engine, IdentityService& identity);
std::string operator_payload(Id operator_id);

}  // namespace rg::identity
