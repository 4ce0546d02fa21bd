"""inspect: default JSON, --raw, --config, --no-tags, compared with skopeo on the same registry."""
import json

import pytest

from harness import compare

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
DOCKER_V2S2 = "application/vnd.docker.distribution.manifest.v2+json"
ACCEPT = f"{OCI_MANIFEST}, {DOCKER_V2S2}"

# (id, global flags, image, architecture of the instance inspect should describe)
CASES = [
    ("oci", [], "sample:latest", "amd64"),
    ("oci-second-tag", [], "sample:1.0", "amd64"),
    ("v2s2", [], "dockerish:latest", "amd64"),
    ("index-host-default", [], "multi:latest", "amd64"),
    ("index-arm64-v8", ["--override-arch", "arm64", "--override-variant", "v8"],
     "multi:latest", "arm64"),
    ("index-arm-v7", ["--override-os", "linux", "--override-arch", "arm",
                      "--override-variant", "v7"], "multi:latest", "arm"),
    ("index-amd64", ["--override-os", "linux", "--override-arch", "amd64"],
     "multi:latest", "amd64"),
]
CASE_IDS = [c[0] for c in CASES]


def _inspect(tool, reg, flags, image, *extra):
    return tool(*flags, "inspect", "--tls-verify=false", *extra, reg.ref(image))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_inspect_json_values_equal_skopeo(periscope, skopeo_ref, plain_registry, case):
    _, flags, image, _ = case
    ours = _inspect(periscope, plain_registry, flags, image)
    theirs = _inspect(skopeo_ref, plain_registry, flags, image)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert compare.without_layers_data(ours.stdout) == json.loads(theirs.stdout)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_inspect_json_text_equals_skopeo_apart_from_layers_data(periscope, skopeo_ref,
                                                                plain_registry, case):
    _, flags, image, _ = case
    ours = _inspect(periscope, plain_registry, flags, image)
    theirs = _inspect(skopeo_ref, plain_registry, flags, image)
    assert ours.returncode == 0, ours.describe()
    stripped = compare.strip_layers_data(ours.stdout)
    assert compare.ordered(stripped) == compare.ordered(theirs.stdout)   # keys and their order
    assert stripped == theirs.stdout                                     # indentation, escaping


def _instance_manifest(reg, image, arch):
    """The manifest inspect describes: the image's own, or the index entry for `arch`."""
    repo, tag = image.split(":")
    accept = ACCEPT + ", application/vnd.oci.image.index.v1+json"
    top = json.loads(reg.get_manifest(repo, tag, accept))
    if "manifests" not in top:
        return top
    entry = next(m for m in top["manifests"] if m["platform"]["architecture"] == arch)
    return json.loads(reg.get_manifest(repo, entry["digest"], ACCEPT))


@pytest.mark.skopeo_differs("LayersData was added in skopeo 1.10")
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_inspect_layers_data_describes_manifest_layers(periscope, plain_registry, case):
    _, flags, image, arch = case
    ours = _inspect(periscope, plain_registry, flags, image)
    assert ours.returncode == 0, ours.describe()
    manifest = _instance_manifest(plain_registry, image, arch)
    expected = [{"MIMEType": layer["mediaType"], "Digest": layer["digest"],
                 "Size": layer["size"], "Annotations": layer.get("annotations")}
                for layer in manifest["layers"]]
    pairs = compare.ordered(ours.stdout)
    keys = [k for k, _ in pairs]
    assert keys.index("LayersData") == keys.index("Layers") + 1
    assert json.loads(ours.stdout)["LayersData"] == expected
    for layer in dict(pairs)["LayersData"]:
        assert [k for k, _ in layer] == ["MIMEType", "Digest", "Size", "Annotations"]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_inspect_describes_chosen_platform_with_top_level_digest(periscope, plain_registry, case):
    _, flags, image, arch = case
    ours = _inspect(periscope, plain_registry, flags, image)
    raw = _inspect(periscope, plain_registry, flags, image, "--raw")
    assert ours.returncode == 0 and raw.returncode == 0, ours.describe() + raw.describe()
    out = json.loads(ours.stdout)
    assert out["Architecture"] == arch
    assert out["Digest"] == compare.sha256_digest(raw.stdout_bytes)
    manifest = _instance_manifest(plain_registry, image, arch)
    assert out["Layers"] == [layer["digest"] for layer in manifest["layers"]]


def test_inspect_by_digest_equals_skopeo(periscope, skopeo_ref, plain_registry, images):
    image = f"sample@{images['sample'].digest}"
    ours = _inspect(periscope, plain_registry, [], image)
    theirs = _inspect(skopeo_ref, plain_registry, [], image)
    assert ours.returncode == 0, ours.describe()
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout


def test_inspect_oci_output_escapes_html_characters_like_go(periscope, plain_registry):
    ours = _inspect(periscope, plain_registry, [], "sample:latest")
    assert ours.returncode == 0, ours.describe()
    assert '"org.example.note": "a \\u003c b \\u0026 c \\u003e d"' in ours.stdout


def test_inspect_repo_tags_lists_every_tag(periscope, plain_registry):
    ours = _inspect(periscope, plain_registry, [], "sample:latest")
    assert ours.returncode == 0, ours.describe()
    assert sorted(json.loads(ours.stdout)["RepoTags"]) == ["1.0", "latest"]


@pytest.mark.parametrize("image", ["sample:latest", "dockerish:latest", "multi:latest"])
def test_inspect_raw_is_byte_equal_to_skopeo(periscope, skopeo_ref, plain_registry, image):
    ours = _inspect(periscope, plain_registry, [], image, "--raw")
    theirs = _inspect(skopeo_ref, plain_registry, [], image, "--raw")
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout_bytes == theirs.stdout_bytes


def test_inspect_raw_is_the_pushed_oci_manifest(periscope, plain_registry, images):
    ours = _inspect(periscope, plain_registry, [], "sample:latest", "--raw")
    assert ours.stdout_bytes == images["sample"].top


def test_inspect_raw_of_index_ignores_platform_override(periscope, plain_registry, images):
    ours = _inspect(periscope, plain_registry, ["--override-arch", "arm64"], "multi:latest",
                    "--raw")
    assert ours.stdout_bytes == images["multi"].top


@pytest.mark.parametrize("image", ["sample:latest", "dockerish:latest", "multi:latest"])
@pytest.mark.parametrize("raw", [False, True], ids=["config", "config-raw"])
def test_inspect_config_is_byte_equal_to_skopeo(periscope, skopeo_ref, plain_registry, image, raw):
    extra = ["--config", "--raw"] if raw else ["--config"]
    ours = _inspect(periscope, plain_registry, [], image, *extra)
    theirs = _inspect(skopeo_ref, plain_registry, [], image, *extra)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout_bytes == theirs.stdout_bytes


def test_inspect_config_raw_is_the_config_blob(periscope, plain_registry, images):
    ours = _inspect(periscope, plain_registry, [], "sample:latest", "--config", "--raw")
    assert ours.stdout_bytes == images["sample"].images[0].config


@pytest.mark.parametrize("flag", ["--no-tags", "-n"])
def test_inspect_no_tags_gives_empty_repo_tags(periscope, skopeo_ref, plain_registry, flag):
    ours = _inspect(periscope, plain_registry, [], "sample:latest", flag)
    theirs = _inspect(skopeo_ref, plain_registry, [], "sample:latest", flag)
    assert ours.returncode == 0, ours.describe()
    assert json.loads(ours.stdout)["RepoTags"] == []
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout


def test_inspect_oci_layout_has_no_name_and_no_tags(periscope, skopeo_ref, images):
    ref = images["sample"].oci_ref
    ours, theirs = periscope("inspect", ref), skopeo_ref("inspect", ref)
    assert ours.returncode == 0, ours.describe()
    assert "Name" not in json.loads(ours.stdout)
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout
