/* spawn_timed OUT ARGV...: runs ARGV (stdin, stdout and stderr inherited), then writes
 * "<wall seconds> <peak RSS KiB> <exit status>" to the file OUT. The clock runs from just before
 * posix_spawn to just after wait4, so the figure is the tool's own run, without the start-up of
 * whatever measures it (GNU time, Python's subprocess). The peak RSS is wait4's ru_maxrss: this
 * process is small (~1 MB), so the child inherits no large high-water mark from it at exec. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: spawn_timed OUT ARGV...\n");
    return 2;
  }
  pid_t pid;
  double start = now();
  int rc = posix_spawnp(&pid, argv[2], NULL, NULL, &argv[2], environ);
  if (rc != 0) {
    fprintf(stderr, "spawn_timed: cannot run %s\n", argv[2]);
    return 127;
  }
  int status = 0;
  struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) {
    perror("spawn_timed: wait4");
    return 2;
  }
  double seconds = now() - start;
  FILE* out = fopen(argv[1], "w");
  if (!out) {
    perror("spawn_timed: output file");
    return 2;
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  fprintf(out, "%.6f %ld %d\n", seconds, usage.ru_maxrss, code);
  fclose(out);
  return code;
}
