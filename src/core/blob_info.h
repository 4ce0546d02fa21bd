#pragma once
// What is known about a blob: facts only, as an OCI descriptor states them. Desired changes
// (recompress, convert) travel separately, as copy edits.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/digest.h"

namespace periscope {

struct BlobInfo {
  Digest digest;
  std::int64_t size = -1;  // -1: unknown
  std::string media_type;
  std::vector<std::string> urls;
  std::map<std::string, std::string> annotations;
};

enum class BlobKind { kConfig, kLayer };

}  // namespace periscope
