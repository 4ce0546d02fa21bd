"""Credential helpers: credHelpers / credsStore in auth files and docker's config.json, and
registries.conf's credential-helpers list, with a helper script speaking docker's protocol."""
import json

import pytest

from config_fixtures import CredentialHelper, write_conf
from harness import authfile

pytestmark = pytest.mark.skopeo_differs("credsStore and CONTAINERS_REGISTRIES_CONF are newer than 1.9.3")


@pytest.fixture
def helper(tmp_path):
    return CredentialHelper(tmp_path / "bin")


@pytest.fixture
def env(fresh_env, helper, tmp_path):
    """An isolated environment with the helper on PATH and an empty registries.conf."""
    def make(conf_text="", **extra):
        conf = write_conf(tmp_path / "registries.conf", conf_text)
        return fresh_env(PATH=helper.path_env(), CONTAINERS_REGISTRIES_CONF=conf, **extra)
    return make


def _inspect(periscope, reg, env, *flags):
    return periscope("inspect", "--tls-verify=false", "--no-tags", *flags, reg.ref("sample:latest"), env=env)


def test_without_credentials_inspect_is_refused(periscope, basic_registry, env):
    assert _inspect(periscope, basic_registry, env()).returncode != 0


def test_auth_file_cred_helpers_entry_supplies_credentials(periscope, basic_registry, env, helper, tmp_path):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    auth = tmp_path / "auth.json"
    auth.write_text(json.dumps({"credHelpers": {basic_registry.host: helper.name}}))
    result = _inspect(periscope, basic_registry, env(), "--authfile", auth)
    assert result.returncode == 0, result.describe()
    assert {"argv": ["get"], "stdin": basic_registry.host} in helper.calls()


def test_registries_conf_credential_helpers_are_consulted(periscope, basic_registry, env, helper):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    result = _inspect(periscope, basic_registry, env(f'credential-helpers = ["{helper.name}"]\n'))
    assert result.returncode == 0, result.describe()


def test_docker_config_creds_store_is_honoured(periscope, basic_registry, env, helper, tmp_path):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    docker_dir = tmp_path / "docker"
    docker_dir.mkdir()
    (docker_dir / "config.json").write_text(json.dumps({"credsStore": helper.name}))
    result = _inspect(periscope, basic_registry, env(DOCKER_CONFIG=docker_dir))
    assert result.returncode == 0, result.describe()


def test_secrets_never_in_helper_argv_or_debug_output(periscope, basic_registry, env, helper, tmp_path):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    result = periscope("--debug", "inspect", "--tls-verify=false", "--no-tags", basic_registry.ref("sample:latest"),
                       env=env(f'credential-helpers = ["{helper.name}"]\n'))
    assert result.returncode == 0, result.describe()
    assert basic_registry.password not in result.stdout + result.stderr
    for call in helper.calls():
        assert basic_registry.password not in " ".join(call["argv"])


def test_login_stores_through_registries_conf_helper(periscope, basic_registry, env, helper, tmp_path):
    auth = tmp_path / "auth.json"
    e = env(f'credential-helpers = ["{helper.name}"]\n')
    result = periscope("login", "--tls-verify=false", "--authfile", auth, "-u", basic_registry.user,
                       "--password-stdin", basic_registry.host, input=basic_registry.password.encode(), env=e)
    assert result.returncode == 0, result.describe()
    assert helper.store() == {basic_registry.host: [basic_registry.user, basic_registry.password]}
    assert not auth.exists()
    store_calls = [c for c in helper.calls() if c["argv"] == ["store"]]
    assert json.loads(store_calls[0]["stdin"])["Secret"] == basic_registry.password


def test_logout_erases_from_registries_conf_helper(periscope, basic_registry, env, helper, tmp_path):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    result = periscope("logout", "--authfile", tmp_path / "auth.json", basic_registry.host,
                       env=env(f'credential-helpers = ["{helper.name}"]\n'))
    assert result.returncode == 0, result.describe()
    assert helper.store() == {}


def test_login_stores_through_auth_file_cred_helper(periscope, basic_registry, env, helper, tmp_path):
    auth = tmp_path / "auth.json"
    auth.write_text(json.dumps({"credHelpers": {basic_registry.host: helper.name}}))
    result = periscope("login", "--tls-verify=false", "--authfile", auth, "-u", basic_registry.user,
                       "-p", basic_registry.password, basic_registry.host, env=env())
    assert result.returncode == 0, result.describe()
    assert helper.store()[basic_registry.host] == [basic_registry.user, basic_registry.password]
    assert "auths" not in authfile.read(auth) or basic_registry.host not in authfile.read(auth)["auths"]


def test_get_login_reads_helper(periscope, basic_registry, env, helper, tmp_path):
    helper.put(basic_registry.host, basic_registry.user, basic_registry.password)
    result = periscope("login", "--get-login", "--authfile", tmp_path / "auth.json", basic_registry.host,
                       env=env(f'credential-helpers = ["{helper.name}"]\n'))
    assert result.returncode == 0, result.describe()
    assert result.stdout == f"{basic_registry.user}\n"


def test_helper_credentials_reach_the_token_server(periscope, token_registry, env, helper):
    helper.put(token_registry.host, token_registry.user, token_registry.password)
    result = _inspect(periscope, token_registry, env(f'credential-helpers = ["{helper.name}"]\n'))
    assert result.returncode == 0, result.describe()


def test_failing_helper_error_names_it(periscope, basic_registry, env, tmp_path):
    result = _inspect(periscope, basic_registry, env('credential-helpers = ["absent-helper-xyz"]\n'))
    assert result.returncode != 0
    assert "docker-credential-absent-helper-xyz" in result.stderr
