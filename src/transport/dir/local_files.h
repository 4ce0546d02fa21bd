#pragma once
// Local file helpers of the dir: and oci: transports. Files that become visible only when complete:
// written under a temporary name in the folder they belong to (so the final rename(2) stays on one
// filesystem and is atomic), fsynced, then renamed into place. Shared by the dir: and oci:
// destinations. Errors read like Go's os errors
// ("open /x: permission denied") because skopeo's messages embed those.
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/blob_info.h"
#include "core/digest.h"
#include "io/reader.h"

namespace periscope::transport::dir {

// strerror as Go spells it (lowercase first letter).
std::string errno_text(int error_number);
// "<op> <path>: <lowercase strerror>", as Go's *PathError prints.
std::string os_error_text(std::string_view op, const std::string& path, int error_number);
// Error(kNotFound) for ENOENT, else Error(kIo), with os_error_text.
[[noreturn]] void throw_os_error(std::string_view op, const std::string& path, int error_number);

class StagedFile {
 public:
  // Creates `dir`/`prefix`XXXXXX, mode 0600 until published.
  StagedFile(const std::string& dir, const std::string& prefix);
  ~StagedFile();  // removes the file unless it was published
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // Appends. A write of whole kDirectAlignment blocks from an aligned buffer bypasses the page
  // cache (O_DIRECT, on ext4 and xfs): putting a blob into ext4's page cache page by
  // page costs about as much CPU as receiving it from the network, and publish()'s fsync then has
  // almost nothing left to write back. Any other write (the tail of a blob, small files) is
  // buffered, and so is everything after it.
  void write(const char* data, std::size_t size);
  void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
  // fsync, chmod `mode`, close, rename(2) over `target` (replacing it atomically).
  void publish(const std::string& target, mode_t mode = 0644);
  const std::string& path() const { return path_; }

  // Offsets, sizes and addresses of direct writes are multiples of this (the usual page and
  // block size; filesystems needing less accept it too).
  static constexpr std::size_t kDirectAlignment = 4096;

 private:
  enum class Mode { kUnset, kDirect, kBuffered };
  std::size_t write_direct(const char* data, std::size_t size);
  void set_buffered();

  std::string path_;
  int fd_ = -1;
  bool published_ = false;
  Mode mode_ = Mode::kUnset;
};

// Whether StagedFile writes blob data to the file `fd` is on with O_DIRECT (ext4 and xfs).
bool direct_io_pays_off(int fd);

struct WrittenBlob {
  Digest digest;
  std::int64_t size = 0;
};

// Streams `reader` to its end into `file`. The digest is computed with SHA-256; `expected` digest
// (when sha256) and size (when >= 0) must match, else Error(kDigestMismatch) and nothing is
// published. A non-sha256 expected digest is trusted as the name (the reader stack verifies it).
WrittenBlob write_verified(io::Reader& reader, StagedFile& file, const BlobInfo& expected);

// `bytes` to `path` via a staged file in the same folder: readers see the old or the new content.
void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0644);

// rename(2), failing as Go's os.Rename words it ("rename OLD NEW: reason").
void rename_path(const std::string& from, const std::string& to);

// Makes renames and creations inside `dir` durable.
void fsync_directory(const std::string& dir);

// The whole file (manifests, signatures, index.json: small by nature). Errors as Go's os.ReadFile.
std::string read_whole_file(const std::string& path);
// nullopt when the file does not exist.
std::optional<std::string> read_file_if_exists(const std::string& path);

// Best effort recursive removal, for cleanup paths that must not throw.
void remove_tree_quietly(const std::string& path) noexcept;

// Whether `path` exists (lstat); throws for errors other than ENOENT/ENOTDIR.
bool path_exists(const std::string& path);

}  // namespace periscope::transport::dir
