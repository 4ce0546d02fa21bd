#include "sync/sync_log.h"

#include <gtest/gtest.h>

#include <sstream>

namespace periscope::sync {
namespace {

TEST(SyncLog, QuotesValuesWithCharactersOutsideLogrusPlainSet) {
  EXPECT_EQ(format_log_line("2024-01-02T03:04:05Z", Level::kInfo, "Copying image ref 1/4",
                            {{"to", "dir:/out/app:1"}, {"from", "docker://h:5000/app:1"}}),
            "time=\"2024-01-02T03:04:05Z\" level=info msg=\"Copying image ref 1/4\" "
            "from=\"docker://h:5000/app:1\" to=\"dir:/out/app:1\"");
}

TEST(SyncLog, LeavesPlainValuesUnquoted) {
  EXPECT_EQ(
      format_log_line("t", Level::kWarning, "x", {{"registry", "quay.io/ns"}, {"tagged", "false"}}),
      "time=t level=warning msg=x registry=quay.io/ns tagged=false");
}

TEST(SyncLog, GoQuoteEscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(go_quote("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\x01\"");
}

TEST(SyncLog, DebugLinesNeedDebug) {
  std::ostringstream out;
  Log quiet(out, false);
  quiet.write(Level::kDebug, "hidden");
  EXPECT_EQ(out.str(), "");
  Log loud(out, true);
  loud.write(Level::kDebug, "shown");
  EXPECT_NE(out.str().find("level=debug msg=shown"), std::string::npos);
}

}  // namespace
}  // namespace periscope::sync
