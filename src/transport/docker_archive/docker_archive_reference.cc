#include "transport/docker_archive/docker_archive_reference.h"

#include "core/error.h"
#include "transport/docker_archive/docker_archive_destination.h"
#include "transport/docker_archive/docker_archive_source.h"

namespace periscope::transport::docker_archive {
namespace {

// strconv.Atoi, with its error text.
int parse_index(std::string_view text, std::string_view whole) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  long long v = 0;
  bool ok = !digits.empty() && digits.size() <= 18;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      ok = false;
    }
    if (ok) {
      v = v * 10 + (c - '0');
    }
  }
  if (!ok || v > INT32_MAX) {
    throw_usage("Invalid source index " + std::string(whole) + ": strconv.Atoi: parsing \"" +
                std::string(text) + "\": " + (ok ? "value out of range" : "invalid syntax"));
  }
  return static_cast<int>(negative ? -v : v);
}

}  // namespace

std::unique_ptr<ImageReference> parse_docker_archive_reference(std::string_view rest) {
  if (rest.empty()) {
    throw_usage("docker-archive reference  isn't of the form <path>[:<reference>]");
  }
  auto colon = rest.find(':');
  std::string path(rest.substr(0, colon));
  if (colon == std::string_view::npos) {
    return std::make_unique<DockerArchiveReference>(path, std::nullopt, -1);
  }
  std::string_view tag_or_index = rest.substr(colon + 1);
  if (!tag_or_index.empty() && tag_or_index[0] == '@') {
    int index = parse_index(tag_or_index.substr(1), tag_or_index);
    if (index < 0) {
      throw_usage("Invalid source index @" + std::to_string(index) + ": must not be negative");
    }
    return std::make_unique<DockerArchiveReference>(path, std::nullopt, index);
  }
  reference::Named named;
  try {
    named = reference::tag_name_only(reference::parse_normalized_named(tag_or_index));
  } catch (const Error& e) {
    throw e.with_context("docker-archive parsing reference");
  }
  if (!named.tag) {
    throw_usage("reference does not include a tag: " + named.string());
  }
  if (named.digest) {
    throw_usage("docker-archive doesn't support digest references: " + named.string());
  }
  return std::make_unique<DockerArchiveReference>(path, named, -1);
}

std::string DockerArchiveReference::to_string() const {
  if (tagged_) {
    return "docker-archive:" + path_ + ":" + tagged_->string();
  }
  if (source_index_ != -1) {
    return "docker-archive:" + path_ + ":@" + std::to_string(source_index_);
  }
  return "docker-archive:" + path_;
}

std::unique_ptr<ImageSource> DockerArchiveReference::open_source(
    const TransportOptions& options) const {
  return std::make_unique<DockerArchiveSource>(*this, options);
}

std::unique_ptr<ImageDestination> DockerArchiveReference::open_destination(
    const TransportOptions& options) const {
  if (source_index_ != -1) {
    throw_usage("Destination reference must not contain a manifest index @" +
                std::to_string(source_index_));
  }
  return std::make_unique<DockerArchiveDestination>(*this, options);
}

void DockerArchiveReference::delete_image(const TransportOptions&) const {
  throw Error(ErrorKind::kUnsupported,
              "Deleting images not implemented for docker-archive: images");
}

}  // namespace periscope::transport::docker_archive
