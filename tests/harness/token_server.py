"""A Docker/OCI token server for distribution's `auth: token:` mode.

distribution 2.8 (registry/auth/token/token.go, VerifySigningKey) trusts a token whose JOSE
header carries an `x5c` chain ending in a certificate of its `rootcertbundle` (checked with
ExtKeyUsageAny), so the token server signs ES256 JWTs with a key whose self-signed certificate is
both the `x5c` chain and the whole root bundle. The registry also checks `iss` against `issuer`,
`aud` against `service`, and `exp`/`nbf` (with a leeway).

Endpoints (docs/spec/auth/token.md and oauth.md):
  GET  /token?service=S&scope=...&offline_token=true   Basic credentials optional
  POST /token   grant_type=password (username, password) or refresh_token (refresh_token)
Anonymous requests get a token granting nothing, as public token servers do; wrong credentials
get 401. Every request served is recorded in `requests` so tests can assert token caching.
"""
import base64
import dataclasses
import datetime
import http.server
import json
import pathlib
import secrets
import threading
import time
import urllib.parse

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

TOKEN_LIFETIME_SECONDS = 300


@dataclasses.dataclass(frozen=True)
class TokenRequest:
    method: str                 # "GET" or "POST"
    grant_type: str             # "basic" (GET), "password", "refresh_token"
    user: str                   # "" when anonymous or refused
    scopes: tuple               # as requested, e.g. ("repository:sample:pull",)
    status: int                 # HTTP status sent back


def _parse_scope(scope: str):
    """'repository:a/b:pull,push' -> ('repository', 'a/b', ['pull', 'push'])."""
    kind, _, rest = scope.partition(":")
    name, _, actions = rest.rpartition(":")
    return kind, name, [a for a in actions.split(",") if a]


class TokenServer:
    def __init__(self, directory: pathlib.Path, users: dict, service: str = "periscope-test",
                 issuer: str = "periscope-test-issuer"):
        self.users = dict(users)
        self.service = service
        self.issuer = issuer
        self.requests: list = []
        self._lock = threading.Lock()
        self._refresh_tokens: dict = {}   # refresh token -> user
        self._key = ec.generate_private_key(ec.SECP256R1())
        self._cert = self._self_signed_cert(self._key)
        directory.mkdir(parents=True, exist_ok=True)
        self.root_cert_bundle = directory / "token-root.pem"
        self.root_cert_bundle.write_bytes(self._cert.public_bytes(serialization.Encoding.PEM))
        self._x5c = [base64.b64encode(self._cert.public_bytes(serialization.Encoding.DER)).decode()]
        self._httpd = None
        self._thread = None

    @staticmethod
    def _self_signed_cert(key):
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "periscope test token signer")])
        now = datetime.datetime.now(datetime.timezone.utc)
        return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=3))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(key, hashes.SHA256()))

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> "TokenServer":
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    @property
    def realm(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/token"

    # -- bookkeeping for tests --------------------------------------------------------------
    def reset_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def snapshot(self) -> list:
        with self._lock:
            return list(self.requests)

    def _record(self, req: TokenRequest) -> None:
        with self._lock:
            self.requests.append(req)

    # -- tokens -----------------------------------------------------------------------------
    def issue(self, user: str, scopes) -> str:
        """A signed registry token granting `user` every action of `scopes` (empty if anonymous)."""
        now = int(time.time())
        access = []
        if user:
            for scope in scopes:
                kind, name, actions = _parse_scope(scope)
                access.append({"type": kind, "name": name, "actions": actions})
        claims = {"iss": self.issuer, "sub": user, "aud": self.service,
                  "exp": now + TOKEN_LIFETIME_SECONDS, "nbf": now - 10, "iat": now,
                  "jti": secrets.token_hex(8), "access": access}
        return jwt.encode(claims, self._key, algorithm="ES256", headers={"x5c": self._x5c})

    def new_refresh_token(self, user: str) -> str:
        token = "refresh-" + secrets.token_hex(16)
        with self._lock:
            self._refresh_tokens[token] = user
        return token

    def user_for_refresh_token(self, token: str):
        with self._lock:
            return self._refresh_tokens.get(token)

    def check_password(self, user: str, password: str) -> bool:
        return user in self.users and secrets.compare_digest(self.users[user], password)

    def _handler_class(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):   # keep pytest output clean
                pass

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="periscope-test-token"')
                self.end_headers()
                self.wfile.write(data)

            def _token_body(self, user: str, scopes, offline: bool, oauth: bool) -> dict:
                token = server.issue(user, scopes)
                issued = datetime.datetime.now(datetime.timezone.utc).isoformat()
                body = {"access_token": token, "expires_in": TOKEN_LIFETIME_SECONDS,
                        "issued_at": issued}
                if oauth:
                    body["scope"] = " ".join(scopes)
                else:
                    body["token"] = token
                if offline and user:
                    body["refresh_token"] = server.new_refresh_token(user)
                return body

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query)
                scopes = tuple(s for raw in query.get("scope", []) for s in raw.split(" ") if s)
                if url.path != "/token":
                    return self._send(404, {"errors": [{"code": "NOT_FOUND"}]})
                user = ""
                header = self.headers.get("Authorization", "")
                if header.startswith("Basic "):
                    try:
                        decoded = base64.b64decode(header[6:]).decode()
                    except ValueError:
                        decoded = ":"
                    name, _, password = decoded.partition(":")
                    if not server.check_password(name, password):
                        server._record(TokenRequest("GET", "basic", "", scopes, 401))
                        return self._send(401, {"errors": [{"code": "UNAUTHORIZED",
                                                            "message": "invalid credentials"}]})
                    user = name
                offline = query.get("offline_token", ["false"])[0] == "true"
                server._record(TokenRequest("GET", "basic", user, scopes, 200))
                self._send(200, self._token_body(user, scopes, offline, oauth=False))

            def _body(self) -> bytes:
                # Go's http client sends a body of unknown length chunked (c/image's OAuth2 POST).
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    data = b""
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            return data
                        data += self.rfile.read(size)
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))

            def do_POST(self):
                query = urllib.parse.urlsplit(self.path).query
                form = urllib.parse.parse_qs(query)
                for key, values in urllib.parse.parse_qs(self._body().decode()).items():
                    form.setdefault(key, []).extend(values)
                field = lambda k: form.get(k, [""])[0]  # noqa: E731
                grant = field("grant_type")
                scopes = tuple(s for s in field("scope").split(" ") if s)
                user = None
                if grant == "password":
                    if server.check_password(field("username"), field("password")):
                        user = field("username")
                elif grant == "refresh_token":
                    user = server.user_for_refresh_token(field("refresh_token"))
                else:
                    server._record(TokenRequest("POST", grant, "", scopes, 400))
                    return self._send(400, {"error": "unsupported_grant_type"})
                if user is None:
                    server._record(TokenRequest("POST", grant, "", scopes, 401))
                    return self._send(401, {"error": "invalid_grant"})
                server._record(TokenRequest("POST", grant, user, scopes, 200))
                offline = field("access_type") == "offline"
                self._send(200, self._token_body(user, scopes, offline, oauth=True))

        return Handler
