#include "http/metrics.hpp"

#include <cstdio>
#include <exception>

namespace rg::http {

void Metrics::observe_request(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  Series& s = series_[{route, method, status}];
  ++s.count;
  s.sum_s += seconds;
  for (std::size_t i = 0; i < latency_buckets_s.size(); ++i) {
    if (seconds <= latency_buckets_s[i]) ++s.buckets[i];
  }
}

void Metrics::add_gauge(std::string name, std::string help, GaugeCollector collect) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(collect)});
}

namespace {

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string Metrics::render() const {
  std::vector<Gauge> gauges;
  std::map<std::tuple<std::string, std::string, int>, Series> series;
  {
    std::lock_guard lock(mutex_);
    gauges = gauges_;
    series = series_;
  }
  std::string out;
  out += "# HELP rg_http_requests_total HTTP requests handled, by route, method and status.\n";
  out += "# TYPE rg_http_requests_total counter\n";
  for (const auto& [key, s] : series) {
    const auto& [route, method, status] = key;
    out += "rg_http_requests_total{route=\"" + escape_label(route) + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(s.count) + "\n";
  }
  out += "# HELP rg_http_request_duration_seconds Time from full request read to response ready.\n";
  out += "# TYPE rg_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series) {
    const auto& [route, method, status] = key;
    const std::string labels =
        "route=\"" + escape_label(route) + "\",method=\"" + method + "\",status=\"" + std::to_string(status) + "\"";
    for (std::size_t i = 0; i < latency_buckets_s.size(); ++i) {
      out += "rg_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(latency_buckets_s[i]) + "\"} " +
             std::to_string(s.buckets[i]) + "\n";
    }
    out += "rg_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(s.count) + "\n";
    out += "rg_http_request_duration_seconds_sum{" + labels + "} " + number(s.sum_s) + "\n";
    out += "rg_http_request_duration_seconds_count{" + labels + "} " + std::to_string(s.count) + "\n";
  }
  for (const auto& g : gauges) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    std::vector<std::pair<std::string, double>> values;
    try {
      values = g.collect();
    } catch (const std::exception&) {
      continue;  // a gauge whose source is down (e.g. the database) is omitted, not fatal
    }
    for (const auto& [labels, value] : values) {
      out += g.name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
    }
  }
  return out;
}

}  // namespace rg::http
