#pragma once
// Runs a sync plan: for each (source, destination) pair, skips a tag the destination already
// holds (skip-existing patterns: one request at the destination; otherwise the cheap digest check
// of probe.h), else copies it with the copy engine, with retries. Several images at once with
// --parallel-images, all of them drawing blob transfers from one shared budget
// (copy::BlobBudget) of --image-parallel-copies slots, so the total stays bounded while a big
// image can use every slot that small ones leave idle.
#include <chrono>
#include <optional>
#include <string>

#include "copy/options.h"
#include "sync/client_pool.h"
#include "sync/plan.h"
#include "sync/report.h"
#include "sync/sync_log.h"
#include "transport/transport.h"

namespace periscope::sync {

struct EngineOptions {
  bool dry_run = false;
  bool keep_going = false;
  int parallel_images = 1;
  int retry_times = 0;
  std::optional<std::chrono::nanoseconds> retry_delay;  // unset: exponential from 1s
  copy::Options copy;  // parallel_copies: blob transfers in flight across all images
  transport::TransportOptions destination_options;
};

// The summary of what happened. When an image fails without keep_going, the images not started
// are kNotRun and `fatal` holds skopeo's error ("Error copying ref \"…\": …").
struct RunResult {
  Summary summary;
  std::optional<Error> fatal;
};

RunResult run_plan(const Plan& plan, const EngineOptions& options, ClientPool& pool, Log& log);

}  // namespace periscope::sync
