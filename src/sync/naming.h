#pragma once
// Where sync puts each image: the destination name skopeo's sync.go (1.22) builds before parsing
// it with the destination transport. It is plain string work on Go's path package (slash paths,
// cleaned by path.Join), reproduced here with its quirks because users script against the
// resulting names:
//   suffix = docker source: the source reference's String() ("host:port/ns/repo:tag", or
//            "…/repo@sha256:…" for a digest); dir source: the image directory with SOURCE
//            removed from its front, or path.Base(SOURCE) when SOURCE is the image itself
//   without --scoped: suffix = path.Base(suffix) ("repo:tag")
//   name = path.Join(DEST, suffix) + --append-suffix
// The caller parses the name ("//" + name for docker, a directory for dir); some names do not
// parse, exactly as in skopeo (--scoped with a "host:port" source and a docker destination;
// --append-suffix after a digest).
#include <string>
#include <string_view>

#include "reference/reference.h"

namespace periscope::sync {

struct NamingOptions {
  std::string destination;    // the DESTINATION argument as given
  bool scoped = false;        // --scoped
  std::string append_suffix;  // --append-suffix
};

// An image found below a dir SOURCE.
struct DirImage {
  // The image directory as filepath.WalkDir reports it: dir_image_path(SOURCE, relative). It is
  // also what skopeo prints as the source ("dir:" + path).
  std::string path;
  std::string source;  // the SOURCE argument as given
};

// Docker source: `image` is the tagged or digested reference being copied.
std::string destination_name(const reference::Named& image, const NamingOptions& options);
std::string destination_name(const DirImage& image, const NamingOptions& options);

// The directory of the manifest.json WalkDir found at `relative` below `source` ("" for
// `source` itself): filepath.Join(source, relative), which is cleaned ("./a/" + "" -> "a").
std::string dir_image_path(std::string_view source, std::string_view relative);

// Go's path.Clean, path.Join (empty elements skipped; "" when all are empty) and path.Base.
std::string go_path_clean(std::string_view path);
std::string go_path_join(std::string_view a, std::string_view b);
std::string go_path_base(std::string_view path);

}  // namespace periscope::sync
