"""copy interop matrix: every seeded image through every source -> destination transport pair.

For each case periscope and skopeo make the same copy; `skopeo inspect` of both results must
agree (including the manifest digest unless a layer had to be compressed, which is not
byte-reproducible across gzip implementations), skopeo must read periscope's result completely,
umoci must unpack periscope's oci: results, and periscope must read skopeo's result.
"""
import json
import subprocess

import pytest

from copy_fixtures import TRANSPORTS, copy, copy_images, skopeo_seed  # noqa: F401

# image -> (flags for the copy, may a docker-archive hold it)
IMAGES = {
    "oci": ((), True),
    "v2s2": ((), True),
    "multi-all": (("--all",), False),
    "multi-system": ((), True),
    "uncompressed": ((), True),
    # skopeo 1.9.3 refuses the OCI -> v2s2 conversion of zstd layers a docker-archive needs
    "zstd": ((), False),
}
# umoci 0.4.7 cannot unpack zstd layers nor an index
UMOCI_SKIP = {"zstd", "multi-all"}


def _cases():
    for image, (_, archive_ok) in IMAGES.items():
        for src in TRANSPORTS:
            for dst in TRANSPORTS:
                if not archive_ok and "docker-archive" in (src, dst):
                    continue
                yield pytest.param(image, src, dst, id=f"{image}:{src}->{dst}")


def _source_kind(image: str) -> str:
    return "multi" if image.startswith("multi") else image


@pytest.fixture(scope="session")
def matrix_sources(work_root, images, copy_images, plain_registry, base_env) -> dict:
    """(image kind, transport) -> reference, seeded with skopeo from each image's origin."""
    out = work_root / "matrix-src"
    out.mkdir(exist_ok=True)
    origins = {
        "oci": (images["sample"].oci_ref, ()),
        "v2s2": (plain_registry.ref("dockerish:latest"), ()),
        "multi": (images["multi"].oci_ref, ("--all",)),
        "uncompressed": (f"oci:{copy_images['uncompressed']}:latest", ()),
        "zstd": (f"oci:{copy_images['zstd']}:latest", ()),
    }
    refs = {}
    for kind, (origin, flags) in origins.items():
        refs[(kind, "docker")] = (plain_registry.ref("dockerish:latest") if kind == "v2s2"
                                  else plain_registry.ref(f"matrix-src/{kind}:latest"))
        refs[(kind, "dir")] = f"dir:{out / kind}-dir"
        refs[(kind, "oci")] = (origin if origin.startswith("oci:")
                               else f"oci:{out / kind}-oci:latest")
        refs[(kind, "oci-archive")] = f"oci-archive:{out / kind}.oci.tar:latest"
        refs[(kind, "docker-archive")] = f"docker-archive:{out / kind}.docker.tar"
        for transport in TRANSPORTS:
            ref = refs[(kind, transport)]
            if ref == origin:
                continue
            if transport == "docker-archive" and not IMAGES.get(kind, IMAGES["multi-system"])[1]:
                continue
            extra = () if transport == "docker-archive" else flags
            # keep the plain-tar layer as it is where the destination allows it
            if transport in ("oci", "oci-archive"):
                extra = (*extra, "--dest-oci-accept-uncompressed-layers")
            skopeo_seed(base_env, *extra, origin, ref)
    return refs


def _dest(tmp_path, registry, case: str, transport: str, tool: str) -> str:
    return {
        "docker": registry.ref(f"matrix/{case}-{tool}:latest"),
        "dir": f"dir:{tmp_path / tool}-dir",
        "oci": f"oci:{tmp_path / tool}-oci:latest",
        "oci-archive": f"oci-archive:{tmp_path / tool}.oci.tar:latest",
        "docker-archive": f"docker-archive:{tmp_path / tool}.docker.tar",
    }[transport]


def _has_plain_layers(image: str, src: str) -> bool:
    """Does the source hand out uncompressed layers? (docker-archive always does; the docker://
    copy of 'uncompressed' was gzipped by skopeo when it was pushed.)"""
    return src == "docker-archive" or (image == "uncompressed" and src != "docker")


def _inspect(skopeo, ref: str) -> dict:
    result = skopeo("inspect", "--tls-verify=false", ref)
    assert result.returncode == 0, result.describe()
    info = json.loads(result.stdout)
    info.pop("Name", None)
    return info


@pytest.mark.parametrize("image,src,dst", _cases())
def test_copy_matches_skopeo(periscope, skopeo, plain_registry, matrix_sources, tmp_path,
                             image, src, dst):
    flags, _ = IMAGES[image]
    source = matrix_sources[(_source_kind(image), src)]
    case = f"{image}-{src}-{dst}".replace(":", "-")
    ours = _dest(tmp_path, plain_registry, case, dst, "periscope")
    theirs = _dest(tmp_path, plain_registry, case, dst, "skopeo")

    result = copy(periscope, "-q", *flags, source, ours)
    assert result.returncode == 0, result.describe()
    copy(skopeo, "-q", *flags, source, theirs, check=True)

    mine, reference = _inspect(skopeo, ours), _inspect(skopeo, theirs)
    if _has_plain_layers(image, src) and dst in ("docker", "oci", "oci-archive"):
        for key in ("Digest", "Layers", "LayersData"):   # freshly gzipped: bytes may differ
            mine.pop(key, None)
            reference.pop(key, None)
    if image == "zstd" and dst == "docker" and src != "docker":
        # skopeo 1.9.3 swaps in the gzip blobs its blob-info cache remembers for these zstd blobs
        # (it made them from those); Periscope keeps the source's zstd layers, as skopeo does
        # without that cache. The layers must be exactly the source's.
        assert mine["Layers"] == _inspect(skopeo, source)["Layers"]
        for key in ("Digest", "Layers", "LayersData"):
            mine.pop(key, None)
            reference.pop(key, None)
    assert mine == reference

    readback = copy(skopeo, "-q", *flags, ours, f"dir:{tmp_path / 'skopeo-reads'}")
    assert readback.returncode == 0, \
        "skopeo cannot read periscope's result:\n" + readback.describe()

    if dst == "oci" and image not in UMOCI_SKIP:
        layout = ours[len("oci:"):].rsplit(":", 1)[0]
        unpack = subprocess.run(["umoci", "unpack", "--image", f"{layout}:latest",
                                 str(tmp_path / "bundle")], capture_output=True, text=True)
        assert unpack.returncode == 0, f"umoci unpack {layout}:\n{unpack.stderr}"

    ours_reads = copy(periscope, "-q", *flags, theirs, f"dir:{tmp_path / 'periscope-reads'}")
    assert ours_reads.returncode == 0, \
        "periscope cannot read skopeo's result:\n" + ours_reads.describe()
