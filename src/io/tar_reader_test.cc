#include "io/tar_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "io/tar_header.h"
#include "io/tar_writer.h"

namespace periscope::io {
namespace {

namespace fs = std::filesystem;

class TarReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tar_reader_test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/in.tar";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes an archive with `build` and returns its bytes.
  template <typename F>
  std::string archive(F build) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    {
      TarWriter w(fd, path_);
      build(w);
      w.finish();
    }
    ::close(fd);
    return file_bytes();
  }
  std::string file_bytes() {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void write_bytes(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  // The message of the Error that scanning the file at path_ throws ("" when none).
  std::string index_error() {
    try {
      TarIndex index(path_);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  // A raw header block, for what our writer never produces.
  static std::string raw_header(const std::string& name, char type, std::int64_t size) {
    tar::UstarHeader h{};
    std::memcpy(h.name, name.data(), std::min(name.size(), sizeof h.name));
    tar::format_octal(h.mode, 8, 0644);
    tar::format_octal(h.uid, 8, 0);
    tar::format_octal(h.gid, 8, 0);
    tar::format_octal(h.size, 12, size);
    tar::format_octal(h.mtime, 12, 0);
    h.typeflag = type;
    std::memcpy(h.magic, "ustar ", 6);  // GNU
    std::memcpy(h.version, " ", 2);
    tar::seal(h);
    return std::string(reinterpret_cast<const char*>(&h), sizeof h);
  }
  static std::string padded(std::string data) {
    data.resize(static_cast<std::size_t>(tar::padded_size(static_cast<std::int64_t>(data.size()))),
                '\0');
    return data;
  }

  std::string dir_, path_;
};

TEST_F(TarReaderTest, StreamsEntriesWithTheirData) {
  std::string bytes = archive([](TarWriter& w) {
    w.add_bytes("a", "alpha", 0);
    w.add_bytes("b", "beta", 0);
  });
  StringReader input(bytes);
  TarReader reader(input, "mem.tar");
  auto a = reader.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "a");
  EXPECT_EQ(read_all(reader.data()), "alpha");
  auto b = reader.next();
  ASSERT_TRUE(b);
  EXPECT_EQ(read_all(reader.data()), "beta");
  EXPECT_FALSE(reader.next());
}

TEST_F(TarReaderTest, SkipsDataNotRead) {
  std::string bytes = archive([](TarWriter& w) {
    w.add_bytes("a", std::string(2000, 'a'), 0);
    w.add_bytes("b", "beta", 0);
  });
  StringReader input(bytes);
  TarReader reader(input, "mem.tar");
  reader.next();
  auto b = reader.next();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->name, "b");
  EXPECT_EQ(read_all(reader.data()), "beta");
}

TEST_F(TarReaderTest, ReadsGnuLongNames) {
  std::string name = std::string(150, 'g');
  std::string bytes = raw_header("././@LongLink", tar::kTypeGnuLongName, name.size() + 1) +
                      padded(name + '\0') + raw_header("short", tar::kTypeRegular, 2) +
                      padded("hi") + std::string(1024, '\0');
  write_bytes(bytes);
  TarIndex index(path_);
  ASSERT_EQ(index.entries().size(), 1u);
  EXPECT_EQ(index.entries()[0].name, name);
  EXPECT_EQ(read_all(*index.open(name)), "hi");
}

TEST_F(TarReaderTest, PaxSizeOverridesTheHeader) {
  std::string record = "11 size=10\n";
  std::string bytes = raw_header("PaxHeaders.0/f", tar::kTypePaxLocal, record.size()) +
                      padded(record) + raw_header("f", tar::kTypeRegular, 0) +
                      padded("0123456789") + std::string(1024, '\0');
  write_bytes(bytes);
  TarIndex index(path_);
  EXPECT_EQ(read_all(*index.open("f")), "0123456789");
}

TEST_F(TarReaderTest, AcceptsArchiveWithoutEndBlocks) {
  write_bytes(raw_header("f", tar::kTypeRegular, 1) + padded("x"));
  TarIndex index(path_);
  EXPECT_EQ(index.entries().size(), 1u);
}

TEST_F(TarReaderTest, RejectsAbsoluteNames) {
  archive([](TarWriter& w) { w.add_bytes("/etc/passwd", "x", 0); });
  EXPECT_NE(index_error().find("unsafe entry name \"/etc/passwd\""), std::string::npos)
      << index_error();
}

TEST_F(TarReaderTest, RejectsDotDotComponents) {
  archive([](TarWriter& w) { w.add_bytes("a/../../b", "x", 0); });
  EXPECT_NE(index_error().find("unsafe entry name"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, RejectsSymlinksLeadingOutside) {
  archive([](TarWriter& w) { w.add_symlink("a/l", "../../etc/passwd", 0); });
  EXPECT_NE(index_error().find("points outside the archive"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, RejectsAbsoluteSymlinks) {
  archive([](TarWriter& w) { w.add_symlink("l", "/etc/passwd", 0); });
  EXPECT_NE(index_error().find("points outside the archive"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, RejectsHardLinksLeadingOutside) {
  tar::UstarHeader h{};
  std::string block = raw_header("h", tar::kTypeHardLink, 0);
  std::memcpy(&h, block.data(), 512);
  std::memcpy(h.linkname, "../x", 4);
  tar::seal(h);
  write_bytes(std::string(reinterpret_cast<const char*>(&h), 512) + std::string(1024, '\0'));
  EXPECT_NE(index_error().find("points outside the archive"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, FollowsASymlinkInsideTheArchive) {
  archive([](TarWriter& w) {
    w.add_bytes("abc.tar", "layer", 0);
    w.add_symlink("id/layer.tar", "../abc.tar", 0);
  });
  TarIndex index(path_);
  EXPECT_EQ(read_all(*index.open("id/layer.tar")), "layer");
  EXPECT_EQ(read_all(*index.open("./id//layer.tar")), "layer");
}

TEST_F(TarReaderTest, MissingMemberIsNotFound) {
  archive([](TarWriter& w) { w.add_bytes("a", "x", 0); });
  TarIndex index(path_);
  try {
    index.open("b");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

TEST_F(TarReaderTest, TruncatedDataNamesFileAndOffset) {
  std::string bytes = archive([](TarWriter& w) { w.add_bytes("a", std::string(3000, 'a'), 0); });
  write_bytes(bytes.substr(0, 1500));
  EXPECT_EQ(index_error(),
            path_ + ": truncated tar archive: unexpected end of file at offset 1500");
}

TEST_F(TarReaderTest, TruncatedStreamIsAnErrorWhileReadingData) {
  std::string bytes = archive([](TarWriter& w) { w.add_bytes("a", std::string(3000, 'a'), 0); });
  StringReader input(bytes.substr(0, 1500));
  TarReader reader(input, "cut.tar");
  ASSERT_TRUE(reader.next());
  EXPECT_THROW(read_all(reader.data()), Error);
}

TEST_F(TarReaderTest, TruncatedHeaderIsAnError) {
  std::string bytes = archive([](TarWriter& w) {
    w.add_bytes("a", "x", 0);
    w.add_bytes("b", "y", 0);
  });
  write_bytes(bytes.substr(0, 1024 + 100));
  EXPECT_NE(index_error().find("truncated tar archive"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, NonTarFileIsAClearError) {
  write_bytes(std::string(2048, 'z'));
  EXPECT_EQ(index_error(), path_ + ": not a tar archive (invalid header) at offset 0");
}

TEST_F(TarReaderTest, ShortNonTarFileIsAClearError) {
  write_bytes("{\"not\": \"tar\"}");
  EXPECT_NE(index_error().find("not a tar archive"), std::string::npos) << index_error();
}

TEST_F(TarReaderTest, CorruptSecondHeaderNamesItsOffset) {
  std::string bytes = archive([](TarWriter& w) {
    w.add_bytes("a", "x", 0);
    w.add_bytes("b", "y", 0);
  });
  bytes[1024 + 10] ^= 0x55;
  write_bytes(bytes);
  EXPECT_EQ(index_error(), path_ + ": invalid tar header checksum at offset 1024");
}

TEST_F(TarReaderTest, MissingFileIsNotFound) {
  try {
    TarIndex index(dir_ + "/nope.tar");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

}  // namespace
}  // namespace periscope::io
