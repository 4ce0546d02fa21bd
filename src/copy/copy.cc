#include "copy/copy.h"

#include "copy/single_image.h"
#include "core/error.h"
#include "manifest/convert_list.h"
#include "manifest/manifest.h"
#include "manifest/platform.h"
#include "transport/manifest_type.h"

namespace periscope::copy {
namespace {

std::string cannot_modify_reason(const transport::ImageReference& destination, const Options& options,
                                 bool keeps_signatures) {
  if (keeps_signatures) return "Would invalidate signatures";
  if (auto named = destination.docker_reference(); named && named->digest) return "Destination specifies a digest";
  if (options.preserve_digests) return "Instructed to preserve digests";
  return {};
}

}  // namespace

Result copy_image(const transport::ImageReference& source_ref, const transport::ImageReference& dest_ref,
                  const transport::TransportOptions& source_options,
                  const transport::TransportOptions& destination_options, const Options& options,
                  Progress& progress) {
  std::unique_ptr<transport::ImageSource> source;
  try {
    source = source_ref.open_source(source_options);
  } catch (const Error& e) {
    throw e.with_context("initializing source " + source_ref.to_string());
  }
  std::unique_ptr<transport::ImageDestination> destination;
  try {
    destination = dest_ref.open_destination(destination_options);
  } catch (const Error& e) {
    throw e.with_context("initializing destination " + dest_ref.to_string());
  }

  transport::RawManifest top;
  try {
    top = source->manifest(std::nullopt);
  } catch (const Error& e) {
    throw e.with_context("initializing source " + source_ref.to_string());
  }
  top.media_type = transport::manifest_media_type(top);

  progress.line("Getting image source signatures");
  std::vector<std::string> signatures = options.remove_signatures ? std::vector<std::string>{} : source->signatures(std::nullopt);

  CopyContext ctx{*source, *destination, destination->caps(), {}, options, progress,
                  cannot_modify_reason(dest_ref, options, !signatures.empty()), std::nullopt};
  if (auto named = dest_ref.docker_reference(); named && named->digest) ctx.pinned = named->digest;
  if (auto named = source_ref.docker_reference(); named && source_ref.transport_name() == "docker")
    ctx.origin = transport::BlobOrigin{named->domain, named->path};

  Result result;
  bool changed = false;
  if (manifest::is_list_media_type(top.media_type)) {
    auto list = std::get<manifest::ManifestList>(manifest::parse(top.bytes, top.media_type));
    if (options.multi_arch == MultiArch::kSystem) {
      const manifest::Descriptor* chosen = nullptr;
      try {
        chosen = &manifest::choose_instance(list, options.platform);
      } catch (const Error& e) {
        throw e.with_context("choosing an image from manifest list " + source_ref.to_string());
      }
      transport::RawManifest instance = transport::fetch_instance(*source, *chosen);
      // The instance becomes the destination's image: signatures of the list do not apply to it.
      ctx.cannot_modify_reason = cannot_modify_reason(dest_ref, options, false);
      WrittenManifest w = copy_single_image(ctx, instance, false);
      result.manifest_digest = w.digest;
      changed = true;
      signatures.clear();
    } else {
      std::string list_bytes = top.bytes;
      std::string list_type = top.media_type;
      if (options.multi_arch == MultiArch::kAll) {
        manifest::ListTypePlan plan = manifest::choose_list_type(top.media_type, ctx.dest_caps.manifest_types,
                                                                 options.forced_media_type, ctx.cannot_modify_reason);
        progress.line("Copying " + std::to_string(list.manifests.size()) + " images generated from " +
                      std::to_string(list.manifests.size()) + " images in list");
        std::vector<manifest::InstanceEdit> edits;
        for (std::size_t i = 0; i < list.manifests.size(); ++i) {
          const auto& d = list.manifests[i];
          progress.line("Copying image " + d.digest + " (" + std::to_string(i + 1) + "/" +
                        std::to_string(list.manifests.size()) + ")");
          transport::RawManifest instance = transport::fetch_instance(*source, d);
          WrittenManifest w = copy_single_image(ctx, instance, true);
          edits.push_back(manifest::InstanceEdit{d.digest, w.digest.str(), static_cast<std::int64_t>(w.bytes.size()),
                                                 w.media_type, w.compression_algorithms});
        }
        list_bytes = manifest::update_list(top.bytes, top.media_type, edits, plan.selected, ctx.cannot_modify_reason);
        list_type = plan.selected;
        changed = list_bytes != top.bytes;
      }
      result.manifest_digest = manifest::manifest_digest(list_bytes);
      if (ctx.pinned && *ctx.pinned != result.manifest_digest)
        throw Error(ErrorKind::kUsage, "Digest of source image's manifest would not match destination reference");
      progress.line("Writing manifest list to image destination");
      destination->put_manifest(list_bytes, list_type, std::nullopt);
    }
  } else {
    WrittenManifest w = copy_single_image(ctx, top, false);
    result.manifest_digest = w.digest;
    changed = w.changed;
  }

  if (!signatures.empty()) {
    if (changed) throw Error(ErrorKind::kUnsupported, "Cannot copy signatures: the manifest changed; use --remove-signatures");
    progress.line("Storing signatures");
    destination->put_signatures(signatures, std::nullopt);
  }
  destination->commit();
  return result;
}

}  // namespace periscope::copy
