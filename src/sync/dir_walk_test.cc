#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "sync/plan.h"
#include "transport/dir/test_folder.h"

namespace periscope::sync {
namespace {

using transport::testing::TestFolder;

void image_at(const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/manifest.json") << "{}";
}

TEST(FindImageDirs, ListsImageFoldersRelativeToTheRootInLexicalOrder) {
  TestFolder root;
  image_at(root / "b/app:2");
  image_at(root / "a/app:1");
  image_at(root / "b/app:1");
  EXPECT_EQ(find_image_dirs(root.path()),
            (std::vector<std::string>{"a/app:1", "b/app:1", "b/app:2"}));
}

TEST(FindImageDirs, TheRootItselfIsAnImageWhenItHoldsAManifest) {
  TestFolder root;
  image_at(root.path());
  EXPECT_EQ(find_image_dirs(root.path()), std::vector<std::string>{""});
}

TEST(FindImageDirs, SkipsStagingFoldersOfAnInterruptedCopy) {
  TestFolder root;
  image_at(root / "app:1");
  image_at(root / ".app:1.periscope-AbC123");
  EXPECT_EQ(find_image_dirs(root.path()), std::vector<std::string>{"app:1"});
}

TEST(FindImageDirs, DoesNotSearchBelowAnImage) {
  TestFolder root;
  image_at(root / "app:1");
  image_at(root / "app:1/nested");
  EXPECT_EQ(find_image_dirs(root.path()), std::vector<std::string>{"app:1"});
}

TEST(FindImageDirs, AMissingRootIsAnErrorNamingIt) {
  TestFolder root;
  try {
    find_image_dirs(root / "nope");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Error walking the path"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
  }
}

}  // namespace
}  // namespace periscope::sync
