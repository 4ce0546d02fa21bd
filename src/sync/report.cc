#include "sync/report.h"

#include <cstdio>

#include "core/go_json.h"

namespace periscope::sync {
namespace {

std::string human_bytes(std::int64_t n) {
  if (n < 0) return "unknown bytes";
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f%s" : "%.1f%s", v, units[u]);
  return buf;
}

}  // namespace

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kCopied:
      return "copied";
    case Outcome::kUnchanged:
      return "skipped-unchanged";
    case Outcome::kSkippedExisting:
      return "skipped-existing";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kDryRun:
      return "would-copy";
    case Outcome::kNotRun:
      return "not-run";
  }
  return "not-run";
}

int Summary::count(Outcome o) const {
  int n = 0;
  for (const auto& i : items) n += i.outcome == o;
  return n;
}

int Summary::synced() const {
  return static_cast<int>(items.size()) - count(Outcome::kFailed) - count(Outcome::kNotRun);
}

std::int64_t Summary::bytes_moved() const {
  std::int64_t total = 0;
  for (const auto& i : items) {
    if (i.outcome != Outcome::kCopied) continue;
    if (i.bytes < 0) return -1;
    total += i.bytes;
  }
  return total;
}

double Summary::requests_per_unchanged_tag() const {
  int n = 0;
  int requests = 0;
  for (const auto& i : items) {
    if (i.outcome != Outcome::kUnchanged) continue;
    ++n;
    requests += i.check_requests;
  }
  return n == 0 ? 0.0 : static_cast<double>(requests) / n;
}

std::vector<const ItemRecord*> Summary::failures() const {
  std::vector<const ItemRecord*> out;
  for (const auto& i : items)
    if (i.outcome == Outcome::kFailed) out.push_back(&i);
  return out;
}

std::string summary_text(const Summary& s) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2fs", s.seconds);
  std::string out = "Sync summary: ";
  if (s.dry_run) {
    out += std::to_string(s.count(Outcome::kDryRun)) + " would be copied";
  } else {
    out += std::to_string(s.count(Outcome::kCopied)) + " copied, " +
           std::to_string(s.count(Outcome::kUnchanged)) + " skipped unchanged, " +
           std::to_string(s.count(Outcome::kSkippedExisting)) + " skipped existing, " +
           std::to_string(s.count(Outcome::kFailed)) + " failed, " + human_bytes(s.bytes_moved()) +
           " moved";
  }
  out += ", in " + std::string(seconds);
  if (s.count(Outcome::kUnchanged) > 0) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.2f", s.requests_per_unchanged_tag());
    out += " (" + std::string(rate) + " requests per unchanged tag)";
  }
  return out;
}

std::string report_json(const Summary& s) {
  Json j = Json::object();
  j["images"] = s.items.size();
  j["sources"] = s.sources;
  j["synced"] = s.synced();
  j["copied"] = s.count(Outcome::kCopied);
  j["skipped_unchanged"] = s.count(Outcome::kUnchanged);
  j["skipped_existing"] = s.count(Outcome::kSkippedExisting);
  j["failed"] = s.count(Outcome::kFailed);
  j["dry_run"] = s.dry_run;
  j["bytes_moved"] = s.bytes_moved();
  j["seconds"] = s.seconds;
  j["requests_per_unchanged_tag"] = s.requests_per_unchanged_tag();
  j["registry_requests"] = s.registry_requests;
  Json failures = Json::array();
  for (const auto* f : s.failures()) {
    Json e = Json::object();
    e["source"] = f->source;
    e["destination"] = f->destination;
    e["error"] = f->error;
    failures.push_back(std::move(e));
  }
  j["failures"] = std::move(failures);
  Json items = Json::array();
  for (const auto& i : s.items) {
    Json e = Json::object();
    e["source"] = i.source;
    e["destination"] = i.destination;
    e["result"] = outcome_name(i.outcome);
    e["digest"] = i.digest;
    e["check_requests"] = i.check_requests;
    e["bytes"] = i.bytes;
    if (!i.error.empty()) e["error"] = i.error;
    items.push_back(std::move(e));
  }
  j["items"] = std::move(items);
  return go_json(j, {.indent = 2, .escape_html = false}) + "\n";
}

}  // namespace periscope::sync
