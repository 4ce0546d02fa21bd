#pragma once
// The files behind the archive transports (oci-archive:, docker-archive:).
//
// Reading: an archive is read in place through a TarIndex; only a compressed archive or a pipe
// is first copied (decompressed) to an unlinked temporary file, as c/image does for docker-archive.
//
// Writing: a regular file (or a path that does not exist yet) is written to a temporary file
// beside it and renamed over it at commit, so a failed copy leaves an existing archive as it was;
// anything else (a pipe such as /dev/stdout) is written directly, as a stream.
#include <functional>
#include <memory>
#include <string>

#include "core/blob_info.h"
#include "io/reader.h"
#include "io/tar_reader.h"
#include "io/tar_writer.h"

namespace periscope::io {

// Where big temporary files go: `tmpdir` when set, else /var/tmp (c/image's default for them).
std::string big_file_tmpdir(const std::string& tmpdir);

// Opens the tar archive at `path`, decompressing it when it is gzip, zstd, bzip2 or xz.
// Throws Error(kNotFound) when `path` does not exist, Error(kIo) otherwise.
std::unique_ptr<TarIndex> open_tar_archive(const std::string& path, const std::string& tmpdir);

class ArchiveOutput {
 public:
  // `refuse_existing`: an existing non-empty regular file is an Error(kIo) with that message
  // (docker-archive); empty: an existing file is replaced at commit (oci-archive).
  ArchiveOutput(const std::string& path, const std::string& refuse_existing, std::string tmpdir);
  ~ArchiveOutput();  // without commit(): the temporary file is removed
  ArchiveOutput(const ArchiveOutput&) = delete;
  ArchiveOutput& operator=(const ArchiveOutput&) = delete;

  TarWriter& tar() { return *tar_; }

  // Adds a content-addressed entry named `name_for(digest)`. With `expected` digest and size
  // known the data streams straight into the archive (its digest is checked by the reader stack);
  // otherwise it is hashed on the way, into the archive when the output is seekable, through a
  // temporary file when it is a stream. Returns the digest and size stored, with `expected`'s
  // media type.
  BlobInfo add_blob(Reader& data, const BlobInfo& expected,
                    const std::function<std::string(const Digest&)>& name_for);

  // Ends the archive, fsyncs it and renames it into place.
  void commit();

 private:
  std::string path_;  // the user's path (symlinks resolved when it exists)
  std::string tmpdir_;
  std::string temp_;  // "" when streaming
  int fd_ = -1;
  bool committed_ = false;
  std::unique_ptr<TarWriter> tar_;
};

}  // namespace periscope::io
