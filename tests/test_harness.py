"""Checks of the harness itself (no periscope involved): helpers, fixtures, token server."""
import base64
import json
import urllib.error
import urllib.request

import jwt
import pytest

from fixtures import make_images
from harness import cli, compare
from harness.token_server import TokenServer


def test_strip_layers_data_removes_only_that_block():
    with_block = ('{\n    "Layers": [\n        "sha256:a"\n    ],\n    "LayersData": [\n'
                  '        {\n            "MIMEType": "x",\n            "Annotations": null\n'
                  '        }\n    ],\n    "Env": null\n}\n')
    assert compare.strip_layers_data(with_block) == \
        '{\n    "Layers": [\n        "sha256:a"\n    ],\n    "Env": null\n}\n'


def test_go_map_sorts_keys():
    assert compare.go_map({"b": "2", "a": "x y"}) == "map[a:x y b:2]"


def test_error_text_unquotes_logrus_lines():
    result = cli.Result([], 1, b"", b'time="t" level=fatal msg="a \\"b\\"\\nc"\n')
    assert compare.error_text(result) == 'a "b"\nc'


def test_fixture_images_are_deterministic(tmp_path):
    first = make_images.build_all(tmp_path / "a")
    second = make_images.build_all(tmp_path / "b")
    assert {k: f.digest for k, f in first.items()} == {k: f.digest for k, f in second.items()}


def test_fixture_layers_match_their_descriptors(images):
    for fixture in images.values():
        for image in fixture.images:
            for layer in image.layers:
                blob = fixture.layout / "blobs" / "sha256" / layer["digest"].split(":")[1]
                assert blob.stat().st_size == layer["size"]
                assert compare.sha256_digest(blob.read_bytes()) == layer["digest"]


def test_fixture_index_has_three_platforms(images):
    index = json.loads(images["multi"].top)
    assert [m["platform"] for m in index["manifests"]] == make_images.MULTI_PLATFORMS


def _get(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_token_server_refuses_wrong_password(token_server):
    auth = base64.b64encode(b"alice:wrong").decode()
    status, _ = _get(token_server.realm + "?service=s&scope=repository:x:pull",
                     {"Authorization": "Basic " + auth})
    assert status == 401


def test_token_server_grants_requested_scope(token_server):
    token = token_server.issue("alice", ["repository:a/b:pull,push"])
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["access"] == [{"type": "repository", "name": "a/b", "actions": ["pull", "push"]}]
    assert jwt.get_unverified_header(token)["x5c"]


def test_registry_rejects_token_signed_by_another_key(token_registry, tmp_path):
    stranger = TokenServer(tmp_path, users={}, service=token_registry.token_server.service,
                           issuer=token_registry.token_server.issuer)
    token = stranger.issue("alice", ["repository:sample:pull"])
    status, _ = _get(f"{token_registry.url}/v2/sample/tags/list",
                     {"Authorization": "Bearer " + token})
    assert status == 401


def test_registry_accepts_token_from_token_server(token_registry, token_server):
    token = token_server.issue("alice", ["repository:sample:pull"])
    status, body = _get(f"{token_registry.url}/v2/sample/tags/list",
                        {"Authorization": "Bearer " + token})
    assert status == 200, body


@pytest.mark.parametrize("page", [None, 7])
def test_paging_proxy_splits_tag_list(paging_proxy, plain_registry, page):
    path = "/v2/many/tags/tags/list" + (f"?n={page}" if page else "")
    with urllib.request.urlopen(f"http://{paging_proxy.host}{path}") as resp:
        tags = json.loads(resp.read())["tags"]
        assert 'rel="next"' in resp.headers["Link"]
    assert tags == plain_registry.tags("many/tags")[:page or 50]
