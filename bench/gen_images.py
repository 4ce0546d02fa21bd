#!/usr/bin/python3
"""Writes benchmark images as OCI image layouts, streaming: no layer is ever held in memory.

Layer content comes from a seeded PRNG (incompressible, but the same bytes on every run, so the
digests are stable and a finished layout can be reused). Each blob is written to a temporary file
inside blobs/sha256 while its sha256 is computed, then renamed to its digest.

Usage: gen_images.py OUTDIR [--quick]   (prints a JSON summary: image name -> layout, digest)
"""
import gzip
import hashlib
import json
import os
import pathlib
import random
import sys
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
REF_NAME = "org.opencontainers.image.ref.name"
CREATED = "2024-01-02T03:04:05Z"
CHUNK = 1 << 20
STAMP = ".complete"   # written last: a layout without it is rebuilt


class _RandomReader:
    """A file-like object yielding `size` pseudo-random bytes from `seed`, a chunk at a time."""

    def __init__(self, seed: int, size: int):
        self._rng = random.Random(seed)
        self._left = size

    def read(self, n: int = CHUNK) -> bytes:
        n = min(n if n and n > 0 else CHUNK, self._left)
        self._left -= n
        return self._rng.randbytes(n)


class _HashingWriter:
    """Writes to a file while hashing what passes through (the compressed blob)."""

    def __init__(self, fileobj):
        self._file = fileobj
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self._file.write(data)

    def flush(self):
        self._file.flush()


class _TarHasher:
    """Sits between tarfile and gzip: hashes the uncompressed tar stream (the diff ID)."""

    def __init__(self, sink):
        self._sink = sink
        self.sha = hashlib.sha256()

    def write(self, data) -> int:
        self.sha.update(data)
        return self._sink.write(data)


class Blobs:
    def __init__(self, layout: pathlib.Path):
        self.dir = layout / "blobs" / "sha256"
        self.dir.mkdir(parents=True, exist_ok=True)

    def _commit(self, tmp: pathlib.Path, hex_digest: str) -> None:
        os.replace(tmp, self.dir / hex_digest)

    def put_bytes(self, data: bytes, media_type: str) -> dict:
        hex_digest = hashlib.sha256(data).hexdigest()
        tmp = self.dir / f".tmp-{os.getpid()}"
        tmp.write_bytes(data)
        self._commit(tmp, hex_digest)
        return {"mediaType": media_type, "digest": "sha256:" + hex_digest, "size": len(data)}

    def put_layer(self, files: list, level: int = 1) -> tuple:
        """A gzip layer of `files` [(name, seed, size)]; returns (descriptor, diff_id)."""
        tmp = self.dir / f".tmp-{os.getpid()}"
        with open(tmp, "wb") as raw:
            out = _HashingWriter(raw)
            with gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=out,
                               mtime=0) as gz:
                tar_hash = _TarHasher(gz)
                with tarfile.open(fileobj=tar_hash, mode="w|", format=tarfile.PAX_FORMAT,
                                  bufsize=CHUNK) as tar:
                    for name, seed, size in files:
                        info = tarfile.TarInfo(name)
                        info.size, info.mode, info.mtime = size, 0o644, 0
                        tar.addfile(info, _RandomReader(seed, size))
            raw.flush()
            os.fsync(raw.fileno())
        hex_digest = out.sha.hexdigest()
        self._commit(tmp, hex_digest)
        desc = {"mediaType": OCI_LAYER_GZIP, "digest": "sha256:" + hex_digest, "size": out.size}
        return desc, "sha256:" + tar_hash.sha.hexdigest()


def _compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def build_image(blobs: Blobs, name: str, seed: int, layers: list, platform: dict,
                level: int = 1) -> dict:
    """One image manifest; `layers` is a list of per-layer file lists [(name, size)]."""
    descs, diff_ids = [], []
    for i, files in enumerate(layers):
        spec = [(f"data/{name}/{i}/{fname}", seed * 1000 + i * 100 + j, size)
                for j, (fname, size) in enumerate(files)]
        desc, diff_id = blobs.put_layer(spec, level)
        descs.append(desc)
        diff_ids.append(diff_id)
    config = {"created": CREATED, **platform,
              "config": {"Env": ["PATH=/usr/bin:/bin"], "Cmd": ["/bin/true"],
                         "Labels": {"bench.image": name}},
              "rootfs": {"type": "layers", "diff_ids": diff_ids},
              "history": [{"created": CREATED, "created_by": f"layer {i}"}
                          for i in range(len(layers))]}
    config_desc = blobs.put_bytes(_compact(config), OCI_CONFIG)
    manifest = _compact({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config_desc,
                         "layers": descs})
    desc = blobs.put_bytes(manifest, OCI_MANIFEST)
    desc["platform"] = platform
    return desc


def write_index(layout: pathlib.Path, desc: dict, tag: str) -> None:
    entry = {k: desc[k] for k in ("mediaType", "digest", "size")}
    entry["annotations"] = {REF_NAME: tag}
    (layout / "oci-layout").write_text('{"imageLayoutVersion":"1.0.0"}')
    (layout / "index.json").write_bytes(_compact({"schemaVersion": 2, "manifests": [entry]}))


AMD64 = {"architecture": "amd64", "os": "linux"}
PLATFORMS = [AMD64, {"architecture": "arm64", "os": "linux", "variant": "v8"},
             {"architecture": "ppc64le", "os": "linux"}]


def big_image(layout: pathlib.Path, layer_count: int, layer_size: int, seed: int = 1,
              level: int = 1) -> dict:
    """`layer_count` layers of one incompressible file of `layer_size` bytes each (gzip `level`
    0 stores them, which is quicker to make when only the size matters)."""
    blobs = Blobs(layout)
    desc = build_image(blobs, layout.name, seed, [[("blob.bin", layer_size)]] * layer_count, AMD64,
                       level)
    write_index(layout, desc, "latest")
    return desc


def small_layers_image(layout: pathlib.Path, layer_count: int, seed: int = 2) -> dict:
    """Many layers of a few small files (4-64 KiB), as a typical language-runtime image."""
    rng = random.Random(seed)
    layers = [[(f"f{j}", rng.randint(4, 64) << 10) for j in range(rng.randint(1, 6))]
              for _ in range(layer_count)]
    blobs = Blobs(layout)
    desc = build_image(blobs, layout.name, seed, layers, AMD64)
    write_index(layout, desc, "latest")
    return desc


def multi_platform_image(layout: pathlib.Path, layer_size: int, seed: int = 3) -> dict:
    """An OCI index of three platforms, each with two layers of `layer_size` bytes."""
    blobs = Blobs(layout)
    entries = [build_image(blobs, f"{layout.name}-{p['architecture']}", seed + i,
                           [[("a.bin", layer_size)], [("b.bin", layer_size // 4)]], p)
               for i, p in enumerate(PLATFORMS)]
    index = _compact({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries})
    desc = blobs.put_bytes(index, OCI_INDEX)
    write_index(layout, desc, "latest")
    return desc


def sizes(quick: bool) -> dict:
    mib = 1 << 20
    if quick:
        return {"big": (5, 2 * mib), "small_layers": 8, "multi": mib}
    return {"big": (5, 60 * mib), "small_layers": 60, "multi": 10 * mib}


def build_all(out: pathlib.Path, quick: bool = False) -> dict:
    """Builds (or reuses, when complete) the three benchmark layouts under `out`."""
    spec = sizes(quick)
    builders = {
        "big": lambda p: big_image(p, *spec["big"]),
        "small-layers": lambda p: small_layers_image(p, spec["small_layers"]),
        "multi": lambda p: multi_platform_image(p, spec["multi"]),
    }
    result = {}
    for name, build in builders.items():
        layout = out / name
        stamp = layout / STAMP
        if stamp.exists():
            result[name] = json.loads(stamp.read_text())
            continue
        if layout.exists():
            import shutil
            shutil.rmtree(layout)
        desc = build(layout)
        info = {"layout": str(layout), "ref": f"oci:{layout}:latest", "digest": desc["digest"]}
        stamp.write_text(json.dumps(info))
        result[name] = info
    return result


def main(argv) -> int:
    args = [a for a in argv[1:] if a != "--quick"]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 1
    print(json.dumps(build_all(pathlib.Path(args[0]), quick="--quick" in argv), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
