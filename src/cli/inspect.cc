// periscope inspect IMAGE: skopeo's default JSON, --raw, --config, --format.
#include <future>
#include <iostream>

#include "cli/command.h"
#include "cli/image_flags.h"
#include "cli/inspect_value.h"
#include "core/error.h"
#include "core/go_json.h"
#include "inspect/inspect_output.h"
#include "inspect/oci_config.h"
#include "manifest/manifest.h"
#include "manifest/platform.h"
#include "template/report.h"
#include "transport/manifest_type.h"
#include "transport/transport.h"

namespace periscope::cli {
namespace {

constexpr std::int64_t kMaxConfigSize = 16 << 20;  // configs are kilobytes; refuse absurd ones

struct ChosenImage {
  transport::RawManifest top;       // what --raw prints
  transport::RawManifest instance;  // the single-image manifest (== top unless a list)
  manifest::ImageManifest parsed;
};

ChosenImage choose(transport::ImageSource& source, const GlobalOptions& global) {
  ChosenImage c;
  c.top = source.manifest(std::nullopt);
  c.top.media_type = transport::manifest_media_type(c.top);
  c.instance = c.top;
  manifest::Parsed parsed = manifest::parse(c.top.bytes, c.top.media_type);
  if (auto* list = std::get_if<manifest::ManifestList>(&parsed)) {
    const manifest::Descriptor* d = nullptr;
    try {
      d = &manifest::choose_instance(*list, manifest::PlatformWanted{global.override_os, global.override_arch,
                                                                     global.override_variant});
    } catch (const Error& e) {
      throw e.with_context("choosing image instance");
    }
    c.instance = transport::fetch_instance(source, *d);
    parsed = manifest::parse(c.instance.bytes, c.instance.media_type);
    if (std::holds_alternative<manifest::ManifestList>(parsed))
      throw Error(ErrorKind::kUnsupported, "manifest list " + d->digest + " points at another list");
  }
  c.parsed = std::get<manifest::ImageManifest>(std::move(parsed));
  return c;
}

bool is_schema1(const manifest::ImageManifest& m) { return m.schema_version == 1; }

}  // namespace

std::vector<FlagSpec> inspect_flags() {
  return join_flags({shared_image_flags(), image_flags(""), retry_flags(),
                     {{"config", 0, FlagType::kBool, "", "output configuration"},
                      {"format", 'f', FlagType::kString, "FORMAT", "Format the output to a Go template"},
                      {"no-tags", 'n', FlagType::kBool, "", "Do not list the available tags from the repository in the output"},
                      {"raw", 0, FlagType::kBool, "", "output raw manifest or configuration"}}});
}

int run_inspect(const ParsedArgs& args, const GlobalOptions& global) {
  if (args.positional.size() != 1) throw_usage("Exactly one argument expected");
  bool raw = args.get_bool("raw");
  bool config = args.get_bool("config");
  std::string format = args.get("format");
  if (raw && !format.empty()) throw_usage("raw output does not support format option");
  // Parse the template before any network traffic: a typo fails fast.
  std::optional<tmpl::UserFormat> user_format;
  if (!format.empty() && !tmpl::is_json_format(format)) user_format = tmpl::UserFormat::parse(format, "periscope inspect");

  auto ref = transport::parse_image_name(args.positional[0]);
  auto options = transport_options(args, "", global);
  const std::string context = "inspecting " + ref->to_string();
  try {
    auto source = ref->open_source(options);
    ChosenImage image = choose(*source, global);

    if (raw && !config) {
      std::cout << image.top.bytes << std::flush;
      return 0;
    }
    // The tag list is independent of the config: fetch it meanwhile (the source is thread-safe).
    bool want_tags = !raw && !config && ref->transport_name() == "docker" && !args.get_bool("no-tags");
    std::future<std::vector<std::string>> tags;
    if (want_tags) tags = std::async(std::launch::async, [&source] { return source->repo_tags(); });
    std::string config_blob;
    if (!is_schema1(image.parsed)) config_blob = source->small_blob(Digest::parse(image.parsed.config.digest), kMaxConfigSize);

    if (config) {
      if (raw) {
        std::cout << config_blob << std::flush;  // schema 1 has no config blob: prints nothing, as skopeo
        return 0;
      }
      Json oci;
      try {
        oci = inspect::oci_config(image.parsed, config_blob);
      } catch (const Error& e) {
        throw e.with_context("Error reading OCI-formatted configuration data");
      }
      std::cout << go_json(oci, {.indent = 4}) << "\n";
      return 0;
    }

    inspect::InspectInput input;
    if (auto named = ref->docker_reference()) input.name = named->name();
    input.digest = manifest::manifest_digest(image.top.bytes).str();
    input.manifest = image.instance.bytes;
    input.manifest_media_type = image.instance.media_type;
    if (!is_schema1(image.parsed)) input.config = config_blob;
    if (want_tags) {
      try {
        input.repo_tags = tags.get();
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kAuth && e.kind() != ErrorKind::kNotFound)
          throw e.with_context("Error determining repository tags");
        std::cerr << "Warning: Registry disallows tag list retrieval; skipping\n";
        input.repo_tags = std::nullopt;
      }
    }
    inspect::InspectInfo info = inspect::inspect_info(input);
    if (user_format) {
      std::string out;
      user_format->execute(inspect_value(info), out);
      std::cout << out << std::flush;
    } else {
      std::cout << go_json(inspect::to_json(info), {.indent = 4}) << "\n";
    }
    return 0;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kUsage) throw;
    throw e.with_context(context);
  }
}

}  // namespace periscope::cli
