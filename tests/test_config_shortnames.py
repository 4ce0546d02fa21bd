"""Short names (docker://NAME without a registry) resolved through registries.conf aliases and
unqualified-search-registries, as containers/image resolves them for pulls."""
import json

import pytest

from config_fixtures import write_conf
from harness import seed
from harness.registry import start_registry

pytestmark = pytest.mark.skopeo_differs("skopeo's docker transport always uses docker.io")


@pytest.fixture(scope="module")
def regs(tmp_path_factory, images, base_env):
    """(first, second): only `second` holds shortapp:2; both hold shortapp:1."""
    root = tmp_path_factory.mktemp("shortnames")
    first = start_registry(root / "first")
    second = start_registry(root / "second")
    try:
        seed.skopeo_copy(first, images["sample"].oci_ref, "shortapp:1", env=base_env)
        seed.skopeo_copy(second, images["sample"].oci_ref, "shortapp:1", env=base_env)
        seed.skopeo_copy(second, images["sample"].oci_ref, "shortapp:2", env=base_env)
        seed.skopeo_copy(second, images["sample"].oci_ref, "team/tool:3", env=base_env)
        yield first, second
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def run(periscope, fresh_env, tmp_path):
    def go(conf_text, *args):
        conf = write_conf(tmp_path / "registries.conf", conf_text)
        return periscope(*args, env=fresh_env(CONTAINERS_REGISTRIES_CONF=conf))
    return go


def _insecure(*regs):
    return "".join(f'[[registry]]\nlocation = "{r.host}"\ninsecure = true\n' for r in regs)


def _name(result):
    assert result.returncode == 0, result.describe()
    return json.loads(result.stdout)["Name"]


def test_alias_resolves_short_name(run, regs):
    _, second = regs
    conf = f'[aliases]\n"mytool" = "{second.host}/team/tool"\n' + _insecure(second)
    assert _name(run(conf, "inspect", "--no-tags", "docker://mytool:3")) == f"{second.host}/team/tool"


def test_alias_wins_over_search_registries(run, regs):
    first, second = regs
    conf = (f'unqualified-search-registries = ["{first.host}"]\n'
            f'[aliases]\n"shortapp" = "{second.host}/shortapp"\n' + _insecure(first, second))
    assert _name(run(conf, "inspect", "--no-tags", "docker://shortapp:1")) == f"{second.host}/shortapp"


def test_single_search_registry_is_used(run, regs):
    first, _ = regs
    conf = f'unqualified-search-registries = ["{first.host}"]\n' + _insecure(first)
    assert _name(run(conf, "inspect", "--no-tags", "docker://shortapp:1")) == f"{first.host}/shortapp"


def test_permissive_tries_search_registries_in_order(run, regs):
    first, second = regs
    conf = f'unqualified-search-registries = ["{first.host}", "{second.host}"]\n' + _insecure(first, second)
    # first lacks shortapp:2, so the second candidate serves it.
    assert _name(run(conf, "inspect", "--no-tags", "docker://shortapp:2")) == f"{second.host}/shortapp"


def test_enforcing_without_tty_fails_with_several_candidates(run, regs):
    first, second = regs
    conf = (f'unqualified-search-registries = ["{first.host}", "{second.host}"]\n'
            'short-name-mode = "enforcing"\n' + _insecure(first, second))
    result = run(conf, "inspect", "--no-tags", "docker://shortapp:1")
    assert result.returncode == 1
    assert "short-name resolution enforced but cannot prompt without a TTY" in result.stderr


def test_qualified_names_are_not_resolved(run, regs):
    first, second = regs
    conf = f'unqualified-search-registries = ["{second.host}"]\n' + _insecure(first, second)
    assert _name(run(conf, "inspect", "--no-tags", first.ref("shortapp:1"))) == f"{first.host}/shortapp"


def test_copy_resolves_short_source(run, regs, tmp_path):
    _, second = regs
    conf = f'[aliases]\n"mytool" = "{second.host}/team/tool"\n' + _insecure(second)
    result = run(conf, "--insecure-policy", "copy", "docker://mytool:3", f"dir:{tmp_path / 'out'}")
    assert result.returncode == 0, result.describe()
    assert (tmp_path / "out" / "manifest.json").exists()


def test_bad_alias_is_a_usage_error_naming_the_file(run, tmp_path):
    result = run('[aliases]\n"x" = "noregistry"\n', "inspect", "docker://x:1")
    assert result.returncode == 1
    assert f'"{tmp_path / "registries.conf"}": line 2: invalid alias "noregistry"' in result.stderr
