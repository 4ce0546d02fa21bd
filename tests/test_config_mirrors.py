"""registries.conf [[registry]] entries: mirrors, remapping, insecure and blocked, with two real
docker-registry instances acting as primary and mirror."""
import json

import pytest

from config_fixtures import write_conf
from harness import seed
from harness.registry import start_registry

pytestmark = pytest.mark.skopeo_differs("skopeo 1.9.3 ignores CONTAINERS_REGISTRIES_CONF")

V2S2 = "application/vnd.docker.distribution.manifest.v2+json"
OCI = "application/vnd.oci.image.manifest.v1+json"


def _digest(reg, repo, tag):
    status, headers, _ = reg.request("HEAD", f"/v2/{repo}/manifests/{tag}",
                                     headers={"Accept": f"{OCI}, {V2S2}"})
    assert status == 200, (repo, tag, status)
    return {k.lower(): v for k, v in headers.items()}["docker-content-digest"]


@pytest.fixture(scope="module")
def pair(tmp_path_factory, images, base_env):
    """(primary, mirror): both hold app:1 as different images; only the primary has app:2."""
    root = tmp_path_factory.mktemp("mirrors")
    primary = start_registry(root / "primary")
    mirror = start_registry(root / "mirror")
    try:
        seed.skopeo_copy(primary, images["sample"].oci_ref, "app:1", env=base_env)
        seed.skopeo_copy(primary, images["sample"].oci_ref, "app:2", env=base_env)
        seed.skopeo_copy(primary, images["sample"].oci_ref, "secret/x:1", env=base_env)
        seed.skopeo_copy(mirror, images["dockerish"].oci_ref, "app:1", "--format", "v2s2", env=base_env)
        yield primary, mirror
    finally:
        primary.stop()
        mirror.stop()


@pytest.fixture
def run(periscope, fresh_env, tmp_path):
    """run(conf_text, *args): periscope with CONTAINERS_REGISTRIES_CONF pointing at conf_text."""
    def go(conf_text, *args, **env):
        conf = write_conf(tmp_path / "registries.conf", conf_text)
        return periscope(*args, env=fresh_env(CONTAINERS_REGISTRIES_CONF=conf, **env))
    return go


def _mirrored(primary, mirror, mirror_extra=""):
    return f'''
[[registry]]
location = "{primary.host}"
insecure = true
[[registry.mirror]]
location = "{mirror.host}"
insecure = true
{mirror_extra}
'''


def _inspect_digest(result):
    assert result.returncode == 0, result.describe()
    return json.loads(result.stdout)["Digest"]


def test_read_is_served_by_the_mirror(run, pair):
    primary, mirror = pair
    result = run(_mirrored(primary, mirror), "inspect", "--no-tags", primary.ref("app:1"))
    assert _inspect_digest(result) == _digest(mirror, "app", "1")
    assert _digest(mirror, "app", "1") != _digest(primary, "app", "1")


def test_inspect_name_stays_the_reference_given(run, pair):
    primary, mirror = pair
    result = run(_mirrored(primary, mirror), "inspect", "--no-tags", primary.ref("app:1"))
    assert json.loads(result.stdout)["Name"] == f"{primary.host}/app"


def test_falls_back_to_primary_when_mirror_lacks_the_image(run, pair):
    primary, mirror = pair
    result = run(_mirrored(primary, mirror), "inspect", "--no-tags", primary.ref("app:2"))
    assert _inspect_digest(result) == _digest(primary, "app", "2")


def test_falls_back_to_primary_when_mirror_is_down(run, pair):
    primary, _ = pair
    conf = f'''
[[registry]]
location = "{primary.host}"
insecure = true
[[registry.mirror]]
location = "127.0.0.1:9"
insecure = true
'''
    result = run(conf, "inspect", "--no-tags", primary.ref("app:1"))
    assert _inspect_digest(result) == _digest(primary, "app", "1")


def test_digest_only_mirror_is_skipped_for_tags(run, pair):
    primary, mirror = pair
    conf = _mirrored(primary, mirror, 'pull-from-mirror = "digest-only"')
    result = run(conf, "inspect", "--no-tags", primary.ref("app:1"))
    assert _inspect_digest(result) == _digest(primary, "app", "1")


def test_digest_only_mirror_serves_digest_references(run, pair):
    primary, mirror = pair
    conf = _mirrored(primary, mirror, 'pull-from-mirror = "digest-only"')
    only_on_mirror = _digest(mirror, "app", "1")
    result = run(conf, "inspect", "--no-tags", primary.ref(f"app@{only_on_mirror}"))
    assert _inspect_digest(result) == only_on_mirror


def test_mirror_by_digest_only_skips_mirrors_for_tags(run, pair):
    primary, mirror = pair
    conf = f'''
[[registry]]
location = "{primary.host}"
insecure = true
mirror-by-digest-only = true
[[registry.mirror]]
location = "{mirror.host}"
insecure = true
'''
    result = run(conf, "inspect", "--no-tags", primary.ref("app:1"))
    assert _inspect_digest(result) == _digest(primary, "app", "1")


def test_all_endpoints_failing_lists_the_mirrors(run, pair):
    primary, mirror = pair
    result = run(_mirrored(primary, mirror), "inspect", "--no-tags", primary.ref("absent:1"))
    assert result.returncode != 0
    assert "Mirrors also failed" in result.stderr
    assert f"{mirror.host}/absent:1" in result.stderr


def test_copy_reads_from_mirror(run, pair, tmp_path):
    primary, mirror = pair
    dest = tmp_path / "out"
    result = run(_mirrored(primary, mirror), "--insecure-policy", "copy", primary.ref("app:1"), f"dir:{dest}")
    assert result.returncode == 0, result.describe()
    manifest = (dest / "manifest.json").read_bytes()
    assert json.loads(manifest)["mediaType"] == V2S2   # the mirror's v2s2 image, not the primary's OCI


def test_writes_go_to_the_primary_only(run, pair, images):
    primary, mirror = pair
    result = run(_mirrored(primary, mirror), "--insecure-policy", "copy", images["sample"].oci_ref,
                 primary.ref("pushed:1"))
    assert result.returncode == 0, result.describe()
    assert primary.tags("pushed") == ["1"]
    status, _, _ = mirror.request("GET", "/v2/pushed/tags/list")
    assert status == 404


def test_remapped_prefix_reads_from_location(run, pair):
    primary, _ = pair
    conf = f'''
[[registry]]
prefix = "logical.example/team"
location = "{primary.host}"
insecure = true
'''
    result = run(conf, "inspect", "--no-tags", "docker://logical.example/team/app:2")
    assert _inspect_digest(result) == _digest(primary, "app", "2")
    assert json.loads(result.stdout)["Name"] == "logical.example/team/app"


def test_insecure_entry_allows_plain_http_without_flag(run, pair):
    primary, _ = pair
    conf = f'[[registry]]\nlocation = "{primary.host}"\ninsecure = true\n'
    assert run(conf, "inspect", "--no-tags", primary.ref("app:2")).returncode == 0


def test_without_insecure_entry_plain_http_fails(run, pair):
    primary, _ = pair
    assert run("", "inspect", "--no-tags", primary.ref("app:2")).returncode != 0


def test_explicit_tls_verify_wins_over_insecure(run, pair):
    primary, _ = pair
    conf = f'[[registry]]\nlocation = "{primary.host}"\ninsecure = true\n'
    result = run(conf, "inspect", "--tls-verify=true", "--no-tags", primary.ref("app:2"))
    assert result.returncode != 0


def test_wildcard_prefix_insecure(run, pair):
    primary, _ = pair
    conf = '[[registry]]\nprefix = "*.0.0.1"\ninsecure = true\n'
    # "*.0.0.1" matches the host 127.0.0.1 as a subdomain pattern.
    assert run(conf, "inspect", "--no-tags", primary.ref("app:2")).returncode == 0


def _blocked_conf(primary):
    return f'''
[[registry]]
location = "{primary.host}"
insecure = true
[[registry]]
prefix = "{primary.host}/secret"
location = "{primary.host}/secret"
blocked = true
'''


def test_blocked_prefix_is_refused_for_reads(run, pair, tmp_path):
    primary, _ = pair
    result = run(_blocked_conf(primary), "inspect", "--no-tags", primary.ref("secret/x:1"))
    assert result.returncode == 1, result.describe()
    assert f"registry {primary.host}/secret is blocked in {tmp_path / 'registries.conf'}" in result.stderr


def test_blocked_prefix_is_refused_for_writes(run, pair, images):
    primary, _ = pair
    result = run(_blocked_conf(primary), "--insecure-policy", "copy", images["sample"].oci_ref,
                 primary.ref("secret/y:1"))
    assert result.returncode == 1
    assert "is blocked in" in result.stderr


def test_blocked_prefix_is_refused_for_list_tags(run, pair):
    primary, _ = pair
    result = run(_blocked_conf(primary), "list-tags", f"docker://{primary.host}/secret/x")
    assert result.returncode == 1
    assert "is blocked in" in result.stderr


def test_blocked_prefix_leaves_siblings_alone(run, pair):
    primary, _ = pair
    assert run(_blocked_conf(primary), "inspect", "--no-tags", primary.ref("app:2")).returncode == 0


def test_registries_conf_flag_wins_over_environment(periscope, fresh_env, pair, tmp_path):
    primary, _ = pair
    flagged = write_conf(tmp_path / "flag.conf", _blocked_conf(primary))
    env_conf = write_conf(tmp_path / "env.conf", f'[[registry]]\nlocation = "{primary.host}"\ninsecure = true\n')
    result = periscope("--registries-conf", flagged, "inspect", "--no-tags", primary.ref("secret/x:1"),
                       env=fresh_env(CONTAINERS_REGISTRIES_CONF=env_conf))
    assert "is blocked in" in result.stderr, result.describe()


def test_user_registries_conf_is_used_without_environment(periscope, fresh_env, pair, tmp_path):
    primary, _ = pair
    env = fresh_env()
    user_conf = write_conf(tmp_path / "env" / "home" / ".config" / "containers" / "registries.conf",
                           _blocked_conf(primary))
    result = periscope("inspect", "--no-tags", primary.ref("secret/x:1"), env=env)
    assert f"is blocked in {user_conf}" in result.stderr, result.describe()


def test_user_drop_in_is_merged(run, pair, tmp_path):
    primary, _ = pair
    drop_in = tmp_path / "env" / "home" / ".config" / "containers" / "registries.conf.d" / "50-block.conf"
    write_conf(drop_in, f'[[registry]]\nprefix = "{primary.host}/secret"\nlocation = "{primary.host}/secret"\n'
                        'blocked = true\n')
    result = run(f'[[registry]]\nlocation = "{primary.host}"\ninsecure = true\n', "inspect", "--no-tags",
                 primary.ref("secret/x:1"))
    assert "is blocked in" in result.stderr, result.describe()
