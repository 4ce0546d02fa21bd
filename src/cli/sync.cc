// periscope sync --src docker|dir|yaml --dest docker|dir SOURCE DESTINATION, with skopeo's flags
// and ours (--parallel-images, --skip-existing-tags, --report).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/command.h"
#include "cli/image_flags.h"
#include "core/duration.h"
#include "core/error.h"
#include "manifest/convert.h"
#include "sync/client_pool.h"
#include "sync/engine.h"
#include "sync/plan.h"
#include "sync/report.h"
#include "sync/sync_log.h"
#include "transport/dir/local_files.h"

namespace periscope::cli {
namespace {

void write_text_file(const std::string& path, const std::string& text, const std::string& what) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(ErrorKind::kIo, "Error creating " + what + ": " +
                                    transport::dir::os_error_text("open", path, errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw Error(ErrorKind::kIo, "Failed to write " + what + " to file \"" + path + "\"");
}

// skopeo's --digestfile: "sha256:… docker://dest/repo:tag" per image written (or found unchanged).
std::string digest_lines(const sync::Summary& s) {
  std::string out;
  for (const auto& i : s.items) {
    bool done = i.outcome == sync::Outcome::kCopied || i.outcome == sync::Outcome::kUnchanged ||
                i.outcome == sync::Outcome::kSkippedExisting;
    if (done && !i.digest.empty()) out += i.digest + " " + i.destination + "\n";
  }
  return out;
}

}  // namespace

std::vector<FlagSpec> sync_flags() {
  std::vector<FlagSpec> copy_group = {
      {"format", 'f', FlagType::kString, "MANIFEST TYPE",
       "MANIFEST TYPE (oci, v2s1, or v2s2) to use in the destination (default is manifest type of "
       "source, with fallbacks)"},
      {"preserve-digests", 0, FlagType::kBool, "", "Preserve digests of images and lists"},
      {"remove-signatures", 0, FlagType::kBool, "", "Do not copy signatures from SOURCE-IMAGE"},
      {"sign-by", 0, FlagType::kString, "FINGERPRINT",
       "Sign the image using a GPG key with the specified FINGERPRINT"},
      {"sign-by-sigstore", 0, FlagType::kString, "PARAM-FILE",
       "Sign the image using a sigstore parameter file at PARAM-FILE"},
      {"sign-by-sigstore-private-key", 0, FlagType::kString, "PATH",
       "Sign the image using a sigstore private key at PATH"},
      {"sign-passphrase-file", 0, FlagType::kString, "PATH",
       "Read a passphrase for signing an image from PATH"},
  };
  auto f = join_flags({shared_image_flags(), docker_image_flags("src-"),
                       docker_image_flags("dest-"), retry_flags(), copy_group});
  std::vector<FlagSpec> own = {
      {"all", 'a', FlagType::kBool, "", "Copy all images if SOURCE-IMAGE is a list"},
      {"append-suffix", 0, FlagType::kString, "string", "String to append to DESTINATION tags"},
      {"dest", 'd', FlagType::kString, "string", "DESTINATION transport type"},
      {"digestfile", 0, FlagType::kString, "string",
       "Write the digests and Image References of the resulting images to the specified file, "
       "separated by newlines"},
      {"dry-run", 0, FlagType::kBool, "", "Run without actually copying data"},
      {"keep-going", 0, FlagType::kBool, "", "Do not abort the sync if any image copy fails"},
      {"parallel-images", 0, FlagType::kInt, "N",
       "Copy up to N images at once, sharing the layer transfers among them (Periscope)", "1"},
      {"report", 0, FlagType::kString, "FILE",
       "Write a JSON report of the sync (copied, skipped, failed, bytes, time) to FILE "
       "(Periscope)"},
      {"scoped", 0, FlagType::kBool, "",
       "Images at DESTINATION are prefix using the full source image path as scope"},
      {"skip-existing-tags", 0, FlagType::kStringList, "PATTERN",
       "Tags matching the glob PATTERN are immutable: skipped, without asking the source, when the "
       "destination has them (Periscope; repeatable)"},
      {"src", 's', FlagType::kString, "string", "SOURCE transport type"},
      {"screds", 0, FlagType::kString, "USERNAME[:PASSWORD]", "", "", true},
      {"dcreds", 0, FlagType::kString, "USERNAME[:PASSWORD]", "", "", true},
  };
  f.insert(f.end(), own.begin(), own.end());
  return f;
}

int run_sync(const ParsedArgs& args_in, const GlobalOptions& global) {
  ParsedArgs args = args_in;
  if (args.has("screds") && !args.has("src-creds")) args.set("src-creds", args.get("screds"));
  if (args.has("dcreds") && !args.has("dest-creds")) args.set("dest-creds", args.get("dcreds"));
  if (args.positional.size() != 2)
    throw_usage(
        "Exactly two arguments expected\nUsage: periscope sync [command options] --src TRANSPORT "
        "--dest TRANSPORT SOURCE DESTINATION");
  if (args.has("sign-by") || args.has("sign-by-sigstore") ||
      args.has("sign-by-sigstore-private-key"))
    throw Error(ErrorKind::kUnsupported, "signing is not supported by Periscope yet");

  sync::PlanRequest request;
  request.source_kind = sync::parse_source_kind(args.get("src"));
  request.dest_kind = sync::parse_dest_kind(args.get("dest"));
  request.source = args.positional[0];
  request.destination = args.positional[1];
  request.scoped = args.get_bool("scoped");
  request.append_suffix = args.get("append-suffix");
  request.skip_existing_tags = args.get_all("skip-existing-tags");
  request.source_options = transport_options(args, "src-", global);

  sync::EngineOptions options;
  options.dry_run = args.get_bool("dry-run");
  options.keep_going = args.get_bool("keep-going");
  long parallel = args.get_int("parallel-images", 1);
  if (parallel < 1) throw_usage("--parallel-images must be at least 1");
  options.parallel_images = static_cast<int>(parallel);
  options.retry_times = static_cast<int>(args.get_int("retry-times", 0));
  if (args.has("retry-delay")) options.retry_delay = parse_go_duration(args.get("retry-delay"));
  if (args.has("format"))
    options.copy.forced_media_type = manifest::format_media_type(args.get("format"));
  options.copy.preserve_digests = args.get_bool("preserve-digests");
  options.copy.remove_signatures = args.get_bool("remove-signatures");
  options.copy.multi_arch = args.get_bool("all") ? copy::MultiArch::kAll : copy::MultiArch::kSystem;
  options.copy.platform = {global.override_os, global.override_arch, global.override_variant};
  options.destination_options = transport_options(args, "dest-", global);

  sync::Log log(std::cerr, global.debug);
  sync::ClientPool pool;
  sync::TagLister lister = [&pool](const reference::Named& repo,
                                   const transport::TransportOptions& o) {
    return pool.list_tags(repo, o);
  };
  sync::Plan plan;
  for (int attempt = 0;; ++attempt) {
    try {
      plan = sync::make_plan(request, lister, log);
      break;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kNetwork || attempt >= options.retry_times) throw;
      log.warn("Failed, retrying ... (" + std::to_string(attempt + 1) + "/" +
               std::to_string(options.retry_times) + "). Error: " + e.what());
    }
  }

  std::string digest_file = options.dry_run ? "" : args.get("digestfile");
  if (!digest_file.empty())
    write_text_file(digest_file, "", "digest file");  // fail before copying anything
  if (options.dry_run) log.warn("Running in dry-run mode");

  sync::RunResult result = sync::run_plan(plan, options, pool, log);
  const sync::Summary& s = result.summary;
  if (!digest_file.empty()) write_text_file(digest_file, digest_lines(s), "digest file");
  if (args.has("report")) write_text_file(args.get("report"), sync::report_json(s), "report");
  if (result.fatal) {
    log.plain(sync::summary_text(s));
    throw *result.fatal;
  }

  std::string synced =
      std::to_string(s.synced()) + " images from " + std::to_string(s.sources) + " sources";
  log.info(options.dry_run ? "Would have synced " + synced : "Synced " + synced);
  log.plain(sync::summary_text(s));
  auto failures = s.failures();
  if (failures.empty()) return 0;
  std::string list = "Sync failed due to previous reported error(s) for one or more images:";
  for (const auto* f : failures) list += "\n  " + f->source + ": " + f->error;
  throw Error(ErrorKind::kNetwork, list);  // any kind but kNotFound: exit 1, as skopeo
}

}  // namespace periscope::cli
