#pragma once
// The one exception type of Periscope. Its kind decides the exit code (main.cc) and, later, whether
// sync skips or retries; its message is one readable line with context prefixed at each layer.
#include <stdexcept>
#include <string>

namespace periscope {

enum class ErrorKind {
  kUsage,             // bad flags, arguments or references: nothing was attempted
  kNotFound,          // image, tag or repository does not exist (exit code 2, as skopeo 1.16+)
  kAuth,              // credentials missing, wrong or refused
  kNetwork,           // connection, TLS, timeout, unexpected HTTP status
  kDigestMismatch,    // content did not match its digest
  kManifestRejected,  // the destination refused a manifest
  kUnsupported,       // a valid request Periscope does not handle (yet)
  kIo,                // local files
  kInternal,          // a bug
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  // A copy of this error with "context: " in front of the message.
  Error with_context(const std::string& context) const { return Error(kind_, context + ": " + what()); }

 private:
  ErrorKind kind_;
};

[[noreturn]] inline void throw_usage(const std::string& message) {
  throw Error(ErrorKind::kUsage, message);
}

// The process exit code skopeo uses for an error of this kind.
inline int exit_code_for(ErrorKind kind) { return kind == ErrorKind::kNotFound ? 2 : 1; }

}  // namespace periscope
