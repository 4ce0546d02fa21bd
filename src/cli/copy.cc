// periscope copy SOURCE-IMAGE DESTINATION-IMAGE, with skopeo's flags.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <thread>

#include "cli/command.h"
#include "cli/image_flags.h"
#include "copy/copy.h"
#include "core/duration.h"
#include "core/error.h"
#include "manifest/convert.h"
#include "transport/transport.h"

namespace periscope::cli {
namespace {

std::vector<FlagSpec> dest_only_flags() {
  return {
      {"dest-compress", 0, FlagType::kBool, "", "Compress tarball image layers when saving to directory using the 'dir' transport. (default is same compression type as source)"},
      {"dest-compress-format", 0, FlagType::kString, "FORMAT", "FORMAT to use for the compression (gzip or zstd)"},
      {"dest-compress-level", 0, FlagType::kInt, "LEVEL", "LEVEL to use for the compression"},
      {"dest-decompress", 0, FlagType::kBool, "", "Decompress tarball image layers when saving to directory using the 'dir' transport. (default is same compression type as source)"},
      {"dest-force-compress-format", 0, FlagType::kBool, "", "Enforce exactly the specified compression format (accepted, as skopeo 1.21)"},
      {"dest-oci-accept-uncompressed-layers", 0, FlagType::kBool, "", "Allow uncompressed image layers when saving to an OCI image using the 'oci' transport. (default is to compress things that aren't compressed)"},
      {"dest-precompute-digests", 0, FlagType::kBool, "", "Precompute digests to prevent uploading layers already on the registry using the 'docker' transport."},
  };
}

std::vector<FlagSpec> shared_copy_flags() {
  return {
      {"format", 'f', FlagType::kString, "MANIFEST TYPE", "MANIFEST TYPE (oci, v2s1, or v2s2) to use in the destination (default is manifest type of source, with fallbacks)"},
      {"preserve-digests", 0, FlagType::kBool, "", "Preserve digests of images and lists"},
      {"remove-signatures", 0, FlagType::kBool, "", "Do not copy signatures from SOURCE-IMAGE"},
      {"sign-by", 0, FlagType::kString, "FINGERPRINT", "Sign the image using a GPG key with the specified FINGERPRINT"},
      {"sign-by-sigstore", 0, FlagType::kString, "PARAM-FILE", "Sign the image using a sigstore parameter file at PARAM-FILE"},
      {"sign-by-sigstore-private-key", 0, FlagType::kString, "PATH", "Sign the image using a sigstore private key at PATH"},
      {"sign-passphrase-file", 0, FlagType::kString, "PATH", "Read a passphrase for signing an image from PATH"},
  };
}

copy::MultiArch parse_multi_arch(const std::string& v) {
  if (v == "system") return copy::MultiArch::kSystem;
  if (v == "all") return copy::MultiArch::kAll;
  if (v == "index-only") return copy::MultiArch::kIndexOnly;
  throw_usage("unknown multi-arch option \"" + v + "\". Choose one of the supported options: 'system', 'all', or 'index-only'");
}

void write_digest_file(const std::string& path, const Digest& digest) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorKind::kIo, "Failed to write digest to file \"" + path + "\": " + std::strerror(errno));
  const std::string& text = digest.str();
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw Error(ErrorKind::kIo, "Failed to write digest to file \"" + path + "\"");
}

bool retryable(const Error& e) { return e.kind() == ErrorKind::kNetwork; }

}  // namespace

std::vector<FlagSpec> copy_flags() {
  auto f = join_flags({shared_image_flags(), image_flags("src-"), image_flags("dest-"), dest_only_flags(), retry_flags(),
                       shared_copy_flags()});
  std::vector<FlagSpec> own = {
      {"additional-tag", 0, FlagType::kStringList, "strings", "additional tags (supports docker-archive)"},
      {"all", 'a', FlagType::kBool, "", "Copy all images if SOURCE-IMAGE is a list"},
      {"decryption-key", 0, FlagType::kStringList, "strings", "*Experimental* key needed to decrypt the image"},
      {"digestfile", 0, FlagType::kString, "PATH", "Write the digest of the pushed image to the specified file"},
      {"encrypt-layer", 0, FlagType::kStringList, "ints", "*Experimental* the 0-indexed layer indices, with support for negative indexing (e.g. 0 is the first layer, -1 is the last layer)"},
      {"encryption-key", 0, FlagType::kStringList, "strings", "*Experimental* key with the encryption protocol to use needed to encrypt the image (e.g. jwe:/path/to/key.pem)"},
      {"image-parallel-copies", 0, FlagType::kInt, "uint", "Maximum number of image layers to be copied (pulled/pushed) simultaneously. Not setting this field will fall back to containers/image defaults."},
      {"multi-arch", 0, FlagType::kString, "LIST MODE", "How to handle multi-architecture images (system, all, or index-only)", "system"},
      {"quiet", 'q', FlagType::kBool, "", "Suppress output information when copying images"},
      {"sign-identity", 0, FlagType::kString, "REFERENCE", "Identity of signed image, must be a fully specified docker reference. Defaults to the target docker reference."},
      {"screds", 0, FlagType::kString, "USERNAME[:PASSWORD]", "", "", true},
      {"dcreds", 0, FlagType::kString, "USERNAME[:PASSWORD]", "", "", true},
  };
  f.insert(f.end(), own.begin(), own.end());
  return f;
}

int run_copy(const ParsedArgs& args_in, const GlobalOptions& global) {
  ParsedArgs args = args_in;
  if (args.has("screds") && !args.has("src-creds")) args.set("src-creds", args.get("screds"));
  if (args.has("dcreds") && !args.has("dest-creds")) args.set("dest-creds", args.get("dcreds"));
  if (args.positional.size() != 2)
    throw_usage("Exactly two arguments expected\nUsage: periscope copy [command options] SOURCE-IMAGE DESTINATION-IMAGE");
  if (args.has("all") && args.has("multi-arch")) throw_usage("Cannot use --all and --multi-arch flags together");
  if (args.has("sign-by") || args.has("sign-by-sigstore") || args.has("sign-by-sigstore-private-key"))
    throw Error(ErrorKind::kUnsupported, "signing is not supported by Periscope yet");
  if (args.has("encryption-key") || args.has("decryption-key") || args.has("encrypt-layer"))
    throw Error(ErrorKind::kUnsupported, "image encryption is not supported by Periscope yet");

  copy::Options options;
  if (args.has("format")) options.forced_media_type = manifest::format_media_type(args.get("format"));
  options.preserve_digests = args.get_bool("preserve-digests");
  options.remove_signatures = args.get_bool("remove-signatures");
  options.quiet = args.get_bool("quiet");
  if (args.get_bool("all")) options.multi_arch = copy::MultiArch::kAll;
  if (args.has("multi-arch")) options.multi_arch = parse_multi_arch(args.get("multi-arch"));
  if (args.has("image-parallel-copies")) {
    long n = args.get_int("image-parallel-copies", 6);
    if (n < 1) throw_usage("--image-parallel-copies must be at least 1");
    options.parallel_copies = static_cast<int>(n);
  }
  options.platform = {global.override_os, global.override_arch, global.override_variant};
  options.dest_compress = args.get_bool("dest-compress");
  options.dest_decompress = args.get_bool("dest-decompress");
  if (options.dest_compress && options.dest_decompress)
    throw_usage("--dest-compress and --dest-decompress cannot be used together");
  if (args.has("dest-compress-format")) {
    auto c = io::compression_from_name(args.get("dest-compress-format"));
    if (!c || *c == io::Compression::kNone || *c == io::Compression::kBzip2 || *c == io::Compression::kXz)
      throw_usage("unknown compression algorithm \"" + args.get("dest-compress-format") + "\"; use gzip or zstd");
    options.compress_format = c;
  }
  if (args.has("dest-compress-level")) options.compress_level = static_cast<int>(args.get_int("dest-compress-level", 0));
  int retry_times = static_cast<int>(args.get_int("retry-times", 0));
  std::optional<std::chrono::nanoseconds> retry_delay;
  if (args.has("retry-delay")) retry_delay = parse_go_duration(args.get("retry-delay"));

  auto source = transport::parse_image_name(args.positional[0]);
  auto destination = transport::parse_image_name(args.positional[1]);
  auto source_options = transport_options(args, "src-", global);
  auto dest_options = transport_options(args, "dest-", global);
  dest_options.oci_accept_uncompressed_layers = args.get_bool("dest-oci-accept-uncompressed-layers");
  dest_options.additional_tags = args.get_all("additional-tag");

  copy::Progress progress(options.quiet);
  copy::Result result;
  for (int attempt = 0;; ++attempt) {
    try {
      result = copy::copy_image(*source, *destination, source_options, dest_options, options, progress);
      break;
    } catch (const Error& e) {
      if (!retryable(e) || attempt >= retry_times) throw;
      auto delay = retry_delay.value_or(std::chrono::seconds(1 << std::min(attempt, 10)));
      std::cerr << "Warning: Failed, retrying in " << std::chrono::duration_cast<std::chrono::milliseconds>(delay).count() / 1000.0
                << "s ... (" << attempt + 1 << "/" << retry_times << "). Error: " << e.what() << "\n";
      std::this_thread::sleep_for(delay);
    }
  }
  if (args.has("digestfile")) write_digest_file(args.get("digestfile"), result.manifest_digest);
  return 0;
}

}  // namespace periscope::cli
