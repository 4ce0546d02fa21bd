"""TLS: an untrusted CA is refused by default; --cert-dir, certs.d and --tls-verify=false work;
a plain-HTTP registry needs --tls-verify=false."""
import json
import shutil

from harness import compare


def test_untrusted_ca_is_refused_by_default(periscope, tls_registry):
    result = periscope("inspect", tls_registry.ref("sample:latest"))
    assert result.returncode == 1, result.describe()
    assert "certificate" in compare.error_text(result).lower(), result.describe()
    compare.assert_short_error(result)


def test_cert_dir_with_ca_is_trusted(periscope, skopeo, tls_registry, server_certs):
    args = ["inspect", "--cert-dir", server_certs.cert_dir, tls_registry.ref("sample:latest")]
    ours, theirs = periscope(*args), skopeo(*args)
    assert ours.returncode == 0, ours.describe()
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout


def test_certs_d_in_home_is_trusted(periscope, tls_registry, server_certs, fresh_env):
    env = fresh_env()
    certs_d = f"{env['HOME']}/.config/containers/certs.d/{tls_registry.host}"
    shutil.copytree(server_certs.cert_dir, certs_d)
    result = periscope("inspect", tls_registry.ref("sample:latest"), env=env)
    assert result.returncode == 0, result.describe()


def test_tls_verify_false_accepts_untrusted_ca(periscope, tls_registry):
    result = periscope("inspect", "--tls-verify=false", tls_registry.ref("sample:latest"))
    assert result.returncode == 0, result.describe()
    assert json.loads(result.stdout)["Name"] == f"{tls_registry.host}/sample"


def test_tls_verify_false_still_uses_https_when_offered(periscope, tls_registry):
    result = periscope("--debug", "inspect", "--tls-verify=false", "--raw", tls_registry.ref("sample:latest"))
    assert result.returncode == 0, result.describe()
    # Plain HTTP may be asked first (one port speaks one protocol); the answer comes over HTTPS.
    requests = [line.split()[2] for line in result.stderr.splitlines() if line.startswith("DEBU GET ")]
    assert requests[-1] == f"https://{tls_registry.host}/v2/sample/manifests/latest", result.describe()
    assert len(requests) <= 3, requests  # the plain probe, the HTTPS ping, the manifest


def test_tls_verify_false_on_a_plain_http_port_sets_up_no_tls(periscope, plain_registry):
    """host:port answers plain HTTP as a registry, so it cannot speak TLS: no HTTPS attempt."""
    result = periscope("--debug", "inspect", "--tls-verify=false", "--raw", plain_registry.ref("sample:latest"))
    assert result.returncode == 0, result.describe()
    # The manifest request itself stands in for the ping: one request in all.
    requests = [line.split()[2] for line in result.stderr.splitlines() if line.startswith("DEBU GET ")]
    assert requests == [f"http://{plain_registry.host}/v2/sample/manifests/latest"], result.describe()


def test_list_tags_with_cert_dir(periscope, skopeo, tls_registry, server_certs):
    args = ["list-tags", "--cert-dir", server_certs.cert_dir, tls_registry.ref("sample")]
    ours, theirs = periscope(*args), skopeo(*args)
    assert ours.returncode == 0, ours.describe()
    assert ours.stdout == theirs.stdout


def test_plain_http_registry_is_refused_without_tls_verify_false(periscope, plain_registry):
    result = periscope("inspect", plain_registry.ref("sample:latest"))
    assert result.returncode == 1, result.describe()
    assert result.stdout == ""
    text = compare.error_text(result)
    assert plain_registry.host in text or "HTTP response to HTTPS client" in text, result.describe()
    compare.assert_short_error(result)


def test_basic_auth_over_tls_with_cert_dir(periscope, skopeo, tls_basic_registry, server_certs):
    args = ["inspect", "--cert-dir", server_certs.cert_dir, "--creds", tls_basic_registry.creds,
            tls_basic_registry.ref("sample:latest")]
    ours, theirs = periscope(*args), skopeo(*args)
    assert ours.returncode == 0, ours.describe()
    assert compare.strip_layers_data(ours.stdout) == theirs.stdout
    compare.assert_no_secrets(ours, compare.secrets_for(tls_basic_registry.user,
                                                        tls_basic_registry.password))


def test_login_over_tls_with_cert_dir(periscope, tls_basic_registry, server_certs, tmp_path):
    path = tmp_path / "auth.json"
    result = periscope("login", "--cert-dir", server_certs.cert_dir, "--authfile", path,
                       "-u", tls_basic_registry.user, "-p", tls_basic_registry.password,
                       tls_basic_registry.host)
    assert result.returncode == 0, result.describe()
    assert result.stdout == "Login Succeeded!\n"


def test_login_over_tls_with_untrusted_ca_fails(periscope, tls_basic_registry, tmp_path):
    path = tmp_path / "auth.json"
    result = periscope("login", "--authfile", path, "-u", tls_basic_registry.user,
                       "-p", tls_basic_registry.password, tls_basic_registry.host)
    assert result.returncode == 1, result.describe()
    assert "certificate" in compare.error_text(result).lower(), result.describe()
    assert not path.exists() or tls_basic_registry.host not in path.read_text()
