"""Fixtures and helpers shared by the test_copy_*.py files (import the fixtures you use)."""
import gzip
import hashlib
import io
import json
import pathlib
import secrets
import subprocess
import sys
import tarfile

import pytest

from harness import cli, compare
from harness.forwarding_proxy import ForwardingProxy
from harness.registry import start_registry

sys.path.insert(0, str(cli.REPO_ROOT / "bench"))
import gen_images  # noqa: E402

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd"
TRANSPORTS = ["docker", "dir", "oci", "oci-archive", "docker-archive"]
TLS_OFF = ("--src-tls-verify=false", "--dest-tls-verify=false")


# A forwarding proxy that records (method, path) of every request (tests/harness/forwarding_proxy.py).
RecordingProxy = ForwardingProxy


def copy(tool, *args, **kwargs) -> cli.Result:
    """`tool copy` with the policy check off and plain-HTTP registries allowed on both sides."""
    return tool("--insecure-policy", "copy", *TLS_OFF, *args, **kwargs)


def is_skopeo(result: cli.Result) -> bool:
    return pathlib.Path(result.args[0]).resolve().name.startswith("skopeo")


def progress_text(result: cli.Result) -> str:
    """Progress lines: periscope writes them to stderr (stdout stays free for an archive),
    skopeo to stdout. test_copy_flags.py checks the stream itself."""
    return result.stdout if is_skopeo(result) else result.stderr


def manifest_digest(path: pathlib.Path) -> str:
    return compare.sha256_digest(path.read_bytes())


def oci_top(layout: pathlib.Path, index: int = 0) -> tuple:
    """(descriptor, manifest bytes) of index.json's entry `index` in an OCI layout."""
    desc = json.loads((layout / "index.json").read_bytes())["manifests"][index]
    blob = layout / "blobs" / "sha256" / desc["digest"].split(":", 1)[1]
    return desc, blob.read_bytes()


def tree_snapshot(root: pathlib.Path) -> dict:
    """Relative path -> sha256 of every file under `root` (symlinks by target)."""
    snap = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            snap[rel] = "->" + str(path.readlink())
        elif path.is_file():
            snap[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return snap


def assert_only_complete_blobs_added(before: dict, layout: pathlib.Path) -> None:
    """A failed copy into an existing OCI layout may leave whole, verified blobs behind (they are
    content-addressed) but must not change any existing file or leave temporary files."""
    after = tree_snapshot(layout)
    for rel, digest in before.items():
        assert after.get(rel) == digest, f"{rel} changed or vanished after a failed copy"
    for rel in set(after) - set(before):
        name = pathlib.PurePath(rel)
        assert name.parent == pathlib.PurePath("blobs/sha256"), f"unexpected file {rel}"
        assert after[rel] == name.name, f"{rel} is not a complete blob (content digest differs)"


def unique_image(out: pathlib.Path, layer_count: int = 2,
                 layer_size: int = 64 << 10) -> pathlib.Path:
    """An OCI layout whose blobs exist nowhere else (random seed), so no registry can reuse them."""
    layout = out / f"unique-{secrets.token_hex(4)}"
    gen_images.big_image(layout, layer_count, layer_size, seed=secrets.randbits(40))
    return layout


def _tar_bytes(files: dict) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def uncompressed_image(layout: pathlib.Path) -> pathlib.Path:
    """An OCI layout whose first layer is a plain tar and whose second is gzip."""
    blobs = gen_images.Blobs(layout)
    plain = _tar_bytes({"opt/plain/a.txt": b"uncompressed layer\n" * 200})
    packed = _tar_bytes({"opt/packed/b.txt": b"gzip layer\n" * 300})
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0) as out:
        out.write(packed)
    layers = [blobs.put_bytes(plain, OCI_LAYER), blobs.put_bytes(gz.getvalue(), OCI_LAYER_GZIP)]
    config = {"created": "2024-01-02T03:04:05Z", "architecture": "amd64", "os": "linux",
              "config": {"Cmd": ["/bin/sh"], "Labels": {"kind": "uncompressed"}},
              "rootfs": {"type": "layers", "diff_ids": [compare.sha256_digest(plain),
                                                        compare.sha256_digest(packed)]}}
    config_desc = blobs.put_bytes(json.dumps(config, separators=(",", ":")).encode(), OCI_CONFIG)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config_desc,
                           "layers": layers}, separators=(",", ":")).encode()
    gen_images.write_index(layout, blobs.put_bytes(manifest, OCI_MANIFEST), "latest")
    return layout


def skopeo_seed(base_env, *args) -> None:
    proc = subprocess.run([cli.SKOPEO_BIN, "--insecure-policy", "copy", "-q", *TLS_OFF, *args],
                          env=base_env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"seeding with skopeo copy {' '.join(args)}:\n{proc.stderr}")


@pytest.fixture(scope="session")
def copy_images(work_root, images, base_env) -> dict:
    """Extra source layouts: 'uncompressed' (a plain tar layer) and 'zstd' (sample recompressed
    by skopeo --dest-compress-format zstd)."""
    out = work_root / "copy-images"
    out.mkdir(exist_ok=True)
    zstd = out / "zstd"
    skopeo_seed(base_env, "--dest-compress-format", "zstd", images["sample"].oci_ref,
                f"oci:{zstd}:latest")
    return {"uncompressed": uncompressed_image(out / "uncompressed"), "zstd": zstd}


@pytest.fixture(scope="session")
def big_layout(work_root) -> pathlib.Path:
    """~96 MB of incompressible layers: a copy of it takes long enough to be interrupted."""
    layout = work_root / "copy-big"
    gen_images.big_image(layout, 3, 32 << 20, seed=77, level=0)
    return layout


@pytest.fixture
def own_registry(tmp_path):
    """A registry for this test alone (it may be killed and restarted on the same storage)."""
    regs = [start_registry(tmp_path / "reg")]
    yield regs
    for reg in regs:
        reg.stop()


@pytest.fixture(scope="session")
def recorded_registry(work_root, images, base_env):
    """A registry behind a proxy recording every request; sample is pushed through the proxy,
    so skopeo's blob-info cache knows the blobs' location under the proxy's address."""
    reg = start_registry(work_root / "reg-recorded")
    proxy = RecordingProxy(reg.host).start()
    try:
        skopeo_seed(base_env, images["sample"].oci_ref, proxy.ref("sample:latest"))
        yield proxy
    finally:
        proxy.stop()
        reg.stop()

