#pragma once
// sync's cheap up-to-date check: the digest a copy of the source would write, and the digest the
// destination already holds, each found with at most one HEAD (a manifest.json read for dir:), so
// that an unchanged tag costs two requests and no manifest or blob download.
#include <cstdint>
#include <optional>

#include "copy/options.h"
#include "core/digest.h"
#include "sync/client_pool.h"
#include "transport/transport.h"

namespace periscope::sync {

class Probe {
 public:
  Probe(ClientPool& pool, const copy::Options& options) : pool_(pool), options_(options) {}

  // The digest `source` would have at the destination when copied unchanged; nullopt when that
  // cannot be known without the copy (a format conversion, or no Docker-Content-Digest).
  // `requests` is increased by the registry calls made.
  std::optional<Digest> expected_digest(const transport::ImageReference& source,
                                        const transport::TransportOptions& options, int& requests);
  // The digest of the image at `destination`, nullopt when there is none.
  std::optional<Digest> destination_digest(const transport::ImageReference& destination,
                                           const transport::TransportOptions& options,
                                           int& requests);

 private:
  std::optional<Digest> digest_of_manifest(const std::string& bytes, std::string media_type);
  ClientPool& pool_;
  const copy::Options& options_;
};

}  // namespace periscope::sync
