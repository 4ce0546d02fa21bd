#include "sync/semver.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace periscope::sync {
namespace {

bool satisfies(const std::string& constraint, const std::string& tag) {
  return SemverConstraint::parse(constraint).matches(tag);
}

std::string parse_error(const std::string& constraint) {
  try {
    SemverConstraint::parse(constraint);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "";
}

TEST(SemverVersionTest, ParsesAllParts) {
  const auto v = SemverVersion::parse("1.2.3-rc.1+build.5");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 1u);
  EXPECT_EQ(v->minor, 2u);
  EXPECT_EQ(v->patch, 3u);
  EXPECT_EQ(v->prerelease, "rc.1");
  EXPECT_EQ(v->metadata, "build.5");
}

TEST(SemverVersionTest, MissingPartsAreZero) {
  const auto v = SemverVersion::parse("3.12");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->minor, 12u);
  EXPECT_EQ(v->patch, 0u);
  EXPECT_EQ(SemverVersion::parse("7")->major, 7u);
}

TEST(SemverVersionTest, LowercaseVPrefixIsAccepted) {
  ASSERT_TRUE(SemverVersion::parse("v1.2.3"));
  EXPECT_FALSE(SemverVersion::parse("V1.2.3"));
}

TEST(SemverVersionTest, LeadingZerosAreCoerced) {
  const auto v = SemverVersion::parse("01.02.03");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 1u);
  EXPECT_EQ(v->patch, 3u);
}

TEST(SemverVersionTest, TagsThatAreNotVersionsAreRejected) {
  for (const char* tag : {"latest", "", "1.2.3.4", "1.2.beta", "x.1", "1.2.3-", "1.2.3-a..b",
                          "1.2.3+", "9.8.7+meta+meta", "1.0.0-alpha_beta", "3.12-alpine!"}) {
    EXPECT_FALSE(SemverVersion::parse(tag)) << tag;
  }
}

TEST(SemverVersionTest, NumericPrereleaseWithLeadingZeroIsRejected) {
  EXPECT_FALSE(SemverVersion::parse("1.2.3-alpha.01"));
  EXPECT_TRUE(SemverVersion::parse("1.2.3+build.01"));
}

TEST(SemverVersionTest, NumberBeyond64BitsIsRejected) {
  EXPECT_FALSE(SemverVersion::parse("18446744073709551616.0.0"));
  EXPECT_TRUE(SemverVersion::parse("18446744073709551615.0.0"));
}

TEST(SemverVersionTest, PrereleasesOrderAsTheSpecSays) {
  const char* ordered[] = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    EXPECT_EQ(SemverVersion::parse(ordered[i])->compare(*SemverVersion::parse(ordered[i + 1])), -1)
        << ordered[i] << " < " << ordered[i + 1];
  }
}

TEST(SemverVersionTest, MetadataDoesNotTakePartInComparison) {
  EXPECT_EQ(SemverVersion::parse("1.0.0+a")->compare(*SemverVersion::parse("1.0.0+b")), 0);
}

TEST(SemverConstraintTest, GreaterOrEqual) {
  EXPECT_TRUE(satisfies(">= 3.12.0", "3.12.0"));
  EXPECT_TRUE(satisfies(">= 3.12.0", "3.13"));
  EXPECT_FALSE(satisfies(">= 3.12.0", "3.11.9"));
}

TEST(SemverConstraintTest, CaretAllowsChangesLeftOfTheFirstNonZeroPart) {
  EXPECT_TRUE(satisfies("^1.2.3", "1.9.9"));
  EXPECT_FALSE(satisfies("^1.2.3", "2.0.0"));
  EXPECT_FALSE(satisfies("^1.2.3", "1.2.2"));
  EXPECT_TRUE(satisfies("^0.2.3", "0.2.9"));
  EXPECT_FALSE(satisfies("^0.2.3", "0.3.0"));
  EXPECT_TRUE(satisfies("^0.0.3", "0.0.3"));
  EXPECT_FALSE(satisfies("^0.0.3", "0.0.4"));
}

TEST(SemverConstraintTest, TildeAllowsPatchChanges) {
  EXPECT_TRUE(satisfies("~1.2.3", "1.2.9"));
  EXPECT_FALSE(satisfies("~1.2.3", "1.3.0"));
  EXPECT_TRUE(satisfies("~>1.2", "1.2.0"));
  EXPECT_TRUE(satisfies("~1", "1.9.0"));
  EXPECT_FALSE(satisfies("~1", "2.0.0"));
}

TEST(SemverConstraintTest, HyphenRangeIsInclusive) {
  EXPECT_TRUE(satisfies("1.2 - 1.4.5", "1.2.0"));
  EXPECT_TRUE(satisfies("1.2 - 1.4.5", "1.4.5"));
  EXPECT_FALSE(satisfies("1.2 - 1.4.5", "1.4.6"));
  EXPECT_FALSE(satisfies("1.2 - 1.4.5", "1.1.9"));
}

TEST(SemverConstraintTest, HyphenRangeWithShortUpperBoundCoversThatWholeMajor) {
  // "<= 2" is dirty in the library: any 2.x.y satisfies it.
  EXPECT_TRUE(satisfies("1.2.3 - 2", "2.5.0"));
  EXPECT_FALSE(satisfies("1.2.3 - 2", "3.0.0"));
}

TEST(SemverConstraintTest, AlternativesAreOred) {
  EXPECT_TRUE(satisfies("<1.0 || >=3", "0.9"));
  EXPECT_TRUE(satisfies("<1.0 || >=3", "3.0.0"));
  EXPECT_FALSE(satisfies("<1.0 || >=3", "2.0.0"));
}

TEST(SemverConstraintTest, SpaceAndCommaSeparatedComparisonsAreAnded) {
  EXPECT_TRUE(satisfies(">= 1.2, < 2", "1.5.0"));
  EXPECT_FALSE(satisfies(">= 1.2, < 2", "2.0.0"));
  EXPECT_TRUE(satisfies(">= 1.2 < 2", "1.5.0"));
  EXPECT_FALSE(satisfies(">= 1.2 < 2", "1.1.0"));
}

TEST(SemverConstraintTest, WildcardsMatchAnyValueOfThatPart) {
  EXPECT_TRUE(satisfies("1.2.x", "1.2.7"));
  EXPECT_FALSE(satisfies("1.2.x", "1.3.0"));
  EXPECT_TRUE(satisfies("1.X", "1.9.9"));
  EXPECT_TRUE(satisfies("*", "0.0.1"));
  EXPECT_TRUE(satisfies("x", "99.0.0"));
}

TEST(SemverConstraintTest, GreaterThanAShortVersionNeedsTheNextOne) {
  EXPECT_FALSE(satisfies(">11", "11.5.0"));
  EXPECT_TRUE(satisfies(">11", "12.0.0"));
  EXPECT_FALSE(satisfies(">11.1", "11.1.5"));
  EXPECT_TRUE(satisfies(">11.1", "11.2.0"));
}

TEST(SemverConstraintTest, LessOrEqualAShortVersionIncludesItsPatches) {
  EXPECT_TRUE(satisfies("<=1.2", "1.2.9"));
  EXPECT_FALSE(satisfies("<=1.2", "1.3.0"));
}

TEST(SemverConstraintTest, NotEqual) {
  EXPECT_TRUE(satisfies("!=1.2.3", "1.2.4"));
  EXPECT_FALSE(satisfies("!=1.2.3", "1.2.3"));
  EXPECT_FALSE(satisfies("!=1.2.x", "1.2.5"));
  EXPECT_TRUE(satisfies("!=1.2.x", "1.3.0"));
}

TEST(SemverConstraintTest, BareAndEqualsVersionsAreExact) {
  EXPECT_TRUE(satisfies("1.2.3", "1.2.3"));
  EXPECT_FALSE(satisfies("=1.2.3", "1.2.4"));
  EXPECT_TRUE(satisfies("=1.2.3", "1.2.3+build"));
  EXPECT_TRUE(satisfies("=1.2", "1.2.7"));  // a short version means ~1.2
}

TEST(SemverConstraintTest, VPrefixWorksOnBothSides) {
  EXPECT_TRUE(satisfies("v1.2.3", "1.2.3"));
  EXPECT_TRUE(satisfies(">=1", "v1.2.3"));
}

TEST(SemverConstraintTest, PrereleaseTagsAreSkippedUnlessTheConstraintNamesOne) {
  EXPECT_FALSE(satisfies(">=1.2.0", "1.3.0-beta"));
  EXPECT_TRUE(satisfies(">=1.2.0-0", "1.3.0-beta"));
  EXPECT_FALSE(satisfies("~1.1", "1.1.1-alpha"));
  EXPECT_TRUE(satisfies("~1.1-alpha", "1.1.1-beta"));
}

TEST(SemverConstraintTest, PrereleaseOptInIsPerAlternative) {
  EXPECT_TRUE(satisfies("<1 || >=2.0.0-0", "2.1.0-rc1"));
  EXPECT_FALSE(satisfies(">=2.0.0-0 <3 || <1", "0.5.0-rc"));
}

TEST(SemverConstraintTest, TagsThatAreNotVersionsNeverMatch) {
  EXPECT_FALSE(satisfies("*", "latest"));
  EXPECT_FALSE(satisfies(">=3", "3.12-alpine!"));
}

TEST(SemverConstraintTest, TextIsKept) {
  EXPECT_EQ(SemverConstraint::parse(">= 3.12").text(), ">= 3.12");
}

TEST(SemverConstraintTest, GarbageIsAnImproperConstraint) {
  EXPECT_EQ(parse_error(">= bar"), "improper constraint: >= bar");
  EXPECT_EQ(parse_error(">=1.2.3!"), "improper constraint: >=1.2.3!");
}

TEST(SemverConstraintTest, EmptyConstraintIsRefused) {
  EXPECT_EQ(parse_error(""), "improper constraint: ");
}

TEST(SemverConstraintTest, EmptyAlternativeIsRefused) {
  EXPECT_EQ(parse_error(">=1 ||"), "improper constraint: ");
}

TEST(SemverConstraintTest, FourPartVersionIsRefused) { EXPECT_NE(parse_error("12.3.4.1234"), ""); }

TEST(SemverConstraintTest, WildcardMixedIntoANumberIsAParserError) {
  EXPECT_EQ(parse_error("1x.2"), "constraint parser error");
}

}  // namespace
}  // namespace periscope::sync
