#!/usr/bin/python3
"""Times `periscope sync` against Debian's skopeo on a fleet of repositories, side by side.

The fleet: REPOS repositories x 3 tiny tags (one 512-byte layer each, distinct content) plus a few
larger images (3 layers of 4 MiB), pushed straight through the registry API into a source
registry, listed in one sync YAML (`images: {repo: []}`, all tags). Rows:
  first sync  registry -> registry   (a fresh, empty destination registry per tool)
  re-sync     registry -> registry   (same command again, nothing changed)
  first sync  registry -> dir        (a fresh folder per tool)
  re-sync     registry -> dir        (skopeo refuses existing image folders: n/a)
Wall time and peak RSS come from bench/spawn_timed.c (a monotonic clock around posix_spawn and
wait4, and wait4's ru_maxrss), as in bench.py. skopeo's blob-info cache is removed before
each skopeo run. Requests per unchanged tag come from an extra, untimed re-sync of each tool
through recording proxies in front of both registries.

Usage: bench/sync_bench.py [--repos N] [--parallel-images N] [--periscope BIN] [--skopeo BIN]
       [--runs N] [--json FILE] [--quick]     (--quick: 20 repositories, one large image)
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from bench import Sample, run_timed  # noqa: E402
from copy_fixtures import RecordingProxy  # noqa: E402
from harness.cli import isolated_env  # noqa: E402
from harness.registry import start_registry  # noqa: E402
from sync_fixtures import push, tiny_image  # noqa: E402

TAGS = ("1.0", "1.1", "latest")


def log(message: str) -> None:
    print(f"[sync-bench] {message}", file=sys.stderr, flush=True)


def seed_fleet(reg, repos: int, large: int) -> list:
    jobs = [(f"fleet/repo-{r:03d}", tag, r * 10 + t, 512, 1) for r in range(repos) for t, tag in enumerate(TAGS)]
    jobs += [(f"large/image-{i}", "latest", 100000 + i, 4 << 20, 3) for i in range(large)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda j: push(reg, j[0], j[1], tiny_image(j[2], layer_size=j[3], layers=j[4])), jobs))
    return sorted({j[0] for j in jobs}, key=lambda n: (n.startswith("large/"), n))


def write_yaml(path: pathlib.Path, host: str, names: list) -> pathlib.Path:
    lines = [f"{host}:", "  tls-verify: false", "  images:"] + [f"    {n}: []" for n in names]
    path.write_text("\n".join(lines) + "\n")
    return path


def sync_argv(binary: str, yaml_file: pathlib.Path, dest_kind: str, dest: str, extra: list) -> list:
    return [binary, "sync", "--src", "yaml", "--dest", dest_kind, "--dest-tls-verify=false", *extra,
            str(yaml_file), dest]


def median_run(argv: list, env: dict, runs: int) -> Sample:
    """The median-time sample of `runs` runs of the same command (a re-sync changes nothing, so
    it can be repeated on the same destination)."""
    samples = [run_timed(argv, env) for _ in range(runs)]
    failed = [s for s in samples if not s.ok]
    if failed:
        return failed[0]
    return sorted(samples, key=lambda s: s.seconds)[len(samples) // 2]


def unchanged_requests(binary: str, names: list, src_host: str, dst_host: str, env: dict, tmp: pathlib.Path,
                       extra: list, tags: int) -> float:
    """Manifest and blob requests per tag of a re-sync with nothing changed, through proxies."""
    src_proxy, dst_proxy = RecordingProxy(src_host).start(), RecordingProxy(dst_host).start()
    try:
        yaml_file = write_yaml(tmp / f"proxied-{os.path.basename(binary)}.yaml", src_proxy.host, names)
        sample = run_timed(sync_argv(binary, yaml_file, "docker", dst_proxy.host, extra), env)
        if not sample.ok:
            return float("nan")
        counted = [p for _, p in src_proxy.snapshot() + dst_proxy.snapshot() if "/manifests/" in p or "/blobs/" in p]
        return len(counted) / tags
    finally:
        src_proxy.stop()
        dst_proxy.stop()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repos", type=int, default=200)
    ap.add_argument("--large", type=int, default=3)
    ap.add_argument("--parallel-images", type=int, default=8)
    ap.add_argument("--periscope", default=os.environ.get("PERISCOPE_BIN") or str(REPO / "build" / "periscope"))
    ap.add_argument("--skopeo", default="/usr/bin/skopeo")
    ap.add_argument("--json")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=5, help="runs of each re-sync row (median reported)")
    args = ap.parse_args()
    if args.quick:
        args.repos, args.large = 20, 1

    work = pathlib.Path(tempfile.mkdtemp(prefix="periscope-sync-bench-", dir="/var/tmp"))
    env = isolated_env(work / "env")
    registries = []

    def registry(name):
        reg = start_registry(work / f"{name}-{len(registries)}")
        registries.append(reg)
        return reg

    tools = {"periscope": (args.periscope, ["--parallel-images", str(args.parallel_images)]),
             "skopeo": (args.skopeo, [])}
    results, requests = {}, {}
    try:
        src = registry("src")
        started = time.monotonic()
        names = seed_fleet(src, args.repos, args.large)
        tags = args.repos * len(TAGS) + args.large
        log(f"seeded {tags} tags in {len(names)} repositories in {time.monotonic() - started:.1f}s")
        yaml_file = write_yaml(work / "fleet.yaml", src.host, names)
        for tool, (binary, extra) in tools.items():
            dst = registry(f"dst-{tool}")
            argv = sync_argv(binary, yaml_file, "docker", dst.host, extra)
            log(f"{tool}: first sync registry -> registry")
            results.setdefault("first sync registry->registry", {})[tool] = run_timed(argv, env)
            log(f"{tool}: re-sync registry -> registry")
            results.setdefault("re-sync registry->registry (unchanged)", {})[tool] = median_run(argv, env, args.runs)
            requests[tool] = unchanged_requests(binary, names, src.host, dst.host, env, work, extra, tags)
            dst.stop()
            out = work / f"dir-{tool}"
            argv = sync_argv(binary, yaml_file, "dir", str(out), extra)
            log(f"{tool}: first sync registry -> dir")
            results.setdefault("first sync registry->dir", {})[tool] = run_timed(argv, env)
            if tool == "periscope":
                log(f"{tool}: re-sync registry -> dir")
                results.setdefault("re-sync registry->dir (unchanged)", {})[tool] = median_run(argv, env, args.runs)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        for reg in registries:
            reg.stop()
        shutil.rmtree(work, ignore_errors=True)

    head = f"{'scenario':<40} {'periscope s':>11} {'skopeo s':>9} {'ratio':>6} {'periscope MB':>12} {'skopeo MB':>9}"
    lines = [f"fleet: {args.repos} repositories x {len(TAGS)} tiny tags + {args.large} large images "
             f"({tags} tags); periscope --parallel-images {args.parallel_images}", head, "-" * len(head)]
    failed = False
    for name, row in results.items():
        p, s = row.get("periscope"), row.get("skopeo")
        for tool, sample in row.items():
            if not sample.ok:
                failed = True
                lines.append(f"{name:<40} FAILED ({tool}): {sample.error.splitlines()[-1] if sample.error else '?'}")
        if not p.ok or (s and not s.ok):
            continue
        if s is None:
            lines.append(f"{name:<40} {p.seconds:>11.2f} {'n/a':>9} {'':>6} {p.max_rss_kb / 1024:>12.1f} "
                         f"{'(skopeo refuses existing dirs)':>9}")
        else:
            lines.append(f"{name:<40} {p.seconds:>11.2f} {s.seconds:>9.2f} {p.seconds / s.seconds:>6.2f} "
                         f"{p.max_rss_kb / 1024:>12.1f} {s.max_rss_kb / 1024:>9.1f}")
    lines.append("manifest+blob requests per unchanged tag (re-sync registry->registry): " +
                 ", ".join(f"{t} {n:.2f}" for t, n in requests.items()))
    print("\n".join(lines))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(
            {"rows": {n: {t: s.__dict__ for t, s in row.items()} for n, row in results.items()},
             "requests_per_unchanged_tag": requests}, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
