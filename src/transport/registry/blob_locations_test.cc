#include "transport/registry/blob_locations.h"

#include <gtest/gtest.h>

namespace periscope::transport::registry {
namespace {

TEST(BlobLocations, FindsAnotherRepositoryOfTheSameRegistry) {
  BlobLocations l;
  l.record("r:5000", "a/one", "sha256:1");
  EXPECT_EQ(l.find("r:5000", "sha256:1", "b/two"), "a/one");
}

TEST(BlobLocations, IgnoresTheAskingRepositoryOtherRegistriesAndOtherBlobs) {
  BlobLocations l;
  l.record("r:5000", "a/one", "sha256:1");
  EXPECT_FALSE(l.find("r:5000", "sha256:1", "a/one"));
  EXPECT_FALSE(l.find("other:5000", "sha256:1", "b/two"));
  EXPECT_FALSE(l.find("r:5000", "sha256:2", "b/two"));
}

}  // namespace
}  // namespace periscope::transport::registry
