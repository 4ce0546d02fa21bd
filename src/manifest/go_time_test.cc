#include "manifest/go_time.h"

#include <gtest/gtest.h>

namespace periscope::manifest {
namespace {

TEST(GoTime, DropsTrailingFractionalZeros) {
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05.120000000Z"), "2024-01-02T03:04:05.12Z");
}

TEST(GoTime, DropsAnAllZeroFraction) {
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05.000Z"), "2024-01-02T03:04:05Z");
}

TEST(GoTime, TruncatesPastNanoseconds) {
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05.1234567899Z"), "2024-01-02T03:04:05.123456789Z");
}

TEST(GoTime, KeepsANonZeroOffset) {
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05.50-07:30"), "2024-01-02T03:04:05.5-07:30");
}

TEST(GoTime, WritesAZeroOffsetAsZ) {
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05+00:00"), "2024-01-02T03:04:05Z");
  EXPECT_EQ(go_time_canonical("2024-01-02T03:04:05-00:00"), "2024-01-02T03:04:05Z");
}

TEST(GoTime, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(go_time_canonical("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(go_time_canonical("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(go_time_canonical("1900-02-29T00:00:00Z"));
}

TEST(GoTime, RejectsWhatGoRejects) {
  EXPECT_FALSE(go_time_canonical("2024-01-02 03:04:05Z"));       // space separator
  EXPECT_FALSE(go_time_canonical("2024-01-02t03:04:05Z"));       // lowercase t
  EXPECT_FALSE(go_time_canonical("2024-01-02T03:04:05"));        // no zone
  EXPECT_FALSE(go_time_canonical("2024-01-02T24:00:00Z"));       // hour range
  EXPECT_FALSE(go_time_canonical("2024-01-02T03:04:05,5Z"));     // comma fraction
  EXPECT_FALSE(go_time_canonical("2024-01-02T03:04:05+24:00"));  // zone hour range
  EXPECT_FALSE(go_time_canonical("2024-01-02T03:04:05.Z"));      // empty fraction
  EXPECT_FALSE(go_time_canonical("2024-1-02T03:04:05Z"));
}

}  // namespace
}  // namespace periscope::manifest
