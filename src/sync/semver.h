#pragma once
// Semantic versions and constraints as github.com/Masterminds/semver/v3 (v3.4.0, the version
// skopeo 1.22 vendors) defines them, for the images-by-semver key of the sync YAML: skopeo parses
// each tag with semver.NewVersion (skipping tags that fail) and keeps those for which
// Constraints.Check is true.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace periscope::sync {

struct SemverVersion {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::string prerelease;  // without the '-'
  std::string metadata;    // without the '+'; ignored by comparisons

  // NewVersion with CoerceNewVersion (the library default): an optional "v", one to three
  // numeric parts (missing ones are 0, leading zeros allowed), optional -prerelease and
  // +metadata. Nothing (not an error) for text that is not such a version, e.g. "latest".
  static std::optional<SemverVersion> parse(std::string_view text);

  // -1, 0, 1; a prerelease sorts before its release, prerelease parts compare numerically when
  // both are numbers, numbers before words, words bytewise.
  int compare(const SemverVersion& other) const;
};

class SemverConstraint {
 public:
  // NewConstraint: "A - B" ranges, "||" alternatives of space- or comma-separated comparisons
  // (=, !=, >, <, >=, =>, <=, =<, ~, ~>, ^, or none), x/X/* wildcards. Throws Error(kUsage) with
  // the library's message ("improper constraint: >=x.y!").
  static SemverConstraint parse(std::string_view text);

  // Check. A version with a prerelease only matches an alternative in which some comparison
  // itself names a prerelease (">=1.2.0-0" does, ">=1.2.0" does not).
  bool check(const SemverVersion& version) const;
  // False for a tag that is not a version (skopeo skips those).
  bool matches(std::string_view tag) const;
  const std::string& text() const { return text_; }

  struct Comparison {
    std::string op;  // as written, "" for a bare version
    SemverVersion version;
    bool dirty = false;  // some part was a wildcard or missing
    bool minor_dirty = false;
    bool patch_dirty = false;
  };

 private:
  std::string text_;
  // Alternatives ("||"), each a conjunction, and whether that conjunction names a prerelease.
  std::vector<std::vector<Comparison>> alternatives_;
  std::vector<bool> includes_prerelease_;
};

}  // namespace periscope::sync
