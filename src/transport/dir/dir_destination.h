#pragma once
// Writes one image to a dir: folder. c/image empties an existing image folder when it opens the
// destination and writes in place; we stage everything in a hidden sibling folder
// (".<name>.periscope-XXXXXX" beside the target, so renames stay on one filesystem) and swap it
// with the target at commit with renameat2(RENAME_EXCHANGE), then delete the old contents. A copy
// that fails or is interrupted before commit leaves the old image untouched; the staging folder is
// removed by the destructor (only a crash leaves it behind). When the target is a mount point the
// staging folder lives inside it instead and commit moves its entries up (not atomic, but nothing
// of the old image is removed before the new one is complete).
#include <optional>
#include <string>
#include <vector>

#include "transport/transport.h"

namespace periscope::transport::dir {

// ErrNotContainerImageDir's wording.
inline constexpr std::string_view kNotImageDirMessage =
    "not a containers image directory, don't want to overwrite important data";

class DirDestination : public ImageDestination {
 public:
  // `path`: the resolved target folder. Refuses (Error(kUsage)) a non-empty folder whose version
  // file is missing or not ours, as c/image does.
  explicit DirDestination(std::string path);
  ~DirDestination() override;
  DirDestination(const DirDestination&) = delete;
  DirDestination& operator=(const DirDestination&) = delete;

  DestCaps caps() const override;
  // Only blobs already staged for this image count: the old image is going away.
  std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) override;
  BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind kind) override;
  void put_manifest(std::string_view bytes, std::string_view media_type,
                    const std::optional<Digest>& instance) override;
  void put_signatures(const std::vector<std::string>& signatures,
                      const std::optional<Digest>& instance) override;
  void commit() override;

  const std::string& staging_path() const { return staging_; }  // for tests

 private:
  void check_replaceable() const;
  void swap_into_place();
  void move_entries_up();
  std::string staged(const std::string& name) const { return staging_ + "/" + name; }

  std::string path_;
  std::string staging_;
  bool inside_target_ = false;  // staging inside a mount-point target
  bool committed_ = false;
};

}  // namespace periscope::transport::dir
