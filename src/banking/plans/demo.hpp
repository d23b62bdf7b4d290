#pragma once
// The demo tenant's limits, cash-out levels, plans and tariffs (called by src/demo once the demo
// tenant exists).
#include <ostream>

#include "banking/limits/service.hpp"
#include "banking/plans/service.hpp"
#include "platform/audit/service.hpp"

namespace rg::banking {

struct LimitsAndPlans {
  limits::LimitService& limits;
  plans::PlanService& plans;
};

bool load_demo_limits_and_plans(LimitsAndPlans s, const audit::Entry& manager, std::ostream& out);

}  // namespace rg::banking
