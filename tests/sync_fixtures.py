"""Helpers of the test_sync*.py files (and bench/sync_bench.py): tiny distinct images pushed
straight through the registry API (fast enough for hundreds), fresh registries, sync runners."""
import dataclasses
import gzip
import hashlib
import io
import json
import pathlib
import random
import tarfile

import pytest

from harness.registry import Registry, start_registry

DOCKER_V2S2 = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
TLS_OFF = ("--src-tls-verify=false", "--dest-tls-verify=false")
STAGING_MARK = ".periscope-"


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclasses.dataclass
class TinyImage:
    manifest: bytes
    blobs: dict            # digest -> bytes (config and layers)
    media_type: str = DOCKER_V2S2

    @property
    def digest(self) -> str:
        return _digest(self.manifest)


def tiny_image(seed: int, layer_size: int = 512, layers: int = 1) -> TinyImage:
    """A schema 2 image whose content depends only on `seed` (distinct seeds: distinct blobs)."""
    rng = random.Random(seed)
    blobs, descriptors, diff_ids = {}, [], []
    for i in range(layers):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
            data = rng.randbytes(layer_size)
            info = tarfile.TarInfo(f"file-{seed}-{i}")
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
        raw = buf.getvalue()
        gz = gzip.compress(raw, mtime=0)
        blobs[_digest(gz)] = gz
        descriptors.append({"mediaType": DOCKER_LAYER, "size": len(gz), "digest": _digest(gz)})
        diff_ids.append(_digest(raw))
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Env": [f"SEED={seed}"]},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}},
                        separators=(",", ":")).encode()
    blobs[_digest(config)] = config
    manifest = json.dumps({"schemaVersion": 2, "mediaType": DOCKER_V2S2,
                           "config": {"mediaType": DOCKER_CONFIG, "size": len(config),
                                      "digest": _digest(config)},
                           "layers": descriptors}, indent=3).encode()
    return TinyImage(manifest, blobs)


def push_blob(reg: Registry, repo: str, digest: str, data: bytes) -> None:
    status, _, _ = reg.request("HEAD", f"/v2/{repo}/blobs/{digest}")
    if status == 200:
        return
    status, headers, body = reg.request("POST", f"/v2/{repo}/blobs/uploads/", data=b"")
    assert status == 202, f"starting upload to {repo}: {status} {body[:200]!r}"
    location = headers.get("Location") or headers.get("location")
    if location.startswith("http"):
        location = "/" + location.split("/", 3)[3]
    sep = "&" if "?" in location else "?"
    status, _, body = reg.request("PUT", f"{location}{sep}digest={digest}", data=data,
                                  headers={"Content-Type": "application/octet-stream"},
                                  scope=f"repository:{repo}:pull,push")
    assert status == 201, f"uploading {digest} to {repo}: {status} {body[:200]!r}"


def push(reg: Registry, repo: str, tag: str, image: TinyImage) -> None:
    for digest, data in image.blobs.items():
        push_blob(reg, repo, digest, data)
    reg.put_manifest(repo, tag, image.manifest, image.media_type)


def manifest_digest_at(reg: Registry, repo: str, tag: str) -> str:
    """The digest of the manifest stored under repo:tag ("" when absent)."""
    status, headers, _ = reg.request("HEAD", f"/v2/{repo}/manifests/{tag}",
                                     headers={"Accept": DOCKER_V2S2 + ", application/vnd.oci.image.manifest.v1+json, "
                                              "application/vnd.oci.image.index.v1+json, "
                                              "application/vnd.docker.distribution.manifest.list.v2+json"})
    if status != 200:
        return ""
    return headers.get("Docker-Content-Digest") or headers.get("docker-content-digest") or ""


def repo_tags(reg: Registry, repo: str) -> set:
    status, _, body = reg.request("GET", f"/v2/{repo}/tags/list")
    if status != 200:
        return set()
    return set(json.loads(body).get("tags") or [])


def dir_digest(image_dir: pathlib.Path) -> str:
    return _digest((image_dir / "manifest.json").read_bytes())


def image_dirs(root: pathlib.Path) -> set:
    """Relative paths of the image folders below `root` (those holding manifest.json)."""
    return {str(p.parent.relative_to(root)) for p in root.rglob("manifest.json")}


def staging_leftovers(root: pathlib.Path) -> list:
    return [str(p) for p in root.rglob("*") if STAGING_MARK in p.name]


@pytest.fixture
def registry_factory(tmp_path):
    """Starts fresh registries (stopped after the test): factory(name, **start_registry kwargs)."""
    started = []

    def make(name: str = "reg", **kwargs) -> Registry:
        reg = start_registry(tmp_path / f"registry-{name}-{len(started)}", **kwargs)
        started.append(reg)
        return reg
    yield make
    for reg in started:
        reg.stop()


def sync(tool, *args, timeout: float = 300):
    return tool("sync", *args, timeout=timeout)


def log_messages(stderr: str) -> list:
    """The msg="…" texts of logrus-formatted lines."""
    out = []
    for line in stderr.splitlines():
        if " msg=" not in line:
            continue
        rest = line.split(" msg=", 1)[1]
        if rest.startswith('"'):
            out.append(json.loads(rest[:_end_of_quoted(rest) + 1]))
        else:
            out.append(rest.split(" ", 1)[0])
    return out


def _end_of_quoted(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    return len(text) - 1
