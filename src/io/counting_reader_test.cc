#include "io/counting_reader.h"

#include <gtest/gtest.h>

#include <vector>

#include "io/test_readers.h"

namespace periscope::io {
namespace {

TEST(CountingReader, ReportsRunningTotalsAfterEachRead) {
  test_readers::TrickleReader source("abcdefghij", 4);
  std::vector<std::int64_t> seen;
  CountingReader reader(source, [&](std::int64_t n) { seen.push_back(n); });
  EXPECT_EQ(read_all(reader), "abcdefghij");
  EXPECT_EQ(seen, (std::vector<std::int64_t>{4, 8, 10}));
  EXPECT_EQ(reader.count(), 10);
}

TEST(CountingReader, CountsWithoutACallback) {
  StringReader source("12345");
  CountingReader reader(source);
  EXPECT_EQ(read_all(reader), "12345");
  EXPECT_EQ(reader.count(), 5);
}

}  // namespace
}  // namespace periscope::io
