#include "cli/command.h"

namespace periscope::cli {
namespace {

constexpr std::string_view kTransportsHelp =
    "Supported transports:\n"
    "containers-storage, dir, docker, docker-archive, docker-daemon, oci, oci-archive, sif, tarball\n"
    "(Periscope implements docker so far; the others are refused with a clear error.)\n";

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"copy", "Copy an IMAGE-NAME from one location to another", "copy [command options] SOURCE-IMAGE DESTINATION-IMAGE",
       "Container \"IMAGE-NAME\" uses a \"transport\":\"details\" format.\n\n"
       "Registry to registry copies stream: no layer touches the local disk. Layers are copied in\n"
       "parallel, blobs the destination has are skipped, and the manifest is kept byte for byte\n"
       "(so its digest survives) unless a conversion or compression change is asked for.\n"
       "Progress goes to stderr (skopeo writes it to stdout), so stdout stays clean for\n"
       "docker-archive:/dev/stdout.\n",
       "  periscope copy docker://quay.io/skopeo/stable:latest docker://registry.example.com/skopeo:latest\n"
       "  periscope copy --all docker://127.0.0.1:5000/multi:latest oci:/tmp/multi:latest\n"
       "  periscope copy --dest-compress-format zstd docker://a/b:1 docker://c/b:1",
       &copy_flags, &run_copy, true},
      {"delete", "Delete image IMAGE-NAME", "delete [command options] IMAGE-NAME",
       "Delete an \"IMAGE_NAME\" from a transport.\n\n"
       "Deleting by tag deletes the manifest the tag points at: every other tag of that manifest\n"
       "disappears with it, as the registry API only deletes by digest.\n",
       "  periscope delete docker://registry.example.com/example/pause:latest",
       &delete_flags, &run_delete, true},
      {"inspect", "Inspect image IMAGE-NAME", "inspect [command options] IMAGE-NAME",
       "Return low-level information about \"IMAGE-NAME\" in a registry/transport\n\n"
       "The default output is the JSON skopeo prints. --raw prints the manifest as stored,\n"
       "--config the image configuration, --format a Go template over the default output's fields.\n",
       "  periscope inspect docker://registry.fedoraproject.org/fedora\n"
       "  periscope inspect --config docker://docker.io/alpine\n"
       "  periscope inspect --format \"Name: {{.Name}} Digest: {{.Digest}}\" docker://registry.access.redhat.com/ubi8",
       &inspect_flags, &run_inspect, true},
      {"list-tags", "List tags in the transport/repository specified by the SOURCE-IMAGE",
       "list-tags [command options] SOURCE-IMAGE",
       "Return the list of tags from the transport/repository \"SOURCE-IMAGE\"\n\n"
       "Supported transports:\ndocker (docker-archive: comes with the archive transports)\n\n"
       "See periscope-list-tags(1) section \"REPOSITORY NAMES\" for the expected format\n",
       "  periscope list-tags docker://docker.io/fedora", &list_tags_flags, &run_list_tags, true},
      {"login", "Login to a container registry", "login [command options] REGISTRY",
       "Login to a container registry on a specified server.\n\n"
       "The credentials are checked against the registry, then stored in the auth file (mode 0600),\n"
       "keeping its other entries.\n",
       "  periscope login quay.io\n  periscope login -u user --password-stdin 127.0.0.1:5000",
       &login_flags, &run_login, true},
      {"logout", "Logout of a container registry", "logout [command options] REGISTRY",
       "Logout of a container registry on a specified server.\n",
       "  periscope logout quay.io\n  periscope logout --all", &logout_flags, &run_logout},
      {"manifest-digest", "Compute a manifest digest of a file", "manifest-digest [command options] MANIFEST-FILE",
       "Compute a manifest digest of a manifest file (for a signed schema1 manifest, without its\n"
       "signatures).\n",
       "  periscope manifest-digest manifest.json", &manifest_digest_flags, &run_manifest_digest},
      {"sync", "Synchronize one or more images from one location to another",
       "sync [command options] --src TRANSPORT --dest TRANSPORT SOURCE DESTINATION",
       "Copy all the images from a SOURCE to a DESTINATION.\n\n"
       "Allowed SOURCE transports (specified with --src): docker, dir, yaml.\n"
       "Allowed DESTINATION transports (specified with --dest): docker, dir.\n\n"
       "Re-syncs are cheap: a tag whose destination already holds the source's digest is skipped after\n"
       "one HEAD on each side. Unlike skopeo, a sync into dir: can be rerun; it updates what changed.\n",
       "  periscope sync --src docker --dest dir --scoped registry.example.com/busybox /media/usb\n"
       "  periscope sync --src yaml --dest docker sync.yml registry.example.com/mirror",
       &sync_flags, &run_sync, true},
  };
  return kCommands;
}

std::string command_help(const Command& c) {
  std::string out(c.description);
  if (c.name == "inspect" || c.name == "delete" || c.name == "copy") out += "\n" + std::string(kTransportsHelp);
  out += "\nUsage:\n  periscope " + std::string(c.usage) + "\n";
  if (!c.examples.empty()) out += "\nExamples:\n" + std::string(c.examples) + "\n";
  std::vector<FlagSpec> flags = c.flags();
  flags.push_back({"help", 'h', FlagType::kBool, "", "help for " + std::string(c.name)});
  out += "\nFlags:\n" + format_flags(flags);
  out += "\nGlobal Flags:\n" + format_flags(global_flag_specs());
  return out;
}

}  // namespace periscope::cli
