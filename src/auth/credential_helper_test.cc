#include "auth/credential_helper.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace periscope::auth {
namespace {

namespace fs = std::filesystem;

// A helper speaking the real protocol, keeping its store in a JSON file beside it and logging the
// argv it was run with.
constexpr const char* kHelper = R"(#!/usr/bin/python3
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
store_path = os.path.join(here, "store.json")
store = json.load(open(store_path)) if os.path.exists(store_path) else {}
with open(os.path.join(here, "argv.log"), "a") as log:
    log.write(" ".join(sys.argv) + "\n")
data = sys.stdin.read()
action = sys.argv[1]
if os.environ.get("HELPER_FAIL"):
    print("the keychain is locked"); sys.exit(3)
if action == "get":
    if data not in store:
        print("credentials not found in native keychain"); sys.exit(1)
    user, secret = store[data]
    print(json.dumps({"ServerURL": data, "Username": user, "Secret": secret}))
elif action == "store":
    req = json.loads(data)
    store[req["ServerURL"]] = [req["Username"], req["Secret"]]
    json.dump(store, open(store_path, "w"))
elif action == "erase":
    if data not in store:
        print("credentials not found in native keychain"); sys.exit(1)
    del store[data]
    json.dump(store, open(store_path, "w"))
)";

class CredentialHelperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("periscope-credhelper-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "docker-credential-test") << kHelper;
    ::chmod((dir_ / "docker-credential-test").c_str(), 0755);
    old_path_ = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", (dir_.string() + ":" + old_path_).c_str(), 1);
  }
  void TearDown() override {
    ::setenv("PATH", old_path_.c_str(), 1);
    ::unsetenv("HELPER_FAIL");
    fs::remove_all(dir_);
  }
  std::string read(const std::string& name) {
    std::ifstream in(dir_ / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_;
  std::string old_path_;
};

TEST_F(CredentialHelperTest, StoreThenGetThenErase) {
  helper_store("test", "r.example", Credentials{"bob", "s3cret", ""});
  auto c = helper_get("test", "r.example");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "bob");
  EXPECT_EQ(c->password, "s3cret");
  EXPECT_TRUE(helper_erase("test", "r.example"));
  EXPECT_FALSE(helper_get("test", "r.example"));
  EXPECT_FALSE(helper_erase("test", "r.example"));
}

TEST_F(CredentialHelperTest, SecretsNeverInArgv) {
  helper_store("test", "r.example", Credentials{"bob", "s3cret", ""});
  helper_get("test", "r.example");
  std::string argv = read("argv.log");
  EXPECT_NE(argv.find("store"), std::string::npos);
  EXPECT_EQ(argv.find("s3cret"), std::string::npos);
  EXPECT_EQ(argv.find("r.example"), std::string::npos);
}

TEST_F(CredentialHelperTest, TokenUsernameMeansIdentityToken) {
  write("store.json", R"({"r.example": ["<token>", "refresh-123"]})");
  auto c = helper_get("test", "r.example");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->identity_token, "refresh-123");
  EXPECT_EQ(c->username, "");
}

TEST_F(CredentialHelperTest, FailureCarriesHelperMessage) {
  ::setenv("HELPER_FAIL", "1", 1);
  try {
    helper_get("test", "r.example");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kAuth);
    EXPECT_NE(std::string(e.what()).find("the keychain is locked"), std::string::npos) << e.what();
  }
}

TEST_F(CredentialHelperTest, MissingHelperIsAnError) {
  try {
    helper_get("nonexistent-xyz", "r.example");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("docker-credential-nonexistent-xyz"), std::string::npos)
        << e.what();
  }
}

TEST_F(CredentialHelperTest, AuthFileCredHelpersEntryIsUsed) {
  write("store.json", R"({"r.example": ["carol", "pw"]})");
  write("config.json",
        R"({"credHelpers": {"r.example": "test"}, "auths": {"r.example": {"auth": "eDp5"}}})");
  auto c = lookup({{(dir_ / "config.json").string(), false}}, "r.example", "ns/app");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "carol");
}

TEST_F(CredentialHelperTest, CredsStoreFallsBackToAuths) {
  write("config.json", R"({"credsStore": "test", "auths": {"r.example": {"auth": "eDp5"}}})");
  auto c = lookup({{(dir_ / "config.json").string(), false}}, "r.example", "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "x");
  EXPECT_EQ(c->password, "y");
}

TEST_F(CredentialHelperTest, CredsStoreUsesDockerHubServerUrl) {
  write("store.json", R"({"https://index.docker.io/v1/": ["hub", "pw"]})");
  write("config.json", R"({"credsStore": "test"})");
  auto c = lookup({{(dir_ / "config.json").string(), false}}, "docker.io", "library/busybox");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "hub");
}

TEST_F(CredentialHelperTest, RegistriesConfHelperListInOrder) {
  write("store.json", R"({"r.example": ["from-helper", "pw"]})");
  write("auth.json", R"({"auths": {"r.example": {"auth": "ZmlsZTpwdw=="}}})");
  std::vector<AuthFile> files{{(dir_ / "auth.json").string(), false}};
  EXPECT_EQ(find_credentials({"test", "containers-auth.json"}, files, "r.example", "")->username,
            "from-helper");
  EXPECT_EQ(find_credentials({"containers-auth.json", "test"}, files, "r.example", "")->username,
            "file");
}

TEST_F(CredentialHelperTest, EmptyMarkerEntryIsSkipped) {
  write("a.json", R"({"auths": {"r.example": {}}})");
  write("b.json", R"({"auths": {"r.example": {"auth": "eDp5"}}})");
  auto c = lookup({{(dir_ / "a.json").string(), false}, {(dir_ / "b.json").string(), false}},
                  "r.example", "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "x");
}

TEST_F(CredentialHelperTest, LoginStoresThroughFileCredHelper) {
  write("auth.json", R"({"credHelpers": {"r.example": "test"}})");
  std::string where = store_credentials({"containers-auth.json"}, (dir_ / "auth.json").string(),
                                        "r.example", Credentials{"dave", "pw2", ""});
  EXPECT_EQ(where, "credential helper: test");
  EXPECT_NE(read("store.json").find("dave"), std::string::npos);
  EXPECT_EQ(read("auth.json").find("auths"), std::string::npos);  // nothing written to the file
  EXPECT_TRUE(
      remove_credentials({"containers-auth.json"}, (dir_ / "auth.json").string(), "r.example"));
  EXPECT_EQ(read("store.json").find("dave"), std::string::npos);
}

TEST_F(CredentialHelperTest, NamespacedKeyCannotGoToHelper) {
  EXPECT_THROW(store_credentials({"test"}, (dir_ / "auth.json").string(), "r.example/ns",
                                 Credentials{"a", "b", ""}),
               Error);
}

}  // namespace
}  // namespace periscope::auth
