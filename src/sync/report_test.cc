#include "sync/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace periscope::sync {
namespace {

Summary sample() {
  Summary s;
  s.sources = 1;
  s.seconds = 1.5;
  s.items = {{"docker://a/x:1", "docker://b/x:1", Outcome::kCopied, "sha256:1", "", 2, 100},
             {"docker://a/x:2", "docker://b/x:2", Outcome::kUnchanged, "sha256:2", "", 2, -1},
             {"docker://a/x:3", "docker://b/x:3", Outcome::kUnchanged, "sha256:3", "", 3, -1},
             {"docker://a/x:4", "docker://b/x:4", Outcome::kFailed, "", "boom", 0, -1}};
  return s;
}

TEST(SyncReport, SyncedCountsEverythingButFailures) { EXPECT_EQ(sample().synced(), 3); }

TEST(SyncReport, RequestsPerUnchangedTagAveragesOnlyUnchangedImages) {
  EXPECT_DOUBLE_EQ(sample().requests_per_unchanged_tag(), 2.5);
}

TEST(SyncReport, BytesMovedIsUnknownWhenACopiedImageHasNoCount) {
  Summary s = sample();
  EXPECT_EQ(s.bytes_moved(), 100);
  s.items[1].outcome = Outcome::kCopied;
  EXPECT_EQ(s.bytes_moved(), -1);
}

TEST(SyncReport, SummaryLineNamesEachTotal) {
  EXPECT_EQ(summary_text(sample()),
            "Sync summary: 1 copied, 2 skipped unchanged, 0 skipped existing, 1 failed, 100B "
            "moved, in 1.50s "
            "(2.50 requests per unchanged tag)");
}

TEST(SyncReport, JsonListsFailuresAndItems) {
  auto j = nlohmann::json::parse(report_json(sample()));
  EXPECT_EQ(j["copied"], 1);
  EXPECT_EQ(j["skipped_unchanged"], 2);
  ASSERT_EQ(j["failures"].size(), 1u);
  EXPECT_EQ(j["failures"][0]["error"], "boom");
  EXPECT_EQ(j["items"][1]["result"], "skipped-unchanged");
}

}  // namespace
}  // namespace periscope::sync
