#pragma once
// What a sync did, image by image, and its totals: the closing summary line and the --report JSON.
#include <cstdint>
#include <string>
#include <vector>

namespace periscope::sync {

enum class Outcome { kCopied, kUnchanged, kSkippedExisting, kFailed, kDryRun, kNotRun };

struct ItemRecord {
  std::string source;
  std::string destination;
  Outcome outcome = Outcome::kNotRun;
  std::string digest;       // written or found at the destination
  std::string error;        // for kFailed
  int check_requests = 0;   // registry calls of the up-to-date check
  std::int64_t bytes = -1;  // blob bytes moved for this image, -1 unknown
};

struct Summary {
  std::vector<ItemRecord> items;
  int sources = 0;
  double seconds = 0;
  bool dry_run = false;
  std::int64_t registry_requests = -1;  // sent by the run's registry clients (tag lists, checks, copies)

  int count(Outcome o) const;
  // skopeo's N in "Synced N images from M sources": every image not failed (and not left out
  // after a failure stopped the run).
  int synced() const;
  std::int64_t bytes_moved() const;  // -1 when unknown
  // Registry calls per unchanged tag (0 when there is none).
  double requests_per_unchanged_tag() const;
  std::vector<const ItemRecord*> failures() const;
};

// "Sync summary: 2 copied, 598 skipped unchanged, 0 skipped existing, 1 failed, 12.3MiB moved,
// in 4.21s"
std::string summary_text(const Summary& s);
// The same as JSON (keys in a fixed order), with each image's outcome.
std::string report_json(const Summary& s);
const char* outcome_name(Outcome o);

}  // namespace periscope::sync
