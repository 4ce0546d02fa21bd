#include "transport/manifest_type.h"

#include "manifest/manifest.h"

namespace periscope::transport {

std::string manifest_media_type(const RawManifest& m) {
  std::string declared = m.media_type;
  auto semicolon = declared.find(';');
  if (semicolon != std::string::npos) declared.resize(semicolon);
  while (!declared.empty() && declared.back() == ' ') declared.pop_back();
  std::string guessed = manifest::guess_media_type(m.bytes);
  if (!guessed.empty() && (declared.empty() || declared == "application/json" || declared == "text/plain"))
    return guessed;
  return manifest::normalized_media_type(declared);
}

}  // namespace periscope::transport
