#pragma once
#include "platform/jobs/service.hpp"

namespace rg::jobs {

// Job kinds owned by the platform itself:
// - platform.probe: does nothing but (optionally) wait `sleep_ms`; `retaguarda jobs probe`
//   enqueues probes to check the worker pipeline end to end in an installation.
// - platform.jobs.prune (periodic, hourly): deletes succeeded jobs finished over 7 days ago.
inline constexpr const char* probe_kind = "platform.probe";
inline constexpr const char* prune_kind = "platform.jobs.prune";
inline constexpr std::int64_t finished_job_retention_days = 7;

void register_platform_kinds(JobQueue& queue, const Clock& clock);

}  // namespace rg::jobs
