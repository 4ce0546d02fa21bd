#include "transport/registry/docker_reference.h"

#include "core/error.h"
#include "manifest/manifest.h"
#include "transport/registry/docker_destination.h"

namespace periscope::transport::registry {
namespace {

class DockerSource : public ImageSource {
 public:
  DockerSource(reference::Named named, std::unique_ptr<periscope::registry::Client> client)
      : named_(std::move(named)), client_(std::move(client)) {}

  RawManifest manifest(const std::optional<Digest>& instance) override {
    std::string ref = instance ? instance->str() : named_.digest ? named_.digest->str() : named_.tag.value_or("latest");
    periscope::registry::Manifest m = client_->get_manifest(named_.path, ref);
    std::optional<Digest> pinned = instance ? instance : named_.digest;
    if (pinned) {
      Digest actual = periscope::manifest::manifest_digest(m.bytes);
      if (actual != *pinned)
        throw Error(ErrorKind::kDigestMismatch, "manifest " + pinned->str() + " from " + named_.name() +
                                                    ": digest did not match, got " + actual.str());
    }
    return RawManifest{std::move(m.bytes), std::move(m.media_type)};
  }

  std::string small_blob(const Digest& digest, std::int64_t max_size) override {
    return client_->get_blob(named_.path, digest.str(), max_size);
  }

  std::vector<std::string> repo_tags() override { return client_->list_tags(named_.path); }

  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override {
    return client_->open_blob(named_.path, info.digest.str());
  }

 private:
  reference::Named named_;
  std::unique_ptr<periscope::registry::Client> client_;
};

}  // namespace

std::unique_ptr<ImageReference> parse_docker_reference(std::string_view rest) {
  return std::make_unique<DockerReference>(reference::parse_docker_transport_reference(rest));
}

std::unique_ptr<periscope::registry::Client> make_client(const reference::Named& named,
                                                         const TransportOptions& options) {
  periscope::registry::ClientConfig c;
  c.registry = named.domain;
  c.tls_verify = options.tls_verify;
  c.cert_dir = options.cert_dir;
  c.credentials = options.credentials;
  c.registry_token = options.registry_token;
  c.no_creds = options.no_creds;
  c.authfile = options.authfile;
  c.user_agent = options.user_agent;
  c.debug = options.debug;
  c.deadline = options.deadline;
  return std::make_unique<periscope::registry::Client>(std::move(c));
}

std::unique_ptr<ImageSource> DockerReference::open_source(const TransportOptions& options) const {
  return std::make_unique<DockerSource>(named_, make_client(named_, options));
}

std::unique_ptr<ImageDestination> DockerReference::open_destination(const TransportOptions& options) const {
  return make_docker_destination(named_, options);
}

void DockerReference::delete_image(const TransportOptions& options) const {
  auto client = make_client(named_, options);
  std::string digest;
  if (named_.digest) {
    digest = named_.digest->str();
  } else {
    // As containers/image: read the manifest for the tag, delete it by digest (every tag pointing at
    // it goes too).
    auto m = client->get_manifest(named_.path, named_.tag.value_or("latest"));
    digest = !m.docker_content_digest.empty() ? m.docker_content_digest
                                               : periscope::manifest::manifest_digest(m.bytes).str();
  }
  client->delete_manifest(named_.path, digest);
}

}  // namespace periscope::transport::registry
