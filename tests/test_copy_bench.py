"""The benchmark harness runs end to end (small images, skopeo on both sides); the full benchmark
is never run by the test suite."""
import json
import os
import subprocess

from harness import cli

RUN_SH = cli.REPO_ROOT / "bench" / "run.sh"
SCENARIOS = ["big: registry -> other registry", "small layers: registry -> other registry",
             "multi --all: registry -> other registry", "big: same registry -> new repo",
             "big: registry -> oci:", "big: registry -> dir:", "big: dir: -> registry",
             "big: registry -> oci-archive:", "big: registry -> docker-archive:",
             "big: registry -> oci: zstd", "3x inspect", "3x list-tags"]


def test_quick_bench_reports_every_scenario(tmp_path):
    env = dict(os.environ, PERISCOPE_BIN=cli.SKOPEO_BIN)
    raw = tmp_path / "raw.json"
    proc = subprocess.run([str(RUN_SH), "--quick", "--workdir", str(tmp_path / "w"),
                           "--json", str(raw)], env=env, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {line[:42].strip(): line[42:].split() for line in proc.stdout.splitlines()
            if line[:42].strip() in SCENARIOS}
    assert sorted(rows) == sorted(SCENARIOS), proc.stdout
    for name, cells in rows.items():
        assert len(cells) == 6, f"{name}: {cells}"
        assert all(float(c) > 0 for c in cells), f"{name}: {cells}"
    samples = json.loads(raw.read_text())
    assert set(samples) == set(SCENARIOS)
    assert all(s["ok"] for per_tool in samples.values() for runs in per_tool.values()
               for s in runs)
