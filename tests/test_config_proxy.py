"""HTTP_PROXY / HTTPS_PROXY / NO_PROXY, through a counting proxy on 127.0.0.1. References use a
made-up host name that only the proxy can resolve, so a success proves the request went through it."""
import json

import pytest

from config_fixtures import CountingProxy

FAKE_HOST = "registry.periscope-test"


@pytest.fixture(scope="module")
def proxy(plain_registry, tls_basic_registry):
    p = CountingProxy({FAKE_HOST: "127.0.0.1"}).start()
    yield p
    p.stop()


def _fake(reg):
    return f"{FAKE_HOST}:{reg.host.rsplit(':', 1)[1]}"


@pytest.fixture
def env(fresh_env, proxy):
    def make(**extra):
        values = dict(NO_PROXY=None, no_proxy=None)
        values.update(extra)
        return fresh_env(**values)
    return make


def test_inspect_through_http_proxy(periscope, plain_registry, proxy, env):
    before = proxy.count(f"GET http://{_fake(plain_registry)}/")
    result = periscope("inspect", "--tls-verify=false", f"docker://{_fake(plain_registry)}/sample:latest",
                       env=env(HTTP_PROXY=proxy.url))
    assert result.returncode == 0, result.describe()
    assert json.loads(result.stdout)["Name"] == f"{_fake(plain_registry)}/sample"
    assert proxy.count(f"GET http://{_fake(plain_registry)}/") > before


def test_lowercase_http_proxy_works_too(periscope, plain_registry, proxy, env):
    result = periscope("inspect", "--tls-verify=false", "--no-tags", f"docker://{_fake(plain_registry)}/sample:latest",
                       env=env(http_proxy=proxy.url))
    assert result.returncode == 0, result.describe()


def test_copy_pull_and_push_through_http_proxy(periscope, plain_registry, proxy, env, tmp_path):
    e = env(HTTP_PROXY=proxy.url)
    src = f"docker://{_fake(plain_registry)}/sample:latest"
    pulled = periscope("--insecure-policy", "copy", "--src-tls-verify=false", src, f"dir:{tmp_path / 'd'}", env=e)
    assert pulled.returncode == 0, pulled.describe()
    before = proxy.count(f"PUT http://{_fake(plain_registry)}/")
    pushed = periscope("--insecure-policy", "copy", "--dest-tls-verify=false", f"dir:{tmp_path / 'd'}",
                       f"docker://{_fake(plain_registry)}/proxied/copy:1", env=e)
    assert pushed.returncode == 0, pushed.describe()
    assert proxy.count(f"PUT http://{_fake(plain_registry)}/") > before
    assert plain_registry.tags("proxied/copy") == ["1"]


def test_https_goes_through_connect_without_leaking_credentials(periscope, tls_basic_registry, proxy, env):
    before = proxy.count("CONNECT ")
    result = periscope("inspect", "--tls-verify=false", "--creds", tls_basic_registry.creds, "--no-tags",
                       f"docker://{_fake(tls_basic_registry)}/sample:latest", env=env(HTTPS_PROXY=proxy.url))
    assert result.returncode == 0, result.describe()
    assert proxy.count(f"CONNECT {_fake(tls_basic_registry)}") > before
    for head in proxy.heads:
        assert tls_basic_registry.password not in head
        assert "authorization:" not in head.lower() or not head.startswith("CONNECT")


def test_no_proxy_bypasses_the_proxy(periscope, plain_registry, proxy, env):
    result = periscope("inspect", "--tls-verify=false", "--no-tags", f"docker://{_fake(plain_registry)}/sample:latest",
                       env=env(HTTP_PROXY=proxy.url, NO_PROXY=FAKE_HOST))
    assert result.returncode != 0  # the made-up name resolves only through the proxy


def test_without_proxy_the_made_up_host_is_unreachable(periscope, plain_registry, env):
    result = periscope("inspect", "--tls-verify=false", "--no-tags", f"docker://{_fake(plain_registry)}/sample:latest",
                       env=env())
    assert result.returncode != 0


def test_loopback_is_never_proxied(periscope, plain_registry, proxy, env):
    # As Go's net/http: 127.0.0.1 is reached directly even with a proxy set.
    before = len(proxy.requests)
    result = periscope("inspect", "--tls-verify=false", "--no-tags", plain_registry.ref("sample:latest"),
                       env=env(HTTP_PROXY=proxy.url))
    assert result.returncode == 0, result.describe()
    assert len(proxy.requests) == before
