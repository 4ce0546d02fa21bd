"""A malformed registries.conf (main file, drop-in, alias file) is refused with the file and line,
by every command that contacts a registry."""
import pytest

from config_fixtures import write_conf

pytestmark = pytest.mark.skopeo_differs("skopeo 1.9.3 ignores CONTAINERS_REGISTRIES_CONF")

CASES = {
    "syntax": ('[[registry]]\nlocation = "a.example"\ninsecure = yes\n', 3, ""),
    "type": ('\n[[registry]]\nlocation = "a.example"\nblocked = "true"\n', 4,
             "registry.blocked: expected a boolean, got a string"),
    "scheme": ('[[registry]]\nlocation = "https://a.example"\n', 1, "invalid location 'https://a.example': URI schemes are not supported"),
    "mode": ('unqualified-search-registries = ["a.example"]\nshort-name-mode = "sometimes"\n', 2,
             'invalid short-name mode: "sometimes"'),
    "pull-from-mirror": ('[[registry]]\nlocation = "a.example"\n[[registry.mirror]]\nlocation = "m.example"\n'
                         'pull-from-mirror = "never"\n', 3, 'unsupported pull-from-mirror value "never"'),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_main_file_names_file_and_line(periscope, plain_registry, fresh_env, tmp_path, case):
    text, line, words = CASES[case]
    conf = write_conf(tmp_path / "registries.conf", text)
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:latest"),
                       env=fresh_env(CONTAINERS_REGISTRIES_CONF=conf))
    assert result.returncode == 1, result.describe()
    assert f'loading registries configuration "{conf}": line {line}: {words}' in result.stderr, result.stderr


@pytest.mark.parametrize("command", ["inspect", "copy", "list-tags", "login", "delete"])
def test_every_command_reads_the_configuration(periscope, plain_registry, fresh_env, tmp_path, command):
    conf = write_conf(tmp_path / "registries.conf", "x = \n")
    ref = plain_registry.ref("sample:latest")
    argv = {
        "inspect": ["inspect", "--tls-verify=false", ref],
        "copy": ["--insecure-policy", "copy", "--src-tls-verify=false", ref, f"dir:{tmp_path / 'out'}"],
        "list-tags": ["list-tags", "--tls-verify=false", f"docker://{plain_registry.host}/sample"],
        "login": ["login", "--tls-verify=false", "-u", "a", "-p", "b", plain_registry.host],
        "delete": ["delete", "--tls-verify=false", ref],
    }[command]
    result = periscope(*argv, env=fresh_env(CONTAINERS_REGISTRIES_CONF=conf))
    assert result.returncode == 1, result.describe()
    assert f'loading registries configuration "{conf}": line 1' in result.stderr


def test_malformed_drop_in_names_it(periscope, plain_registry, fresh_env, tmp_path):
    env = fresh_env(CONTAINERS_REGISTRIES_CONF=write_conf(tmp_path / "registries.conf", ""))
    drop_in = write_conf(tmp_path / "env" / "home" / ".config" / "containers" / "registries.conf.d" / "10-bad.conf",
                         '\n\n[[registry]]\nprefix = "x.example"\n')
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:latest"), env=env)
    assert result.returncode == 1
    assert (f'loading drop-in registries configuration "{drop_in}": line 3: invalid condition: location is unset'
            in result.stderr), result.stderr


def test_v1_drop_in_is_refused(periscope, plain_registry, fresh_env, tmp_path):
    env = fresh_env(CONTAINERS_REGISTRIES_CONF=write_conf(tmp_path / "registries.conf", ""))
    write_conf(tmp_path / "env" / "home" / ".config" / "containers" / "registries.conf.d" / "v1.conf",
               '[registries.search]\nregistries = ["a.example"]\n')
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:latest"), env=env)
    assert "registry must be in v2 format but is in v1" in result.stderr


def test_missing_named_file_is_an_error(periscope, plain_registry, fresh_env, tmp_path):
    missing = tmp_path / "absent.conf"
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:latest"),
                       env=fresh_env(CONTAINERS_REGISTRIES_CONF=missing))
    assert result.returncode == 1
    assert f'loading registries configuration "{missing}"' in result.stderr

