#include "config/proxy_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace periscope::config {
namespace {

class ProxyEnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v : kVars) ::unsetenv(v);
  }
  void TearDown() override { SetUp(); }
  static std::string get(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "(unset)";
  }
  static constexpr const char* kVars[] = {"HTTP_PROXY",  "http_proxy", "HTTPS_PROXY",
                                          "https_proxy", "NO_PROXY",   "no_proxy"};
};

TEST_F(ProxyEnvTest, UppercaseWinsAsInGo) {
  ::setenv("HTTP_PROXY", "http://upper:1", 1);
  ::setenv("http_proxy", "http://lower:1", 1);
  apply_proxy_environment();
  EXPECT_EQ(get("http_proxy"), "http://upper:1");
}

TEST_F(ProxyEnvTest, LoopbackIsNeverProxied) {
  ::setenv("HTTPS_PROXY", "http://p:3128", 1);
  ::setenv("NO_PROXY", "corp.example", 1);
  apply_proxy_environment();
  EXPECT_EQ(get("https_proxy"), "http://p:3128");
  EXPECT_EQ(get("no_proxy"), "corp.example,localhost,127.0.0.0/8,::1");
}

TEST_F(ProxyEnvTest, NothingChangesWithoutProxy) {
  apply_proxy_environment();
  EXPECT_EQ(get("no_proxy"), "(unset)");
  EXPECT_EQ(get("http_proxy"), "(unset)");
}

TEST_F(ProxyEnvTest, StarStaysStar) {
  ::setenv("http_proxy", "http://p:3128", 1);
  ::setenv("no_proxy", "*", 1);
  apply_proxy_environment();
  EXPECT_EQ(get("no_proxy"), "*");
}

}  // namespace
}  // namespace periscope::config
