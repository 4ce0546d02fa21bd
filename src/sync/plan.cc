#include "sync/plan.h"

#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <exception>
#include <map>
#include <thread>

#include "core/digest.h"
#include "core/error.h"
#include "sync/naming.h"
#include "sync/semver.h"
#include "sync/sync_config.h"
#include "sync/tag_filter.h"
#include "transport/dir/local_files.h"

namespace periscope::sync {
namespace {

struct SourceImage {
  std::string name;       // "docker://…" / "dir:…"
  std::string dest_name;  // naming.h's destination name, before the transport parses it
  std::string tag;
};

class Planner {
 public:
  Planner(const PlanRequest& request, const TagLister& list_tags, Log& log)
      : request_(request),
        list_tags_(list_tags),
        log_(log),
        naming_{request.destination, request.scoped, request.append_suffix} {}

  void add_group(const Group& group, const std::vector<SourceImage>& images) {
    std::size_t index = plan_.groups.size();
    plan_.groups.push_back(group);
    int n = static_cast<int>(images.size());
    for (int i = 0; i < n; ++i) {
      const SourceImage& s = images[static_cast<std::size_t>(i)];
      plan_.items.push_back(Item{s.name, destination_for(s), s.tag, i + 1, n, index});
    }
  }

  std::vector<SourceImage> images_of_repository(const reference::Named& repo,
                                                const transport::TransportOptions& options) {
    std::vector<std::string> tags;
    try {
      auto cached = prefetched_.find(repo.name());
      if (cached != prefetched_.end()) {
        if (cached->second.error) std::rethrow_exception(cached->second.error);
        tags = cached->second.tags;
      } else {
        tags = list_tags_(repo, options);
      }
    } catch (const Error& e) {
      throw e.with_context("Error determining repository tags for repo " + repo.name());
    }
    std::vector<SourceImage> out;
    for (const auto& tag : tags) {
      try {
        out.push_back(docker_image(reference::with_tag(repo, tag)));
      } catch (const Error& e) {
        log_.error(
            "Error creating a tagged reference from registry tag list: " + std::string(e.what()),
            {{"repo", repo.name()}, {"tag", tag}});
      }
    }
    return out;
  }

  SourceImage docker_image(const reference::Named& named) const {
    return SourceImage{"docker://" + named.string(), destination_name(named, naming_),
                       named.tag.value_or("")};
  }
  SourceImage dir_image(const DirImage& image) const {
    std::string base = go_path_base(image.path);
    auto colon = base.rfind(':');
    return SourceImage{"dir:" + image.path, destination_name(image, naming_),
                       colon == std::string::npos ? "" : base.substr(colon + 1)};
  }

  // Lists the tags of `repos` several at a time, for images_of_repository to use: a YAML file
  // naming hundreds of repositories would otherwise wait for each list in turn.
  void prefetch(const std::vector<reference::Named>& repos,
                const transport::TransportOptions& options) {
    std::vector<Listed> results(repos.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next++) < repos.size();) {
        try {
          results[i].tags = list_tags_(repos[i], options);
        } catch (...) {
          results[i].error = std::current_exception();
        }
      }
    };
    std::vector<std::thread> threads;
    std::size_t n = std::min<std::size_t>(kListParallelism, repos.size());
    for (std::size_t t = 1; t < n; ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < repos.size(); ++i)
      prefetched_[repos[i].name()] = std::move(results[i]);
  }

  Plan take() { return std::move(plan_); }
  std::size_t group_count() const { return plan_.groups.size(); }
  const PlanRequest& request() const { return request_; }
  Log& log() { return log_; }

 private:
  std::string destination_for(const SourceImage& s) {
    const std::string& name = s.dest_name;
    if (request_.dest_kind == DestKind::kDir) return "dir:" + name;
    try {
      reference::parse_docker_transport_reference("//" + name);
    } catch (const Error& e) {
      throw Error(
          ErrorKind::kUsage,
          "Cannot obtain a valid image reference for transport \"docker\" and reference \"//" +
              name + "\": " + e.what());
    }
    return "docker://" + name;
  }

  const PlanRequest& request_;
  const TagLister& list_tags_;
  Log& log_;
  struct Listed {
    std::vector<std::string> tags;
    std::exception_ptr error;
  };
  static constexpr std::size_t kListParallelism = 8;

  NamingOptions naming_;
  Plan plan_;
  std::map<std::string, Listed> prefetched_;
};

Group base_group(const PlanRequest& r) { return Group{r.source_options, r.skip_existing_tags}; }

void plan_docker(Planner& p) {
  const PlanRequest& r = p.request();
  reference::Named named;
  try {
    named = reference::parse_normalized_named(r.source);
  } catch (const Error& e) {
    throw Error(ErrorKind::kUsage,
                "Cannot obtain a valid image reference for transport \"docker\" and reference \"" +
                    r.source + "\": " + e.what());
  }
  bool tagged = !reference::is_name_only(named);
  p.log().info("Tag presence check",
               {{"imagename", r.source}, {"tagged", tagged ? "true" : "false"}});
  std::vector<SourceImage> images;
  if (tagged) {
    images.push_back(p.docker_image(named));
  } else {
    p.log().info("Getting tags", {{"image", named.name()}});
    images = p.images_of_repository(named, r.source_options);
    if (images.empty())
      throw Error(ErrorKind::kNotFound, "No images to sync found in \"" + r.source + "\"");
  }
  p.add_group(base_group(r), images);
}

void plan_dir(Planner& p) {
  const PlanRequest& r = p.request();
  struct stat st;
  if (::stat(r.source.c_str(), &st) != 0)
    throw Error(ErrorKind::kIo, "Invalid source directory specified: " +
                                    transport::dir::os_error_text("stat", r.source, errno));
  std::vector<SourceImage> images;
  for (const std::string& relative : find_image_dirs(r.source))
    images.push_back(p.dir_image(DirImage{dir_image_path(r.source, relative), r.source}));
  if (images.empty())
    throw Error(ErrorKind::kNotFound, "No images to sync found in \"" + r.source + "\"");
  p.add_group(base_group(r), images);
}

// Outcome of planning one YAML section, to tell "every repository failed" from "nothing listed".
struct SectionResult {
  int failed_repositories = 0;
  std::string last_error;
};

std::optional<reference::Named> repository_of(Planner& p, const std::string& registry,
                                              const std::string& name, SectionResult& result) {
  Fields where{{"registry", registry}, {"repo", name}};
  try {
    auto repo = reference::parse_normalized_named(registry + "/" + name);
    if (!reference::is_name_only(repo))
      throw Error(ErrorKind::kUsage, "input names a reference, not a repository");
    p.log().info("Processing repo", where);
    return repo;
  } catch (const Error& e) {
    p.log().error("Error parsing repository name, skipping", where);
    p.log().error(e.what());
    ++result.failed_repositories;
    result.last_error = e.what();
    return std::nullopt;
  }
}

std::optional<std::vector<SourceImage>> listed_images(Planner& p, const RegistrySection& s,
                                                      const reference::Named& repo,
                                                      const transport::TransportOptions& options,
                                                      SectionResult& result) {
  Fields where{{"registry", s.registry}, {"repo", repo.path}};
  p.log().info("Querying registry for image tags", where);
  try {
    return p.images_of_repository(repo, options);
  } catch (const Error& e) {
    p.log().error("Error processing repo, skipping", where);
    p.log().error(e.what());
    ++result.failed_repositories;
    result.last_error = e.what();
    return std::nullopt;
  }
}

SectionResult plan_section(Planner& p, const RegistrySection& s) {
  SectionResult result;
  Group group = base_group(p.request());
  if (!s.cert_dir.empty()) group.source_options.cert_dir = s.cert_dir;
  if (s.tls_verify) group.source_options.tls_verify = s.tls_verify;
  if (s.credentials) group.source_options.credentials = s.credentials;
  group.skip_existing_tags.insert(group.skip_existing_tags.end(), s.skip_existing_tags.begin(),
                                  s.skip_existing_tags.end());
  if (s.images.empty() && s.images_by_tag_regex.empty() && s.images_by_semver.empty()) {
    p.log().warn("No images specified for registry", {{"registry", s.registry}});
    return result;
  }
  std::vector<reference::Named> to_list;
  auto want = [&](const std::string& name) {
    try {
      auto repo = reference::parse_normalized_named(s.registry + "/" + name);
      if (reference::is_name_only(repo)) to_list.push_back(repo);
    } catch (const Error&) {
      // repository_of() reports it below, in skopeo's order.
    }
  };
  for (const auto& [name, refs] : s.images)
    if (refs.empty()) want(name);
  for (const auto& entry : s.images_by_tag_regex) want(entry.first);
  for (const auto& entry : s.images_by_semver) want(entry.first);
  p.prefetch(to_list, group.source_options);
  for (const auto& [name, refs] : s.images) {
    auto repo = repository_of(p, s.registry, name, result);
    if (!repo) continue;
    std::vector<SourceImage> images;
    if (refs.empty()) {
      auto listed = listed_images(p, s, *repo, group.source_options, result);
      if (!listed) continue;
      images = std::move(*listed);
    }
    for (const auto& ref : refs) {
      try {
        reference::Named named = *repo;
        if (Digest::valid(ref)) {
          named.digest = Digest::parse(ref);
        } else {
          named = reference::with_tag(named, ref);
        }
        images.push_back(p.docker_image(named));
      } catch (const Error& e) {
        p.log().error("Error parsing ref, skipping", {{"ref", ref}});
        p.log().error(e.what());
      }
    }
    if (images.empty()) {
      p.log().warn("No refs to sync found", {{"registry", s.registry}, {"repo", name}});
      continue;
    }
    p.add_group(group, images);
  }
  auto filtered = [&](const std::string& name,
                      const std::function<bool(const std::string&)>& keep) {
    auto repo = repository_of(p, s.registry, name, result);
    if (!repo) return;
    auto listed = listed_images(p, s, *repo, group.source_options, result);
    if (!listed) return;
    std::vector<SourceImage> images;
    for (auto& image : *listed)
      if (keep(image.tag)) images.push_back(std::move(image));
    if (images.empty()) {
      p.log().warn("No refs to sync found", {{"registry", s.registry}, {"repo", name}});
      return;
    }
    p.add_group(group, images);
  };
  for (const auto& [name, pattern] : s.images_by_tag_regex) {
    TagRegex re = TagRegex::compile(pattern);
    filtered(name, [&](const std::string& tag) { return re.matches(tag); });
  }
  for (const auto& [name, constraint] : s.images_by_semver) {
    SemverConstraint c = SemverConstraint::parse(constraint);
    filtered(name, [&](const std::string& tag) { return c.matches(tag); });
  }
  return result;
}

void plan_yaml(Planner& p) {
  std::vector<RegistrySection> sections = load_sync_yaml(p.request().source);
  int failed = 0;
  std::string last_error;
  for (const auto& s : sections) {
    SectionResult r = plan_section(p, s);
    failed += r.failed_repositories;
    if (!r.last_error.empty()) last_error = r.last_error;
  }
  // skopeo goes on with an empty list ("Synced 0 images from 0 sources"); when every repository
  // failed, that hides the one error the user needs to see.
  if (p.group_count() == 0 && failed > 0)
    throw Error(ErrorKind::kNotFound,
                "No images to sync from \"" + p.request().source + "\": " + last_error);
}

}  // namespace

SourceKind parse_source_kind(const std::string& name) {
  if (name.empty()) throw_usage("A source transport must be specified");
  if (name == "docker") return SourceKind::kDocker;
  if (name == "dir") return SourceKind::kDir;
  if (name == "yaml") return SourceKind::kYaml;
  if (name == "oci")
    throw Error(ErrorKind::kUnsupported, "sync from 'oci' is not supported by Periscope yet");
  throw_usage("\"" + name + "\" is not a valid source transport");
}

DestKind parse_dest_kind(const std::string& name) {
  if (name.empty()) throw_usage("A destination transport must be specified");
  if (name == "docker") return DestKind::kDocker;
  if (name == "dir") return DestKind::kDir;
  if (name == "oci")
    throw Error(ErrorKind::kUnsupported, "sync to 'oci' is not supported by Periscope yet");
  throw_usage("\"" + name + "\" is not a valid destination transport");
}

Plan make_plan(const PlanRequest& request, const TagLister& list_tags, Log& log) {
  if (request.source_kind == SourceKind::kDir && request.dest_kind == DestKind::kDir)
    throw_usage("sync from 'dir' to 'dir' not implemented, consider using rsync instead");
  Planner p(request, list_tags, log);
  switch (request.source_kind) {
    case SourceKind::kDocker:
      plan_docker(p);
      break;
    case SourceKind::kDir:
      plan_dir(p);
      break;
    case SourceKind::kYaml:
      plan_yaml(p);
      break;
  }
  return p.take();
}

}  // namespace periscope::sync
