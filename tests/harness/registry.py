"""Runs Debian's docker-registry (distribution 2.8) as a child process for tests."""
import base64
import dataclasses
import json
import pathlib
import re
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from typing import Optional

from . import ports
from .certs import ServerCerts
from .token_server import TokenServer

REGISTRY_BIN = "/usr/bin/docker-registry"


@dataclasses.dataclass
class Registry:
    host: str                                   # "127.0.0.1:PORT", the name used in references
    process: subprocess.Popen
    workdir: pathlib.Path
    tls: Optional[ServerCerts] = None
    user: Optional[str] = None                  # Basic or token-server credentials, if any
    password: Optional[str] = None
    token_server: Optional[TokenServer] = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}"

    @property
    def creds(self) -> str:
        return f"{self.user}:{self.password}"

    @property
    def log_text(self) -> str:
        return (self.workdir / "registry.log").read_text(errors="replace")

    def ref(self, name: str) -> str:
        """docker:// reference for `name` ("repo:tag" or "repo@digest") on this registry."""
        return f"docker://{self.host}/{name}"

    # -- direct API access, for seeding and for checking results ------------------------------
    def _auth_header(self, scope: str) -> Optional[str]:
        if self.token_server:
            return "Bearer " + self.token_server.issue(self.user, [scope])
        if self.user:
            raw = f"{self.user}:{self.password}".encode()
            return "Basic " + base64.b64encode(raw).decode()
        return None

    def request(self, method: str, path: str, data: bytes = None, headers: dict = None,
                scope: str = None):
        """One API request; returns (status, headers, body). `scope` only matters for tokens."""
        headers = dict(headers or {})
        match = re.match(r"^/v2/(.+?)/(manifests|tags|blobs)/", path)
        if scope is None and match:
            scope = f"repository:{match.group(1)}:pull,push,delete"
        auth = self._auth_header(scope or "registry:catalog:*")
        if auth:
            headers["Authorization"] = auth
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        context = ssl.create_default_context(cafile=str(self.tls.ca_file)) if self.tls else None
        try:
            with urllib.request.urlopen(req, context=context, timeout=30) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def get_manifest(self, repo: str, reference: str, accept: str) -> bytes:
        status, _, body = self.request("GET", f"/v2/{repo}/manifests/{reference}",
                                       headers={"Accept": accept})
        assert status == 200, f"GET manifest {repo}:{reference}: {status} {body[:200]!r}"
        return body

    def put_manifest(self, repo: str, reference: str, body: bytes, media_type: str) -> None:
        status, _, text = self.request("PUT", f"/v2/{repo}/manifests/{reference}", data=body,
                                       headers={"Content-Type": media_type})
        assert status == 201, f"PUT manifest {repo}:{reference}: {status} {text[:200]!r}"

    def tags(self, repo: str) -> list:
        status, _, body = self.request("GET", f"/v2/{repo}/tags/list")
        assert status == 200, f"tags/list {repo}: {status}"
        return json.loads(body)["tags"] or []

    # -- lifecycle --------------------------------------------------------------------------
    def stop(self) -> None:
        """Stops this registry's process, by its PID only."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _config_yaml(port: int, storage: pathlib.Path, tls: Optional[ServerCerts],
                 htpasswd: Optional[pathlib.Path], token: Optional[TokenServer]) -> str:
    lines = [
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        f"    rootdirectory: {storage}",
        "  delete:",
        "    enabled: true",
        "  maintenance:",
        "    uploadpurging:",
        "      enabled: false",
        "http:",
        f"  addr: 127.0.0.1:{port}",
        "  secret: periscope-test-secret",
    ]
    if tls:
        lines += ["  tls:", f"    certificate: {tls.cert_file}", f"    key: {tls.key_file}"]
    if htpasswd:
        lines += ["auth:", "  htpasswd:", "    realm: periscope-test", f"    path: {htpasswd}"]
    elif token:
        lines += ["auth:", "  token:", f"    realm: {token.realm}", f"    service: {token.service}",
                  f"    issuer: {token.issuer}", f"    rootcertbundle: {token.root_cert_bundle}"]
    return "\n".join(lines) + "\n"


def _wait_ready(reg: Registry, timeout: float = 20.0) -> None:
    """Waits until GET /v2/ answers with any HTTP status (200 or 401)."""
    context = None
    if reg.tls:
        context = ssl.create_default_context(cafile=str(reg.tls.ca_file))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if reg.process.poll() is not None:
            raise RuntimeError(f"docker-registry exited ({reg.process.returncode}):\n{reg.log_text}")
        try:
            urllib.request.urlopen(reg.url + "/v2/", context=context, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)
    reg.stop()
    raise RuntimeError(f"docker-registry did not answer /v2/ in {timeout}s:\n{reg.log_text}")


def start_registry(workdir: pathlib.Path, *, tls: ServerCerts = None, user: str = None,
                   password: str = None, token_server: TokenServer = None) -> Registry:
    """Starts a registry storing into `workdir`; Basic auth if user/password and no token server."""
    workdir.mkdir(parents=True, exist_ok=True)
    htpasswd = None
    if user and not token_server:
        htpasswd = workdir / "htpasswd"
        line = subprocess.run(["htpasswd", "-Bbn", user, password], check=True,
                              capture_output=True, text=True).stdout.strip()
        htpasswd.write_text(line + "\n")
    last_error = None
    for _ in range(5):   # the free port may be taken between probing and binding
        port = ports.free_port()
        config = workdir / "config.yml"
        config.write_text(_config_yaml(port, workdir / "storage", tls, htpasswd, token_server))
        log = open(workdir / "registry.log", "wb")
        process = subprocess.Popen([REGISTRY_BIN, "serve", str(config)], stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        reg = Registry(host=f"127.0.0.1:{port}", process=process, workdir=workdir, tls=tls,
                       user=user, password=password, token_server=token_server)
        try:
            _wait_ready(reg)
            return reg
        except RuntimeError as err:
            last_error = err
            reg.stop()
    raise last_error
