"""delete docker://REF removes the manifest (and so every tag naming it), printing nothing."""
import json

import pytest

from harness import compare, seed

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


@pytest.fixture
def doomed(request, plain_registry, images, base_env):
    """A fresh repository holding sample under :latest and :other, unique to this test."""
    repo = "delete/" + request.node.name.replace("[", "-").replace("]", "").lower()[:60]
    seed.skopeo_copy(plain_registry, images["sample"].oci_ref, f"{repo}:latest", env=base_env)
    plain_registry.put_manifest(repo, "other", images["sample"].top, OCI_MANIFEST)
    return repo


def _manifest_status(reg, repo, reference):
    status, _, _ = reg.request("GET", f"/v2/{repo}/manifests/{reference}",
                               headers={"Accept": OCI_MANIFEST})
    return status


def test_delete_by_tag_succeeds_silently(periscope, plain_registry, doomed):
    result = periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:latest"))
    assert result.returncode == 0, result.describe()
    assert result.stdout == ""


def test_delete_by_tag_removes_the_manifest(periscope, skopeo, plain_registry, doomed, images):
    periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:latest"), check=True)
    assert _manifest_status(plain_registry, doomed, images["sample"].digest) == 404
    after = skopeo("inspect", "--tls-verify=false", plain_registry.ref(f"{doomed}:latest"))
    assert after.returncode != 0, after.describe()


def test_delete_removes_every_tag_of_the_manifest(periscope, plain_registry, doomed):
    periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:latest"), check=True)
    assert _manifest_status(plain_registry, doomed, "other") == 404


def test_delete_by_digest(periscope, plain_registry, doomed, images):
    ref = plain_registry.ref(f"{doomed}@{images['sample'].digest}")
    result = periscope("delete", "--tls-verify=false", ref)
    assert result.returncode == 0, result.describe()
    assert _manifest_status(plain_registry, doomed, "latest") == 404


def test_delete_leaves_other_repositories_alone(periscope, plain_registry, doomed):
    periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:latest"), check=True)
    assert _manifest_status(plain_registry, "sample", "latest") == 200


@pytest.mark.skopeo_differs("exit code 2 for a missing image arrived in 1.16")
def test_delete_of_unknown_tag_exits_2(periscope, plain_registry, doomed):
    result = periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:missing"))
    assert result.returncode == 2, result.describe()


def test_delete_of_unknown_tag_fails_with_short_message(periscope, plain_registry, doomed):
    result = periscope("delete", "--tls-verify=false", plain_registry.ref(f"{doomed}:missing"))
    assert result.returncode != 0, result.describe()
    compare.assert_short_error(result)
    assert _manifest_status(plain_registry, doomed, "latest") == 200


def test_delete_with_basic_auth(periscope, basic_registry, images, base_env):
    seed.skopeo_copy(basic_registry, images["sample"].oci_ref, "delete/auth:latest", env=base_env)
    result = periscope("delete", "--tls-verify=false", "--creds", basic_registry.creds,
                       basic_registry.ref("delete/auth:latest"))
    assert result.returncode == 0, result.describe()
    assert json.loads(basic_registry.request("GET", "/v2/delete/auth/tags/list")[2])["tags"] \
        in (None, [])
