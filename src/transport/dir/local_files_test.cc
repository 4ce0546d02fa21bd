#include "transport/dir/local_files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "io/test_readers.h"
#include "transport/dir/test_folder.h"

namespace periscope::transport::dir {
namespace {

using io::test_readers::random_bytes;
using io::test_readers::TrickleReader;
using testing::read_text;
using testing::TestFolder;

BlobInfo info_of(const std::string& bytes) {
  BlobInfo info;
  info.digest = Digest::sha256_of(bytes);
  info.size = static_cast<std::int64_t>(bytes.size());
  return info;
}

// Pages of `path` currently in the page cache.
std::size_t cached_pages(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  EXPECT_GE(fd, 0);
  off_t size = ::lseek(fd, 0, SEEK_END);
  void* map = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_SHARED, fd, 0);
  EXPECT_NE(map, MAP_FAILED);
  long page = ::sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> resident((static_cast<std::size_t>(size) + page - 1) / page);
  EXPECT_EQ(::mincore(map, static_cast<std::size_t>(size), resident.data()), 0);
  ::munmap(map, static_cast<std::size_t>(size));
  ::close(fd);
  std::size_t count = 0;
  for (unsigned char r : resident) {
    count += r & 1;
  }
  return count;
}

// Where StagedFile writes directly: the implementation's own test, on the folder itself.
bool folder_has_direct_io(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool direct = fd >= 0 && direct_io_pays_off(fd);
  if (fd >= 0) ::close(fd);
  return direct;
}

TEST(WriteVerified, StoresEveryByteOfABlobThatIsNotAWholeNumberOfBlocks) {
  TestFolder tmp;
  // Short, odd-sized reads: the write buffer fills across read boundaries.
  const std::string blob = random_bytes((3 << 20) + 12345);
  TrickleReader reader(blob, 99991);
  StagedFile file(tmp.path(), "blob-");
  WrittenBlob written = write_verified(reader, file, info_of(blob));
  file.publish(tmp / "blob");
  EXPECT_EQ(written.digest, Digest::sha256_of(blob));
  EXPECT_EQ(written.size, static_cast<std::int64_t>(blob.size()));
  EXPECT_EQ(read_text(tmp / "blob"), blob);
}

TEST(WriteVerified, LargeBlobsBypassThePageCache) {
  TestFolder tmp;
  if (!folder_has_direct_io(tmp.path())) {
    GTEST_SKIP() << "no direct writes on " << tmp.path();
  }
  const std::string blob = random_bytes((4 << 20) + 100);
  io::StringReader reader(blob);
  StagedFile file(tmp.path(), "blob-");
  write_verified(reader, file, info_of(blob));
  file.publish(tmp / "blob");
  // Only the tail after the last whole buffer goes through the cache.
  EXPECT_LE(cached_pages(tmp / "blob"), 1u);
  EXPECT_EQ(read_text(tmp / "blob"), blob);
}

TEST(StagedFile, AlignedWritesAfterAnUnalignedOneStillLandInOrder) {
  TestFolder tmp;
  constexpr std::size_t kBlock = StagedFile::kDirectAlignment;
  std::unique_ptr<char, decltype(&std::free)> aligned(
      static_cast<char*>(std::aligned_alloc(kBlock, 2 * kBlock)), &std::free);
  const std::string first = random_bytes(2 * kBlock, 1);
  const std::string second = random_bytes(2 * kBlock, 2);
  StagedFile file(tmp.path(), "mixed-");
  std::copy(first.begin(), first.end(), aligned.get());
  file.write(aligned.get(), 2 * kBlock);  // direct
  file.write("odd", 3);                   // buffered from here on
  std::copy(second.begin(), second.end(), aligned.get());
  file.write(aligned.get(), 2 * kBlock);
  file.publish(tmp / "mixed");
  EXPECT_EQ(read_text(tmp / "mixed"), first + "odd" + second);
}

}  // namespace
}  // namespace periscope::transport::dir
