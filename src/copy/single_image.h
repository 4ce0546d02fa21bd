#pragma once
// Copies one single-platform image: its layers (in parallel where both ends allow), its config and
// its manifest, possibly converted or with layer descriptors updated after (re)compression.
#include <optional>
#include <string>

#include "copy/options.h"
#include "copy/progress.h"
#include "transport/transport.h"

namespace periscope::copy {

struct CopyContext {
  transport::ImageSource& source;
  transport::ImageDestination& destination;
  transport::DestCaps dest_caps;
  transport::BlobOrigin origin;
  const Options& options;
  Progress& progress;
  std::string cannot_modify_reason;  // non-empty: the manifest must stay byte-identical
  std::optional<Digest> pinned;      // the destination reference's digest: what must be written
  int codec_threads = 1;             // worker threads per compressor (cores / layers in flight)
};

struct WrittenManifest {
  std::string bytes;
  std::string media_type;
  Digest digest;
  bool changed = false;  // differs from the source manifest
  std::vector<std::string> compression_algorithms;  // of the layers written ("gzip", "zstd")
};

// `raw.media_type` must be normalised. `as_instance`: store it as one instance of a list (by
// digest) instead of under the destination's tag.
WrittenManifest copy_single_image(CopyContext& ctx, const transport::RawManifest& raw, bool as_instance);

}  // namespace periscope::copy
