// GCC 12 reports -Wdangling-pointer and -Wmaybe-uninitialized inside yaml-cpp's node iterators once they are inlined here:
// a known false positive of that compiler with yaml-cpp 0.7 (the temporaries it names live long
// enough). Silenced for this file only.
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "sync/sync_config.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "core/error.h"
#include "sync/semver.h"
#include "sync/tag_filter.h"

namespace periscope::sync {
namespace {

struct Entry {
  std::string key;
  int key_line = 0;
  YAML::Node value;
  bool merged = false;  // came in through a "<<" merge key
};

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "\"" + node.Scalar() + "\"";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

// yaml.v3 resolves a plain scalar (or one tagged !!bool) to a bool; quoted or !!str ones stay
// strings.
bool is_plain(const YAML::Node& node) {
  return node.Tag() == "?" || node.Tag() == "tag:yaml.org,2002:bool";
}

class Parser {
 public:
  explicit Parser(std::string file_name) : file_(std::move(file_name)) {}

  std::vector<RegistrySection> parse(std::string_view text) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      fail(e.mark.line + 1, "", "invalid YAML: " + e.msg);
    }
    std::vector<RegistrySection> sections;
    if (!root.IsDefined() || root.IsNull()) {
      return sections;
    }
    if (!root.IsMap()) {
      fail(line_of(root), "", "expected a mapping of registry names, got " + describe(root));
    }
    const std::vector<Entry> registries = entries(root);
    check_duplicates(registries, nullptr);
    for (const Entry& entry : registries) {
      sections.push_back(registry_section(entry));
    }
    return sections;
  }

 private:
  [[noreturn]] void fail(int line, std::string_view key, const std::string& what) const {
    std::string message = file_ + ":" + std::to_string(line) + ": ";
    if (!key.empty()) {
      message += std::string(key) + ": ";
    }
    throw_usage(message + what);
  }

  static int line_of(const YAML::Node& node) { return node.Mark().line + 1; }
  // A null value's mark is the next token, often on a later line: use its key's line.
  static int value_line(const Entry& entry) {
    return entry.value.IsNull() ? entry.key_line : line_of(entry.value);
  }

  std::string key_text(const YAML::Node& key) const {
    if (key.IsNull()) {
      return "";
    }
    if (!key.IsScalar()) {
      fail(line_of(key), "", "expected a string key, got " + describe(key));
    }
    return key.Scalar();
  }

  static bool is_merge_key(const YAML::Node& key) {
    return key.IsScalar() && key.Scalar() == "<<" &&
           (key.Tag() == "?" || key.Tag() == "tag:yaml.org,2002:merge");
  }

  // The mapping's entries in file order with "<<" merges expanded in place; as in yaml.v3, a key
  // of the mapping itself wins over a merged one, and an earlier merged mapping over a later one.
  // `expanding` holds the mappings whose merges are being expanded: an alias can make a mapping
  // merge itself, which yaml.v3 refuses too.
  std::vector<Entry> entries(const YAML::Node& map, std::vector<YAML::Node> expanding = {}) const {
    expanding.push_back(map);
    std::vector<Entry> all;
    std::set<std::string> own_keys;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (is_merge_key(it->first)) {
        std::vector<YAML::Node> sources;
        if (it->second.IsMap()) {
          sources.push_back(it->second);
        } else if (it->second.IsSequence()) {
          for (const YAML::Node& item : it->second) {
            sources.push_back(item);
          }
        }
        if (sources.empty()) {
          sources.push_back(it->second);
        }
        for (const YAML::Node& source : sources) {
          if (!source.IsMap()) {
            fail(line_of(it->first), "<<", "expected a mapping or a list of mappings to merge");
          }
          for (const YAML::Node& outer : expanding) {
            if (source.is(outer)) {
              fail(line_of(it->first), "<<", "a mapping cannot be merged into itself");
            }
          }
          for (Entry merged : entries(source, expanding)) {
            merged.merged = true;
            all.push_back(std::move(merged));
          }
        }
        continue;
      }
      Entry entry{key_text(it->first), line_of(it->first), it->second, false};
      own_keys.insert(entry.key);
      all.push_back(std::move(entry));
    }
    std::vector<Entry> result;
    std::set<std::string> merged_keys;
    for (Entry& entry : all) {
      if (entry.merged && (own_keys.count(entry.key) || !merged_keys.insert(entry.key).second)) {
        continue;
      }
      result.push_back(std::move(entry));
    }
    return result;
  }

  // yaml.v3 refuses a key given twice in a map, and a struct field set twice; `known` (null for
  // maps) says which keys are fields.
  void check_duplicates(const std::vector<Entry>& list, const std::set<std::string>* known) const {
    std::map<std::string, int> first_line;
    for (const Entry& entry : list) {
      if (entry.merged || (known != nullptr && !known->count(entry.key))) {
        continue;
      }
      auto [it, inserted] = first_line.emplace(entry.key, entry.key_line);
      if (!inserted) {
        fail(entry.key_line, entry.key, "already defined at line " + std::to_string(it->second));
      }
    }
  }

  std::vector<Entry> mapping(const Entry& entry, std::string_view of_what) const {
    if (entry.value.IsNull()) {
      return {};
    }
    if (!entry.value.IsMap()) {
      fail(value_line(entry), entry.key,
           "expected a mapping of " + std::string(of_what) + ", got " + describe(entry.value));
    }
    return entries(entry.value);
  }

  std::string string_value(const Entry& entry, std::string_view what) const {
    if (entry.value.IsNull()) {
      return "";
    }
    if (!entry.value.IsScalar()) {
      fail(value_line(entry), entry.key,
           "expected " + std::string(what) + ", got " + describe(entry.value));
    }
    return entry.value.Scalar();
  }

  std::vector<std::string> string_list(const Entry& entry, std::string_view what) const {
    std::vector<std::string> out;
    if (entry.value.IsNull()) {
      return out;
    }
    if (!entry.value.IsSequence()) {
      fail(value_line(entry), entry.key,
           "expected a list of " + std::string(what) + ", got " + describe(entry.value));
    }
    for (const YAML::Node& item : entry.value) {
      if (item.IsNull()) {
        out.emplace_back();
      } else if (item.IsScalar()) {
        out.push_back(item.Scalar());
      } else {
        fail(line_of(item), entry.key,
             "expected a list of " + std::string(what) + ", got " + describe(item) + " in it");
      }
    }
    return out;
  }

  // yaml.v3 into a Go bool: plain true/false in YAML 1.2 spellings, and (quoted or not) the
  // YAML 1.1 words it still accepts for typed bools.
  std::optional<bool> bool_value(const Entry& entry) const {
    if (entry.value.IsNull()) {
      return std::nullopt;
    }
    if (entry.value.IsScalar()) {
      const std::string& text = entry.value.Scalar();
      if (is_plain(entry.value)) {
        if (text == "true" || text == "True" || text == "TRUE") {
          return true;
        }
        if (text == "false" || text == "False" || text == "FALSE") {
          return false;
        }
      }
      static const std::set<std::string> kYes = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"};
      static const std::set<std::string> kNo = {"n", "N", "no", "No", "NO", "off", "Off", "OFF"};
      if (kYes.count(text)) {
        return true;
      }
      if (kNo.count(text)) {
        return false;
      }
    }
    fail(value_line(entry), entry.key, "expected a boolean, got " + describe(entry.value));
  }

  RegistrySection registry_section(const Entry& registry) const {
    RegistrySection section;
    section.registry = registry.key;
    section.line = registry.key_line;
    if (registry.value.IsNull()) {
      return section;
    }
    if (!registry.value.IsMap()) {
      fail(value_line(registry), registry.key,
           "expected a mapping of sync settings, got " + describe(registry.value));
    }
    static const std::set<std::string> kFields = {
        "images",   "images-by-tag-regex", "images-by-semver", "credentials", "tls-verify",
        "cert-dir", "skip-existing-tags"};
    const std::vector<Entry> fields = entries(registry.value);
    check_duplicates(fields, &kFields);
    for (const Entry& field : fields) {
      if (field.key == "images") {
        const std::vector<Entry> repos = mapping(field, "repository to list of tags");
        check_duplicates(repos, nullptr);
        for (const Entry& repo : repos) {
          section.images.emplace_back(repo.key, string_list(repo, "tags or digests"));
        }
      } else if (field.key == "images-by-tag-regex") {
        const std::vector<Entry> repos = mapping(field, "repository to regular expression");
        check_duplicates(repos, nullptr);
        for (const Entry& repo : repos) {
          std::string pattern = string_value(repo, "a regular expression");
          try {
            TagRegex::compile(pattern);
          } catch (const Error& e) {
            fail(value_line(repo), repo.key, e.what());
          }
          section.images_by_tag_regex.emplace_back(repo.key, std::move(pattern));
        }
      } else if (field.key == "images-by-semver") {
        const std::vector<Entry> repos = mapping(field, "repository to semver constraint");
        check_duplicates(repos, nullptr);
        for (const Entry& repo : repos) {
          std::string constraint = string_value(repo, "a semver constraint");
          try {
            SemverConstraint::parse(constraint);
          } catch (const Error& e) {
            fail(value_line(repo), repo.key, e.what());
          }
          section.images_by_semver.emplace_back(repo.key, std::move(constraint));
        }
      } else if (field.key == "credentials") {
        section.credentials = credentials(field);
      } else if (field.key == "tls-verify") {
        section.tls_verify = bool_value(field);
      } else if (field.key == "cert-dir") {
        section.cert_dir = string_value(field, "a directory path");
      } else if (field.key == "skip-existing-tags") {
        section.skip_existing_tags = string_list(field, "tag patterns");
      }
      // Any other key is ignored, as yaml.v3 does without KnownFields.
    }
    return section;
  }

  std::optional<auth::Credentials> credentials(const Entry& field) const {
    static const std::set<std::string> kFields = {"username", "password", "identitytoken"};
    const std::vector<Entry> keys = mapping(field, "username and password");
    check_duplicates(keys, &kFields);
    auth::Credentials creds;
    for (const Entry& key : keys) {
      if (key.key == "username") {
        creds.username = string_value(key, "a string");
      }
      if (key.key == "password") {
        creds.password = string_value(key, "a string");
      }
      if (key.key == "identitytoken") {
        creds.identity_token = string_value(key, "a string");
      }
    }
    if (creds.empty()) {
      return std::nullopt;
    }
    return creds;
  }

  std::string file_;
};

std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = static_cast<char>(text[0] + 32);
  }
  return text;
}

}  // namespace

std::vector<RegistrySection> parse_sync_yaml(std::string_view text, const std::string& file_name) {
  return Parser(file_name).parse(text);
}

std::vector<RegistrySection> load_sync_yaml(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw Error(ErrorKind::kIo, "open " + path + ": " + lower_first(std::strerror(errno)));
  }
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    text.append(buffer, n);
  }
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    throw Error(ErrorKind::kIo, "read " + path + ": " + lower_first(std::strerror(error)));
  }
  return parse_sync_yaml(text, path);
}

}  // namespace periscope::sync
