#include "transport/registry/docker_destination.h"

#include "core/error.h"
#include "transport/registry/blob_locations.h"
#include "transport/registry/docker_reference.h"

namespace periscope::transport::registry {
namespace {

class DockerDestination : public ImageDestination {
 public:
  DockerDestination(reference::Named named, std::shared_ptr<periscope::registry::Client> client)
      : named_(std::move(named)), client_(std::move(client)) {}

  DestCaps caps() const override {
    DestCaps c;
    c.concurrent_blobs = true;
    c.compresses_uncompressed_layers = true;
    return c;
  }

  std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) override {
    const std::string digest = info.digest.str();
    auto& seen = BlobLocations::process_wide();
    if (auto size = client_->blob_size(named_.path, digest)) {
      seen.record(named_.domain, named_.path, digest);
      BlobInfo found = info;
      if (*size >= 0) found.size = *size;
      return found;
    }
    // Always try the mount within one registry: it costs one request and saves an upload. The
    // source repository first, else one this process already put the blob into.
    std::optional<std::string> from;
    if (origin.registry == named_.domain && !origin.repository.empty() && origin.repository != named_.path)
      from = origin.repository;
    std::optional<std::string> recorded = seen.find(named_.domain, digest, named_.path);
    if (recorded == from) recorded.reset();
    for (const auto& candidate : {from, recorded}) {
      if (candidate && client_->mount_blob(named_.path, digest, *candidate)) {
        seen.record(named_.domain, named_.path, digest);
        return info;
      }
    }
    return std::nullopt;
  }

  BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind) override {
    BlobInfo stored = client_->upload_blob(named_.path, reader, info.digest.empty() ? "" : info.digest.str(), info.size);
    BlobLocations::process_wide().record(named_.domain, named_.path, stored.digest.str());
    stored.media_type = info.media_type;
    stored.urls = info.urls;
    stored.annotations = info.annotations;
    return stored;
  }

  void put_manifest(std::string_view bytes, std::string_view media_type, const std::optional<Digest>& instance) override {
    std::string ref = instance ? instance->str() : named_.digest ? named_.digest->str() : named_.tag.value_or("latest");
    client_->put_manifest(named_.path, ref, bytes, media_type);
  }

  void commit() override {}  // the manifest PUT was the commit

 private:
  reference::Named named_;
  std::shared_ptr<periscope::registry::Client> client_;
};

}  // namespace

std::unique_ptr<ImageDestination> make_docker_destination(const reference::Named& named,
                                                          const TransportOptions& options) {
  return std::make_unique<DockerDestination>(named, make_client(named, options));
}

}  // namespace periscope::transport::registry
