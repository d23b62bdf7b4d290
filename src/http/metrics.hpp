#pragma once
// Prometheus text-format metrics: request counts and latency histograms by route, method and
// status, plus gauges that other modules register as callbacks (DB pool, job queue depth).
#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace rg::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> latency_buckets_s = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                               0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void observe_request(const std::string& route, const std::string& method, int status, double seconds);

  // A gauge evaluated at scrape time; `collect` returns label-set → value pairs, where the label
  // set is already formatted (e.g. `state="queued"`) or empty.
  using GaugeCollector = std::function<std::vector<std::pair<std::string, double>>()>;
  void add_gauge(std::string name, std::string help, GaugeCollector collect);

  std::string render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum_s = 0;
    std::array<std::uint64_t, latency_buckets_s.size()> buckets{};
  };
  struct Gauge {
    std::string name;
    std::string help;
    GaugeCollector collect;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;
  std::vector<Gauge> gauges_;
};

}  // namespace rg::http
