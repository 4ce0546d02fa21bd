"""list-tags: JSON output equal to skopeo's, pagination, and reference validation."""
import json

import pytest

from harness import compare, seed


@pytest.mark.parametrize("repo", ["sample", "dockerish", "multi", seed.MANY_TAGS_REPO])
def test_list_tags_output_equals_skopeo(periscope, skopeo_ref, plain_registry, repo):
    ref = plain_registry.ref(repo)
    ours = periscope("list-tags", "--tls-verify=false", ref)
    theirs = skopeo_ref("list-tags", "--tls-verify=false", ref)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout == theirs.stdout


def test_list_tags_keeps_registry_order_of_all_130_tags(periscope, plain_registry):
    ours = periscope("list-tags", "--tls-verify=false", plain_registry.ref(seed.MANY_TAGS_REPO))
    assert ours.returncode == 0, ours.describe()
    out = json.loads(ours.stdout)
    assert out == {"Repository": f"{plain_registry.host}/{seed.MANY_TAGS_REPO}",
                   "Tags": plain_registry.tags(seed.MANY_TAGS_REPO)}
    assert sorted(out["Tags"]) == seed.many_tag_names()


def test_list_tags_follows_link_header_pagination(periscope, paging_proxy, plain_registry):
    paging_proxy.reset()
    ours = periscope("list-tags", "--tls-verify=false", paging_proxy.ref(seed.MANY_TAGS_REPO))
    assert ours.returncode == 0, ours.describe()
    assert json.loads(ours.stdout)["Tags"] == plain_registry.tags(seed.MANY_TAGS_REPO)
    assert len(paging_proxy.tag_requests) == 3      # 50 + 50 + 30


def test_list_tags_paginated_output_equals_skopeo(periscope, skopeo, paging_proxy):
    ref = paging_proxy.ref(seed.MANY_TAGS_REPO)
    ours = periscope("list-tags", "--tls-verify=false", ref)
    theirs = skopeo("list-tags", "--tls-verify=false", ref)
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout == theirs.stdout


def test_list_tags_output_is_indented_with_four_spaces(periscope, plain_registry):
    ours = periscope("list-tags", "--tls-verify=false", plain_registry.ref("dockerish"))
    assert ours.stdout == ("{\n"
                           f'    "Repository": "{plain_registry.host}/dockerish",\n'
                           '    "Tags": [\n        "latest"\n    ]\n}\n')


@pytest.mark.parametrize("suffix", [":latest", "@sha256:" + "a" * 64, ":latest@sha256:" + "a" * 64],
                         ids=["tag", "digest", "tag+digest"])
def test_list_tags_rejects_tag_or_digest_in_reference(periscope, plain_registry, suffix):
    ours = periscope("list-tags", "--tls-verify=false", plain_registry.ref("sample" + suffix))
    assert ours.returncode == 1, ours.describe()
    assert ours.stdout == ""
    assert "tag or digest" in compare.error_text(ours).lower(), ours.describe()


def test_list_tags_rejects_unsupported_transport(periscope, images):
    ours = periscope("list-tags", images["sample"].oci_ref)
    assert ours.returncode == 1, ours.describe()
    assert "Unsupported transport" in compare.error_text(ours), ours.describe()


def test_list_tags_of_unknown_repository_fails(periscope, plain_registry):
    ours = periscope("list-tags", "--tls-verify=false", plain_registry.ref("no/such-repo"))
    assert ours.returncode != 0, ours.describe()
    assert ours.stdout == ""
    text = compare.error_text(ours).lower()
    assert any(word in text for word in ("no/such-repo", "not found", "unknown")), ours.describe()
