#include "transport/oci_layout/oci_index.h"

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"
#include "transport/dir/local_files.h"

namespace periscope::transport::oci_layout {

Json read_index(const std::string& path) {
  std::string text;
  try {
    text = dir::read_whole_file(path);
  } catch (const Error& e) {
    // Only a missing index entry is "image not found" (exit 2) for skopeo, not a missing file.
    throw Error(ErrorKind::kIo, e.what());
  }
  return manifest::go::unmarshal(manifest::go::parse_json(text), manifest::go::oci_index());
}

Json empty_index() { return Json{{"schemaVersion", 2}}; }

std::string index_bytes(const Json& index) {
  return go_json(manifest::go::marshal(index, manifest::go::oci_index()));
}

std::string index_bytes_with_newline(const Json& index) { return index_bytes(index) + "\n"; }

std::string ref_name_of(const Json& descriptor) {
  auto annotations = descriptor.find("annotations");
  if (annotations == descriptor.end() || !annotations->is_object()) {
    return "";
  }
  auto name = annotations->find(std::string(kRefNameAnnotation));
  return name == annotations->end() ? "" : name->get<std::string>();
}

namespace {

const Json& manifests_of(const Json& index) {
  static const Json kNone = Json::array();
  auto it = index.find("manifests");
  return it == index.end() || !it->is_array() ? kNone : *it;
}

std::string media_type_of(const Json& descriptor) { return descriptor.value("mediaType", ""); }

// Go's %q of a []string: ["a" "b"].
std::string go_quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += " ";
    }
    out += manifest::go::go_quote(items[i]);
  }
  return out + "]";
}

}  // namespace

ChosenEntry choose_entry(const Json& index, const std::string& image, int source_index) {
  const Json& manifests = manifests_of(index);
  if (source_index >= 0) {
    if (static_cast<std::size_t>(source_index) >= manifests.size()) {
      throw_usage("index " + std::to_string(source_index) + " is too large, only " +
                  std::to_string(manifests.size()) + " entries available");
    }
    return {manifests[source_index], static_cast<std::size_t>(source_index)};
  }
  if (!image.empty()) {
    std::vector<std::string> unsupported;
    for (std::size_t i = 0; i < manifests.size(); ++i) {
      if (ref_name_of(manifests[i]) != image) {
        continue;
      }
      std::string type = media_type_of(manifests[i]);
      if (type == manifest::kOciManifest || type == manifest::kOciIndex ||
          type == manifest::kDockerV2Schema2Manifest || type == manifest::kDockerV2List) {
        return {manifests[i], i};
      }
      unsupported.push_back(type);
    }
    if (!unsupported.empty()) {
      throw Error(ErrorKind::kUnsupported, "reference " + manifest::go::go_quote(image) +
                                               " matches unsupported manifest MIME types " +
                                               go_quoted_list(unsupported));
    }
    throw Error(ErrorKind::kNotFound,
                "no descriptor found for reference " + manifest::go::go_quote(image));
  }
  if (manifests.size() != 1) {
    throw_usage("more than one image in oci, choose an image");
  }
  return {manifests[0], 0};
}

void add_manifest(Json& index, const Json& descriptor) {
  if (!index.contains("manifests") || !index["manifests"].is_array()) {
    index["manifests"] = Json::array();
  }
  Json& manifests = index["manifests"];
  std::string name = ref_name_of(descriptor);
  if (!name.empty()) {
    for (Json& entry : manifests) {
      if (ref_name_of(entry) == name) {
        entry["annotations"].erase(std::string(kRefNameAnnotation));
        break;
      }
    }
  }
  std::string digest = descriptor.value("digest", "");
  for (Json& entry : manifests) {
    if (entry.value("digest", "") == digest && ref_name_of(entry).empty()) {
      entry = descriptor;
      return;
    }
  }
  manifests.push_back(descriptor);
}

}  // namespace periscope::transport::oci_layout
