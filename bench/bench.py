#!/usr/bin/python3
"""Times periscope against Debian's skopeo on the same copies, side by side, in one run.

Builds the fixture layouts (gen_images.py), starts two local docker-registry instances, seeds
them with skopeo, then runs every scenario RUNS times per tool, alternating which tool goes
first, each run on a fresh destination. Reports the median wall time, the peak RSS (from
wait4's rusage) and the periscope/skopeo ratios as a table, and writes the raw samples as JSON.
"""
import argparse
import atexit
import dataclasses
import json
import glob
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

import gen_images  # noqa: E402
from harness.registry import start_registry  # noqa: E402

TLS_OFF = ["--src-tls-verify=false", "--dest-tls-verify=false"]


@dataclasses.dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    ok: bool
    error: str = ""


SKOPEO_BLOB_CACHES = ("/var/lib/containers/cache", os.path.expanduser("~/.local/share/containers/cache"))


def _forget_skopeo_blob_cache() -> None:
    """skopeo remembers where blobs live (blob-info-cache-v1.*) and mounts or substitutes them on
    later runs; every run here must be a first run, as the issue's skopeo figures are."""
    for folder in SKOPEO_BLOB_CACHES:
        for name in glob.glob(os.path.join(folder, "blob-info-cache-v1.*")):
            os.unlink(name)


_SPAWN_TIMED = None


def spawn_timed_binary() -> str:
    """bench/spawn_timed.c, compiled once per run into a temporary folder."""
    global _SPAWN_TIMED
    if _SPAWN_TIMED is None:
        folder = tempfile.mkdtemp(prefix="periscope-bench-tools-")
        atexit.register(shutil.rmtree, folder, True)
        out = pathlib.Path(folder) / "spawn_timed"
        subprocess.run(["gcc", "-O2", "-o", str(out), str(HERE / "spawn_timed.c")], check=True)
        _SPAWN_TIMED = str(out)
    return _SPAWN_TIMED


def run_timed(argv: list, env: dict, repeat: int = 1) -> Sample:
    """Runs argv `repeat` times; wall time summed, RSS the largest of the children's peaks.

    Each run goes through spawn_timed (bench/spawn_timed.c), which times the tool from its spawn to
    its exit and reads its peak RSS from wait4(). Timing around GNU time or a Python subprocess
    would add their own start-up (1-2 ms) to every run of both tools, which matters in the 20x
    inspect rows; and a child forked from Python would report Python's RSS, since Linux keeps the
    high-water mark across execve."""
    total, peak = 0.0, 0
    for _ in range(repeat):
        if "skopeo" in os.path.basename(argv[0]):
            _forget_skopeo_blob_cache()
        with tempfile.NamedTemporaryFile("r", suffix=".timed") as result_file:
            proc = subprocess.Popen([spawn_timed_binary(), result_file.name, *argv], env=env,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            stderr = proc.stderr.read()
            proc.stderr.close()
            proc.wait()
            fields = result_file.read().split()
        if len(fields) != 3:
            return Sample(total, peak, False, stderr.decode(errors="replace").strip()[-300:] or "spawn_timed failed")
        total += float(fields[0])
        peak = max(peak, int(fields[1]))
        if proc.returncode != 0:
            return Sample(total, peak, False, stderr.decode(errors="replace").strip()[-300:])
    return Sample(total, peak, True)


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = pathlib.Path(args.workdir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.tools = {"periscope": args.periscope, "skopeo": args.skopeo}
        self.env = dict(os.environ, HOME=str(self.work / "home"), NO_PROXY="*")
        (self.work / "home").mkdir(exist_ok=True)
        self.counter = 0
        self.regs = {}

    # -- setup ------------------------------------------------------------------------------
    def skopeo(self, *args) -> None:
        subprocess.run([self.args.skopeo, "--insecure-policy", "copy", "-q", *TLS_OFF, *args],
                       env=self.env, check=True, stdin=subprocess.DEVNULL)

    def start(self) -> None:
        log(f"building images under {self.work / 'images'}")
        self.images = gen_images.build_all(self.work / "images", quick=self.args.quick)
        for name in ("src", "dst"):
            storage = self.work / f"reg-{name}"
            if storage.exists():
                shutil.rmtree(storage)
            self.regs[name] = start_registry(storage)
        log("seeding the source registry")
        src = self.regs["src"]
        for name, info in self.images.items():
            extra = ["--all"] if name == "multi" else []
            self.skopeo(*extra, info["ref"], f"docker://{src.host}/{name}:latest")
        self.seed_dir = self.work / "seed-dir-big"
        if self.seed_dir.exists():
            shutil.rmtree(self.seed_dir)
        self.skopeo(self.images["big"]["ref"], f"dir:{self.seed_dir}")

    def reset_dest_registry(self) -> None:
        """A fresh, empty destination registry, so no copy can reuse blobs from an earlier run
        (skopeo's blob-info cache would otherwise turn later runs into cross-repo mounts)."""
        self.regs["dst"].stop()
        storage = self.regs["dst"].workdir
        shutil.rmtree(storage)
        self.regs["dst"] = start_registry(storage)

    def stop(self) -> None:
        for reg in self.regs.values():
            reg.stop()

    # -- scenarios ------------------------------------------------------------------------------
    def fresh(self, suffix: str = "") -> pathlib.Path:
        self.counter += 1
        path = self.work / "out" / f"{self.counter:04d}{suffix}"
        path.parent.mkdir(exist_ok=True)
        return path

    def scenarios(self) -> list:
        """(name, build) where build(tool) -> (argv tail, repeat); called once per run."""
        src, n = self.regs["src"], self.args.repeat
        ref = lambda name: f"docker://{src.host}/{name}:latest"  # noqa: E731

        def to_dst(name, *flags):
            def build(tool):
                self.reset_dest_registry()
                dest = f"docker://{self.regs['dst'].host}/{name}-{tool}:latest"
                return ["copy", "-q", *TLS_OFF, *flags, ref(name), dest], 1
            return build

        def local(prefix, suffix="", *flags):
            def build(tool):
                return ["copy", "-q", *TLS_OFF, *flags, ref("big"),
                        f"{prefix}{self.fresh(suffix)}{':latest' if 'oci' in prefix else ''}"], 1
            return build

        def same_registry(tool):
            self.counter += 1
            dest = f"docker://{src.host}/mounted-{tool}-{self.counter}:latest"
            return ["copy", "-q", *TLS_OFF, ref("big"), dest], 1

        def dir_to_registry(tool):
            self.reset_dest_registry()
            dest = f"docker://{self.regs['dst'].host}/from-dir-{tool}:latest"
            return ["copy", "-q", *TLS_OFF, f"dir:{self.seed_dir}", dest], 1

        return [
            ("big: registry -> other registry", to_dst("big")),
            ("small layers: registry -> other registry", to_dst("small-layers")),
            ("multi --all: registry -> other registry", to_dst("multi", "--all")),
            ("big: same registry -> new repo", same_registry),
            ("big: registry -> oci:", local("oci:")),
            ("big: registry -> dir:", local("dir:")),
            ("big: dir: -> registry", dir_to_registry),
            ("big: registry -> oci-archive:", local("oci-archive:", ".tar")),
            ("big: registry -> docker-archive:", local("docker-archive:", ".tar")),
            ("big: registry -> oci: zstd", local("oci:", "", "--dest-compress-format", "zstd")),
            (f"{n}x inspect", lambda tool: (["inspect", "--tls-verify=false", ref("big")], n)),
            (f"{n}x list-tags", lambda tool: (["list-tags", "--tls-verify=false",
                                               f"docker://{src.host}/big"], n)),
        ]

    def run(self) -> dict:
        results = {}
        for name, build in self.scenarios():
            if self.args.only and not re.search(self.args.only, name):
                continue
            samples = {tool: [] for tool in self.tools}
            for i in range(self.args.runs):
                order = list(self.tools) if i % 2 == 0 else list(reversed(self.tools))
                for tool in order:
                    tail, repeat = build(tool)
                    argv = [self.tools[tool], "--insecure-policy", *tail]
                    samples[tool].append(run_timed(argv, self.env, repeat))
                shutil.rmtree(self.work / "out", ignore_errors=True)
            results[name] = samples
            log(f"{name}: " + ", ".join(f"{t} {summary(s)[0]:.2f}s" for t, s in samples.items()))
        return results


def summary(samples: list) -> tuple:
    """(median seconds, max peak RSS in MB, all ok, first error)."""
    ok = all(s.ok for s in samples)
    errors = [s.error for s in samples if not s.ok]
    return (statistics.median(s.seconds for s in samples),
            max(s.max_rss_kb for s in samples) / 1024, ok, errors[0] if errors else "")


def table(results: dict) -> str:
    head = (f"{'scenario':<42} {'periscope s':>11} {'skopeo s':>9} {'time ratio':>10} "
            f"{'periscope MB':>12} {'skopeo MB':>9} {'RSS ratio':>9}")
    lines = [head, "-" * len(head)]
    for name, samples in results.items():
        p, s = summary(samples["periscope"]), summary(samples["skopeo"])
        if not (p[2] and s[2]):
            which = "periscope" if not p[2] else "skopeo"
            last = ((p[3] or s[3]).splitlines() or ["?"])[-1]
            lines.append(f"{name:<42} FAILED ({which}): {last}")
            continue
        lines.append(f"{name:<42} {p[0]:>11.3f} {s[0]:>9.3f} {p[0] / s[0]:>10.2f} "
                     f"{p[1]:>12.1f} {s[1]:>9.1f} {p[1] / s[1]:>9.2f}")
    return "\n".join(lines)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small images, 1 run, 3 repeats")
    parser.add_argument("--runs", type=int, help="runs per tool and scenario (default 3)")
    parser.add_argument("--repeat", type=int, help="invocations in the inspect/list-tags rows")
    parser.add_argument("--workdir", help="where images, registries and outputs go "
                        "(default: a temporary directory; reuse one to keep built images)")
    parser.add_argument("--json", help="write the raw samples to this file")
    parser.add_argument("--periscope", default=os.environ.get("PERISCOPE_BIN")
                        or str(REPO / "build" / "periscope"))
    parser.add_argument("--skopeo", default="/usr/bin/skopeo")
    parser.add_argument("--only", help="run only the scenarios whose name matches this regular expression")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.quick else 3)
    args.repeat = args.repeat or (3 if args.quick else 20)
    for tool in (args.periscope, args.skopeo):
        if not os.access(tool, os.X_OK):
            print(f"bench: {tool} is not an executable (build periscope or set PERISCOPE_BIN)",
                  file=sys.stderr)
            return 1
    temp = None
    if not args.workdir:
        temp = tempfile.mkdtemp(prefix="periscope-bench-", dir="/var/tmp")
        args.workdir = temp
    bench = Bench(args)
    try:
        bench.start()
        results = bench.run()
    finally:
        bench.stop()
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    print(f"periscope: {args.periscope}\nskopeo:    {args.skopeo}\n"
          f"runs: {args.runs} per tool (alternating), medians; RSS = peak resident set size\n")
    print(table(results))
    if args.json:
        raw = {name: {tool: [dataclasses.asdict(s) for s in samples]
                      for tool, samples in per_tool.items()} for name, per_tool in results.items()}
        pathlib.Path(args.json).write_text(json.dumps(raw, indent=2))
    failed = any(not summary(s)[2] for per_tool in results.values() for s in per_tool.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
