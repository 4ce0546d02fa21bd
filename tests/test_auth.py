"""Credentials for inspect: flags, auth files in every searched location, bearer tokens."""
import collections
import json
import pathlib

import pytest

from harness import authfile, compare

REGISTRIES = ["basic_registry", "token_registry"]


@pytest.fixture(params=REGISTRIES)
def auth_registry(request):
    return request.getfixturevalue(request.param)


def _inspect(tool, reg, *flags, env=None):
    return tool("inspect", "--tls-verify=false", *flags, reg.ref("sample:latest"), env=env)


def test_inspect_with_creds_equals_skopeo(periscope, skopeo, auth_registry):
    ours = _inspect(periscope, auth_registry, "--creds", auth_registry.creds)
    theirs = _inspect(skopeo, auth_registry, "--creds", auth_registry.creds)
    assert theirs.returncode == 0, theirs.describe()
    assert ours.returncode == 0, ours.describe()
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout


def test_inspect_with_username_and_password(periscope, auth_registry):
    ours = _inspect(periscope, auth_registry, "--username", auth_registry.user,
                    "--password", auth_registry.password)
    assert ours.returncode == 0, ours.describe()
    assert json.loads(ours.stdout)["Name"] == f"{auth_registry.host}/sample"


def test_inspect_without_credentials_fails(periscope, auth_registry):
    ours = _inspect(periscope, auth_registry)
    assert ours.returncode == 1, ours.describe()
    assert "unauthorized" in compare.error_text(ours).lower() \
        or "authentication" in compare.error_text(ours).lower(), ours.describe()


def test_inspect_with_no_creds_ignores_auth_file(periscope, auth_registry, fresh_env):
    env = fresh_env()
    path = authfile.write(pathlib.Path(env["HOME"]) / "auth.json",
                          {auth_registry.host: (auth_registry.user, auth_registry.password)})
    ours = _inspect(periscope, auth_registry, "--no-creds", "--authfile", path, env=env)
    assert ours.returncode == 1, ours.describe()


def test_no_creds_with_creds_is_a_usage_error(periscope, auth_registry):
    ours = _inspect(periscope, auth_registry, "--no-creds", "--creds", auth_registry.creds)
    assert ours.returncode == 1, ours.describe()
    assert "creds and no-creds cannot be specified at the same time" in compare.error_text(ours)


def _auth_location(kind: str, env: dict, tmp_path):
    """(path to write, env overrides, extra flags) for one way of finding the auth file."""
    home = pathlib.Path(env["HOME"])
    if kind == "--authfile":
        path = tmp_path / "explicit" / "auth.json"
        return path, {}, ["--authfile", path]
    if kind == "REGISTRY_AUTH_FILE":
        path = tmp_path / "from-env" / "auth.json"
        return path, {"REGISTRY_AUTH_FILE": path}, []
    if kind == "XDG_RUNTIME_DIR":
        return pathlib.Path(env["XDG_RUNTIME_DIR"]) / "containers" / "auth.json", {}, []
    if kind == "HOME/.config":
        return home / ".config" / "containers" / "auth.json", {}, []
    if kind == "DOCKER_CONFIG":
        path = tmp_path / "docker-config" / "config.json"
        return path, {"DOCKER_CONFIG": path.parent}, []
    if kind == "HOME/.docker":
        return home / ".docker" / "config.json", {}, []
    raise ValueError(kind)


AUTH_LOCATIONS = ["--authfile", "REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "HOME/.config",
                  "DOCKER_CONFIG", "HOME/.docker"]


@pytest.mark.parametrize("kind", AUTH_LOCATIONS)
def test_inspect_finds_credentials_in_auth_file(periscope, auth_registry, fresh_env, tmp_path,
                                                kind):
    env = fresh_env()
    path, overrides, flags = _auth_location(kind, env, tmp_path)
    authfile.write(path, {auth_registry.host: (auth_registry.user, auth_registry.password)})
    env.update({k: str(v) for k, v in overrides.items()})
    ours = _inspect(periscope, auth_registry, *flags, env=env)
    assert ours.returncode == 0, ours.describe()
    compare.assert_no_secrets(ours, compare.secrets_for(auth_registry.user,
                                                        auth_registry.password))


def test_auth_file_entry_for_repository_namespace_is_used(periscope, auth_registry, fresh_env,
                                                          tmp_path):
    env = fresh_env()
    path = authfile.write(tmp_path / "auth.json", {
        auth_registry.host: (auth_registry.user, "wrong-password"),
        f"{auth_registry.host}/sample": (auth_registry.user, auth_registry.password)})
    ours = _inspect(periscope, auth_registry, "--authfile", path, env=env)
    assert ours.returncode == 0, ours.describe()


def test_inspect_with_registry_token(periscope, token_registry, token_server):
    token = token_server.issue(token_registry.user, ["repository:sample:pull"])
    ours = _inspect(periscope, token_registry, "--registry-token", token)
    assert ours.returncode == 0, ours.describe()
    compare.assert_no_secrets(ours, [token])


def test_inspect_with_invalid_registry_token_fails_without_echoing_it(periscope, token_registry):
    token = "not-a-valid-token-8f3e2d"
    ours = _inspect(periscope, token_registry, "--registry-token", token)
    assert ours.returncode == 1, ours.describe()
    compare.assert_no_secrets(ours, [token])


@pytest.mark.skopeo_differs("c/image 5.23 opens two registry clients per inspect, each fetching "
                            "its own token for the same scope")
def test_inspect_requests_one_token_per_scope(periscope, token_registry, token_server):
    token_server.reset_requests()
    ours = _inspect(periscope, token_registry, "--creds", token_registry.creds)
    assert ours.returncode == 0, ours.describe()
    requests = token_server.snapshot()
    per_scope = collections.Counter(r.scopes for r in requests)
    assert requests and all(n == 1 for n in per_scope.values()), requests


def test_inspect_makes_at_most_two_token_requests(periscope, token_registry, token_server):
    token_server.reset_requests()
    ours = _inspect(periscope, token_registry, "--creds", token_registry.creds)
    assert ours.returncode == 0, ours.describe()
    requests = token_server.snapshot()
    assert 1 <= len(requests) <= 2, requests
    assert all(r.user == token_registry.user for r in requests), requests


def test_inspect_asks_token_server_for_pull_scope(periscope, token_registry, token_server):
    token_server.reset_requests()
    _inspect(periscope, token_registry, "--creds", token_registry.creds)
    scopes = {s for r in token_server.snapshot() for s in r.scopes}
    assert "repository:sample:pull" in scopes, scopes


def test_inspect_with_identity_token_uses_oauth2_refresh(periscope, token_registry, token_server,
                                                         fresh_env, tmp_path):
    refresh = token_server.new_refresh_token(token_registry.user)
    path = authfile.write(tmp_path / "auth.json", {token_registry.host: {
        "auth": authfile.auth_value("<token>", ""), "identitytoken": refresh}})
    token_server.reset_requests()
    ours = _inspect(periscope, token_registry, "--authfile", path, env=fresh_env())
    assert ours.returncode == 0, ours.describe() + str(token_server.snapshot())
    grants = {(r.method, r.grant_type) for r in token_server.snapshot()}
    assert grants == {("POST", "refresh_token")}, token_server.snapshot()
    compare.assert_no_secrets(ours, [refresh])


def test_inspect_with_wrong_password_on_token_registry_fails(periscope, token_registry):
    ours = _inspect(periscope, token_registry, "--creds", f"{token_registry.user}:wrong-pw-123")
    assert ours.returncode == 1, ours.describe()
    compare.assert_no_secrets(ours, ["wrong-pw-123"])
