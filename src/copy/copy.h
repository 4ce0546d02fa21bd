#pragma once
// The copy engine: one image (or a list and its instances) from a source reference to a
// destination reference. Plan (manifest type, compression), blobs in parallel (reuse first, else a
// streamed, verified reader stack), manifest, signatures, commit. Nothing is made visible at the
// destination unless every step succeeded.
#include "copy/options.h"
#include "copy/progress.h"
#include "core/digest.h"
#include "transport/transport.h"

namespace periscope::copy {

struct Result {
  Digest manifest_digest;  // of the top-level manifest written
};

Result copy_image(const transport::ImageReference& source, const transport::ImageReference& destination,
                  const transport::TransportOptions& source_options,
                  const transport::TransportOptions& destination_options, const Options& options,
                  Progress& progress);

}  // namespace periscope::copy
