#pragma once
// What `copy` (and later `sync`) asks of the copy engine: skopeo's copy flags, parsed.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "copy/blob_budget.h"
#include "io/compression.h"
#include "manifest/platform.h"

namespace periscope::copy {

enum class MultiArch { kSystem, kAll, kIndexOnly };

struct Options {
  std::string forced_media_type;  // --format, as a media type; "" keeps the source's where possible
  bool preserve_digests = false;
  bool remove_signatures = false;
  MultiArch multi_arch = MultiArch::kSystem;
  int parallel_copies = 6;  // --image-parallel-copies
  manifest::PlatformWanted platform;
  bool dest_compress = false;    // --dest-compress (dir: destinations)
  bool dest_decompress = false;  // --dest-decompress
  std::optional<io::Compression> compress_format;  // --dest-compress-format
  std::optional<int> compress_level;               // --dest-compress-level
  bool quiet = false;
  // Shared by all images copied at once (sync); null: only parallel_copies limits this image.
  std::shared_ptr<BlobBudget> budget;
};

}  // namespace periscope::copy
