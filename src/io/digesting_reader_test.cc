#include "io/digesting_reader.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

using test_readers::read_all_in;
using test_readers::TrickleReader;

const std::string kContent = "hello, blob\n";

ErrorKind kind_of_reading_all(Reader& reader) {
  try {
    read_all(reader);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(DigestingReader, PassesContentThroughUnchanged) {
  TrickleReader source(kContent, 5);
  DigestingReader reader(source, Digest::sha256_of(kContent), kContent.size());
  EXPECT_EQ(read_all_in(reader, 3), kContent);
  EXPECT_TRUE(reader.finished());
  EXPECT_EQ(reader.digest(), Digest::sha256_of(kContent));
  EXPECT_EQ(reader.size(), static_cast<std::int64_t>(kContent.size()));
}

TEST(DigestingReader, ThrowsDigestMismatchAtEndInsteadOfReturningZero) {
  StringReader source(kContent);
  Digest other = Digest::sha256_of("other");
  DigestingReader reader(source, other);
  char buffer[64];
  EXPECT_EQ(reader.read(buffer, sizeof buffer), kContent.size());
  try {
    reader.read(buffer, sizeof buffer);
    FAIL() << "end of stream was not checked";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDigestMismatch);
    EXPECT_EQ(std::string(e.what()), "Digest did not match, expected " + other.str() + ", got " +
                                         Digest::sha256_of(kContent).str());
  }
  EXPECT_FALSE(reader.finished());
}

TEST(DigestingReader, KeepsFailingOnReadsAfterAMismatch) {
  StringReader source(kContent);
  DigestingReader reader(source, Digest::sha256_of("other"));
  EXPECT_EQ(kind_of_reading_all(reader), ErrorKind::kDigestMismatch);
  EXPECT_EQ(kind_of_reading_all(reader), ErrorKind::kDigestMismatch);
}

TEST(DigestingReader, ShortStreamIsASizeMismatchWithoutExpectedDigest) {
  StringReader source(kContent);
  DigestingReader reader(source, Digest(), kContent.size() + 1);
  try {
    read_all(reader);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDigestMismatch);
    EXPECT_EQ(std::string(e.what()), "Size did not match, expected 13 bytes, got 12");
  }
}

TEST(DigestingReader, RefusesBytesPastTheExpectedSizeBeforePassingThemOn) {
  TrickleReader source(kContent, 4);
  DigestingReader reader(source, Digest::sha256_of(kContent), 6);
  char buffer[4];
  EXPECT_EQ(reader.read(buffer, 4), 4u);
  try {
    reader.read(buffer, 4);
    FAIL() << "bytes past the expected size were passed on";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDigestMismatch);
    EXPECT_EQ(std::string(e.what()), "Size did not match, expected 6 bytes, got at least 8");
  }
}

TEST(DigestingReader, MatchingSizeWithWrongDigestStillFails) {
  StringReader source(kContent);
  DigestingReader reader(source, Digest::sha256_of("hello, blob?"), kContent.size());
  EXPECT_EQ(kind_of_reading_all(reader), ErrorKind::kDigestMismatch);
}

TEST(DigestingReader, EmptyStreamMatchesTheEmptyDigest) {
  StringReader source("");
  DigestingReader reader(source, Digest::sha256_of(""), 0);
  EXPECT_EQ(read_all(reader), "");
  EXPECT_TRUE(reader.finished());
}

TEST(DigestingReader, RejectsAlgorithmsOtherThanSha256) {
  StringReader source(kContent);
  Digest sha512 = Digest::parse("sha512:" + std::string(128, 'a'));
  try {
    DigestingReader reader(source, sha512);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_NE(std::string(e.what()).find("sha512"), std::string::npos);
  }
}

TEST(DigestingReader, ComputeOnlyVariantReportsDigestAndSizeAtEnd) {
  TrickleReader source(kContent, 7);
  DigestingReader reader(source);
  EXPECT_EQ(read_all(reader), kContent);
  EXPECT_EQ(reader.digest(), Digest::sha256_of(kContent));
  EXPECT_EQ(reader.size(), 12);
}

TEST(DigestingReader, DigestBeforeTheEndIsAnInternalError) {
  StringReader source(kContent);
  DigestingReader reader(source);
  char buffer[4];
  reader.read(buffer, sizeof buffer);
  EXPECT_FALSE(reader.finished());
  EXPECT_THROW(reader.digest(), Error);
}

}  // namespace
}  // namespace periscope::io
