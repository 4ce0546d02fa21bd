#pragma once
// Transports: the places images live (docker://, dir:, oci:, ...). A reference is parsed by its
// transport from the text after "transport:"; it opens sources (and, with copy, destinations).
// Transports are listed in one explicit table (kTransports in transport.cc), not registered by
// static initialisers.
//
// Contract of ImageSource: what it returns is unverified unless it says otherwise; callers check
// digests. Methods throw periscope::Error.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/digest.h"
#include "reference/reference.h"
#include "registry/client.h"

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
};

struct RawManifest {
  std::string bytes;
  std::string media_type;  // as stored or as the server declared it; may be empty
};

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  // The top-level manifest (instance empty) or one instance of a list, by digest. A reference pinned
  // to a digest is verified against the bytes.
  virtual RawManifest manifest(const std::optional<Digest>& instance) = 0;
  // A small blob (config) held in memory, verified against its digest.
  virtual std::string small_blob(const Digest& digest, std::int64_t max_size) = 0;
  // Tags of the repository for inspect's RepoTags; empty where the transport has no such notion.
  virtual std::vector<std::string> repo_tags() = 0;
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
