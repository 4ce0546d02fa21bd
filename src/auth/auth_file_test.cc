#include "auth/auth_file.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "core/error.h"

namespace periscope::auth {
namespace {

namespace fs = std::filesystem;

class AuthFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("periscope-auth-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) { std::ofstream(path(name)) << text; }
  std::string read(const std::string& name) {
    std::ifstream in(path(name));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path dir_;
};

TEST_F(AuthFileTest, StoreWritesSkopeoFormatWithMode0600) {
  store(path("auth.json"), "127.0.0.1:5000", {"user", "pass", ""});
  EXPECT_EQ(read("auth.json"), "{\n\t\"auths\": {\n\t\t\"127.0.0.1:5000\": {\n\t\t\t\"auth\": \"dXNlcjpwYXNz\"\n\t\t}\n\t}\n}");
  struct stat st {};
  ASSERT_EQ(::stat(path("auth.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuthFileTest, StoreKeepsOtherEntriesAndKeys) {
  write("auth.json", R"({"auths":{"other.io":{"auth":"YTpi"}},"credHelpers":{"x.io":"helper"}})");
  store(path("auth.json"), "127.0.0.1:5000", {"u", "p", ""});
  auto other = lookup({{path("auth.json")}}, "other.io", "");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->username, "a");
  EXPECT_NE(read("auth.json").find("\"credHelpers\""), std::string::npos);
}

TEST_F(AuthFileTest, LookupPrefersMostSpecificKey) {
  write("auth.json", R"({"auths":{"h.io":{"auth":"aG9zdDpw"},"h.io/ns":{"auth":"bnM6cA=="}}})");
  EXPECT_EQ(lookup({{path("auth.json")}}, "h.io", "ns/repo")->username, "ns");
  EXPECT_EQ(lookup({{path("auth.json")}}, "h.io", "other/repo")->username, "host");
}

TEST_F(AuthFileTest, LookupMatchesUrlKeysAndDockerAliases) {
  write("config.json", R"({"auths":{"https://index.docker.io/v1/":{"auth":"ZDpw"},"https://q.io/v2/":{"auth":"cTpw"}}})");
  EXPECT_EQ(lookup({{path("config.json")}}, "docker.io", "library/busybox")->username, "d");
  EXPECT_EQ(lookup({{path("config.json")}}, "q.io", "a/b")->username, "q");
}

TEST_F(AuthFileTest, LookupFirstFileWins) {
  write("a.json", R"({"auths":{"h.io":{"auth":"YTpw"}}})");
  write("b.json", R"({"auths":{"h.io":{"auth":"Yjpw"}}})");
  EXPECT_EQ(lookup({{path("missing.json")}, {path("a.json")}, {path("b.json")}}, "h.io", "r")->username, "a");
}

TEST_F(AuthFileTest, LookupReadsLegacyDockercfg) {
  write(".dockercfg", R"({"https://h.io/v1/":{"auth":"bDpw"}})");
  EXPECT_EQ(lookup({{path(".dockercfg"), true}}, "h.io", "r")->username, "l");
}

TEST_F(AuthFileTest, LookupReadsIdentityToken) {
  write("auth.json", R"({"auths":{"h.io":{"identitytoken":"refresh-me"}}})");
  auto c = lookup({{path("auth.json")}}, "h.io", "r");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->identity_token, "refresh-me");
}

TEST_F(AuthFileTest, MalformedFileIsAnErrorNamingIt) {
  write("auth.json", "{not json");
  try {
    lookup({{path("auth.json")}}, "h.io", "r");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path("auth.json")), std::string::npos);
  }
}

TEST_F(AuthFileTest, RemoveAndRemoveAll) {
  store(path("auth.json"), "a.io", {"u", "p", ""});
  store(path("auth.json"), "b.io", {"u", "p", ""});
  EXPECT_TRUE(remove(path("auth.json"), "a.io"));
  EXPECT_FALSE(remove(path("auth.json"), "a.io"));
  EXPECT_TRUE(read_entry(path("auth.json"), "b.io"));
  remove_all(path("auth.json"));
  EXPECT_FALSE(read_entry(path("auth.json"), "b.io"));
}

TEST(AuthSearchOrder, ExplicitFileDisablesFallbacks) {
  EXPECT_EQ(search_order("/x/auth.json").size(), 1u);
  ::unsetenv("REGISTRY_AUTH_FILE");
  ::setenv("XDG_RUNTIME_DIR", "/run/user/7", 1);
  ::setenv("HOME", "/home/u", 1);
  ::unsetenv("XDG_CONFIG_HOME");
  ::setenv("DOCKER_CONFIG", "/d", 1);
  auto files = search_order("");
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].path, "/run/user/7/containers/auth.json");
  EXPECT_EQ(files[1].path, "/home/u/.config/containers/auth.json");
  EXPECT_EQ(files[2].path, "/d/config.json");
  EXPECT_EQ(files[3].path, "/home/u/.dockercfg");
  EXPECT_TRUE(files[3].legacy);
}

}  // namespace
}  // namespace periscope::auth
