#include "auth/credential_helper.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "config/registries_conf.h"
#include "core/error.h"

namespace periscope::auth {
namespace {

using nlohmann::json;

constexpr std::string_view kNotFound = "credentials not found in native keychain";

struct Outcome {
  int exit_status = 0;
  std::string out;
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Runs `program action` with `input` on stdin; stdout is collected, stderr discarded (a helper
// may echo what it was given there).
Outcome run_helper(const std::string& program, const char* action, const std::string& input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0)
    throw Error(ErrorKind::kIo, "running " + program + ": " + std::strerror(errno));
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    throw Error(ErrorKind::kIo, "running " + program + ": " + std::strerror(errno));
  }
  // Reports an exec failure from the child.
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) ::close(fd);
    throw Error(ErrorKind::kIo, "running " + program + ": " + std::strerror(errno));
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      ::close(fd);
    throw Error(ErrorKind::kIo, "running " + program + ": " + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, STDERR_FILENO);
    ::signal(SIGPIPE, SIG_DFL);
    char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(action), nullptr};
    ::execvp(program.c_str(), argv);
    int err = errno;
    ssize_t ignored = ::write(err_pipe[1], &err, sizeof err);
    (void)ignored;
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  int exec_errno = 0;
  ssize_t got = ::read(err_pipe[0], &exec_errno, sizeof exec_errno);
  ::close(err_pipe[0]);

  // The input is far below a pipe's buffer, so it is written whole before reading. A helper that
  // exits without reading it must not kill us with SIGPIPE: block it here, drop it if raised.
  int to_child = in_pipe[1];
  int from_child = out_pipe[0];
  Outcome o;
  if (got <= 0) {
    sigset_t pipe_set, old_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
    std::size_t written = 0;
    while (written < input.size()) {
      ssize_t w = ::write(to_child, input.data() + written, input.size() - written);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      written += static_cast<std::size_t>(w);
    }
    timespec zero{0, 0};
    while (::sigtimedwait(&pipe_set, nullptr, &zero) > 0) {
    }
    ::pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  }
  close_fd(to_child);
  char buf[4096];
  while (true) {
    ssize_t r = ::read(from_child, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    o.out.append(buf, static_cast<std::size_t>(r));
  }
  close_fd(to_child);
  close_fd(from_child);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got > 0)
    throw Error(ErrorKind::kAuth, "exec: \"" + program + "\": " +
                                      (exec_errno == ENOENT ? "executable file not found in $PATH"
                                                            : std::strerror(exec_errno)));
  o.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  while (!o.out.empty() && (o.out.back() == '\n' || o.out.back() == '\r' || o.out.back() == ' '))
    o.out.pop_back();
  return o;
}

std::string program_of(const std::string& helper) { return "docker-credential-" + helper; }

[[noreturn]] void helper_failed(const char* what, const std::string& helper, const Outcome& o) {
  throw Error(ErrorKind::kAuth,
              std::string("error ") + what + " credentials with credential helper " + helper +
                  " - exit status " + std::to_string(o.exit_status) + ", out: `" + o.out + "`");
}

bool is_namespaced(const std::string& key) {
  return key.find('/') != std::string::npos && !key.starts_with("http");
}

}  // namespace

std::optional<Credentials> helper_get(const std::string& helper, const std::string& server_url) {
  Outcome o = run_helper(program_of(helper), "get", server_url);
  if (o.exit_status != 0) {
    if (o.out == kNotFound) return std::nullopt;
    helper_failed("getting", helper, o);
  }
  json j;
  try {
    j = json::parse(o.out);
  } catch (const json::exception&) {
    throw Error(ErrorKind::kAuth, "error getting credentials with credential helper " + helper +
                                      ": its answer is not JSON");
  }
  if (!j.is_object())
    throw Error(ErrorKind::kAuth, "error getting credentials with credential helper " + helper +
                                      ": its answer is not a JSON object");
  Credentials c;
  std::string user = j.value("Username", "");
  std::string secret = j.value("Secret", "");
  if (user == "<token>") {
    c.identity_token = secret;
  } else {
    c.username = user;
    c.password = secret;
  }
  if (c.empty()) return std::nullopt;
  return c;
}

void helper_store(const std::string& helper, const std::string& server_url,
                  const Credentials& credentials) {
  json j = {{"ServerURL", server_url},
            {"Username", credentials.identity_token.empty() ? credentials.username : "<token>"},
            {"Secret", credentials.identity_token.empty() ? credentials.password
                                                          : credentials.identity_token}};
  Outcome o = run_helper(program_of(helper), "store", j.dump());
  if (o.exit_status != 0) helper_failed("storing", helper, o);
}

bool helper_erase(const std::string& helper, const std::string& server_url) {
  Outcome o = run_helper(program_of(helper), "erase", server_url);
  if (o.exit_status == 0) return true;
  if (o.out == kNotFound) return false;
  helper_failed("erasing", helper, o);
}

std::optional<Credentials> find_credentials(const std::vector<std::string>& helpers,
                                            const std::vector<AuthFile>& files,
                                            std::string_view registry,
                                            std::string_view repository_path) {
  std::vector<std::string> errors;
  for (const std::string& helper : helpers) {
    try {
      std::optional<Credentials> c = helper == config::kAuthFileHelper
                                         ? lookup(files, registry, repository_path)
                                         : helper_get(helper, std::string(registry));
      if (c && !c->empty()) return c;
    } catch (const Error& e) {
      if (helpers.size() == 1) throw;
      errors.push_back(e.what());
    }
  }
  if (!errors.empty()) {
    std::string msg = "errors looking up credentials:";
    for (const auto& e : errors) msg += "\n\t* " + e;
    throw Error(ErrorKind::kAuth, msg);
  }
  return std::nullopt;
}

std::string store_credentials(const std::vector<std::string>& helpers, const std::string& path,
                              const std::string& key, const Credentials& credentials) {
  std::vector<std::string> errors;
  for (const std::string& helper : helpers) {
    try {
      if (helper == config::kAuthFileHelper) {
        if (auto fh = file_helper(path, key)) {
          if (is_namespaced(key))
            throw Error(ErrorKind::kUsage, "namespaced key \"" + key +
                                               "\" is not supported for credential helper " +
                                               fh->helper);
          helper_store(fh->helper, fh->server_url, credentials);
          return "credential helper: " + fh->helper;
        }
        store(path, key, credentials);
        return "";
      }
      if (is_namespaced(key))
        throw Error(ErrorKind::kUsage, "namespaced key \"" + key +
                                           "\" is not supported for credential helper " + helper);
      helper_store(helper, key, credentials);
      return "credential helper: " + helper;
    } catch (const Error& e) {
      if (helpers.size() == 1) throw;
      errors.push_back(e.what());
    }
  }
  std::string msg = "Errors storing credentials";
  for (const auto& e : errors) msg += "\n\t* " + e;
  throw Error(ErrorKind::kAuth, msg);
}

bool remove_credentials(const std::vector<std::string>& helpers, const std::string& path,
                        const std::string& key) {
  bool removed = false;
  for (const std::string& helper : helpers) {
    if (helper == config::kAuthFileHelper) {
      if (auto fh = file_helper(path, key); fh && !is_namespaced(key))
        removed |= helper_erase(fh->helper, fh->server_url);
      removed |= remove(path, key);
    } else if (!is_namespaced(key)) {
      removed |= helper_erase(helper, key);
    }
  }
  return removed;
}

}  // namespace periscope::auth
