#pragma once
// The on-disk tar header (POSIX ustar, with the GNU and PAX extensions that readers meet in
// practice) shared by TarWriter and TarReader.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace periscope::io::tar {

inline constexpr std::int64_t kBlockSize = 512;

// Typeflag values.
inline constexpr char kTypeRegular = '0';
inline constexpr char kTypeRegularOld = '\0';
inline constexpr char kTypeHardLink = '1';
inline constexpr char kTypeSymlink = '2';
inline constexpr char kTypeDirectory = '5';
inline constexpr char kTypeContiguous = '7';
inline constexpr char kTypePaxLocal = 'x';
inline constexpr char kTypePaxGlobal = 'g';
inline constexpr char kTypeGnuLongName = 'L';
inline constexpr char kTypeGnuLongLink = 'K';

struct UstarHeader {
  char name[100];
  char mode[8];
  char uid[8];
  char gid[8];
  char size[12];
  char mtime[12];
  char checksum[8];
  char typeflag;
  char linkname[100];
  char magic[6];  // "ustar\0" (POSIX) or "ustar " with version " \0" (GNU)
  char version[2];
  char uname[32];
  char gname[32];
  char devmajor[8];
  char devminor[8];
  char prefix[155];
  char padding[12];
};
static_assert(sizeof(UstarHeader) == kBlockSize);

// Rounds up to a whole number of blocks.
inline std::int64_t padded_size(std::int64_t size) {
  return (size + kBlockSize - 1) / kBlockSize * kBlockSize;
}

// Writes `value` as NUL-terminated octal; false when it does not fit.
bool format_octal(char* field, std::size_t width, std::int64_t value);
// Writes `value` in GNU base-256 (high bit of the first byte set), which Go, GNU tar and bsdtar
// read; used only where a PAX record cannot be added afterwards.
void format_base256(char* field, std::size_t width, std::int64_t value);
// Octal (space/NUL padded) or base-256; nullopt when malformed.
std::optional<std::int64_t> parse_number(const char* field, std::size_t width);

// The sum of the header bytes with the checksum field read as spaces.
std::int64_t checksum_of(const UstarHeader& header);
// Sets the checksum field as ustar requires (6 octal digits, NUL, space).
void seal(UstarHeader& header);

// A fixed-width field up to its first NUL.
std::string_view field_string(const char* field, std::size_t width);

// "./a//b/" -> "a/b"; "" and "./" -> ".". Lexical, as Go's path.Clean.
std::string clean_path(std::string_view path);
// True when `path` is relative and no component is "..": it stays inside the archive's root.
bool is_safe_member_name(std::string_view path);
// Where a link at `member` pointing to `target` leads, relative to the root; nullopt when it
// leaves the root. Symbolic links resolve against the member's folder, hard links against the root.
std::optional<std::string> resolve_link(std::string_view member, std::string_view target,
                                        bool symbolic);

}  // namespace periscope::io::tar
