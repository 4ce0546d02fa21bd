#include "config/short_names.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace periscope::config {
namespace {

RegistriesConf conf(std::string_view text) { return parse_registries_conf(text, "/r", false); }

std::vector<std::string> resolve(const RegistriesConf& c, std::string_view text,
                                 bool terminal = false, std::size_t pick = 0) {
  ShortNameInput in{text, reference::parse_docker_transport_reference("//" + std::string(text)),
                    nullptr, terminal, [pick](const std::vector<std::string>&) { return pick; }};
  std::vector<std::string> out;
  for (const auto& n : resolve_short_name(c, in)) out.push_back(n.string());
  return out;
}

TEST(ShortNames, Detection) {
  EXPECT_TRUE(is_short_name("busybox"));
  EXPECT_TRUE(is_short_name("library/busybox:1"));
  EXPECT_FALSE(is_short_name("docker.io/busybox"));
  EXPECT_FALSE(is_short_name("localhost/x"));
  EXPECT_FALSE(is_short_name("host:5000/x"));
}

TEST(ShortNames, AliasWinsAndKeepsTag) {
  auto c = conf(
      "unqualified-search-registries = [\"a.io\", \"b.io\"]\n[aliases]\n\"app\" = "
      "\"q.io/team/app\"\n");
  EXPECT_EQ(resolve(c, "app:2"), std::vector<std::string>{"q.io/team/app:2"});
  EXPECT_EQ(resolve(c, "app"), std::vector<std::string>{"q.io/team/app:latest"});
}

TEST(ShortNames, UserAliasFileIsPreferred) {
  auto c = conf("[aliases]\n\"app\" = \"q.io/team/app\"\n");
  auto user = parse_alias_file("[aliases]\n\"app\" = \"mine.io/app\"\n", "/cache");
  ShortNameInput in{"app", reference::parse_docker_transport_reference("//app"), &user, false,
                    nullptr};
  EXPECT_EQ(resolve_short_name(c, in).at(0).name(), "mine.io/app");
}

TEST(ShortNames, NoConfigurationMeansDockerHub) {
  EXPECT_EQ(resolve(conf(""), "busybox"),
            std::vector<std::string>{"docker.io/library/busybox:latest"});
}

TEST(ShortNames, ResetAliasFallsBackToSearch) {
  auto c = conf("unqualified-search-registries = [\"a.io\"]\n[aliases]\n\"app\" = \"\"\n");
  EXPECT_EQ(resolve(c, "app"), std::vector<std::string>{"a.io/app:latest"});
}

TEST(ShortNames, PermissiveWithoutTerminalTriesAllInOrder) {
  auto c = conf("unqualified-search-registries = [\"a.io\", \"docker.io\"]\n");
  EXPECT_EQ(resolve(c, "ns/app:1"),
            (std::vector<std::string>{"a.io/ns/app:1", "docker.io/ns/app:1"}));
}

TEST(ShortNames, EnforcingWithoutTerminalFails) {
  auto c = conf(
      "unqualified-search-registries = [\"a.io\", \"b.io\"]\nshort-name-mode = \"enforcing\"\n");
  try {
    resolve(c, "app");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "short-name resolution enforced but cannot prompt without a TTY");
  }
}

TEST(ShortNames, EnforcingWithOneCandidateNeedsNoPrompt) {
  auto c = conf("unqualified-search-registries = [\"a.io\"]\nshort-name-mode = \"enforcing\"\n");
  EXPECT_EQ(resolve(c, "app"), std::vector<std::string>{"a.io/app:latest"});
}

TEST(ShortNames, TerminalPromptPicksOne) {
  auto c = conf(
      "unqualified-search-registries = [\"a.io\", \"b.io\"]\nshort-name-mode = \"enforcing\"\n");
  EXPECT_EQ(resolve(c, "app", true, 1), std::vector<std::string>{"b.io/app:latest"});
}

TEST(ShortNames, DisabledUsesAllWithoutPrompt) {
  auto c = conf(
      "unqualified-search-registries = [\"a.io\", \"b.io\"]\nshort-name-mode = \"disabled\"\n");
  EXPECT_EQ(resolve(c, "app", true, 1).size(), 2u);
}

}  // namespace
}  // namespace periscope::config
