#pragma once
// sync's planning: from --src docker|dir|yaml SOURCE and --dest docker|dir DESTINATION to the
// list of (source image, destination image) pairs, named as skopeo names them, grouped by the
// source ("repository descriptor") they came from. Nothing is copied here; docker sources are
// asked for their tag lists only.
#include <functional>
#include <string>
#include <vector>

#include "reference/reference.h"
#include "sync/sync_log.h"
#include "transport/transport.h"

namespace periscope::sync {

enum class SourceKind { kDocker, kDir, kYaml };
enum class DestKind { kDocker, kDir };

// "docker" -> kDocker ...; Error(kUsage) with skopeo's words otherwise.
SourceKind parse_source_kind(const std::string& name);
DestKind parse_dest_kind(const std::string& name);

struct PlanRequest {
  SourceKind source_kind = SourceKind::kDocker;
  DestKind dest_kind = DestKind::kDocker;
  std::string source;       // repository, image, folder or YAML file
  std::string destination;  // registry[/namespace] or folder
  bool scoped = false;
  std::string append_suffix;
  transport::TransportOptions source_options;   // --src-*; YAML sections override parts of it
  std::vector<std::string> skip_existing_tags;  // --skip-existing-tags, for every source
};

struct Item {
  std::string source;       // "docker://host/repo:tag", "dir:/path/repo:tag"
  std::string destination;  // "docker://host/ns/repo:tag", "dir:/path/repo:tag"
  std::string tag;          // the tag skip-existing patterns are matched against ("" for digests)
  int index = 0;            // 1-based position within its group, for "Copying image ref i/N"
  int count = 0;
  std::size_t group = 0;  // index into Plan::groups
};

struct Group {
  transport::TransportOptions source_options;
  std::vector<std::string> skip_existing_tags;
};

struct Plan {
  std::vector<Group> groups;  // skopeo's "sources" in "Synced N images from M sources"
  std::vector<Item> items;
};

using TagLister = std::function<std::vector<std::string>(
    const reference::Named& repository, const transport::TransportOptions& options)>;

// Throws Error for what skopeo treats as fatal (an unreadable source, no images at all, an invalid
// destination name); logs and skips what it skips (a YAML repository that cannot be listed).
Plan make_plan(const PlanRequest& request, const TagLister& list_tags, Log& log);

// Image folders below `root` (a folder holding manifest.json; nothing below it is searched), as
// paths relative to `root` ("" for `root` itself), in lexical order, skipping the staging folders
// an interrupted dir: copy leaves behind. Error(kIo) "Error walking the path …" when a folder
// cannot be read.
std::vector<std::string> find_image_dirs(const std::string& root);

}  // namespace periscope::sync
