"""inspect --format: Go text/template output, compared with skopeo 1.9.3 where it can, and with
values computed from the manifest and config for the template functions 1.9.3 lacks."""
import json

import pytest

from harness import compare

# Templates skopeo 1.9.3 evaluates (no custom functions; builtins index, printf, if, len, eq).
SHARED_TEMPLATES = [
    "{{.Name}}",
    "{{.Digest}}",
    "{{.Architecture}}",
    "{{.Os}}/{{.Architecture}}",
    "{{.Labels}}",
    "{{.Env}}",
    "{{.Layers}}",
    "{{.Created}}",
    "{{.DockerVersion}}",
    "{{range .RepoTags}}{{.}} {{end}}",
    '{{index .Labels "org.example.note"}}',
    '{{printf "%s@%s" .Name .Digest}}',
    "{{len .Layers}} layers",
    '{{if eq .Architecture "amd64"}}x86{{else}}other{{end}}',
    "name={{.Name}}\\ndigest={{.Digest}}",
]


@pytest.mark.parametrize("image", ["sample:latest", "dockerish:latest", "multi:latest"])
@pytest.mark.parametrize("template", SHARED_TEMPLATES)
def test_format_output_equals_skopeo(periscope, skopeo_ref, plain_registry, image, template):
    args = ["inspect", "--tls-verify=false", "--format", template, plain_registry.ref(image)]
    ours, theirs = periscope(*args), skopeo_ref(*args)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout == theirs.stdout


@pytest.fixture(scope="module")
def sample(plain_registry, images):
    """What --format sees for sample:latest, computed from the fixture, not from a CLI."""
    image = images["sample"].images[0]
    config = image.config_json
    return {"ref": plain_registry.ref("sample:latest"),
            "name": f"{plain_registry.host}/sample",
            "digest": images["sample"].digest,
            "labels": config["config"]["Labels"],
            "env": config["config"]["Env"],
            "layers": [layer["digest"] for layer in image.layers],
            "tags": plain_registry.tags("sample")}


def _format(periscope, sample, template):
    result = periscope("inspect", "--tls-verify=false", "--format", template, sample["ref"])
    assert result.returncode == 0, result.describe()
    return result.stdout


def test_format_labels_prints_go_map(periscope, sample):
    assert _format(periscope, sample, "{{.Labels}}") == compare.go_map(sample["labels"]) + "\n"


def test_format_index_of_label_is_not_escaped(periscope, sample):
    assert _format(periscope, sample, '{{index .Labels "org.example.note"}}') == "a < b & c > d\n"


def test_format_printf(periscope, sample):
    out = _format(periscope, sample, '{{printf "%s@%s" .Name .Digest}}')
    assert out == f"{sample['name']}@{sample['digest']}\n"


def test_format_if_else(periscope, sample):
    out = _format(periscope, sample, '{{if eq .Os "windows"}}win{{else}}not-win{{end}}')
    assert out == "not-win\n"


def test_format_range_over_tags(periscope, sample):
    out = _format(periscope, sample, "{{range .RepoTags}}{{.}} {{end}}")
    assert out == "".join(f"{t} " for t in sample["tags"]) + "\n"


def test_format_created_prints_go_time(periscope, sample):
    assert _format(periscope, sample, "{{.Created}}") == "2024-01-02 03:04:05.123456789 +0000 UTC\n"


@pytest.mark.skopeo_differs("template functions arrived with c/common report in 1.12")
def test_format_json_function_marshals_compactly(periscope, sample):
    expected = json.dumps(sample["labels"], sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)
    assert _format(periscope, sample, "{{json .Labels}}") == expected + "\n"


@pytest.mark.skopeo_differs("template functions arrived with c/common report in 1.12")
def test_format_json_function_on_list(periscope, sample):
    expected = json.dumps(sample["layers"], separators=(",", ":"))
    assert _format(periscope, sample, "{{json .Layers}}") == expected + "\n"


@pytest.mark.skopeo_differs("template functions arrived with c/common report in 1.12")
def test_format_join_function(periscope, sample):
    assert _format(periscope, sample, '{{join .RepoTags ","}}') == ",".join(sample["tags"]) + "\n"


@pytest.mark.skopeo_differs("template functions arrived with c/common report in 1.12")
def test_format_upper_function(periscope, sample):
    assert _format(periscope, sample, "{{upper .Os}}-{{upper .Architecture}}") == "LINUX-AMD64\n"


@pytest.mark.skopeo_differs("template functions arrived with c/common report in 1.12")
def test_format_lower_function(periscope, sample):
    assert _format(periscope, sample, '{{lower "MiXeD Case"}}') == "mixed case\n"


def test_format_with_raw_is_rejected(periscope, sample):
    result = periscope("inspect", "--tls-verify=false", "--raw", "--format", "{{.Name}}",
                       sample["ref"])
    assert result.returncode == 1, result.describe()
    assert "raw output does not support format option" in compare.error_text(result)


def test_format_undefined_function_fails(periscope, sample):
    result = periscope("inspect", "--tls-verify=false", "--format", "{{nosuchfunc .Name}}",
                       sample["ref"])
    assert result.returncode == 1, result.describe()
    assert 'function "nosuchfunc" not defined' in compare.error_text(result)
