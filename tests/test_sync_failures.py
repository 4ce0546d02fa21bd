"""periscope sync when things go wrong: unknown repositories, failing registries, wrong
credentials, unreadable dir sources, and a sync killed mid-run then rerun."""
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from harness import cli, compare
from sync_fixtures import (TLS_OFF, dir_digest, image_dirs, log_messages, manifest_digest_at, push,
                           registry_factory, repo_tags, staging_leftovers, sync, tiny_image)  # noqa: F401
from conftest import PASSWORD, USER


def seed(reg, repo, tags, base_seed=0, layer_size=512):
    digests = {}
    for i, tag in enumerate(tags):
        image = tiny_image(base_seed + i, layer_size=layer_size)
        push(reg, repo, tag, image)
        digests[tag] = image.digest
    return digests


def test_unknown_repository_in_yaml_is_skipped_with_a_warning(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed(src, "app", ["1"])
    config = tmp_path / "sync.yaml"
    config.write_text(f"{src.host}:\n  tls-verify: false\n  images:\n    app: []\n    nosuch: []\n")
    r = sync(periscope, "--src", "yaml", "--dest", "docker", "--dest-tls-verify=false", config, dst.host)
    assert r.returncode == 0, r.describe()
    assert "Error processing repo, skipping" in log_messages(r.stderr)
    assert repo_tags(dst, "app") == {"1"}


def test_unknown_repository_as_the_only_source_fails(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    config = tmp_path / "sync.yaml"
    config.write_text(f"{src.host}:\n  tls-verify: false\n  images:\n    nosuch: []\n")
    r = sync(periscope, "--src", "yaml", "--dest", "docker", "--dest-tls-verify=false", config, dst.host)
    assert r.returncode != 0, r.describe()
    assert "nosuch" in r.stderr.splitlines()[-1]


def _two_registry_yaml(path, good, bad_host, bad_extra=""):
    path.write_text(f"{good.host}:\n  tls-verify: false\n  images:\n    app: ['1', '2']\n"
                    f"{bad_host}:\n  tls-verify: false\n{bad_extra}  images:\n    app: ['1']\n")
    return path


def test_keep_going_continues_past_a_dead_registry_and_lists_failures(periscope, registry_factory, tmp_path):
    good, dead, dst = registry_factory("good"), registry_factory("dead"), registry_factory("dst")
    seed(good, "app", ["1", "2"])
    dead.stop()
    config = _two_registry_yaml(tmp_path / "sync.yaml", good, dead.host)
    report = tmp_path / "report.json"
    r = sync(periscope, "--keep-going", "--report", report, "--src", "yaml", "--dest", "docker",
             "--dest-tls-verify=false", config, f"{dst.host}/m")
    assert r.returncode == 1, r.describe()
    assert repo_tags(dst, "m/app") == {"1", "2"}
    assert "Sync failed due to previous reported error(s)" in r.stderr
    assert f"docker://{dead.host}/app:1" in r.stderr.splitlines()[-1]
    import json
    data = json.loads(report.read_text())
    assert (data["copied"], data["failed"]) == (2, 1)


def test_without_keep_going_a_failure_stops_the_sync(periscope, registry_factory, tmp_path):
    dead, dst = registry_factory("dead"), registry_factory("dst")
    dead.stop()
    r = sync(periscope, "--src", "docker", "--dest", "docker", *TLS_OFF, f"{dead.host}/app:1", dst.host)
    assert r.returncode == 1, r.describe()
    assert f'Error copying ref "docker://{dead.host}/app:1"' in r.stderr


def test_wrong_credentials_for_one_registry_fail_only_its_images(periscope, registry_factory, tmp_path):
    good, dst = registry_factory("good"), registry_factory("dst")
    locked = registry_factory("locked", user=USER, password=PASSWORD)
    seed(good, "app", ["1", "2"])
    seed(locked, "app", ["1"], base_seed=50)
    config = _two_registry_yaml(tmp_path / "sync.yaml", good, locked.host,
                                "  credentials:\n    username: alice\n    password: wrong-Zz9\n")
    r = sync(periscope, "--keep-going", "--src", "yaml", "--dest", "docker", "--dest-tls-verify=false",
             config, f"{dst.host}/m")
    assert r.returncode == 1, r.describe()
    assert repo_tags(dst, "m/app") == {"1", "2"}
    assert manifest_digest_at(dst, "m/app", "1") != ""
    last = r.stderr.splitlines()[-1]
    assert f"docker://{locked.host}/app:1" in last and "unauthorized" in last.lower(), r.describe()
    compare.assert_no_secrets(r, ["wrong-Zz9", PASSWORD])


def test_missing_dir_source_is_an_error(periscope, registry_factory, tmp_path):
    dst = registry_factory("dst")
    r = sync(periscope, "--src", "dir", "--dest", "docker", *TLS_OFF, tmp_path / "nope", dst.host)
    assert r.returncode == 1, r.describe()
    assert "Invalid source directory specified" in r.stderr


def test_unreadable_dir_source_is_an_error_naming_the_folder(periscope, registry_factory, tmp_path):
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's permission override")
    src, dst = registry_factory("src"), registry_factory("dst")
    seed(src, "app", ["1"])
    # Outside pytest's 0700 tmp folders, so that the unprivileged user reaches it.
    root = pathlib.Path(tempfile.mkdtemp(prefix="periscope-sync-unreadable-"))
    try:
        root.chmod(0o755)
        tree = root / "tree"
        assert sync(periscope, "--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/app", tree).returncode == 0
        (tree / "locked").mkdir()
        (tree / "locked").chmod(0)
        for p in [tree, *tree.rglob("*")]:
            if p.name != "locked":
                p.chmod(0o755 if p.is_dir() else 0o644)
        env = cli.isolated_env(root / "env")
        for d in (root / "env", root / "env" / "home", root / "env" / "run"):
            os.chown(d, 65534, 65534)
        argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", cli.periscope_bin(), "sync",
                "--src", "dir", "--dest", "docker", *TLS_OFF, str(tree), dst.host]
        r = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 1, r.stderr
        assert "Error walking the path" in r.stderr and "locked" in r.stderr, r.stderr
        assert repo_tags(dst, "app") == set()
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(root)])
        shutil.rmtree(root, ignore_errors=True)


def _kill_midway(argv, env, stderr_path, after_refs: int):
    with open(stderr_path, "wb") as err:
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if stderr_path.read_text(errors="replace").count("Copying image ref") > after_refs:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "sync ended before it could be interrupted: make it bigger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)


@pytest.mark.parametrize("dest", ["docker", "dir"])
def test_killed_sync_rerun_completes(periscope, registry_factory, tmp_path, dest):
    src = registry_factory("src")
    tags = [f"t{i:02d}" for i in range(30)]
    digests = seed(src, "app", tags, layer_size=256 << 10)
    if dest == "docker":
        dst = registry_factory("dst")
        target = dst.host
    else:
        target = str(tmp_path / "out")
    argv = [cli.periscope_bin(), "sync", "--src", "docker", "--dest", dest, *TLS_OFF, f"{src.host}/app", target]
    _kill_midway(argv, periscope.env, tmp_path / "killed.err", after_refs=8)
    r = periscope(*argv[1:])
    assert r.returncode == 0, r.describe()
    if dest == "docker":
        assert {t: manifest_digest_at(dst, "app", t) for t in tags} == digests
    else:
        out = pathlib.Path(target)
        assert image_dirs(out) == {f"app:{t}" for t in tags}
        assert {t: dir_digest(out / f"app:{t}") for t in tags} == digests
        assert staging_leftovers(out) == []
    # A third run finds everything in place.
    again = periscope(*argv[1:])
    assert "0 copied, 30 skipped unchanged" in again.stderr, again.describe()
