"""copy --all when the instances themselves change: the list is rewritten with the new instance
descriptors (and converted between OCI index and Docker list), byte for byte as skopeo does."""
import json
import secrets

from copy_fixtures import copy
from harness import compare

ACCEPT_LISTS = ", ".join([
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
])


def _fresh(name: str) -> str:
    return f"{name}-{secrets.token_hex(4)}"


def test_all_with_format_v2s2_writes_the_docker_list_skopeo_writes(periscope, skopeo, plain_registry):
    ours, theirs = _fresh("lists/ours"), _fresh("lists/theirs")
    copy(periscope, "-q", "--all", "--format", "v2s2", plain_registry.ref("multi:latest"),
         plain_registry.ref(f"{ours}:latest"), check=True)
    copy(skopeo, "-q", "--all", "--format", "v2s2", plain_registry.ref("multi:latest"),
         plain_registry.ref(f"{theirs}:latest"), check=True)
    mine = plain_registry.get_manifest(ours, "latest", ACCEPT_LISTS)
    reference = plain_registry.get_manifest(theirs, "latest", ACCEPT_LISTS)
    assert json.loads(mine)["mediaType"] == "application/vnd.docker.distribution.manifest.list.v2+json"
    assert compare.sha256_digest(mine) == compare.sha256_digest(reference)


def test_all_with_zstd_rewrites_every_instance_and_marks_them(periscope, skopeo, plain_registry, tmp_path):
    repo = _fresh("lists/zstd")
    copy(periscope, "-q", "--all", "--dest-compress-format", "zstd", plain_registry.ref("multi:latest"),
         plain_registry.ref(f"{repo}:latest"), check=True)
    index = json.loads(plain_registry.get_manifest(repo, "latest", ACCEPT_LISTS))
    assert index["mediaType"] == "application/vnd.oci.image.index.v1+json"
    for entry in index["manifests"]:
        assert entry["annotations"]["io.github.containers.compression.zstd"] == "true"
        instance = json.loads(plain_registry.get_manifest(repo, entry["digest"], ACCEPT_LISTS))
        assert {layer["mediaType"] for layer in instance["layers"]} == {"application/vnd.oci.image.layer.v1.tar+zstd"}
        assert compare.sha256_digest(plain_registry.get_manifest(repo, entry["digest"], ACCEPT_LISTS)) == entry["digest"]
    # skopeo reads every instance back
    copy(skopeo, "-q", "--all", plain_registry.ref(f"{repo}:latest"), f"oci:{tmp_path / 'back'}:latest", check=True)


def test_all_unchanged_keeps_the_list_digest(periscope, plain_registry, images):
    repo = _fresh("lists/same")
    copy(periscope, "-q", "--all", plain_registry.ref("multi:latest"), plain_registry.ref(f"{repo}:latest"), check=True)
    assert compare.sha256_digest(plain_registry.get_manifest(repo, "latest", ACCEPT_LISTS)) == images["multi"].digest
