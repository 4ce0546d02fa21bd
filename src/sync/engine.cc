#include "sync/engine.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "copy/copy.h"
#include "core/error.h"
#include "sync/probe.h"
#include "sync/tag_filter.h"
#include "transport/dir/dir_reference.h"
#include "transport/dir/local_files.h"

namespace periscope::sync {
namespace {

namespace fs = std::filesystem;

// copy::Progress::bytes_transferred() is proposed to the copy engine; until it exists the bytes
// moved stay unknown (-1).
template <class P>
std::int64_t bytes_of(const P& progress) {
  if constexpr (requires { progress.bytes_transferred(); }) {
    return static_cast<std::int64_t>(progress.bytes_transferred());
  } else {
    return -1;
  }
}

bool retryable(const Error& e) { return e.kind() == ErrorKind::kNetwork; }

// Before a dir: copy: its parent must exist (skopeo creates the image folder itself; the dir:
// destination creates it at commit), and staging folders of a killed earlier run of the same
// image are removed, so that an interrupted sync leaves no debris once rerun.
void prepare_dir_destination(const transport::dir::DirReference& dir) {
  fs::path target(dir.resolved_path());
  fs::create_directories(target.parent_path());
  std::string prefix = ".";
  prefix += target.filename().string();
  prefix += ".periscope-";
  for (const auto& entry : fs::directory_iterator(target.parent_path())) {
    if (entry.path().filename().string().starts_with(prefix))
      transport::dir::remove_tree_quietly(entry.path().string());
  }
}

std::unique_ptr<transport::ImageReference> destination_reference(const std::string& name) {
  if (name.starts_with("dir:")) {
    // parse_dir_reference wants an existing parent: create it first, as skopeo does.
    fs::create_directories(fs::path(name.substr(4)).parent_path());
  }
  return transport::parse_image_name(name);
}

class Runner {
 public:
  Runner(const Plan& plan, const EngineOptions& options, ClientPool& pool, Log& log)
      : plan_(plan), options_(options), pool_(pool), log_(log), probe_(pool, copy_options_) {
    copy_options_ = options.copy;
    // Every image may use up to parallel_copies threads, but all images share one budget of that
    // many transfers in flight: a big image gets the whole budget while small ones are idle.
    copy_options_.parallel_copies = std::max(1, options.copy.parallel_copies);
    copy_options_.budget = std::make_shared<copy::BlobBudget>(copy_options_.parallel_copies);
    // Copies take their registry clients from the pool: one ping and one set of connections per
    // registry for the whole run, shared with the checks.
    for (const Group& g : plan.groups) {
      source_options_.push_back(g.source_options);
      source_options_.back().clients = pool.cache();
    }
    destination_options_ = options.destination_options;
    destination_options_.clients = pool.cache();
    records_.resize(plan.items.size());
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
      records_[i].source = plan.items[i].source;
      records_[i].destination = plan.items[i].destination;
    }
  }

  RunResult run() {
    auto start = std::chrono::steady_clock::now();
    std::int64_t requests_before = pool_.requests();
    int threads = std::clamp(options_.parallel_images, 1,
                             std::max<int>(1, static_cast<int>(plan_.items.size())));
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back([this] { work(); });
    work();
    for (auto& w : workers) w.join();
    RunResult result;
    result.summary.items = std::move(records_);
    result.summary.sources = static_cast<int>(plan_.groups.size());
    result.summary.dry_run = options_.dry_run;
    result.summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.summary.registry_requests = pool_.requests() - requests_before;
    result.fatal = fatal_;
    return result;
  }

 private:
  void work() {
    for (;;) {
      if (stop_.load()) return;
      std::size_t i = next_++;
      if (i >= plan_.items.size()) return;
      process(i);
    }
  }

  void process(std::size_t i) {
    const Item& item = plan_.items[i];
    ItemRecord& record = records_[i];
    Fields from_to{{"from", item.source}, {"to", item.destination}};
    std::string position = std::to_string(item.index) + "/" + std::to_string(item.count);
    if (options_.dry_run) {
      log_.info("Would have copied image ref " + position, from_to);
      record.outcome = Outcome::kDryRun;
      return;
    }
    log_.info("Copying image ref " + position, from_to);
    try {
      sync_one(item, record);
    } catch (const Error& e) {
      record.outcome = Outcome::kFailed;
      record.error = e.what();
      if (!options_.keep_going) {
        std::lock_guard lock(mu_);
        if (!fatal_)
          fatal_ = Error(e.kind(), "Error copying ref \"" + item.source + "\": " + e.what());
        stop_ = true;
        return;
      }
      log_.error("Error copying ref \"" + item.source + "\"", {{"error", e.what()}});
    } catch (const std::exception& e) {  // filesystem errors from preparing a dir: destination
      record.outcome = Outcome::kFailed;
      record.error = e.what();
      if (!options_.keep_going) {
        std::lock_guard lock(mu_);
        if (!fatal_)
          fatal_ = Error(ErrorKind::kIo, "Error copying ref \"" + item.source + "\": " + e.what());
        stop_ = true;
        return;
      }
      log_.error("Error copying ref \"" + item.source + "\"", {{"error", e.what()}});
    }
  }

  bool matches_skip_pattern(const Item& item) const {
    if (item.tag.empty()) return false;
    const auto& patterns = plan_.groups[item.group].skip_existing_tags;
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return glob_match(p, item.tag); });
  }

  void sync_one(const Item& item, ItemRecord& record) {
    auto source = transport::parse_image_name(item.source);
    auto destination = destination_reference(item.destination);
    const auto& dest_options = destination_options_;
    const auto& source_options = source_options_[item.group];

    if (matches_skip_pattern(item)) {
      // Treated as immutable: present at the destination is enough, the source is not asked.
      if (auto held =
              probe_.destination_digest(*destination, dest_options, record.check_requests)) {
        record.outcome = Outcome::kSkippedExisting;
        record.digest = held->str();
        log_.info("Skipping: tag exists at destination and is listed as immutable",
                  {{"to", item.destination}});
        return;
      }
    }
    try {
      // The destination first: on a first sync it has nothing, and the copy needs no source
      // digest, so the source's HEAD is saved; an unchanged tag costs one HEAD on each side.
      int requests = 0;
      std::optional<Digest> held = probe_.destination_digest(*destination, dest_options, requests);
      std::optional<Digest> expected;
      if (held) expected = probe_.expected_digest(*source, source_options, requests);
      record.check_requests += requests;
      if (expected && held && *expected == *held) {
        record.outcome = Outcome::kUnchanged;
        record.digest = held->str();
        log_.info("Skipping: image already present at destination",
                  {{"digest", held->str()}, {"to", item.destination}});
        return;
      }
    } catch (const Error& e) {
      // The copy below reports the real problem with its full context.
      log_.write(Level::kDebug, "up-to-date check failed: " + std::string(e.what()));
    }

    if (const auto* dir = dynamic_cast<const transport::dir::DirReference*>(destination.get()))
      prepare_dir_destination(*dir);
    // Live bars of several images at once would overwrite each other: plain lines then.
    copy::Progress progress(false, options_.parallel_images <= 1 && ::isatty(STDERR_FILENO) == 1);
    copy::Result result;
    for (int attempt = 0;; ++attempt) {
      try {
        result = copy::copy_image(*source, *destination, source_options, dest_options,
                                  copy_options_, progress);
        break;
      } catch (const Error& e) {
        if (!retryable(e) || attempt >= options_.retry_times) throw;
        auto delay =
            options_.retry_delay.value_or(std::chrono::seconds(1 << std::min(attempt, 10)));
        double secs = std::chrono::duration<double>(delay).count();
        char text[32];
        std::snprintf(text, sizeof text, "%gs", secs);
        log_.warn("Failed, retrying in " + std::string(text) + " ... (" +
                  std::to_string(attempt + 1) + "/" + std::to_string(options_.retry_times) +
                  "). Error: " + e.what());
        std::this_thread::sleep_for(delay);
      }
    }
    record.outcome = Outcome::kCopied;
    record.digest = result.manifest_digest.str();
    record.bytes = bytes_of(progress);
  }

  const Plan& plan_;
  const EngineOptions& options_;
  copy::Options copy_options_;
  ClientPool& pool_;
  std::vector<transport::TransportOptions> source_options_;  // per group, with the pool's clients
  transport::TransportOptions destination_options_;
  Log& log_;
  Probe probe_;
  std::vector<ItemRecord> records_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::optional<Error> fatal_;
};

}  // namespace

RunResult run_plan(const Plan& plan, const EngineOptions& options, ClientPool& pool, Log& log) {
  return Runner(plan, options, pool, log).run();
}

}  // namespace periscope::sync
