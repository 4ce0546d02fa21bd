#pragma once
// The pieces of the docker reference grammar, as containers/image's copy of distribution's
// reference package spells them (docker/reference/regexp.go). Each function is a full match of
// one production; they are written by hand instead of with <regex> so that a hostile, very long
// argument cannot exhaust the stack of a backtracking matcher.
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component [ "/" path-component ]*
//   domain     := domain-component [ "." domain-component ]* [ ":" [0-9]+ ]
//   domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//   path-component   := [a-z0-9]+ ( ( "." | "_" | "__" | "-"* ) [a-z0-9]+ )*
//   tag        := [\w][\w.-]{0,127}
//   digest     := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )* ":" [[:xdigit:]]{32,}
//
// Bracketed IPv6 hosts ("[::1]:5000") are not part of this grammar: containers/image never took
// distribution's later IPv6 extension, and skopeo rejects them with "invalid reference format".
#include <optional>
#include <string>
#include <string_view>

namespace periscope::reference {

bool is_domain(std::string_view text);
bool is_path_component(std::string_view text);
// One or more path components separated by single slashes.
bool is_remote_name(std::string_view text);
bool is_valid_tag(std::string_view text);
// The reference grammar's digest production only; whether the algorithm is known and the hex
// length right is go-digest's business (see reference.cc).
bool is_digest_syntax(std::string_view text);
// True for exactly 64 lowercase hex digits: an image ID, which a name may not be.
bool is_full_identifier(std::string_view text);

// The captures of the anchored reference pattern: the whole name, the tag, the digest text.
struct ReferenceMatch {
  std::string_view name;
  std::string_view tag;     // empty when absent
  std::string_view digest;  // empty when absent
};
std::optional<ReferenceMatch> match_reference(std::string_view text);

// How the anchored name pattern splits a name: the first segment is the domain when it is one
// and the rest is a valid path; otherwise the domain is empty and the whole name is the path.
struct NameMatch {
  std::string_view domain;
  std::string_view path;
};
std::optional<NameMatch> match_name(std::string_view text);

}  // namespace periscope::reference
