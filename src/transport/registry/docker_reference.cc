#include "transport/registry/docker_reference.h"

#include <unistd.h>

#include <iostream>

#include "config/registry_match.h"
#include "config/short_names.h"
#include "config/system_config.h"
#include "core/error.h"
#include "manifest/manifest.h"
#include "transport/registry/docker_destination.h"

namespace periscope::transport::registry {
namespace {

using periscope::registry::Client;

std::string tag_or_digest(const reference::Named& n) {
  return n.digest ? n.digest->str() : n.tag.value_or("latest");
}

class DockerSource : public ImageSource {
 public:
  // `logical`: the reference as the user means it (tags are listed there); `physical`: where the
  // manifest was found (a mirror, a remapped location, or the same), read through `client`.
  DockerSource(reference::Named logical, reference::Named physical, std::shared_ptr<Client> client,
               periscope::registry::Manifest top, TransportOptions options)
      : logical_(std::move(logical)),
        physical_(std::move(physical)),
        client_(std::move(client)),
        top_(std::move(top)),
        options_(std::move(options)) {}

  RawManifest manifest(const std::optional<Digest>& instance) override {
    if (!instance && top_) {
      RawManifest m{std::move(top_->bytes), std::move(top_->media_type)};
      top_.reset();
      return m;
    }
    periscope::registry::Manifest m = client_->get_manifest(
        physical_.path, instance ? instance->str() : tag_or_digest(physical_));
    if (instance) {
      Digest actual = periscope::manifest::manifest_digest(m.bytes);
      if (actual != *instance)
        throw Error(ErrorKind::kDigestMismatch, "manifest " + instance->str() + " from " +
                                                    physical_.name() +
                                                    ": digest did not match, got " + actual.str());
    }
    return RawManifest{std::move(m.bytes), std::move(m.media_type)};
  }

  std::string small_blob(const Digest& digest, std::int64_t max_size) override {
    return client_->get_blob(physical_.path, digest.str(), max_size);
  }

  // As skopeo: tags of the name the user gave, from its own registry, not from a mirror.
  std::vector<std::string> repo_tags() override {
    if (physical_.name() == logical_.name()) return client_->list_tags(physical_.path);
    return make_client(logical_, options_)->list_tags(logical_.path);
  }

  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override {
    return client_->open_blob(physical_.path, info.digest.str());
  }

 private:
  reference::Named logical_;
  reference::Named physical_;
  std::shared_ptr<Client> client_;
  std::optional<periscope::registry::Manifest> top_;  // fetched while choosing the endpoint
  TransportOptions options_;
};

std::shared_ptr<Client> shared_client(periscope::registry::ClientConfig config,
                                      const TransportOptions& options) {
  if (options.clients) return options.clients->get(std::move(config));
  return std::make_shared<Client>(std::move(config));
}

struct Attempt {
  std::string ref;
  std::string error;
  ErrorKind kind;
};

// One endpoint: a client for it and the top-level manifest, or an Error.
std::unique_ptr<DockerSource> try_source(const reference::Named& logical,
                                         const config::PullSource& source,
                                         const TransportOptions& options) {
  periscope::registry::ClientConfig c = client_config(source.ref, options);
  c.endpoint_insecure = source.endpoint.insecure;
  if (source.ref.domain != logical.domain) {
    // --creds and --registry-token name no registry: they are meant for the primary only.
    c.credentials.reset();
    c.registry_token.clear();
  }
  auto client = shared_client(std::move(c), options);
  periscope::registry::Manifest top =
      client->get_manifest(source.ref.path, tag_or_digest(source.ref));
  if (source.ref.digest) {
    Digest actual = periscope::manifest::manifest_digest(top.bytes);
    if (actual != *source.ref.digest)
      throw Error(ErrorKind::kDigestMismatch, "manifest " + source.ref.digest->str() + " from " +
                                                  source.ref.name() +
                                                  ": digest did not match, got " + actual.str());
  }
  return std::make_unique<DockerSource>(logical, source.ref, std::move(client), std::move(top),
                                        options);
}

// containers/image's wording when every endpoint failed: the primary's error, with the mirrors'
// listed before it.
[[noreturn]] void all_failed(const std::vector<Attempt>& attempts) {
  const Attempt& primary = attempts.back();
  if (attempts.size() == 1) throw Error(primary.kind, primary.error);
  std::string extras;
  for (std::size_t i = 0; i + 1 < attempts.size(); ++i) {
    if (!extras.empty()) extras += "\n";
    extras += "[" + attempts[i].ref + ": " + attempts[i].error + "]";
  }
  throw Error(primary.kind,
              "(Mirrors also failed: " + extras + "): " + primary.ref + ": " + primary.error);
}

std::size_t prompt_choice(const std::vector<std::string>& choices) {
  std::cerr << "? Please select an image:\n";
  for (std::size_t i = 0; i < choices.size(); ++i)
    std::cerr << "  " << (i + 1) << ") " << choices[i] << "\n";
  std::cerr << "Enter a number: " << std::flush;
  std::string line;
  std::getline(std::cin, line);
  try {
    return static_cast<std::size_t>(std::stoul(line)) - 1;
  } catch (const std::exception&) {
    return choices.size();
  }
}

}  // namespace

std::unique_ptr<ImageReference> parse_docker_reference(std::string_view rest) {
  reference::Named named = reference::parse_docker_transport_reference(rest);
  std::string_view text = rest.starts_with("//") ? rest.substr(2) : rest;
  return std::make_unique<DockerReference>(std::move(named),
                                           config::is_short_name(text) ? std::string(text) : "");
}

periscope::registry::ClientConfig client_config(const reference::Named& named,
                                                const TransportOptions& options) {
  periscope::registry::ClientConfig c;
  c.registry = named.domain;
  c.reference_name = named.name();
  c.tls_verify = options.tls_verify;
  c.cert_dir = options.cert_dir;
  c.credentials = options.credentials;
  c.registry_token = options.registry_token;
  c.no_creds = options.no_creds;
  c.authfile = options.authfile;
  c.user_agent = options.user_agent;
  c.debug = options.debug;
  c.deadline = options.deadline;
  return c;
}

std::shared_ptr<periscope::registry::Client> make_client(const reference::Named& named,
                                                         const TransportOptions& options) {
  return shared_client(client_config(named, options), options);
}

std::optional<reference::Named> DockerReference::docker_reference() const {
  std::lock_guard lock(mu_);
  return resolved_ ? resolved_ : named_;
}

std::unique_ptr<ImageSource> DockerReference::open_source(const TransportOptions& options) const {
  const config::SystemConfig& sys = config::system_config();
  std::vector<reference::Named> candidates{named_};
  if (!short_name_.empty()) {
    config::ShortNameInput in{short_name_, named_, &sys.user_aliases,
                              ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO), &prompt_choice};
    candidates = config::resolve_short_name(sys.conf, in);
  }
  std::vector<Attempt> failures;  // of the last candidate, or of the only one
  std::vector<std::string> candidate_errors;
  for (const reference::Named& candidate : candidates) {
    failures.clear();
    const config::Registry* entry = config::find_registry(sys.conf, candidate.name());
    for (const config::PullSource& source : config::pull_sources(entry, candidate)) {
      try {
        auto s = try_source(candidate, source, options);
        std::lock_guard lock(mu_);
        if (candidate != named_) resolved_ = candidate;
        return s;
      } catch (const Error& e) {
        failures.push_back(Attempt{source.ref.string(), e.what(), e.kind()});
      }
    }
    candidate_errors.push_back(candidate.string() + ": " + failures.back().error);
  }
  if (candidates.size() == 1) all_failed(failures);
  std::string msg = std::to_string(candidates.size()) +
                    " errors occurred while resolving short name " + short_name_ + ":";
  for (const auto& e : candidate_errors) msg += "\n * " + e;
  throw Error(failures.back().kind, msg);
}

std::unique_ptr<ImageDestination> DockerReference::open_destination(
    const TransportOptions& options) const {
  return make_docker_destination(named_, options);
}

void DockerReference::delete_image(const TransportOptions& options) const {
  auto client = make_client(named_, options);
  std::string digest;
  if (named_.digest) {
    digest = named_.digest->str();
  } else {
    // As containers/image: read the manifest for the tag, delete it by digest (every tag pointing
    // at it goes too).
    auto m = client->get_manifest(named_.path, named_.tag.value_or("latest"));
    digest = !m.docker_content_digest.empty() ? m.docker_content_digest
                                              : periscope::manifest::manifest_digest(m.bytes).str();
  }
  client->delete_manifest(named_.path, digest);
}

}  // namespace periscope::transport::registry
