"""copy failures: exit 1, one clear stderr line, and nothing half-written left visible."""
import io
import json
import subprocess
import tarfile
import time

import pytest

from copy_fixtures import (TLS_OFF, assert_only_complete_blobs_added, big_layout, copy,  # noqa
                           oci_top, own_registry, tree_snapshot, unique_image)
from harness import compare, registry as registry_mod

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def _fails_cleanly(result, *needles) -> None:
    assert result.returncode == 1, result.describe()
    compare.assert_short_error(result, max_lines=1)
    text = compare.error_text(result)
    for needle in needles:
        assert needle in text, result.describe()


def _flip_a_byte(path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _first_layer(manifest: bytes) -> str:
    return json.loads(manifest)["layers"][0]["digest"]


@pytest.fixture
def corrupt_dir(skopeo, tmp_path):
    """(dir: path, digest of its corrupted layer): an image no registry has seen."""
    path = tmp_path / "corrupt-dir"
    copy(skopeo, "-q", f"oci:{unique_image(tmp_path)}:latest", f"dir:{path}", check=True)
    digest = _first_layer((path / "manifest.json").read_bytes())
    _flip_a_byte(path / digest.split(":")[1])
    return path, digest


@pytest.fixture
def corrupt_oci(tmp_path):
    layout = unique_image(tmp_path)
    digest = _first_layer(oci_top(layout)[1])
    _flip_a_byte(layout / "blobs" / "sha256" / digest.split(":")[1])
    return layout, digest


# -- corrupted sources ----------------------------------------------------------------------------
def test_corrupted_blob_in_dir_source_names_the_digest(periscope, corrupt_dir, tmp_path):
    path, digest = corrupt_dir
    dest = tmp_path / "out"
    _fails_cleanly(copy(periscope, "-q", f"dir:{path}", f"oci:{dest}:latest"), digest)
    assert not (dest / "index.json").exists()
    if dest.exists():
        assert_only_complete_blobs_added({}, dest)


def test_corrupted_blob_in_oci_source_names_the_digest(periscope, corrupt_oci, tmp_path):
    layout, digest = corrupt_oci
    dest = tmp_path / "out"
    _fails_cleanly(copy(periscope, "-q", f"oci:{layout}:latest", f"dir:{dest}"), digest)
    assert not (dest / "manifest.json").exists()


def test_failed_copy_leaves_an_existing_oci_layout_intact(periscope, skopeo, images, corrupt_dir,
                                                          tmp_path):
    layout = tmp_path / "existing"
    copy(skopeo, "-q", images["sample"].oci_ref, f"oci:{layout}:latest", check=True)
    before = tree_snapshot(layout)
    path, _ = corrupt_dir
    assert copy(periscope, "-q", f"dir:{path}", f"oci:{layout}:latest").returncode == 1
    assert_only_complete_blobs_added(before, layout)


def test_failed_copy_leaves_an_existing_oci_archive_byte_identical(periscope, skopeo, images,
                                                                   corrupt_dir, tmp_path):
    archive = tmp_path / "existing.tar"
    copy(skopeo, "-q", images["sample"].oci_ref, f"oci-archive:{archive}:latest", check=True)
    before = archive.read_bytes()
    path, _ = corrupt_dir
    assert copy(periscope, "-q", f"dir:{path}", f"oci-archive:{archive}:latest").returncode == 1
    assert archive.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("existing")] == ["existing.tar"]


def test_failed_copy_to_docker_archive_leaves_no_file(periscope, corrupt_dir, tmp_path):
    path, _ = corrupt_dir
    archive = tmp_path / "new.tar"
    assert copy(periscope, "-q", f"dir:{path}", f"docker-archive:{archive}").returncode == 1
    assert not archive.exists()


def test_failed_copy_does_not_move_a_registry_tag(periscope, plain_registry, images, corrupt_dir,
                                                  request, base_env):
    from harness import seed
    repo = "failed/" + request.node.name[-40:].lower()
    seed.skopeo_copy(plain_registry, images["sample"].oci_ref, f"{repo}:stable", env=base_env)
    path, _ = corrupt_dir
    result = copy(periscope, "-q", f"dir:{path}", plain_registry.ref(f"{repo}:stable"))
    _fails_cleanly(result)
    now = plain_registry.get_manifest(repo, "stable", OCI_MANIFEST)
    assert compare.sha256_digest(now) == images["sample"].digest


# -- archives -------------------------------------------------------------------------------------
@pytest.fixture(params=["oci-archive", "docker-archive"])
def archive(request, skopeo, images, tmp_path):
    """(transport, path of a good archive of sample)."""
    path = tmp_path / f"good.{request.param}.tar"
    copy(skopeo, "-q", images["sample"].oci_ref, f"{request.param}:{path}", check=True)
    return request.param, path


def test_truncated_archive_fails(periscope, archive, tmp_path):
    transport, path = archive
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    _fails_cleanly(copy(periscope, "-q", f"{transport}:{path}", f"dir:{tmp_path / 'out'}"))
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_non_tar_file_as_archive_fails(periscope, archive, tmp_path):
    transport, path = archive
    path.write_bytes(b"this is not a tar archive\n" * 100)
    _fails_cleanly(copy(periscope, "-q", f"{transport}:{path}", f"dir:{tmp_path / 'out'}"))
    assert not (tmp_path / "out" / "manifest.json").exists()


def _with_extra_entries(src, dst, entries) -> None:
    """Copies tar `src` to `dst` and appends `entries`: TarInfo objects, files given as
    (TarInfo, bytes)."""
    with tarfile.open(src) as tar, tarfile.open(dst, "w") as out:
        for member in tar.getmembers():
            out.addfile(member, tar.extractfile(member) if member.isfile() else None)
        for entry in entries:
            info, data = entry if isinstance(entry, tuple) else (entry, None)
            if data is not None:
                info.size = len(data)
            out.addfile(info, io.BytesIO(data) if data is not None else None)


def _file(name, data=b"escaped\n"):
    return tarfile.TarInfo(name), data


def _link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


def _escape_cases(tmp_path) -> dict:
    """name -> (entries, path that must not appear)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    up = "../" * 16
    return {
        "dotdot": ([_file(up + str(outside / "dotdot")[1:])], outside / "dotdot"),
        "absolute": ([_file(str(outside / "absolute"))], outside / "absolute"),
        "relative-symlink": ([_link("evil", up + str(outside)[1:]), _file("evil/rel")],
                             outside / "rel"),
        "absolute-symlink": ([_link("evil", str(outside)), _file("evil/abs")], outside / "abs"),
        "hardlink": ([_link("evil", str(tmp_path / "victim"), tarfile.LNKTYPE)], None),
    }


# skopeo 1.9.3 (containers/storage's untar) puts absolute names under the extraction dir, and
# never looks at entries of a docker-archive it does not need.
_SKOPEO_ACCEPTS = {("oci-archive", "absolute"), ("oci-archive", "absolute-symlink"),
                   ("docker-archive", "dotdot"), ("docker-archive", "absolute"),
                   ("docker-archive", "relative-symlink"), ("docker-archive", "absolute-symlink"),
                   ("docker-archive", "hardlink")}


def _escape_params():
    for transport in ("oci-archive", "docker-archive"):
        for case in ("dotdot", "absolute", "relative-symlink", "absolute-symlink", "hardlink"):
            marks = [pytest.mark.skopeo_differs("1.9.3 accepts or ignores such entries")] \
                if (transport, case) in _SKOPEO_ACCEPTS else []
            yield pytest.param(transport, case, marks=marks, id=f"{transport}-{case}")


@pytest.mark.parametrize("transport,case", _escape_params())
def test_archive_entries_leaving_the_folder_are_refused(periscope, skopeo, images, tmp_path,
                                                        transport, case):
    good = tmp_path / "good.tar"
    copy(skopeo, "-q", images["sample"].oci_ref, f"{transport}:{good}", check=True)
    (tmp_path / "victim").write_bytes(b"do not touch\n")
    entries, forbidden = _escape_cases(tmp_path)[case]
    evil = tmp_path / "evil.tar"
    _with_extra_entries(good, evil, entries)
    result = copy(periscope, "-q", f"{transport}:{evil}", f"dir:{tmp_path / 'out'}")
    if forbidden is not None:
        assert not forbidden.exists(), f"{forbidden} was written outside the archive's folder"
    assert (tmp_path / "victim").read_bytes() == b"do not touch\n"
    _fails_cleanly(result)
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_docker_archive_layer_symlink_leaving_the_archive_fails(periscope, skopeo, images,
                                                               tmp_path):
    good = tmp_path / "good.tar"
    copy(skopeo, "-q", images["sample"].oci_ref, f"docker-archive:{good}", check=True)
    secret = tmp_path / "secret.tar"
    secret.write_bytes(b"x" * 10240)
    evil = tmp_path / "evil.tar"
    with tarfile.open(good) as tar, tarfile.open(evil, "w") as out:
        layer = json.loads(tar.extractfile("manifest.json").read())[0]["Layers"][0]
        for member in tar.getmembers():
            if member.name == layer:
                out.addfile(_link(layer, "../" * 16 + str(secret)[1:]))
            else:
                out.addfile(member, tar.extractfile(member) if member.isfile() else None)
    _fails_cleanly(copy(periscope, "-q", f"docker-archive:{evil}", f"dir:{tmp_path / 'out'}"))


# -- destinations ---------------------------------------------------------------------------------
@pytest.mark.parametrize("transport", ["dir", "oci", "oci-archive", "docker-archive"])
def test_unwritable_destination_fails(periscope, images, tmp_path, transport):
    blocker = tmp_path / "a-file"
    blocker.write_text("a regular file, so nothing can be created under it\n")
    dest = f"{transport}:{blocker / 'sub'}"
    _fails_cleanly(copy(periscope, "-q", images["sample"].oci_ref, dest), str(blocker / "sub"))
    assert blocker.read_text().startswith("a regular file")


@pytest.mark.parametrize("side", ["source", "destination"])
def test_unknown_transport_fails(periscope, images, tmp_path, side):
    args = ["nosuch:thing", f"dir:{tmp_path / 'd'}"] if side == "source" else \
        [images["sample"].oci_ref, "nosuch:thing"]
    _fails_cleanly(copy(periscope, "-q", *args), 'unknown transport "nosuch"')
    assert not (tmp_path / "d").exists()


def test_manifest_of_unknown_type_fails(periscope, skopeo, images, tmp_path):
    src = tmp_path / "src"
    copy(skopeo, "-q", images["sample"].oci_ref, f"dir:{src}", check=True)
    (src / "manifest.json").write_text(
        '{"schemaVersion":3,"mediaType":"application/vnd.example.unknown.v1+json"}')
    dest = tmp_path / "out"
    _fails_cleanly(copy(periscope, "-q", f"dir:{src}", f"oci:{dest}:latest"))
    assert not (dest / "index.json").exists()


# -- a registry dying mid-upload ------------------------------------------------------------------
def _upload_started(reg, repo: str) -> bool:
    uploads = reg.workdir / "storage" / "docker" / "registry" / "v2" / "repositories" / repo
    return any(p.stat().st_size > 0 for p in uploads.glob("_uploads/*/data"))


def test_registry_killed_mid_upload_leaves_no_tag(periscope, big_layout, own_registry):
    reg = own_registry[0]
    argv = [periscope.binary, "--insecure-policy", "copy", "-q", *TLS_OFF,
            f"oci:{big_layout}:latest", reg.ref("big:latest")]
    proc = subprocess.Popen(argv, env=periscope.env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _upload_started(reg, "big"):
        assert proc.poll() is None, "copy ended before any upload started"
        assert time.monotonic() < deadline, "no upload started within 60 s"
        time.sleep(0.02)
    reg.process.kill()          # this test's own registry, by its PID
    reg.process.wait(timeout=10)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr.decode(errors="replace")
    assert len(stderr.decode(errors="replace").strip().splitlines()) == 1, stderr

    back = registry_mod.start_registry(reg.workdir)   # same storage, new port
    own_registry.append(back)
    status, _, body = back.request("GET", "/v2/big/manifests/latest",
                                   headers={"Accept": OCI_MANIFEST})
    assert status == 404, body
