#pragma once
// Transports: the places images live (docker://, dir:, oci:, ...). A reference is parsed by its
// transport from the text after "transport:"; it opens sources (and, with copy, destinations).
// Transports are listed in one explicit table (kTransports in transport.cc), not registered by
// static initialisers.
//
// Contract of ImageSource: what it returns is unverified unless it says otherwise; callers check
// digests. Contract of ImageDestination: blobs first, then the manifest (for a list: instances,
// then the list), then signatures, then commit(); a destination destroyed without commit() discards
// what it staged, so a failed copy leaves nothing new visible. Methods throw periscope::Error.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob_info.h"
#include "core/digest.h"
#include "core/error.h"
#include "io/reader.h"
#include "reference/reference.h"
#include "registry/client.h"
#include "registry/client_cache.h"

namespace periscope::transport {

// Per-image options from the --creds/--tls-verify/... flag group of one side (src-, dest- or none).
struct TransportOptions {
  std::optional<bool> tls_verify;
  std::string cert_dir;
  std::optional<auth::Credentials> credentials;
  std::string registry_token;
  bool no_creds = false;
  std::string authfile;
  std::string shared_blob_dir;
  // Global settings that every transport may need.
  std::string user_agent;
  bool debug = false;
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::string tmpdir;
  // When set, docker:// references take their registry clients from it (sync: one client per
  // registry for all images); else each source or destination makes its own.
  std::shared_ptr<periscope::registry::ClientCache> clients;
  // Destination-only settings (--dest-*).
  bool oci_accept_uncompressed_layers = false;
  std::vector<std::string> additional_tags;  // docker-archive: --additional-tag
};

struct RawManifest {
  std::string bytes;
  std::string media_type;  // as stored or as the server declared it; may be empty
};

struct SourceCaps {
  bool concurrent_blobs = true;  // blob() may be called from several threads at once
};

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual SourceCaps caps() const { return {}; }
  // The blob as a stream, unverified: the copy engine checks digest and size while it reads.
  // A missing blob is Error(kNotFound) naming it.
  virtual std::unique_ptr<io::Reader> blob(const BlobInfo& info) = 0;
  // Simple-signing signatures stored with the image (dir: signature-N, later registries'
  // lookaside), as raw bytes.
  virtual std::vector<std::string> signatures(const std::optional<Digest>& instance) {
    (void)instance;
    return {};
  }
  // The top-level manifest (instance empty) or one instance of a list, by digest. A reference pinned
  // to a digest is verified against the bytes.
  virtual RawManifest manifest(const std::optional<Digest>& instance) = 0;
  // A small blob (config) held in memory, verified against its digest.
  virtual std::string small_blob(const Digest& digest, std::int64_t max_size) = 0;
  // Tags of the repository for inspect's RepoTags; empty where the transport has no such notion.
  virtual std::vector<std::string> repo_tags() = 0;
};

struct DestCaps {
  // Manifest media types the destination stores, preferred first; empty: any.
  std::vector<std::string> manifest_types;
  bool concurrent_blobs = true;  // put_blob may be called from several threads at once
  // Layers stored uncompressed (docker-archive keeps diff-id named tars).
  bool wants_uncompressed_layers = false;
  // Uncompressed layers get gzip-compressed by default (docker:, oci: without
  // --dest-oci-accept-uncompressed-layers); dir: keeps whatever it is given.
  bool compresses_uncompressed_layers = false;
  bool supports_signatures = false;
  // Several images (a list and its instances, or sync's many) may go to one destination.
  bool accepts_lists = true;
};

// Where a blob comes from, so that a registry destination can mount it across repositories.
struct BlobOrigin {
  std::string registry;    // "127.0.0.1:5000"; empty when the source is not a registry
  std::string repository;  // "ns/repo"
};

class ImageDestination {
 public:
  virtual ~ImageDestination() = default;  // without commit(): discard everything staged
  virtual DestCaps caps() const = 0;
  // The blob's info when the destination has it already, or got it without an upload (a
  // cross-repository mount from `origin`); nullopt when it must be uploaded.
  virtual std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) = 0;
  // Stores what `reader` yields, reading until read() returns 0 before making anything visible
  // (the digest check of the reader stack fails there). `info` holds what is expected: a digest and
  // size to verify when known (>= 0 / non-empty), the media type to record. Returns the stored blob's
  // info, digest and size computed where `info` had none. Concurrent calls only if
  // caps().concurrent_blobs.
  virtual BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind kind) = 0;
  // After all of the manifest's blobs. `instance`: one image of a list, stored by digest and not
  // tagged; nullopt: the top-level manifest, stored under the reference's tag or digest.
  virtual void put_manifest(std::string_view bytes, std::string_view media_type,
                            const std::optional<Digest>& instance) = 0;
  virtual void put_signatures(const std::vector<std::string>& signatures,
                              const std::optional<Digest>& instance) {
    (void)instance;
    if (!signatures.empty())
      throw Error(ErrorKind::kUnsupported, "this destination cannot store signatures; use --remove-signatures");
  }
  // Makes the image visible (index.json, archive trailer, tag) atomically.
  virtual void commit() = 0;
};

class ImageReference {
 public:
  virtual ~ImageReference() = default;
  virtual std::string_view transport_name() const = 0;
  // "docker://host/repo:tag" — round-trips through parse_image_name.
  virtual std::string to_string() const = 0;
  // The docker reference this image is known by, if any (inspect's Name).
  virtual std::optional<reference::Named> docker_reference() const = 0;
  virtual std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const = 0;
  virtual std::unique_ptr<ImageDestination> open_destination(const TransportOptions& options) const {
    (void)options;
    throw Error(ErrorKind::kUnsupported, "writing to " + std::string(transport_name()) + ": is not supported");
  }
  virtual void delete_image(const TransportOptions& options) const = 0;
};

struct Transport {
  std::string_view name;
  // nullptr: known to skopeo, not implemented by Periscope yet.
  std::unique_ptr<ImageReference> (*parse)(std::string_view rest);
};

const std::vector<Transport>& transports();

// "docker://busybox" -> the docker transport's reference. Errors (kUsage), as skopeo words them:
// Invalid image name "x", expected colon-separated transport:reference;
// Invalid image name "x:y", unknown transport "x".
std::unique_ptr<ImageReference> parse_image_name(std::string_view text);

}  // namespace periscope::transport
