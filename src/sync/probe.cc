#include "sync/probe.h"

#include "manifest/manifest.h"
#include "manifest/platform.h"
#include "transport/dir/dir_reference.h"
#include "transport/dir/local_files.h"
#include "transport/manifest_type.h"
#include "transport/registry/docker_reference.h"

namespace periscope::sync {
namespace {

std::optional<std::string> dir_manifest(const transport::ImageReference& ref) {
  const auto* dir = dynamic_cast<const transport::dir::DirReference*>(&ref);
  if (dir == nullptr) return std::nullopt;
  return transport::dir::read_file_if_exists(dir->resolved_path() + "/manifest.json");
}

// The registry's Docker-Content-Digest, if it sent a valid one.
std::optional<Digest> header_digest(const registry::Manifest& m) {
  if (!Digest::valid(m.docker_content_digest)) return std::nullopt;
  return Digest::parse(m.docker_content_digest);
}

}  // namespace

std::optional<Digest> Probe::digest_of_manifest(const std::string& bytes, std::string media_type) {
  if (media_type.empty()) media_type = manifest::guess_media_type(bytes);
  media_type = manifest::normalized_media_type(media_type);
  if (manifest::is_list_media_type(media_type) && options_.multi_arch == copy::MultiArch::kSystem) {
    // The copy writes only the chosen instance, so that is what the destination holds.
    auto list = std::get<manifest::ManifestList>(manifest::parse(bytes, media_type));
    const auto& chosen = manifest::choose_instance(list, options_.platform);
    Digest d = Digest::parse(chosen.digest);
    if (!options_.forced_media_type.empty() && options_.forced_media_type != chosen.media_type)
      return std::nullopt;
    return d;
  }
  if (!options_.forced_media_type.empty() && options_.forced_media_type != media_type)
    return std::nullopt;
  return manifest::manifest_digest(bytes);
}

std::optional<Digest> Probe::expected_digest(const transport::ImageReference& source,
                                             const transport::TransportOptions& options,
                                             int& requests) {
  if (auto bytes = dir_manifest(source)) return digest_of_manifest(*bytes, "");
  const auto* docker = dynamic_cast<const transport::registry::DockerReference*>(&source);
  if (docker == nullptr) return std::nullopt;
  const reference::Named& named = docker->named();
  ++requests;
  auto head = pool_.head_manifest(named, options);
  if (!head) return std::nullopt;  // the copy reports the missing image
  std::string media_type = manifest::normalized_media_type(head->media_type);
  bool list = manifest::is_list_media_type(media_type);
  bool converting = !options_.forced_media_type.empty() && options_.forced_media_type != media_type;
  if (!list && converting) return std::nullopt;
  if (!list || options_.multi_arch != copy::MultiArch::kSystem) return header_digest(*head);
  // One instance of a list is copied: its digest is in the list, one GET away.
  ++requests;
  registry::Manifest m = pool_.get_manifest(named, options);
  return digest_of_manifest(m.bytes, m.media_type);
}

std::optional<Digest> Probe::destination_digest(const transport::ImageReference& destination,
                                                const transport::TransportOptions& options,
                                                int& requests) {
  if (dynamic_cast<const transport::dir::DirReference*>(&destination) != nullptr) {
    auto bytes = dir_manifest(destination);
    if (!bytes) return std::nullopt;
    return manifest::manifest_digest(*bytes);
  }
  const auto* docker = dynamic_cast<const transport::registry::DockerReference*>(&destination);
  if (docker == nullptr) return std::nullopt;
  ++requests;
  auto head = pool_.head_manifest(docker->named(), options);
  if (!head) return std::nullopt;
  return header_digest(*head);
}

}  // namespace periscope::sync
