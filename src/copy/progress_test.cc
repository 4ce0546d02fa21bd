#include "copy/progress.h"

#include <gtest/gtest.h>

namespace periscope::copy {
namespace {

TEST(ProgressBar, ShowsFillSizesAndRate) {
  std::string t = Progress::bar_text("Copying blob 0123456789ab", 512 * 1024, 1024 * 1024, 1.0, 10);
  EXPECT_EQ(t, "Copying blob 0123456789ab [=====>    ] 512.0KiB / 1.0MiB 512.0KiB/s");
}

TEST(ProgressBar, FullBarHasNoArrow) {
  std::string t = Progress::bar_text("x", 100, 100, 0.0, 4);
  EXPECT_EQ(t, "x [====] 100B / 100B");
}

TEST(ProgressBar, UnknownTotalShowsBytesOnly) {
  EXPECT_EQ(Progress::bar_text("x", 3 * 1024 * 1024, -1, 0.0, 4), "x 3.0MiB");
}

}  // namespace
}  // namespace periscope::copy

namespace periscope::copy {
namespace {

TEST(Progress, CountsTransferredBytesButNotSkippedBlobs) {
  Progress p(/*quiet=*/true, /*terminal=*/false);
  int a = p.start_blob(false, "sha256:ab", 10);
  p.update_blob(a, 10);
  p.finish_blob(a, false);
  int b = p.start_blob(false, "sha256:cd", 4);
  p.update_blob(b, 4);
  p.finish_blob(b, true);
  p.blob_done(true, "sha256:ef", false, 5);
  p.blob_done(false, "sha256:01", true, 7);
  EXPECT_EQ(p.bytes_transferred(), 15);
}

}  // namespace
}  // namespace periscope::copy
