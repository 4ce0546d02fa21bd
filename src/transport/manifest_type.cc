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

RawManifest fetch_instance(ImageSource& source, const manifest::Descriptor& descriptor) {
  RawManifest instance = source.manifest(Digest::parse(descriptor.digest));
  if (instance.media_type.empty()) instance.media_type = descriptor.media_type;
  instance.media_type = manifest_media_type(instance);
  return instance;
}

}  // namespace periscope::transport
