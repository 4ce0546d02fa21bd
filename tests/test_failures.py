"""Failures: exit codes, short messages naming what failed, and no secrets in any output."""
import pytest

from harness import compare, ports


def _secrets(reg):
    return compare.secrets_for(reg.user, reg.password)


@pytest.mark.skopeo_differs("exit code 2 for a missing image arrived in 1.16")
def test_unknown_tag_exits_2(periscope, plain_registry):
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:no-such-tag"))
    assert result.returncode == 2, result.describe()


def test_unknown_tag_message_names_the_tag(periscope, plain_registry):
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("sample:no-such-tag"))
    assert result.returncode != 0 and result.stdout == "", result.describe()
    assert "no-such-tag" in compare.error_text(result), result.describe()
    compare.assert_short_error(result)


# skopeo 1.22 exits 2 only for MANIFEST_UNKNOWN; distribution 2.8 answers a manifest GET in an
# unknown repository with MANIFEST_UNKNOWN too (not NAME_UNKNOWN), hence 2 here.
@pytest.mark.skopeo_differs("exit code 2 for a missing image arrived in 1.16")
def test_unknown_repository_exits_2(periscope, plain_registry):
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("no/such-repo:latest"))
    assert result.returncode == 2, result.describe()


def test_unknown_repository_message_names_the_repository(periscope, plain_registry):
    result = periscope("inspect", "--tls-verify=false", plain_registry.ref("no/such-repo:latest"))
    assert result.returncode != 0, result.describe()
    assert "no/such-repo" in compare.error_text(result), result.describe()
    compare.assert_short_error(result)


@pytest.mark.skopeo_differs("exit code 2 for a missing image arrived in 1.16")
def test_unknown_digest_exits_2(periscope, plain_registry):
    ref = plain_registry.ref("sample@sha256:" + "0" * 64)
    result = periscope("inspect", "--tls-verify=false", ref)
    assert result.returncode == 2, result.describe()


def test_wrong_password_exits_1_without_leaking_it(periscope, basic_registry):
    wrong = "wrong-pw-5519"
    result = periscope("inspect", "--tls-verify=false", "--creds", f"{basic_registry.user}:{wrong}",
                       basic_registry.ref("sample:latest"))
    assert result.returncode == 1, result.describe()
    compare.assert_short_error(result)
    compare.assert_no_secrets(result, compare.secrets_for(basic_registry.user, wrong))


def test_auth_failure_message_mentions_authentication(periscope, basic_registry):
    result = periscope("inspect", "--tls-verify=false", "--creds", "alice:bad-pw-000",
                       basic_registry.ref("sample:latest"))
    text = compare.error_text(result).lower()
    assert "unauthorized" in text or "authentication" in text, result.describe()


def test_connection_refused_exits_1_naming_the_host(periscope):
    host = f"127.0.0.1:{ports.free_port()}"
    result = periscope("inspect", "--tls-verify=false", f"docker://{host}/sample:latest")
    assert result.returncode == 1, result.describe()
    assert host in compare.error_text(result), result.describe()
    assert "refused" in compare.error_text(result).lower(), result.describe()
    compare.assert_short_error(result)


@pytest.mark.parametrize("ref", ["docker://UPPER/Case", "docker://a/b:tag@sha256:bad",
                                 "docker://", "docker://a/b:bad:tag"])
def test_malformed_reference_exits_1(periscope, ref):
    result = periscope("inspect", ref)
    assert result.returncode == 1, result.describe()
    assert result.stdout == ""
    compare.assert_short_error(result)


def test_unknown_transport_exits_1(periscope):
    result = periscope("inspect", "foo:bar")
    assert result.returncode == 1, result.describe()
    assert 'unknown transport "foo"' in compare.error_text(result), result.describe()


def test_missing_transport_exits_1(periscope):
    result = periscope("inspect", "busybox")
    assert result.returncode == 1, result.describe()
    assert "busybox" in compare.error_text(result), result.describe()
    compare.assert_short_error(result)


@pytest.mark.parametrize("args", [[], ["docker://a/b:c", "docker://d/e:f"]],
                         ids=["zero-args", "two-args"])
def test_inspect_wrong_argument_count_exits_1(periscope, args):
    result = periscope("inspect", *args)
    assert result.returncode == 1, result.describe()
    assert "Exactly one argument expected" in compare.error_text(result), result.describe()


def test_unknown_flag_exits_1(periscope):
    result = periscope("inspect", "--no-such-flag", "docker://a/b:c")
    assert result.returncode == 1, result.describe()
    assert "unknown flag: --no-such-flag" in compare.error_text(result), result.describe()


def test_creds_with_empty_username_is_rejected(periscope, basic_registry):
    result = periscope("inspect", "--tls-verify=false", "--creds", ":x",
                       basic_registry.ref("sample:latest"))
    assert result.returncode == 1, result.describe()
    assert "username can't be empty" in compare.error_text(result)


def test_debug_shows_http_exchanges_without_secrets(periscope, basic_registry):
    result = periscope("--debug", "inspect", "--tls-verify=false", "--creds", basic_registry.creds,
                       basic_registry.ref("sample:latest"))
    assert result.returncode == 0, result.describe()
    assert "/v2/" in result.stderr and "GET" in result.stderr, result.describe()
    compare.assert_no_secrets(result, _secrets(basic_registry))
    assert "Authorization: Basic" not in result.stderr


def test_debug_does_not_print_bearer_tokens(periscope, token_registry, token_server):
    token_server.reset_requests()
    result = periscope("--debug", "inspect", "--tls-verify=false", "--creds", token_registry.creds,
                       token_registry.ref("sample:latest"))
    assert result.returncode == 0, result.describe()
    compare.assert_no_secrets(result, _secrets(token_registry))
    assert "Bearer ey" not in result.stderr, "bearer token printed"


@pytest.fixture
def web_server():
    """A plain web server on 127.0.0.1 that is no registry: 404 for everything, no API header."""
    import http.server
    import threading

    class NotARegistry(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"not here\n")

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotARegistry)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_server_that_is_no_registry_fails_the_ping_like_skopeo(periscope, skopeo, web_server):
    """The first request stands in for the ping only when the answer shows a registry: a web
    server's 404 is the ping's failure (exit 1), not an unknown image (exit 2)."""
    ref = f"docker://{web_server}/sample:latest"
    ours, theirs = periscope("inspect", "--tls-verify=false", ref), skopeo("inspect", "--tls-verify=false", ref)
    assert (ours.returncode, theirs.returncode) == (1, 1), ours.describe() + theirs.describe()
    text = compare.error_text(ours)
    assert f"pinging container registry {web_server}" in text and "invalid status code" in text, ours.describe()
    compare.assert_short_error(ours)
