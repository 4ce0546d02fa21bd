#include "reference/auth_key.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>
#include <utility>

#include "core/error.h"
#include "reference/reference.h"

namespace periscope::reference {
namespace {

// Go's strconv.Quote for the ASCII range; other bytes are passed through, which is what Quote
// does for valid UTF-8 text.
std::string go_quote(std::string_view text) {
  static constexpr std::pair<char, char> kEscapes[] = {{'"', '"'},  {'\\', '\\'}, {'\a', 'a'},
                                                       {'\b', 'b'}, {'\f', 'f'},  {'\n', 'n'},
                                                       {'\r', 'r'}, {'\t', 't'},  {'\v', 'v'}};
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    const auto* escape = std::find_if(std::begin(kEscapes), std::end(kEscapes),
                                      [c](const auto& e) { return e.first == c; });
    if (escape != std::end(kEscapes)) {
      out += '\\';
      out += escape->second;
    } else if (u < 0x20 || u == 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return c - 'A' + 10;
}
bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string escape_error(std::string_view bad) { return "invalid URL escape " + go_quote(bad); }

// Go's shouldEscape(c, encodeHost), for ASCII bytes.
bool allowed_in_host(char c) {
  return is_ascii_alnum(c) ||
         std::string_view("!$&'()*+,;=:[]<>\"-_.~").find(c) != std::string_view::npos;
}

// Go's unescape for the host and user-info parts: the decoded text, or the reason it fails.
struct Unescaped {
  std::string text;
  std::string error;
};
Unescaped unescape(std::string_view s, bool host) {
  Unescaped out;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
        out.error = escape_error(s.substr(i, 3));
        return out;
      }
      // RFC 3986 allows %-encoding in a host only for non-ASCII bytes (and "%25" for zones).
      if (host && hex_value(s[i + 1]) < 8 && s.substr(i, 3) != "%25") {
        out.error = escape_error(s.substr(i, 3));
        return out;
      }
      out.text += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 3;
      continue;
    }
    if (host && static_cast<unsigned char>(c) < 0x80 && !allowed_in_host(c)) {
      out.error = "invalid character " + go_quote(s.substr(i, 1)) + " in host name";
      return out;
    }
    out.text += c;
    ++i;
  }
  return out;
}

// Go's validOptionalPort.
bool valid_optional_port(std::string_view port) {
  if (port.empty()) {
    return true;
  }
  if (port.front() != ':') {
    return false;
  }
  return port.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
}

bool valid_userinfo(std::string_view s) {
  for (char c : s) {
    if (is_ascii_alnum(c)) {
      continue;
    }
    if (std::string_view("-._:~!$&'()*+,;=%@").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Go's parseHost: the host[:port], or the reason it fails.
Unescaped parse_host(std::string_view host) {
  std::optional<std::string_view> port;
  if (host.starts_with("[")) {
    std::size_t close = host.rfind(']');
    if (close == std::string_view::npos) {
      return {{}, "missing ']' in host"};
    }
    port = host.substr(close + 1);
  } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon);
  }
  if (port && !valid_optional_port(*port)) {
    return {{}, "invalid port " + go_quote(*port) + " after host"};
  }
  return unescape(host, true);
}

// url.Parse(raw).Host for a raw URL that starts with "http://" or "https://": the host, or the
// error text Go's *url.Error gives.
Unescaped url_host(std::string_view raw) {
  std::size_t hash = raw.find('#');
  std::string_view url = raw.substr(0, hash);
  auto fail = [](std::string_view which, const std::string& why) {
    return Unescaped{{}, "parse " + go_quote(which) + ": " + why};
  };
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return fail(url, "net/url: invalid control character in URL");
    }
  }
  std::string_view rest = url.substr(url.find("//") + 2);
  rest = rest.substr(0, rest.find('?'));
  std::string_view authority = rest.substr(0, rest.find('/'));
  std::size_t at = authority.rfind('@');
  Unescaped host = parse_host(at == std::string_view::npos ? authority : authority.substr(at + 1));
  if (!host.error.empty()) {
    return fail(url, host.error);
  }
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    if (!valid_userinfo(userinfo)) {
      return fail(url, "net/url: invalid userinfo");
    }
    std::size_t colon = userinfo.find(':');
    for (std::string_view part :
         {userinfo.substr(0, colon),
          colon == std::string_view::npos ? std::string_view{} : userinfo.substr(colon + 1)}) {
      Unescaped decoded = unescape(part, false);
      if (!decoded.error.empty()) {
        return fail(url, decoded.error);
      }
    }
  }
  if (hash != std::string_view::npos) {
    Unescaped fragment = unescape(raw.substr(hash + 1), false);
    if (!fragment.error.empty()) {
      return fail(raw, fragment.error);
    }
  }
  return host;
}

}  // namespace

std::string replace_url_by_host_port(std::string_view arg) {
  if (!arg.starts_with("https://") && !arg.starts_with("http://")) {
    return std::string(arg);
  }
  Unescaped host = url_host(arg);
  if (!host.error.empty()) {
    throw_usage("trimming http{s} prefix: " + host.error);
  }
  return host.text;
}

CredentialsKey parse_credentials_key(std::string_view arg) {
  CredentialsKey out;
  out.key = replace_url_by_host_port(arg);
  out.registry = out.key.substr(0, out.key.find('/'));
  if (out.registry == out.key) {
    return out;
  }

  // Only a sanity check: the key itself stays as given, since normalising would turn
  // "docker.io/vendor" into "docker.io/library/vendor".
  Named named;
  try {
    named = parse_normalized_named(out.key);
  } catch (const Error& e) {
    throw e.with_context("parse reference from " + go_quote(out.key));
  }
  if (!is_name_only(named)) {
    throw_usage("reference " + go_quote(named.string()) + " contains tag or digest");
  }
  if (named.domain != out.registry) {
    // c/common calls this an internal error, but the input is what is wrong ("foo/bar").
    throw_usage("internal error: key " + go_quote(out.key) + " registry mismatch, " +
                go_quote(named.string()) + " vs. " + go_quote(named.domain));
  }
  return out;
}

std::string normalize_auth_key(std::string_view arg) { return parse_credentials_key(arg).key; }

}  // namespace periscope::reference
