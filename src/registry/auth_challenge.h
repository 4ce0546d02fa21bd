#pragma once
// WWW-Authenticate challenges (RFC 7235) as registries send them:
//   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"
//   Basic realm="Registry Realm"
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace periscope::registry {

struct Challenge {
  std::string scheme;                         // lowercased: "bearer", "basic"
  std::map<std::string, std::string> params;  // names lowercased, values unquoted
  std::string param(const std::string& name) const;
};

// All challenges in one header value; malformed parts are skipped, never thrown.
std::vector<Challenge> parse_challenges(std::string_view header);

}  // namespace periscope::registry
