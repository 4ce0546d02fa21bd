#pragma once
// skopeo inspect's default output: cmd/skopeo/inspect/output.go's Output struct, filled from
// c/image's ImageInspectInfo for the chosen image (for a list, the instance picked for the
// platform; only Digest describes the top-level manifest).
//
// InspectInfo holds the same data as plain values so that --format can build its template value
// from it: the Go field names are the JSON keys written by to_json (Name, Tag, Digest, RepoTags,
// Created, DockerVersion, Labels, Architecture, Os, Layers, LayersData, Env); Name and Tag are
// omitempty; Created is a *time.Time (text below; nullopt = nil); Labels / Env / RepoTags / a
// layer's Annotations are nil when nullopt. Variant and Author exist in ImageInspectInfo but are
// not in Output. Printing: go_json(inspect_output(...), {.indent = 4}) + "\n", as skopeo does.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/go_json.h"
#include "manifest/manifest.h"

namespace periscope::inspect {

struct InspectLayer {     // types.ImageInspectLayer
  std::string mime_type;  // "" when unknown (schema 1)
  std::string digest;
  std::int64_t size = -1;  // -1 when unknown (schema 1)
  std::optional<manifest::Annotations> annotations;
};

struct InspectInfo {
  std::string name;  // omitempty
  std::string tag;   // omitempty; schema 1's manifest tag
  std::string digest;
  // nullopt marshals as null: what skopeo prints when the registry refused the tag list
  // ("Registry disallows tag list retrieval; skipping" leaves RepoTags nil). Non-docker
  // transports and --no-tags give an empty list.
  std::optional<std::vector<std::string>> repo_tags = std::vector<std::string>{};
  // RFC3339Nano as Go re-marshals it. Docker configs and schema 1 always have one (a missing
  // "created" is Go's zero time, 0001-01-01T00:00:00Z); OCI configs without one give nullopt.
  std::optional<std::string> created;
  std::string docker_version;
  std::optional<manifest::Annotations> labels;
  std::string architecture;
  std::string variant;  // not output
  std::string os;
  std::vector<std::string> layers;
  std::vector<InspectLayer> layers_data;
  std::optional<std::vector<std::string>> env;
  std::string author;  // not output
};

struct InspectInput {
  std::optional<std::string>
      name;            // DockerReference().Name(): no tag, e.g. "127.0.0.1:5000/ns/repo"
  std::string digest;  // manifest_digest() of the top-level manifest bytes
  std::optional<std::vector<std::string>> repo_tags = std::vector<std::string>{};
  std::string_view manifest;               // the chosen single-image manifest
  std::string_view manifest_media_type;    // as the source declared it; normalised here
  std::optional<std::string_view> config;  // the config blob (unused for schema 1)
};

// c/image's Inspect for the manifest type. Throws Error(kUnsupported) with c/image's wording when
// the manifest or config does not decode, or the OCI manifest is an artifact; Error(kInternal)
// when given a list or a schema 2 / OCI manifest without its config.
InspectInfo inspect_info(const InspectInput& input);

// The Output struct as json.Marshal writes it (key order and null/omitempty rules of output.go).
Json to_json(const InspectInfo& info);

Json inspect_output(const InspectInput& input);

}  // namespace periscope::inspect
