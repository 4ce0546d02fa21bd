// choose_manifest_type: c/image copy/manifest.go determineManifestConversion.
#include <algorithm>

#include "manifest/convert.h"
#include "manifest/go_struct.h"
#include "manifest/media_type.h"

namespace periscope::manifest {
namespace {

using go::go_quote;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

bool universally_supported(std::string_view algorithm) { return algorithm == "gzip"; }

bool type_supports_compression(std::string_view type, std::string_view algorithm) {
  if (universally_supported(algorithm)) return true;
  if (algorithm == "zstd" || algorithm == "zstd:chunked") return type == kOciManifest;
  return false;  // bzip2, xz: defined names, supported nowhere
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i != 0) out += sep;
    out += v[i];
  }
  return out;
}

void append_unique(std::vector<std::string>& list, const std::string& s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

}  // namespace

std::string format_media_type(std::string_view format) {
  if (format == "oci") return std::string(kOciManifest);
  if (format == "v2s1") return std::string(kDockerV2Schema1Signed);
  if (format == "v2s2") return std::string(kDockerV2Schema2Manifest);
  throw_usage("unknown format " + go_quote(format) +
              ". Choose one of the supported formats: 'oci', 'v2s1', or 'v2s2'");
}

ManifestTypePlan choose_manifest_type(const ManifestTypeInputs& in) {
  static const std::vector<std::string> kAll = {
      std::string(kOciManifest), std::string(kDockerV2Schema2Manifest),
      std::string(kDockerV2Schema1Signed), std::string(kDockerV2Schema1)};
  static const std::vector<std::string> kPreferred = {std::string(kDockerV2Schema2Manifest),
                                                      std::string(kDockerV2Schema1Signed)};
  const std::string src = normalized_media_type(in.source_media_type);
  std::vector<std::string> dest = in.destination_supported;
  if (!in.forced_media_type.empty()) dest = {in.forced_media_type};
  if (dest.empty()) dest = kAll;

  const bool restrictive =
      !in.requested_compression.empty() && !universally_supported(in.requested_compression);
  std::vector<std::string> supported;
  for (const std::string& t : dest) {
    if (in.requires_oci_encryption && t != kOciManifest) continue;
    if (restrictive && !type_supports_compression(t, in.requested_compression)) continue;
    supported.push_back(t);
  }
  auto is_supported = [&](const std::string& t) {
    return std::find(supported.begin(), supported.end(), t) != supported.end();
  };
  if (supported.empty()) {
    const std::string& algo = in.requested_compression;
    const bool enc = in.requires_oci_encryption;
    if (!in.forced_media_type.empty()) {
      const std::string& f = in.forced_media_type;
      if (enc && restrictive) {
        fail("compression using " + algo + ", and encryption, required together with format " + f +
             ", which does not support both");
      }
      if (enc)
        fail("encryption required together with format " + f +
             ", which does not support encryption");
      fail("compression using " + algo + " required together with format " + f +
           ", which does not support it");
    }
    if (in.destination_supported.empty()) {
      fail("compression using " + algo +
           " required, but none of the known manifest formats support it");
    }
    const std::string list = join(dest, ", ");
    if (enc && restrictive) {
      fail("compression using " + algo + ", and encryption, required but the destination only " +
           "supports MIME types [" + list + "], none of which support both");
    }
    if (enc) {
      fail("encryption required but the destination only supports MIME types [" + list +
           "], none of which support encryption");
    }
    fail("compression using " + algo + " required but the destination only supports MIME types [" +
         list + "], none of which support it");
  }

  std::vector<std::string> order;
  if (is_supported(src)) order.push_back(src);
  if (!in.cannot_modify_reason.empty()) return {src, false, {}};  // c/image: "hoping for the best"
  for (const std::string& t : kPreferred) {
    if (is_supported(t)) append_unique(order, t);
  }
  for (const std::string& t : dest) {
    if (is_supported(t)) append_unique(order, t);
  }
  ManifestTypePlan plan;
  plan.preferred = order.front();
  plan.needs_conversion = plan.preferred != src;
  plan.other_candidates.assign(order.begin() + 1, order.end());
  return plan;
}

}  // namespace periscope::manifest
