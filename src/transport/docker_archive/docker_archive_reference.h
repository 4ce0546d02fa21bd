#pragma once
// The docker-archive: transport: the `docker save` format — docker-archive:PATH[:NAME:TAG|:@N],
// as c/image docker/archive. NAME:TAG chooses an image of the archive (or tags the written one);
// @N chooses by position in manifest.json (sources only).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "transport/transport.h"

namespace periscope::transport::docker_archive {

// `rest` is what follows "docker-archive:". Errors (kUsage) worded as c/image's ParseReference.
std::unique_ptr<ImageReference> parse_docker_archive_reference(std::string_view rest);

class DockerArchiveReference : public ImageReference {
 public:
  DockerArchiveReference(std::string path, std::optional<reference::Named> tagged, int source_index)
      : path_(std::move(path)), tagged_(std::move(tagged)), source_index_(source_index) {}
  std::string_view transport_name() const override { return "docker-archive"; }
  std::string to_string() const override;
  std::optional<reference::Named> docker_reference() const override { return tagged_; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(
      const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;

  const std::string& path() const { return path_; }                          // as given
  const std::optional<reference::Named>& tagged() const { return tagged_; }  // always with a tag
  int source_index() const { return source_index_; }                         // -1: none

 private:
  std::string path_;
  std::optional<reference::Named> tagged_;
  int source_index_ = -1;
};

}  // namespace periscope::transport::docker_archive
