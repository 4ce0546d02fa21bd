// `skopeo delete oci:` (c/image oci_delete.go): the entry leaves index.json and the blobs only it
// used leave blobs/. Unlike c/image, index.json is replaced (atomically) before any blob is
// removed, so an interrupted delete leaves unreferenced blobs, never an index naming missing ones.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"
#include "transport/dir/local_files.h"
#include "transport/oci_layout/oci_index.h"
#include "transport/oci_layout/oci_reference.h"

namespace periscope::transport::oci_layout {
namespace {

using Counts = std::map<Digest, int>;

Digest checked_digest(const std::string& text) {
  try {
    return Digest::parse(text);
  } catch (const Error& e) {
    throw Error(ErrorKind::kUnsupported, "unexpected digest reference " + text + ": " + e.what());
  }
}

Json read_json_file(const std::string& path, const manifest::go::Struct& type) {
  return manifest::go::unmarshal(manifest::go::parse_json(dir::read_whole_file(path)), type);
}

class BlobCounter {
 public:
  BlobCounter(const OciReference& ref, const std::string& shared_blob_dir)
      : ref_(ref), shared_blob_dir_(shared_blob_dir) {}

  // Uses of every blob `descriptor` needs, itself included.
  void count_descriptor(Counts& counts, const Json& descriptor) const {
    Digest digest = checked_digest(descriptor.value("digest", ""));
    std::string path = ref_.blob_path(digest, shared_blob_dir_);
    ++counts[digest];
    std::string type = descriptor.value("mediaType", "");
    if (type == manifest::kOciManifest) {
      Json m = read_json_file(path, manifest::go::oci_manifest());
      ++counts[checked_digest(m.value("config", Json::object()).value("digest", ""))];
      for (const Json& layer : m.value("layers", Json::array())) {
        ++counts[checked_digest(layer.value("digest", ""))];
      }
    } else if (type == manifest::kOciIndex) {
      count_index(counts, read_json_file(path, manifest::go::oci_index()));
    } else {
      throw Error(ErrorKind::kUnsupported,
                  "unsupported mediaType in index: " + manifest::go::go_quote(type));
    }
  }

  // Uses by the entries of `index`, the index itself excluded.
  void count_index(Counts& counts, const Json& index) const {
    for (const Json& entry : index.value("manifests", Json::array())) {
      count_descriptor(counts, entry);
    }
  }

 private:
  const OciReference& ref_;
  const std::string& shared_blob_dir_;
};

}  // namespace

void OciReference::delete_image(const TransportOptions& options) const {
  Json index = read_index(index_path());
  ChosenEntry chosen = choose_entry(index, image_, source_index_);
  BlobCounter counter(*this, options.shared_blob_dir);
  Counts used_by_image;
  counter.count_descriptor(used_by_image, chosen.descriptor);
  Counts used_by_all;
  counter.count_index(used_by_all, index);

  index["manifests"].erase(index["manifests"].begin() +
                           static_cast<std::ptrdiff_t>(chosen.position));
  mode_t mode = 0644;
  struct stat st;
  if (::stat(index_path().c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  }
  dir::write_file_atomically(index_path(), index_bytes_with_newline(index), mode);

  // Only the layout's own blobs/: use counts of a shared blob folder are unknowable (other
  // layouts).
  for (const auto& [digest, count] : used_by_all) {
    auto it = used_by_image.find(digest);
    if (it == used_by_image.end() || count - it->second != 0) {
      continue;
    }
    std::string path = blob_path(digest, "");
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      dir::throw_os_error("remove", path, errno);
    }
  }
}

}  // namespace periscope::transport::oci_layout
