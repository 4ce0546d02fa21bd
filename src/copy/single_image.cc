#include "copy/single_image.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "copy/parallel.h"
#include "core/error.h"
#include "io/counting_reader.h"
#include "io/digesting_reader.h"
#include "io/peek_reader.h"
#include "manifest/convert.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"

namespace periscope::copy {
namespace {

using manifest::CompressionOperation;

CompressionOperation desired_operation(const CopyContext& ctx) {
  if (ctx.dest_caps.wants_uncompressed_layers || ctx.options.dest_decompress) return CompressionOperation::kDecompress;
  if (ctx.dest_caps.compresses_uncompressed_layers || ctx.options.dest_compress) return CompressionOperation::kCompress;
  return CompressionOperation::kPreserveOriginal;
}

BlobInfo info_of(const manifest::Descriptor& d) {
  BlobInfo b;
  b.digest = Digest::parse(d.digest);
  b.size = d.size;
  b.media_type = d.media_type;
  b.urls = d.urls;
  if (d.annotations) b.annotations = *d.annotations;
  return b;
}

// Would copying this layer change its compression, judging by its media type?
bool expects_change(const CopyContext& ctx, CompressionOperation desired, const manifest::Descriptor& layer) {
  auto [op, algo] = manifest::compression_edits_from_media_type(layer.media_type, layer.annotations);
  bool compressed = !algo.empty();
  if (desired == CompressionOperation::kDecompress) return compressed;
  if (desired == CompressionOperation::kCompress && !compressed) return true;
  if (ctx.options.compress_format && compressed && algo != io::compression_name(*ctx.options.compress_format)) return true;
  return false;
}

// zstd's own worker threads only where layers in flight leave cores idle: each threaded context
// holds several job buffers, and five of them at once cost hundreds of MB for no speed.
std::unique_ptr<io::Reader> make_compressor(const CopyContext& ctx, io::Compression to, io::Reader& input) {
  if (to == io::Compression::kZstd) return io::zstd_compressor(input, ctx.options.compress_level, ctx.codec_threads);
  return io::compressor(to, input, ctx.options.compress_level);
}

manifest::LayerEdit copy_layer(CopyContext& ctx, const manifest::ImageManifest& image, const std::string& media_type,
                               const manifest::Descriptor& layer) {
  const BlobInfo info = info_of(layer);
  const CompressionOperation desired = desired_operation(ctx);
  const bool can_modify = ctx.cannot_modify_reason.empty() &&
                          manifest::can_change_layer_compression(media_type, image.config.media_type, layer.media_type);
  manifest::LayerEdit edit;

  if (!can_modify || !expects_change(ctx, desired, layer)) {
    if (auto reused = ctx.destination.try_reuse_blob(info, ctx.origin)) {
      auto [op, algo] = manifest::compression_edits_from_media_type(layer.media_type, layer.annotations);
      edit.digest = reused->digest.str();
      edit.size = reused->size >= 0 ? reused->size : layer.size;
      edit.annotations = layer.annotations;
      edit.operation = can_modify ? op : CompressionOperation::kPreserveOriginal;
      edit.algorithm = can_modify ? algo : "";
      ctx.progress.blob_done(false, info.digest.str(), true, 0);
      return edit;
    }
  }

  BlobBudget::Slot slot(ctx.options.budget.get());  // held until the blob is stored
  std::unique_ptr<io::Reader> stream;
  try {
    stream = ctx.source.blob(info);
  } catch (const Error& e) {
    throw e.with_context("copying blob " + info.digest.str());
  }
  io::DigestingReader verified(*stream, info.digest, info.size);
  const int bar = ctx.progress.start_blob(false, info.digest.str(), info.size);
  io::CountingReader counted(verified, [&](std::int64_t bytes) { ctx.progress.update_blob(bar, bytes); });
  io::PeekReader peek(counted);
  io::Compression detected = io::detect_compression(peek);

  io::Reader* top = &peek;
  std::unique_ptr<io::Reader> decompressed, compressed;
  BlobInfo expected = info;
  bool bytes_changed = false;
  edit.operation = CompressionOperation::kPreserveOriginal;
  edit.algorithm = can_modify ? std::string(detected == io::Compression::kNone ? "" : io::compression_name(detected)) : "";
  if (can_modify && detected == io::Compression::kNone && desired != CompressionOperation::kCompress)
    edit.operation = CompressionOperation::kDecompress;  // an uncompressed layer stays uncompressed

  if (can_modify) {
    if (desired == CompressionOperation::kDecompress && detected != io::Compression::kNone) {
      decompressed = io::decompressor(detected, peek);
      top = decompressed.get();
      edit.operation = CompressionOperation::kDecompress;
      edit.algorithm = "";
      bytes_changed = true;
    } else if (desired == CompressionOperation::kCompress && detected == io::Compression::kNone) {
      io::Compression to = ctx.options.compress_format.value_or(io::Compression::kGzip);
      compressed = make_compressor(ctx, to, peek);
      top = compressed.get();
      edit.operation = CompressionOperation::kCompress;
      edit.algorithm = std::string(io::compression_name(to));
      bytes_changed = true;
    } else if (ctx.options.compress_format && detected != io::Compression::kNone &&
               detected != *ctx.options.compress_format && desired != CompressionOperation::kDecompress) {
      decompressed = io::decompressor(detected, peek);
      compressed = make_compressor(ctx, *ctx.options.compress_format, *decompressed);
      top = compressed.get();
      edit.operation = CompressionOperation::kPreserveOriginal;
      edit.algorithm = std::string(io::compression_name(*ctx.options.compress_format));
      bytes_changed = true;
    }
  }
  if (bytes_changed) {
    expected.digest = Digest();
    expected.size = -1;
  }
  BlobInfo stored;
  try {
    stored = ctx.destination.put_blob(*top, expected, BlobKind::kLayer);
  } catch (const Error& e) {
    throw e.with_context("copying blob " + info.digest.str());
  }
  if (!verified.finished())
    throw Error(ErrorKind::kInternal, "copying blob " + info.digest.str() + ": the destination did not read it to the end");
  edit.digest = stored.digest.str();
  edit.size = stored.size;
  if (!bytes_changed) edit.annotations = layer.annotations;
  ctx.progress.finish_blob(bar, false);
  return edit;
}

// The config as the source has it. Returns whether the destination already had it (reported by
// the caller, after the layers, in skopeo's order).
bool transfer_config(CopyContext& ctx, const manifest::Descriptor& config) {
  BlobInfo info = info_of(config);
  if (ctx.destination.try_reuse_blob(info, ctx.origin)) return true;
  auto stream = ctx.source.blob(info);
  io::DigestingReader verified(*stream, info.digest, info.size);
  try {
    ctx.destination.put_blob(verified, info, BlobKind::kConfig);
  } catch (const Error& e) {
    throw e.with_context("copying config " + config.digest);
  }
  return false;
}

// A config re-marshalled by a conversion.
void put_new_config(CopyContext& ctx, const std::string& bytes, const manifest::Descriptor& descriptor) {
  io::StringReader r(bytes);
  BlobInfo expected = info_of(descriptor);
  if (!ctx.destination.try_reuse_blob(expected, ctx.origin)) ctx.destination.put_blob(r, expected, BlobKind::kConfig);
  ctx.progress.blob_done(true, descriptor.digest, false, static_cast<std::int64_t>(bytes.size()));
}

}  // namespace

WrittenManifest copy_single_image(CopyContext& ctx, const transport::RawManifest& raw, bool as_instance) {
  manifest::Parsed parsed = manifest::parse(raw.bytes, raw.media_type);
  if (!std::holds_alternative<manifest::ImageManifest>(parsed))
    throw Error(ErrorKind::kInternal, "copy_single_image given a manifest list");
  const auto& image = std::get<manifest::ImageManifest>(parsed);
  if (image.schema_version == 1)
    throw Error(ErrorKind::kUnsupported, "copying Docker schema 1 images is not supported by Periscope yet");

  manifest::ManifestTypeInputs in;
  in.source_media_type = raw.media_type;
  in.destination_supported = ctx.dest_caps.manifest_types;
  in.forced_media_type = ctx.options.forced_media_type;
  if (ctx.options.compress_format) in.requested_compression = std::string(io::compression_name(*ctx.options.compress_format));
  in.cannot_modify_reason = ctx.cannot_modify_reason;
  manifest::ManifestTypePlan plan = manifest::choose_manifest_type(in);

  // Layers: the parallel part.
  std::vector<manifest::LayerEdit> edits(image.layers.size());
  bool parallel = ctx.source.caps().concurrent_blobs && ctx.dest_caps.concurrent_blobs;
  int in_flight = std::max<int>(1, parallel ? std::min<int>(ctx.options.parallel_copies, static_cast<int>(image.layers.size())) : 1);
  ctx.codec_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / in_flight);
  // Only a conversion re-marshals the config; otherwise it goes as it is, alongside the layers
  // (one task more in the same loop) instead of one more round trip after them.
  const bool converting = plan.needs_conversion;
  std::optional<bool> config_reused;
  parallel_for(image.layers.size() + (converting ? 0 : 1), parallel ? ctx.options.parallel_copies : 1,
               [&](std::size_t i) {
                 if (i == image.layers.size()) {
                   config_reused = transfer_config(ctx, image.config);
                 } else {
                   edits[i] = copy_layer(ctx, image, raw.media_type, image.layers[i]);
                 }
               });

  std::string config_bytes;
  if (converting) config_bytes = ctx.source.small_blob(Digest::parse(image.config.digest), 64 << 20);

  std::vector<std::string> candidates{plan.needs_conversion ? plan.preferred : std::string()};
  for (const auto& c : plan.other_candidates) candidates.push_back(c);
  std::optional<manifest::UpdatedManifest> updated;
  std::string failures;
  for (const auto& target : candidates) {
    try {
      updated = manifest::update_manifest(raw.bytes, raw.media_type, edits, target == raw.media_type ? "" : target, config_bytes);
      break;
    } catch (const manifest::CompressionIncompatibleError& e) {
      failures += (failures.empty() ? "" : ", ") + (target.empty() ? raw.media_type : target) + "(" + e.what() + ")";
    }
  }
  if (!updated)
    throw Error(ErrorKind::kUnsupported, "Uploading manifest failed, attempted the following formats: " + failures);
  if (updated->changed && !ctx.cannot_modify_reason.empty())
    throw Error(ErrorKind::kUnsupported, "the manifest would have to change, but: " + ctx.cannot_modify_reason);

  if (updated->config) {
    put_new_config(ctx, *updated->config, updated->config_descriptor);
  } else {
    if (!config_reused) config_reused = transfer_config(ctx, image.config);
    ctx.progress.blob_done(true, image.config.digest, *config_reused, *config_reused ? 0 : image.config.size);
  }

  WrittenManifest w;
  for (const auto& e : edits)
    if (!e.algorithm.empty() && std::find(w.compression_algorithms.begin(), w.compression_algorithms.end(), e.algorithm) ==
                                    w.compression_algorithms.end())
      w.compression_algorithms.push_back(e.algorithm);
  w.digest = manifest::manifest_digest(updated->manifest);
  w.changed = updated->changed;
  w.media_type = updated->media_type;
  if (!as_instance && ctx.pinned && *ctx.pinned != w.digest)
    throw Error(ErrorKind::kUsage, "Digest of source image's manifest would not match destination reference");
  ctx.progress.line("Writing manifest to image destination");
  ctx.destination.put_manifest(updated->manifest, updated->media_type,
                               as_instance ? std::optional<Digest>(w.digest) : std::nullopt);
  w.bytes = std::move(updated->manifest);
  return w;
}

}  // namespace periscope::copy
