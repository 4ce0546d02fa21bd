#include "manifest/schema1.h"

#include <set>

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"
#include "manifest/unambiguous.h"

namespace periscope::manifest {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

// libtrust joseBase64UrlDecode: spaces and newlines dropped, padding restored, URL alphabet.
std::optional<std::string> jose_base64url_decode(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c != '\n' && c != ' ' && c != '\r') s += c;
  }
  if (s.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    else
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

const go::Struct& parsed_header() {
  static const go::Struct s{
      "jsParsedHeader",
      {{"jwk", go::Kind::kRaw}, {"alg", go::Kind::kString}, {"x5c", go::Kind::kStringSlice}}};
  return s;
}

const go::Struct& parsed_signature() {
  static const go::Struct s{"jsParsedSignature",
                            {{"header", go::Kind::kStruct, false, false, &parsed_header()},
                             {"signature", go::Kind::kString},
                             {"protected", go::Kind::kString}}};
  return s;
}

// libtrust UnmarshalPublicKeyJWK, reduced to the checks that do not need the key material parsed
// as a curve point or modulus.
void check_jwk(const Json& jwk) {
  if (!jwk.is_object()) fail("error unmarshalling public key: JWK Public Key type: missing kty");
  auto kty = jwk.find("kty");
  if (kty == jwk.end() || !kty->is_string()) {
    fail("error unmarshalling public key: JWK Public Key type: \"kty\" is not a string");
  }
  if (*kty != "EC" && *kty != "RSA") {
    fail("error unmarshalling public key: JWK Public Key type not supported: " + kty->dump());
  }
}

}  // namespace

std::string schema1_signed_payload(std::string_view bytes) {
  Json content;
  try {
    content = go::parse_json(bytes);
  } catch (const Error& e) {
    fail(std::string("error unmarshalling content: ") + e.what());
  }
  if (!content.is_object()) fail("error unmarshalling content: not a JSON object");
  auto signatures = content.find("signatures");
  if (signatures == content.end()) fail("missing signature key");

  go::Struct blocks_type{"", {{"s", go::Kind::kStructSlice, false, false, &parsed_signature()}}};
  Json blocks;
  try {
    blocks = go::unmarshal(Json{{"s", *signatures}}, blocks_type)["s"];
  } catch (const Error& e) {
    fail(std::string("error unmarshalling signatures: ") + e.what());
  }
  std::int64_t format_length = 0;
  std::string format_tail;
  for (const Json& block : blocks) {
    auto protected_bytes = jose_base64url_decode(block.value("protected", ""));
    if (!protected_bytes) fail("base64 decode error: illegal base64url string");
    Json header;
    try {
      header = go::parse_json(*protected_bytes);
    } catch (const Error& e) {
      fail(std::string("error unmarshalling protected header: ") + e.what());
    }
    if (!header.is_object() && !header.is_null()) {
      fail("error unmarshalling protected header: not a JSON object");
    }
    auto length = header.is_object() ? header.find("formatLength") : header.end();
    if (length == header.end() || !length->is_number()) fail("missing formatted length");
    auto tail = header.find("formatTail");
    if (tail == header.end() || !tail->is_string()) fail("missing formatted tail");
    auto decoded_tail = jose_base64url_decode(tail->get<std::string>());
    if (!decoded_tail) fail("base64 decode error on tail: illegal base64url string");
    // Go converts the float64 with int(), truncating toward zero.
    auto this_length = static_cast<std::int64_t>(length->get<double>());
    if (format_length == 0) {
      format_length = this_length;
    } else if (format_length != this_length) {
      fail("conflicting format length");
    }
    if (format_tail.empty()) {
      format_tail = *decoded_tail;
    } else if (format_tail != *decoded_tail) {
      fail("conflicting format tail");
    }
    if (block.contains("header") && block["header"].contains("jwk")) {
      check_jwk(block["header"]["jwk"]);
    }
  }
  if (format_length < 0 || static_cast<std::uint64_t>(format_length) > bytes.size()) {
    fail("invalid format length");
  }
  return std::string(bytes.substr(0, static_cast<std::size_t>(format_length))) + format_tail;
}

ImageManifest parse_schema1(std::string_view bytes, std::string_view media_type) {
  Json doc = go::unmarshal(go::parse_json(bytes), go::schema1_manifest());
  std::int64_t version = doc.value("schemaVersion", std::int64_t{0});
  if (version != 1) fail("unsupported schema version " + std::to_string(version));
  validate_unambiguous(go::parse_json(bytes), kDockerV2Schema1Signed,
                       kAllowFsLayers | kAllowHistory);

  ImageManifest m;
  m.media_type = std::string(media_type);
  m.schema_version = 1;
  m.name = doc.value("name", "");
  m.tag = doc.value("tag", "");
  m.architecture = doc.value("architecture", "");
  for (const Json& l : doc.value("fsLayers", Json::array()))
    m.fs_layers.push_back(l.value("blobSum", ""));
  for (const Json& h : doc.value("history", Json::array())) {
    m.v1_compatibility.push_back(h.value("v1Compatibility", ""));
  }
  if (m.fs_layers.size() != m.v1_compatibility.size()) {
    fail("length of history not equal to number of layers");
  }
  if (m.fs_layers.empty()) fail("no FSLayers in manifest");

  struct Compat {
    std::string id, parent;
    bool throwaway;
  };
  std::vector<Compat> compat;
  for (std::size_t i = 0; i < m.v1_compatibility.size(); ++i) {
    Json c;
    try {
      c = go::unmarshal(go::parse_json(m.v1_compatibility[i]), go::schema1_v1_compatibility());
    } catch (const Error& e) {
      fail("parsing v2s1 history entry " + std::to_string(i) + ": " + e.what());
    }
    compat.push_back({c.value("id", ""), c.value("parent", ""), c.value("throwaway", false)});
  }
  // fixManifestLayers: IDs must be hex, the chain must link, consecutive repeats are dropped.
  for (const Compat& c : compat) {
    bool hex = c.id.size() == 64 && c.id.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex) fail("image ID " + go::go_quote(c.id) + " is invalid");
  }
  if (!compat.back().parent.empty()) fail("Invalid parent ID in the base layer of the image");
  std::set<std::string> seen;
  std::string last;
  for (const Compat& c : compat) {
    if (c.id != last && seen.count(c.id))
      fail("ID " + c.id + " appears multiple times in manifest");
    last = c.id;
    seen.insert(last);
  }
  for (std::size_t n = compat.size() - 1; n-- > 0;) {
    if (compat[n].id == compat[n + 1].id) {
      compat.erase(compat.begin() + static_cast<std::ptrdiff_t>(n));
      m.fs_layers.erase(m.fs_layers.begin() + static_cast<std::ptrdiff_t>(n));
      m.v1_compatibility.erase(m.v1_compatibility.begin() + static_cast<std::ptrdiff_t>(n));
    } else if (compat[n].parent != compat[n + 1].id) {
      fail("Invalid parent ID. Expected " + compat[n + 1].id + ", got " +
           go::go_quote(compat[n].parent));
    }
  }
  for (std::size_t i = m.fs_layers.size(); i-- > 0;) {
    Descriptor d;
    d.digest = m.fs_layers[i];
    d.size = -1;
    m.layers.push_back(std::move(d));
    m.empty_layers.push_back(compat[i].throwaway);
  }
  return m;
}

}  // namespace periscope::manifest
