"""manifest-digest FILE: equal to skopeo's for every fixture manifest and odd inputs."""
import hashlib

import pytest

from fixtures import make_images
from harness import compare, seed


@pytest.fixture(scope="module")
def manifest_files(tmp_path_factory, images, plain_registry):
    """name -> (path, expected digest) for the fixture manifests and a few non-manifests."""
    d = tmp_path_factory.mktemp("manifests")
    signed, payload = make_images.signed_schema1_manifest()
    contents = {
        "oci-manifest": (images["sample"].top, None),
        "oci-index": (images["multi"].top, None),
        "oci-instance-arm64": (images["multi"].images[1].manifest, None),
        "docker-v2s2": (seed.pushed_v2s2_manifest(plain_registry), None),
        "schema1-signed": (signed, payload),
        "not-json": (b"this is not a manifest\n", None),
        "empty": (b"", None),
    }
    files = {}
    for name, (data, digest_input) in contents.items():
        path = d / f"{name}.json"
        path.write_bytes(data)
        source = data if digest_input is None else digest_input
        files[name] = (path, "sha256:" + hashlib.sha256(source).hexdigest())
    return files


NAMES = ["oci-manifest", "oci-index", "oci-instance-arm64", "docker-v2s2", "schema1-signed",
         "not-json", "empty"]


@pytest.mark.parametrize("name", NAMES)
def test_manifest_digest_equals_skopeo(periscope, skopeo_ref, manifest_files, name):
    path, _ = manifest_files[name]
    ours, theirs = periscope("manifest-digest", path), skopeo_ref("manifest-digest", path)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout == theirs.stdout


@pytest.mark.parametrize("name", NAMES)
def test_manifest_digest_is_sha256_of_payload(periscope, manifest_files, name):
    path, expected = manifest_files[name]
    ours = periscope("manifest-digest", path)
    assert ours.stdout == expected + "\n", ours.describe()


def test_manifest_digest_of_signed_schema1_ignores_signatures(periscope, manifest_files):
    path, _ = manifest_files["schema1-signed"]
    ours = periscope("manifest-digest", path)
    assert ours.stdout.strip() != compare.sha256_digest(path.read_bytes())


def test_manifest_digest_of_missing_file_fails(periscope, tmp_path):
    missing = tmp_path / "nope.json"
    ours = periscope("manifest-digest", missing)
    assert ours.returncode == 1, ours.describe()
    assert str(missing) in compare.error_text(ours)
    compare.assert_short_error(ours)


@pytest.mark.parametrize("args", [[], ["a", "b"]], ids=["no-file", "two-files"])
def test_manifest_digest_wrong_argument_count_fails(periscope, args):
    ours = periscope("manifest-digest", *args)
    assert ours.returncode == 1, ours.describe()
