"""login / logout against the Basic-auth and the token registries, and auth-file interop."""
import json
import stat

import pytest

from harness import authfile, compare

REGISTRIES = ["basic_registry", "token_registry"]


@pytest.fixture(params=REGISTRIES)
def reg(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def auth_path(tmp_path):
    return tmp_path / "auth" / "auth.json"


def _login(tool, reg, path, *flags, password=None, input=None):
    pw = ["-p", password if password is not None else reg.password] if input is None else []
    return tool("login", "--tls-verify=false", "--authfile", path, "-u", reg.user, *pw, *flags,
                reg.host, input=input)


def test_login_prints_login_succeeded(periscope, reg, auth_path):
    result = _login(periscope, reg, auth_path)
    assert result.returncode == 0, result.describe()
    assert result.stdout == "Login Succeeded!\n"


def test_login_writes_base64_credentials(periscope, reg, auth_path):
    _login(periscope, reg, auth_path)
    assert authfile.read(auth_path) == {
        "auths": {reg.host: {"auth": authfile.auth_value(reg.user, reg.password)}}}


def test_login_creates_file_with_mode_0600(periscope, reg, auth_path):
    _login(periscope, reg, auth_path)
    assert stat.S_IMODE(auth_path.stat().st_mode) == 0o600


def test_login_keeps_other_entries(periscope, reg, auth_path):
    authfile.write(auth_path, {"other.example.com": ("bob", "bobs-pw")})
    original = authfile.read(auth_path)
    original["credHelpers"] = {"helper.example.com": "pass"}
    auth_path.write_text(json.dumps(original))
    _login(periscope, reg, auth_path)
    data = authfile.read(auth_path)
    assert data["auths"]["other.example.com"] == {"auth": authfile.auth_value("bob", "bobs-pw")}
    assert data["auths"][reg.host] == {"auth": authfile.auth_value(reg.user, reg.password)}
    assert data["credHelpers"] == {"helper.example.com": "pass"}


def test_login_with_wrong_password_fails_and_leaves_file_unchanged(periscope, reg, auth_path):
    authfile.write(auth_path, {"other.example.com": ("bob", "bobs-pw")})
    before = auth_path.read_bytes()
    result = _login(periscope, reg, auth_path, password="wrong-pw-771")
    assert result.returncode != 0, result.describe()
    assert auth_path.read_bytes() == before
    assert "invalid username/password" in compare.error_text(result), result.describe()
    compare.assert_no_secrets(result, ["wrong-pw-771", reg.password])


def test_login_with_password_stdin(periscope, reg, auth_path):
    result = _login(periscope, reg, auth_path, "--password-stdin",
                    input=(reg.password + "\n").encode())
    assert result.returncode == 0, result.describe()
    assert authfile.read(auth_path)["auths"][reg.host]["auth"] == \
        authfile.auth_value(reg.user, reg.password)


def test_login_output_has_no_secrets(periscope, reg, auth_path):
    result = _login(periscope, reg, auth_path)
    compare.assert_no_secrets(result, compare.secrets_for(reg.user, reg.password))


def test_get_login_prints_user(periscope, reg, auth_path):
    _login(periscope, reg, auth_path)
    result = periscope("login", "--get-login", "--authfile", auth_path, reg.host)
    assert result.returncode == 0, result.describe()
    assert result.stdout == f"{reg.user}\n"


def test_get_login_when_not_logged_in_fails(periscope, reg, auth_path):
    authfile.write(auth_path, {})
    result = periscope("login", "--get-login", "--authfile", auth_path, reg.host)
    assert result.returncode == 1, result.describe()
    assert f"not logged into {reg.host}" in compare.error_text(result)


def test_logout_removes_entry_and_keeps_others(periscope, reg, auth_path):
    authfile.write(auth_path, {"other.example.com": ("bob", "bobs-pw")})
    _login(periscope, reg, auth_path)
    result = periscope("logout", "--authfile", auth_path, reg.host)
    assert result.returncode == 0, result.describe()
    assert result.stdout == f"Removed login credentials for {reg.host}\n"
    assert list(authfile.read(auth_path)["auths"]) == ["other.example.com"]


def test_logout_when_not_logged_in_fails(periscope, reg, auth_path):
    authfile.write(auth_path, {})
    result = periscope("logout", "--authfile", auth_path, reg.host)
    assert result.returncode == 1, result.describe()
    assert f"not logged into {reg.host}" in compare.error_text(result)


def test_logout_all_removes_everything(periscope, reg, auth_path):
    authfile.write(auth_path, {"other.example.com": ("bob", "bobs-pw")})
    _login(periscope, reg, auth_path)
    result = periscope("logout", "--all", "--authfile", auth_path)
    assert result.returncode == 0, result.describe()
    assert result.stdout == "Removed login credentials for all registries\n"
    assert authfile.read(auth_path).get("auths", {}) == {}


def test_inspect_uses_credentials_from_login(periscope, reg, auth_path):
    _login(periscope, reg, auth_path)
    result = periscope("inspect", "--tls-verify=false", "--authfile", auth_path,
                       reg.ref("sample:latest"))
    assert result.returncode == 0, result.describe()


def test_inspect_fails_after_logout(periscope, reg, auth_path):
    _login(periscope, reg, auth_path)
    periscope("logout", "--authfile", auth_path, reg.host, check=True)
    result = periscope("inspect", "--tls-verify=false", "--authfile", auth_path,
                       reg.ref("sample:latest"))
    assert result.returncode == 1, result.describe()


def test_periscope_reads_file_written_by_skopeo_login(periscope, skopeo, reg, auth_path):
    _login(skopeo, reg, auth_path)
    result = periscope("inspect", "--tls-verify=false", "--authfile", auth_path,
                       reg.ref("sample:latest"))
    assert result.returncode == 0, result.describe()


def test_skopeo_reads_file_written_by_periscope_login(periscope, skopeo, reg, auth_path):
    _login(periscope, reg, auth_path)
    result = skopeo("inspect", "--tls-verify=false", "--authfile", auth_path,
                    reg.ref("sample:latest"))
    assert result.returncode == 0, result.describe()


def test_auth_file_written_by_login_equals_skopeos(periscope, skopeo, reg, tmp_path):
    ours_path, theirs_path = tmp_path / "ours.json", tmp_path / "theirs.json"
    _login(periscope, reg, ours_path)
    _login(skopeo, reg, theirs_path)
    assert ours_path.read_bytes() == theirs_path.read_bytes()


def test_login_then_logout_output_equals_skopeo(periscope, skopeo, reg, tmp_path):
    outputs = []
    for tool in (periscope, skopeo):
        path = tmp_path / f"{tool.name}.json"
        login = _login(tool, reg, path)
        logout = tool("logout", "--authfile", path, reg.host)
        outputs.append((login.returncode, login.stdout, logout.returncode, logout.stdout))
    assert outputs[0] == outputs[1]
