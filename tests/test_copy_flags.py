"""copy flags and registry behaviour: digests kept or converted like skopeo, compression options,
multi-arch selection, digest files, archive tags and stdout, quiet mode, signatures, credentials,
cross-repository mounts and skipping blobs the destination already has."""
import io
import json
import secrets
import tarfile
import urllib.parse

import pytest

from copy_fixtures import (OCI_LAYER, OCI_LAYER_GZIP, OCI_LAYER_ZSTD, copy, manifest_digest,
                           oci_top, progress_text, recorded_registry, unique_image)  # noqa: F401
from harness import compare, seed

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
ACCEPT_ALL = ", ".join([seed.DOCKER_V2S2, "application/vnd.oci.image.manifest.v1+json", OCI_INDEX,
                        "application/vnd.docker.distribution.manifest.list.v2+json"])


FAKE_SIGNATURE = b"\xa3\x01not really a signature"


def _repo(request, prefix: str) -> str:
    return f"{prefix}/{request.node.name.lower().replace('[', '-').replace(']', '')[:50]}-" \
           f"{secrets.token_hex(3)}"


def _registry_digest(reg, repo: str, tag: str = "latest") -> str:
    return compare.sha256_digest(reg.get_manifest(repo, tag, ACCEPT_ALL))


def _layer_types(manifest: bytes) -> list:
    return [layer["mediaType"] for layer in json.loads(manifest)["layers"]]


# -- output streams -----------------------------------------------------------------------------
@pytest.mark.skopeo_differs("skopeo prints progress on stdout; periscope keeps stdout clean")
def test_progress_goes_to_stderr_and_stdout_stays_empty(periscope, images, tmp_path):
    result = copy(periscope, images["sample"].oci_ref, f"dir:{tmp_path / 'd'}")
    assert result.returncode == 0, result.describe()
    assert result.stdout == ""
    assert "Copying blob sha256:" in result.stderr
    assert "Writing manifest to image destination" in result.stderr


def test_progress_names_every_blob_and_the_config(periscope, images, tmp_path):
    result = copy(periscope, images["sample"].oci_ref, f"dir:{tmp_path / 'd'}", check=True)
    text = progress_text(result)
    image = images["sample"].images[0]
    for layer in image.layers:
        assert f"Copying blob {layer['digest']}" in text, result.describe()
    assert f"Copying config {compare.sha256_digest(image.config)}" in text, result.describe()
    # skopeo's order, though the config now travels alongside the layers: blobs, config, manifest.
    lines = text.splitlines()
    config_at = next(i for i, line in enumerate(lines) if line.startswith("Copying config"))
    assert all(i < config_at for i, line in enumerate(lines) if line.startswith("Copying blob")), text
    assert lines.index("Writing manifest to image destination") > config_at, text


class _SlowLayerProxy:
    """Wraps a ForwardingProxy: GETs of `slow_path` are held for `delay` seconds; records when each
    blob request arrived and when each finished."""

    def __init__(self, upstream_host, slow_path, delay):
        import threading
        import time
        from harness.forwarding_proxy import ForwardingProxy

        events, lock = [], threading.Lock()

        class Proxy(ForwardingProxy):
            def fetch(self, method, path, headers, body=b"", host=None):
                with lock:
                    events.append(("arrived", path, time.monotonic()))
                if method == "GET" and path == slow_path:
                    time.sleep(delay)
                answer = super().fetch(method, path, headers, body, host)
                with lock:
                    events.append(("finished", path, time.monotonic()))
                return answer

        self.proxy, self.events = Proxy(upstream_host), events


def test_config_travels_alongside_the_layers(periscope, plain_registry, images, tmp_path):
    """The config is fetched while a (held back) layer is still in flight, not after it."""
    image = images["sample"].images[0]
    layer = image.layers[0]["digest"]
    config = compare.sha256_digest(image.config)
    slow = _SlowLayerProxy(plain_registry.host, f"/v2/sample/blobs/{layer}", delay=1.0)
    slow.proxy.start()
    try:
        copy(periscope, "-q", slow.proxy.ref("sample:latest"), f"dir:{tmp_path / 'd'}", check=True)
    finally:
        slow.proxy.stop()
    times = {(kind, path): t for kind, path, t in slow.events}
    config_arrived = times[("arrived", f"/v2/sample/blobs/{config}")]
    layer_finished = times[("finished", f"/v2/sample/blobs/{layer}")]
    assert config_arrived < layer_finished, slow.events


def test_quiet_prints_nothing(periscope, images, tmp_path):
    result = copy(periscope, "-q", images["sample"].oci_ref, f"dir:{tmp_path / 'd'}")
    assert result.returncode == 0, result.describe()
    assert (result.stdout, result.stderr) == ("", "")


# -- digest preservation ------------------------------------------------------------------------
def test_registry_to_registry_keeps_the_manifest_digest(periscope, plain_registry, images, request):
    repo = _repo(request, "keep")
    copy(periscope, "-q", plain_registry.ref("sample:latest"), plain_registry.ref(f"{repo}:latest"),
         check=True)
    assert _registry_digest(plain_registry, repo) == images["sample"].digest


@pytest.mark.parametrize("via", ["oci", "dir"])
def test_round_trip_through_a_local_layout_keeps_the_digest(periscope, plain_registry, images,
                                                            request, tmp_path, via):
    middle = f"oci:{tmp_path / 'mid'}:latest" if via == "oci" else f"dir:{tmp_path / 'mid'}"
    repo = _repo(request, "round")
    copy(periscope, "-q", plain_registry.ref("sample:latest"), middle, check=True)
    copy(periscope, "-q", middle, plain_registry.ref(f"{repo}:latest"), check=True)
    assert _registry_digest(plain_registry, repo) == images["sample"].digest


def test_v2s2_round_trip_through_dir_keeps_the_digest(periscope, plain_registry, request, tmp_path):
    original = compare.sha256_digest(seed.pushed_v2s2_manifest(plain_registry))
    repo = _repo(request, "round")
    copy(periscope, "-q", plain_registry.ref("dockerish:latest"), f"dir:{tmp_path / 'mid'}",
         check=True)
    copy(periscope, "-q", f"dir:{tmp_path / 'mid'}", plain_registry.ref(f"{repo}:latest"),
         check=True)
    assert _registry_digest(plain_registry, repo) == original


def test_preserve_digests_refuses_a_needed_conversion(periscope, images, tmp_path):
    archive = tmp_path / "out.tar"
    result = copy(periscope, "--preserve-digests", images["sample"].oci_ref,
                  f"docker-archive:{archive}")
    assert result.returncode == 1, result.describe()
    compare.assert_short_error(result)
    assert not archive.exists(), "a failed copy left an archive behind"


@pytest.mark.parametrize("source,fmt", [("sample", "v2s2"), ("dockerish", "oci"),
                                        ("sample", "oci"), ("dockerish", "v2s2")])
def test_format_conversion_gives_skopeos_bytes(periscope, skopeo, plain_registry, tmp_path,
                                               source, fmt):
    src = plain_registry.ref(f"{source}:latest")
    copy(periscope, "-q", "--format", fmt, src, f"dir:{tmp_path / 'p'}", check=True)
    copy(skopeo, "-q", "--format", fmt, src, f"dir:{tmp_path / 's'}", check=True)
    assert (tmp_path / "p" / "manifest.json").read_bytes() == \
        (tmp_path / "s" / "manifest.json").read_bytes()
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == \
        sorted(p.name for p in (tmp_path / "s").iterdir())


def test_format_conversion_to_a_registry_matches_skopeos_digest(periscope, skopeo, plain_registry,
                                                                request):
    ours, theirs = _repo(request, "fmt-p"), _repo(request, "fmt-s")
    src = plain_registry.ref("sample:latest")
    copy(periscope, "-q", "--format", "v2s2", src, plain_registry.ref(f"{ours}:latest"), check=True)
    copy(skopeo, "-q", "--format", "v2s2", src, plain_registry.ref(f"{theirs}:latest"), check=True)
    assert _registry_digest(plain_registry, ours) == _registry_digest(plain_registry, theirs)


# -- compression --------------------------------------------------------------------------------
def test_dest_compress_format_zstd_writes_zstd_layers_skopeo_reads(periscope, skopeo, images,
                                                                   tmp_path):
    layout = tmp_path / "z"
    copy(periscope, "-q", "--dest-compress-format", "zstd", images["sample"].oci_ref,
         f"oci:{layout}:latest", check=True)
    _, manifest = oci_top(layout)
    assert set(_layer_types(manifest)) == {OCI_LAYER_ZSTD}
    copy(skopeo, "-q", f"oci:{layout}:latest", f"dir:{tmp_path / 'back'}", check=True)


def test_dest_decompress_stores_plain_tar_layers(periscope, skopeo, images, tmp_path):
    copy(periscope, "-q", "--dest-decompress", images["sample"].oci_ref, f"dir:{tmp_path / 'd'}",
         check=True)
    manifest = json.loads((tmp_path / "d" / "manifest.json").read_bytes())
    assert {layer["mediaType"] for layer in manifest["layers"]} == {OCI_LAYER}
    diff_ids = images["sample"].images[0].config_json["rootfs"]["diff_ids"]
    assert [layer["digest"] for layer in manifest["layers"]] == diff_ids
    copy(skopeo, "-q", f"dir:{tmp_path / 'd'}", f"dir:{tmp_path / 'back'}", check=True)


def test_dest_compress_gzips_plain_layers(periscope, skopeo, images, tmp_path):
    copy(skopeo, "-q", "--dest-decompress", images["sample"].oci_ref, f"dir:{tmp_path / 'plain'}",
         check=True)
    copy(periscope, "-q", "--dest-compress", f"dir:{tmp_path / 'plain'}", f"dir:{tmp_path / 'gz'}",
         check=True)
    manifest = (tmp_path / "gz" / "manifest.json").read_bytes()
    assert set(_layer_types(manifest)) == {OCI_LAYER_GZIP}
    copy(skopeo, "-q", f"dir:{tmp_path / 'gz'}", f"oci:{tmp_path / 'back'}:x", check=True)


# -- multi-arch ---------------------------------------------------------------------------------
@pytest.mark.parametrize("flags", [("--all",), ("--multi-arch", "all")])
def test_all_copies_the_index_and_every_instance(periscope, plain_registry, images, request, flags):
    repo = _repo(request, "all")
    copy(periscope, "-q", *flags, plain_registry.ref("multi:latest"),
         plain_registry.ref(f"{repo}:latest"), check=True)
    assert _registry_digest(plain_registry, repo) == images["multi"].digest
    for image in images["multi"].images:
        assert _registry_digest(plain_registry, repo, image.digest) == image.digest


@pytest.mark.parametrize("flags", [(), ("--multi-arch", "system")])
def test_system_copies_only_the_hosts_instance(periscope, images, tmp_path, flags):
    copy(periscope, "-q", *flags, images["multi"].oci_ref, f"dir:{tmp_path / 'd'}", check=True)
    amd64 = images["multi"].images[0]
    assert manifest_digest(tmp_path / "d" / "manifest.json") == amd64.digest


def test_index_only_copies_the_index_without_instances(periscope, images, tmp_path):
    layout = tmp_path / "o"
    copy(periscope, "-q", "--multi-arch", "index-only", images["multi"].oci_ref,
         f"oci:{layout}:latest", check=True)
    desc, _ = oci_top(layout)
    assert desc["digest"] == images["multi"].digest
    blobs = {p.name for p in (layout / "blobs" / "sha256").iterdir()}
    assert not {i.digest.split(":")[1] for i in images["multi"].images} & blobs


def test_all_and_multi_arch_together_are_refused(periscope, images, tmp_path):
    result = copy(periscope, "--all", "--multi-arch", "all", images["multi"].oci_ref,
                  f"dir:{tmp_path / 'd'}")
    assert result.returncode == 1, result.describe()
    assert "Cannot use --all and --multi-arch flags together" in compare.error_text(result)
    assert not (tmp_path / "d").exists()


# -- digest file, archive tags, stdout -----------------------------------------------------------
def test_digestfile_holds_the_digest_without_newline(periscope, images, tmp_path):
    path = tmp_path / "digest"
    copy(periscope, "-q", "--digestfile", path, images["sample"].oci_ref, f"dir:{tmp_path / 'd'}",
         check=True)
    assert path.read_text() == images["sample"].digest
    assert path.stat().st_mode & 0o777 == 0o644


def _archive_manifest(data: bytes) -> list:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def test_additional_tags_are_normalized_into_repo_tags(periscope, images, tmp_path):
    archive = tmp_path / "a.tar"
    copy(periscope, "-q", "--additional-tag", "foo/bar:1", "--additional-tag", "example.com/x:2",
         images["sample"].oci_ref, f"docker-archive:{archive}:a/b:c", check=True)
    assert _archive_manifest(archive.read_bytes())[0]["RepoTags"] == \
        ["docker.io/a/b:c", "docker.io/foo/bar:1", "example.com/x:2"]


def _stdout_archive_is_valid(tool, skopeo, result, images, tmp_path):
    assert result.returncode == 0, result.describe()
    entry = _archive_manifest(result.stdout_bytes)[0]
    assert entry["Config"] == compare.sha256_digest(images["sample"].images[0].config)[7:] + ".json"
    saved = tmp_path / "saved.tar"
    saved.write_bytes(result.stdout_bytes)
    copy(skopeo, "-q", f"docker-archive:{saved}", f"dir:{tmp_path / 'back'}", check=True)


def test_docker_archive_to_dev_stdout_quiet(periscope, skopeo, images, tmp_path):
    result = copy(periscope, "-q", images["sample"].oci_ref, "docker-archive:/dev/stdout")
    _stdout_archive_is_valid(periscope, skopeo, result, images, tmp_path)


@pytest.mark.skopeo_differs("skopeo's progress lines on stdout corrupt the archive")
def test_docker_archive_to_dev_stdout_with_progress(periscope, skopeo, images, tmp_path):
    result = copy(periscope, images["sample"].oci_ref, "docker-archive:/dev/stdout")
    _stdout_archive_is_valid(periscope, skopeo, result, images, tmp_path)


# -- signatures ---------------------------------------------------------------------------------
@pytest.fixture
def signed_dir(skopeo, images, tmp_path):
    """A dir: image with a fake signature-1 (never verified under --insecure-policy); a first
    byte >= 0x80 (an OpenPGP packet tag) marks it as a simple-signing signature."""
    path = tmp_path / "signed"
    copy(skopeo, "-q", images["sample"].oci_ref, f"dir:{path}", check=True)
    (path / "signature-1").write_bytes(FAKE_SIGNATURE)
    return path


def test_signatures_are_copied(periscope, signed_dir, tmp_path):
    copy(periscope, "-q", f"dir:{signed_dir}", f"dir:{tmp_path / 'out'}", check=True)
    assert (tmp_path / "out" / "signature-1").read_bytes() == FAKE_SIGNATURE


def test_remove_signatures_drops_them(periscope, signed_dir, tmp_path):
    copy(periscope, "-q", "--remove-signatures", f"dir:{signed_dir}", f"dir:{tmp_path / 'out'}",
         check=True)
    assert (tmp_path / "out" / "manifest.json").exists()
    assert not list((tmp_path / "out").glob("signature-*"))


# -- credentials ----------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["basic_registry", "token_registry"])
def test_src_creds_pull_from_an_authenticated_registry(periscope, request, tmp_path, images, which):
    reg = request.getfixturevalue(which)
    result = copy(periscope, "-q", "--src-creds", reg.creds, reg.ref("sample:latest"),
                  f"dir:{tmp_path / 'd'}")
    assert result.returncode == 0, result.describe()
    assert manifest_digest(tmp_path / "d" / "manifest.json") == images["sample"].digest


@pytest.mark.parametrize("which", ["basic_registry", "token_registry"])
def test_dest_creds_push_to_an_authenticated_registry(periscope, request, images, which):
    reg = request.getfixturevalue(which)
    repo = _repo(request, "pushed")
    result = copy(periscope, "-q", "--dest-creds", reg.creds, images["sample"].oci_ref,
                  reg.ref(f"{repo}:latest"))
    assert result.returncode == 0, result.describe()
    compare.assert_no_secrets(result, compare.secrets_for(reg.user, reg.password))
    assert _registry_digest(reg, repo) == images["sample"].digest


def test_push_without_creds_is_refused(periscope, basic_registry, images, request):
    result = copy(periscope, "-q", images["sample"].oci_ref,
                  basic_registry.ref(f"{_repo(request, 'anon')}:latest"))
    assert result.returncode == 1, result.describe()
    compare.assert_short_error(result)


# -- blob reuse ---------------------------------------------------------------------------------
def _uploaded_digests(requests: list, repo: str) -> set:
    """Digests of blobs completed by upload (the final PUT .../blobs/uploads/...?digest=)."""
    done = set()
    for method, path in requests:
        url = urllib.parse.urlsplit(path)
        if method == "PUT" and url.path.startswith(f"/v2/{repo}/blobs/uploads/"):
            done.update(urllib.parse.parse_qs(url.query).get("digest", []))
    return done


def _mount_into_new_repo(periscope, proxy, request) -> tuple:
    repo = _repo(request, "mounted")
    proxy.reset()
    copy(periscope, "-q", proxy.ref("sample:latest"), proxy.ref(f"{repo}:latest"), check=True)
    return repo, proxy.snapshot()


def test_same_registry_copy_mounts_layers_instead_of_uploading(periscope, recorded_registry,
                                                               images, request):
    repo, requests = _mount_into_new_repo(periscope, recorded_registry, request)
    layers = {layer["digest"] for layer in images["sample"].images[0].layers}
    assert not _uploaded_digests(requests, repo) & layers, requests
    assert len([p for m, p in requests if m == "POST" and "mount=" in p]) >= len(layers)
    assert [p for m, p in requests if m == "PUT" and "/manifests/" in p] == \
        [f"/v2/{repo}/manifests/latest"]


@pytest.mark.skopeo_differs("1.9.3 uploads the config blob instead of mounting it")
def test_same_registry_copy_uploads_no_blob_at_all(periscope, recorded_registry, request):
    repo, requests = _mount_into_new_repo(periscope, recorded_registry, request)
    assert _upload_requests(requests, repo) == [], requests


def _upload_requests(requests: list, repo: str) -> list:
    return [(m, p) for m, p in requests
            if m in ("PATCH", "PUT") and p.startswith(f"/v2/{repo}/blobs/uploads/")]


def test_second_copy_uploads_no_blob(periscope, recorded_registry, request, tmp_path):
    layout = unique_image(tmp_path, layer_count=2)   # blobs no registry has seen
    repo = _repo(request, "again")
    copy(periscope, "-q", f"oci:{layout}:latest", recorded_registry.ref(f"{repo}:latest"),
         check=True)
    assert _upload_requests(recorded_registry.snapshot(), repo), "first copy uploaded nothing?"
    recorded_registry.reset()
    copy(periscope, "-q", f"oci:{layout}:latest", recorded_registry.ref(f"{repo}:latest"),
         check=True)
    assert _upload_requests(recorded_registry.snapshot(), repo) == []


@pytest.mark.skopeo_differs("1.9.3 reports skipped blobs only on a terminal")
def test_second_copy_reports_skipped_blobs(periscope, plain_registry, request, tmp_path):
    layout = unique_image(tmp_path, layer_count=2)
    dest = plain_registry.ref(f"{_repo(request, 'again')}:latest")
    first = copy(periscope, f"oci:{layout}:latest", dest, check=True)
    assert "skipped: already exists" not in progress_text(first), first.describe()
    second = copy(periscope, f"oci:{layout}:latest", dest, check=True)
    _, manifest = oci_top(layout)
    for layer in json.loads(manifest)["layers"]:
        assert f"Copying blob {layer['digest']} skipped: already exists" in \
            progress_text(second), second.describe()
