"""periscope sync against real registries: tag selection, naming, round trips, skopeo interop,
cheap re-sync and skopeo's messages."""
import json

import pytest

from copy_fixtures import RecordingProxy
from harness import cli
from sync_fixtures import (TLS_OFF, dir_digest, image_dirs, log_messages, manifest_digest_at, push,
                           registry_factory, repo_tags, sync, tiny_image)  # noqa: F401

SEMVER_TAGS = ["1.0.0", "1.2.3", "2.0.0-rc1", "latest", "v3.1"]


def seed_app(reg, repo="app", tags=SEMVER_TAGS, base_seed=0) -> dict:
    """Pushes one distinct tiny image per tag; returns tag -> manifest digest."""
    digests = {}
    for i, tag in enumerate(tags):
        image = tiny_image(base_seed + i)
        push(reg, repo, tag, image)
        digests[tag] = image.digest
    return digests


def write_yaml(path, text: str):
    path.write_text(text)
    return path


def test_yaml_regex_and_semver_select_exactly_the_matching_tags(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app")
    seed_app(src, "lib", base_seed=10)
    config = write_yaml(tmp_path / "sync.yaml", f"""
{src.host}:
  tls-verify: false
  images-by-tag-regex:
    app: '^1\\.'
  images-by-semver:
    lib: ">= 1.2.0"
""")
    r = sync(periscope, "--src", "yaml", "--dest", "docker", "--dest-tls-verify=false", config, dst.host)
    assert r.returncode == 0, r.describe()
    assert repo_tags(dst, "app") == {"1.0.0", "1.2.3"}
    # Prereleases only match constraints that name one; "v3.1" is coerced to 3.1.0.
    assert repo_tags(dst, "lib") == {"1.2.3", "v3.1"}


def test_yaml_images_list_takes_named_tags_and_digests(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app")
    config = write_yaml(tmp_path / "sync.yaml", f"""
{src.host}:
  tls-verify: false
  images:
    app: ["latest", "{digests['1.2.3']}"]
""")
    r = sync(periscope, "--src", "yaml", "--dest", "docker", "--dest-tls-verify=false", config, dst.host)
    assert r.returncode == 0, r.describe()
    assert repo_tags(dst, "app") == {"latest"}
    assert manifest_digest_at(dst, "app", digests["1.2.3"]) == digests["1.2.3"]


def test_docker_to_dir_to_docker_round_trip_keeps_digests(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app")
    out = tmp_path / "out"
    r = sync(periscope, "--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/app", out)
    assert r.returncode == 0, r.describe()
    assert {dir_digest(out / f"app:{t}") for t in SEMVER_TAGS} == set(digests.values())
    r = sync(periscope, "--src", "dir", "--dest", "docker", *TLS_OFF, out, f"{dst.host}/back")
    assert r.returncode == 0, r.describe()
    assert {t: manifest_digest_at(dst, f"back/app", t) for t in SEMVER_TAGS} == digests


def test_messages_follow_skopeo(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app", tags=["a", "b"])
    r = sync(periscope, "--src", "docker", "--dest", "docker", *TLS_OFF, f"{src.host}/app", dst.host)
    assert r.returncode == 0, r.describe()
    messages = log_messages(r.stderr)
    assert sorted(m for m in messages if m.startswith("Copying image ref")) == \
        ["Copying image ref 1/2", "Copying image ref 2/2"]
    assert messages[-1] == "Synced 2 images from 1 sources"
    assert f'from="docker://{src.host}/app:a" to="docker://{dst.host}/app:a"' in r.stderr
    assert "Sync summary: 2 copied, 0 skipped unchanged" in r.stderr


def test_dry_run_writes_nothing(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app", tags=["a", "b"])
    r = sync(periscope, "--dry-run", "--src", "docker", "--dest", "docker", *TLS_OFF, f"{src.host}/app", dst.host)
    assert r.returncode == 0, r.describe()
    assert "Would have copied image ref 1/2" in log_messages(r.stderr)
    assert "Would have synced 2 images from 1 sources" in log_messages(r.stderr)
    assert repo_tags(dst, "app") == set()


def test_digestfile_lists_each_destination(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app", tags=["a", "b"])
    digestfile = tmp_path / "digests"
    r = sync(periscope, "--digestfile", digestfile, "--src", "docker", "--dest", "docker", *TLS_OFF,
             f"{src.host}/app", dst.host)
    assert r.returncode == 0, r.describe()
    assert set(digestfile.read_text().splitlines()) == \
        {f"{digests[t]} docker://{dst.host}/app:{t}" for t in ("a", "b")}


@pytest.mark.parametrize("scoped", [False, True], ids=["unscoped", "scoped"])
def test_dir_layout_names_match_skopeo(periscope, skopeo, registry_factory, tmp_path, scoped):
    src = registry_factory("src")
    seed_app(src, "ns/app", tags=["1", "2"])
    flags = ["--scoped"] if scoped else []
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    r = sync(periscope, *flags, "--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/ns/app", ours)
    assert r.returncode == 0, r.describe()
    s = sync(skopeo, *flags, "--src", "docker", "--dest", "dir", "--src-tls-verify=false", f"{src.host}/ns/app", theirs)
    assert s.returncode == 0, s.describe()
    assert image_dirs(ours) == image_dirs(theirs)
    assert image_dirs(ours) == ({f"{src.host}/ns/app:1", f"{src.host}/ns/app:2"} if scoped else {"app:1", "app:2"})


def test_skopeo_reads_periscope_dir_output(periscope, skopeo, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app", tags=["1", "2"])
    out = tmp_path / "out"
    assert sync(periscope, "--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/app", out).returncode == 0
    s = sync(skopeo, "--src", "dir", "--dest", "docker", "--dest-tls-verify=false", out, f"{dst.host}/m")
    assert s.returncode == 0, s.describe()
    assert {t: manifest_digest_at(dst, "m/app", t) for t in ("1", "2")} == digests


def test_periscope_reads_skopeo_dir_output(periscope, skopeo, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app", tags=["1", "2"])
    out = tmp_path / "out"
    s = sync(skopeo, "--src", "docker", "--dest", "dir", "--src-tls-verify=false", f"{src.host}/app", out)
    assert s.returncode == 0, s.describe()
    r = sync(periscope, "--src", "dir", "--dest", "docker", *TLS_OFF, out, f"{dst.host}/m")
    assert r.returncode == 0, r.describe()
    assert {t: manifest_digest_at(dst, "m/app", t) for t in ("1", "2")} == digests


def _manifest_and_blob_requests(proxy) -> list:
    return [(m, p) for m, p in proxy.snapshot() if "/manifests/" in p or "/blobs/" in p]


def test_resync_skips_unchanged_tags_with_two_requests_each(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app")
    src_proxy, dst_proxy = RecordingProxy(src.host).start(), RecordingProxy(dst.host).start()
    try:
        args = ["--src", "docker", "--dest", "docker", *TLS_OFF, f"{src_proxy.host}/app", dst_proxy.host]
        assert sync(periscope, *args).returncode == 0
        src_proxy.reset()
        dst_proxy.reset()
        report = tmp_path / "report.json"
        r = sync(periscope, *args, "--report", report)
        assert r.returncode == 0, r.describe()
        requests = _manifest_and_blob_requests(src_proxy) + _manifest_and_blob_requests(dst_proxy)
        assert all(m == "HEAD" and "/manifests/" in p for m, p in requests), requests
        assert len(requests) <= 2 * len(SEMVER_TAGS), requests
        data = json.loads(report.read_text())
        assert (data["skipped_unchanged"], data["copied"]) == (len(SEMVER_TAGS), 0)
        assert data["requests_per_unchanged_tag"] <= 2
    finally:
        src_proxy.stop()
        dst_proxy.stop()


def test_resync_copies_a_changed_tag_only(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app", tags=["a", "b"])
    args = ["--src", "docker", "--dest", "docker", *TLS_OFF, f"{src.host}/app", dst.host]
    assert sync(periscope, *args).returncode == 0
    changed = tiny_image(99)
    push(src, "app", "b", changed)
    report = tmp_path / "report.json"
    r = sync(periscope, *args, "--report", report)
    assert r.returncode == 0, r.describe()
    results = {i["destination"].rsplit(":", 1)[1]: i["result"] for i in json.loads(report.read_text())["items"]}
    assert results == {"a": "skipped-unchanged", "b": "copied"}
    assert manifest_digest_at(dst, "app", "b") == changed.digest


def test_resync_to_dir_rewrites_nothing_unchanged(periscope, registry_factory, tmp_path):
    src = registry_factory("src")
    seed_app(src, "app", tags=["a", "b"])
    out = tmp_path / "out"
    args = ["--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/app", out]
    assert sync(periscope, *args).returncode == 0
    before = {p: (out / p / "manifest.json").stat().st_ino for p in image_dirs(out)}
    r = sync(periscope, *args)
    assert r.returncode == 0, r.describe()   # skopeo refuses existing folders; we update them
    assert {p: (out / p / "manifest.json").stat().st_ino for p in image_dirs(out)} == before
    assert "0 copied, 2 skipped unchanged" in r.stderr


def test_resync_to_dir_updates_a_changed_tag(periscope, registry_factory, tmp_path):
    src = registry_factory("src")
    seed_app(src, "app", tags=["a"])
    out = tmp_path / "out"
    args = ["--src", "docker", "--dest", "dir", *TLS_OFF, f"{src.host}/app", out]
    assert sync(periscope, *args).returncode == 0
    changed = tiny_image(77)
    push(src, "app", "a", changed)
    r = sync(periscope, *args)
    assert r.returncode == 0, r.describe()
    assert dir_digest(out / "app:a") == changed.digest


def test_first_sync_asks_the_source_no_head_for_tags_the_destination_lacks(periscope, registry_factory):
    """The destination is asked first: a tag it lacks is copied without a HEAD at the source."""
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app")
    src_proxy = RecordingProxy(src.host).start()
    try:
        r = sync(periscope, "--src", "docker", "--dest", "docker", *TLS_OFF, f"{src_proxy.host}/app", dst.host)
        assert r.returncode == 0, r.describe()
        requests = _manifest_and_blob_requests(src_proxy)
        assert not [p for m, p in requests if m == "HEAD"], requests
        assert len([p for m, p in requests if m == "GET" and "/manifests/" in p]) == len(SEMVER_TAGS), requests
    finally:
        src_proxy.stop()


def test_skip_existing_tags_sends_no_request_to_the_source(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    seed_app(src, "app", tags=["1.0", "1.1"])
    args = ["--src", "docker", "--dest", "docker", *TLS_OFF]
    assert sync(periscope, *args, f"{src.host}/app:1.0", dst.host).returncode == 0
    proxy = RecordingProxy(src.host).start()
    try:
        r = sync(periscope, *args, "--skip-existing-tags", "1.*", f"{proxy.host}/app:1.0", dst.host)
        assert r.returncode == 0, r.describe()
        assert _manifest_and_blob_requests(proxy) == []
        assert "1 skipped existing" in r.stderr
    finally:
        proxy.stop()


def test_parallel_images_copies_everything(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    digests = seed_app(src, "app", tags=[f"t{i}" for i in range(12)])
    r = sync(periscope, "--parallel-images", "4", "--src", "docker", "--dest", "docker", *TLS_OFF,
             f"{src.host}/app", dst.host)
    assert r.returncode == 0, r.describe()
    assert {t: manifest_digest_at(dst, "app", t) for t in digests} == digests
    assert "Synced 12 images from 1 sources" in log_messages(r.stderr)
