#pragma once
// Tag filters of the sync YAML: images-by-tag-regex patterns, matched the way skopeo's
// tagRegexFilterCollection does (Go's regexp.MatchString: an unanchored search, so "^1\.2" must
// be anchored by the user), and the glob patterns of Periscope's skip-existing-tags extension.
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace periscope::sync {

// A compiled Go regexp (RE2 syntax, which Go's regexp/syntax implements). Cheap to copy; safe to
// match from several threads.
class TagRegex {
 public:
  // Throws Error(kUsage) worded as Go's regexp.Compile ("error parsing regexp: missing closing ):
  // `(a`"), also for the two spots where RE2 and Go disagree: Go refuses \C (any byte), and Go
  // 1.22+ accepts (?<name>re), which Debian's RE2 does not (it is rewritten to (?P<name>re)).
  static TagRegex compile(std::string_view pattern);

  // True when the pattern matches anywhere in `tag`.
  bool matches(std::string_view tag) const;
  const std::string& pattern() const { return pattern_; }

 private:
  TagRegex(std::string pattern, std::shared_ptr<const re2::RE2> re)
      : pattern_(std::move(pattern)), re_(std::move(re)) {}
  std::string pattern_;  // as the user wrote it
  std::shared_ptr<const re2::RE2> re_;
};

// Shell-style match of the whole tag: '*' any run of characters (tags hold no '/'), '?' one
// character, everything else literally.
bool glob_match(std::string_view pattern, std::string_view tag);

}  // namespace periscope::sync
