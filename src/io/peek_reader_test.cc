#include "io/peek_reader.h"

#include <gtest/gtest.h>

#include "io/test_readers.h"

namespace periscope::io {
namespace {

TEST(PeekReader, PeekedBytesAreStillRead) {
  test_readers::TrickleReader source("0123456789", 3);
  PeekReader reader(source);
  EXPECT_EQ(reader.peek(8), "01234567");
  EXPECT_EQ(test_readers::read_all_in(reader, 4), "0123456789");
}

TEST(PeekReader, PeekOfAShortStreamReturnsWhatThereIs) {
  StringReader source("abc");
  PeekReader reader(source);
  EXPECT_EQ(reader.peek(8), "abc");
  EXPECT_EQ(read_all(reader), "abc");
}

TEST(PeekReader, PeekAfterAPartialReadLooksAtTheNextBytes) {
  StringReader source("abcdefgh");
  PeekReader reader(source);
  reader.peek(4);
  char buffer[2];
  ASSERT_EQ(reader.read(buffer, 2), 2u);
  EXPECT_EQ(reader.peek(3), "cde");
  EXPECT_EQ(read_all(reader), "cdefgh");
}

TEST(PeekReader, PeekOfAnEmptyStreamIsEmpty) {
  StringReader source("");
  PeekReader reader(source);
  EXPECT_EQ(reader.peek(8), "");
  char buffer[4];
  EXPECT_EQ(reader.read(buffer, 4), 0u);
}

}  // namespace
}  // namespace periscope::io
