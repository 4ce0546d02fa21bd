#include "io/tar_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "io/tar_header.h"
#include "io/tar_reader.h"

namespace periscope::io {
namespace {

namespace fs = std::filesystem;

class TarWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tar_writer_test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/out.tar";
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  void TearDown() override {
    if (fd_ >= 0) ::close(fd_);
    fs::remove_all(dir_);
  }
  std::string contents() {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string member(const TarIndex& index, std::string_view name) {
    return read_all(*index.open(name));
  }

  std::string dir_, path_;
  int fd_ = -1;
};

// A source that yields fewer bytes than announced.
class ShortReader : public Reader {
 public:
  std::size_t read(char* buffer, std::size_t size) override {
    if (done_) return 0;
    done_ = true;
    std::size_t n = std::min<std::size_t>(size, 5);
    std::memset(buffer, 'x', n);
    return n;
  }

 private:
  bool done_ = false;
};

TEST_F(TarWriterTest, RoundTripsFilesFoldersAndLinks) {
  TarWriter w(fd_, path_);
  w.add_directory("blobs", 0);
  w.add_bytes("blobs/a", "hello", 0);
  w.add_symlink("link", "blobs/a", 0);
  w.finish();
  TarIndex index(path_);
  ASSERT_EQ(index.entries().size(), 3u);
  EXPECT_EQ(index.entries()[0].type, TarEntryType::kDirectory);
  EXPECT_EQ(index.entries()[0].name, "blobs");
  EXPECT_EQ(member(index, "blobs/a"), "hello");
  EXPECT_EQ(member(index, "link"), "hello");
}

TEST_F(TarWriterTest, EmptyFileTakesOnlyAHeader) {
  TarWriter w(fd_, path_);
  w.add_bytes("empty", "", 0);
  w.finish();
  EXPECT_EQ(contents().size(), 3u * 512);
  TarIndex index(path_);
  EXPECT_EQ(member(index, "empty"), "");
}

TEST_F(TarWriterTest, PadsDataToWholeBlocks) {
  TarWriter w(fd_, path_);
  w.add_bytes("a", std::string(513, 'a'), 0);
  w.finish();
  EXPECT_EQ(contents().size(), 512u + 1024 + 1024);
}

TEST_F(TarWriterTest, HeadersAreDeterministic) {
  TarWriter w(fd_, path_);
  w.add_bytes("f", "x", 1700000000);
  w.add_directory("d", 1700000000);
  w.finish();
  std::string bytes = contents();
  tar::UstarHeader file{}, dir{};
  std::memcpy(&file, bytes.data(), 512);
  std::memcpy(&dir, bytes.data() + 1024, 512);
  EXPECT_EQ(tar::parse_number(file.mode, 8), 0644);
  EXPECT_EQ(tar::parse_number(dir.mode, 8), 0755);
  EXPECT_EQ(tar::parse_number(file.uid, 8), 0);
  EXPECT_EQ(tar::parse_number(file.gid, 8), 0);
  EXPECT_EQ(tar::parse_number(file.mtime, 12), 1700000000);
  EXPECT_EQ(tar::field_string(file.uname, 32), "");
  EXPECT_EQ(std::string_view(file.magic, 6), std::string_view("ustar\0", 6));
  EXPECT_EQ(tar::field_string(dir.name, 100), "d/");
}

TEST_F(TarWriterTest, NameUpTo255BytesUsesUstarPrefix) {
  std::string name = std::string(120, 'p') + "/" + std::string(90, 'n');
  TarWriter w(fd_, path_);
  w.add_bytes(name, "v", 0);
  w.finish();
  std::string bytes = contents();
  tar::UstarHeader h{};
  std::memcpy(&h, bytes.data(), 512);
  EXPECT_EQ(h.typeflag, tar::kTypeRegular);  // no PAX header in front
  EXPECT_EQ(tar::field_string(h.prefix, 155), std::string(120, 'p'));
  TarIndex index(path_);
  EXPECT_EQ(member(index, name), "v");
}

TEST_F(TarWriterTest, LongNameAndLinkUsePaxRecords) {
  std::string name = std::string(300, 'n');
  std::string target = std::string(200, 't');
  TarWriter w(fd_, path_);
  w.add_bytes(name, "long", 0);
  w.add_symlink("l", target, 0);
  w.finish();
  std::string bytes = contents();
  tar::UstarHeader h{};
  std::memcpy(&h, bytes.data(), 512);
  EXPECT_EQ(h.typeflag, tar::kTypePaxLocal);
  TarIndex index(path_);
  ASSERT_EQ(index.entries().size(), 2u);
  EXPECT_EQ(index.entries()[0].name, name);
  EXPECT_EQ(member(index, name), "long");
  EXPECT_EQ(index.entries()[1].link_target, target);
}

TEST_F(TarWriterTest, ShortDataIsAnErrorAndTheEntryIsTakenOut) {
  TarWriter w(fd_, path_);
  w.add_bytes("first", "1", 0);
  ShortReader short_reader;
  EXPECT_THROW(w.add_file("broken", short_reader, 10, 0), Error);
  w.add_bytes("after", "2", 0);
  w.finish();
  TarIndex index(path_);
  ASSERT_EQ(index.entries().size(), 2u);
  EXPECT_EQ(index.entries()[1].name, "after");
  EXPECT_EQ(member(index, "after"), "2");
}

TEST_F(TarWriterTest, LongerDataThanAnnouncedIsAnError) {
  TarWriter w(fd_, path_);
  StringReader data("too long");
  EXPECT_THROW(w.add_file("x", data, 3, 0), Error);
}

TEST_F(TarWriterTest, ErrorOnAStreamMakesTheWriterUnusable) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    TarWriter w(fds[1], "pipe");
    EXPECT_FALSE(w.seekable());
    ShortReader short_reader;
    EXPECT_THROW(w.add_file("broken", short_reader, 10, 0), Error);
    EXPECT_THROW(w.add_bytes("next", "x", 0), Error);
  }
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_F(TarWriterTest, EntryNamedAfterItsDataGetsTheRealNameAndSize) {
  TarWriter w(fd_, path_);
  ASSERT_TRUE(w.seekable());
  StringReader data("content");
  std::string name = w.add_file_named_after(
      data, [](std::int64_t size) { return "size-" + std::to_string(size); }, 0);
  w.add_bytes("next", "n", 0);
  w.finish();
  EXPECT_EQ(name, "size-7");
  TarIndex index(path_);
  EXPECT_EQ(member(index, "size-7"), "content");
  EXPECT_EQ(member(index, "next"), "n");
}

TEST_F(TarWriterTest, FailedEntryNamedAfterItsDataIsTakenOut) {
  TarWriter w(fd_, path_);
  StringReader data("content");
  EXPECT_THROW(
      w.add_file_named_after(
          data, [](std::int64_t) -> std::string { throw Error(ErrorKind::kDigestMismatch, "bad"); },
          0),
      Error);
  w.finish();
  TarIndex index(path_);
  EXPECT_TRUE(index.entries().empty());
}

TEST(TarHeaderTest, SizesBeyondOctalUseBase256) {
  char field[12];
  EXPECT_FALSE(tar::format_octal(field, sizeof field, std::int64_t{1} << 40));
  tar::format_base256(field, sizeof field, std::int64_t{1} << 40);
  EXPECT_EQ(tar::parse_number(field, sizeof field), std::int64_t{1} << 40);
  EXPECT_TRUE(tar::format_octal(field, sizeof field, 077777777777));
  EXPECT_EQ(tar::parse_number(field, sizeof field), 077777777777);
}

TEST(TarHeaderTest, CleanPathIsLexical) {
  EXPECT_EQ(tar::clean_path("./a//b/"), "a/b");
  EXPECT_EQ(tar::clean_path("./"), ".");
  EXPECT_EQ(tar::clean_path("a/../b"), "b");
}

TEST(TarHeaderTest, LinksResolveInsideOrNot) {
  EXPECT_EQ(tar::resolve_link("id/layer.tar", "../abc.tar", true), "abc.tar");
  EXPECT_EQ(tar::resolve_link("a", "../x", true), std::nullopt);
  EXPECT_EQ(tar::resolve_link("a/b", "/etc/passwd", true), std::nullopt);
  EXPECT_EQ(tar::resolve_link("a/b", "c", false), "c");  // hard links are relative to the root
}

}  // namespace
}  // namespace periscope::io
