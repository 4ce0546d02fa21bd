"""Helpers for the configuration tests: registries.conf files, a credential helper speaking docker's
protocol, and a counting HTTP proxy (CONNECT and absolute-form requests) that maps made-up host
names to 127.0.0.1, so that a request can only have reached the registry through it."""
import json
import os
import pathlib
import select
import socket
import socketserver
import stat
import threading

# -- registries.conf -------------------------------------------------------------------------


def write_conf(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# -- credential helper -----------------------------------------------------------------------

HELPER_NAME = "periscopetest"

HELPER_SOURCE = r'''#!/usr/bin/python3
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
store_path = os.path.join(here, "store.json")
store = json.load(open(store_path)) if os.path.exists(store_path) else {}
data = sys.stdin.read()
with open(os.path.join(here, "calls.log"), "a") as log:
    log.write(json.dumps({"argv": sys.argv[1:], "stdin": data}) + "\n")
action = sys.argv[1]
if action == "get":
    if data not in store:
        print("credentials not found in native keychain"); sys.exit(1)
    user, secret = store[data]
    print(json.dumps({"ServerURL": data, "Username": user, "Secret": secret}))
elif action == "store":
    req = json.loads(data)
    store[req["ServerURL"]] = [req["Username"], req["Secret"]]
elif action == "erase":
    if data not in store:
        print("credentials not found in native keychain"); sys.exit(1)
    del store[data]
elif action == "list":
    print(json.dumps({k: v[0] for k, v in store.items()}))
json.dump(store, open(store_path, "w"))
'''


class CredentialHelper:
    """docker-credential-periscopetest in its own folder; put `bin_dir` first on PATH."""

    def __init__(self, bin_dir: pathlib.Path):
        self.bin_dir = bin_dir
        bin_dir.mkdir(parents=True, exist_ok=True)
        exe = bin_dir / f"docker-credential-{HELPER_NAME}"
        exe.write_text(HELPER_SOURCE)
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    @property
    def name(self) -> str:
        return HELPER_NAME

    def path_env(self) -> str:
        return f"{self.bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}"

    def store(self) -> dict:
        p = self.bin_dir / "store.json"
        return json.loads(p.read_text()) if p.exists() else {}

    def put(self, server: str, user: str, secret: str) -> None:
        data = self.store()
        data[server] = [user, secret]
        (self.bin_dir / "store.json").write_text(json.dumps(data))

    def calls(self) -> list:
        p = self.bin_dir / "calls.log"
        return [json.loads(line) for line in p.read_text().splitlines()] if p.exists() else []


# -- proxy -----------------------------------------------------------------------------------


def _pipe(a: socket.socket, b: socket.socket) -> None:
    """Copies both ways until either side closes."""
    sockets = [a, b]
    try:
        while True:
            ready, _, _ = select.select(sockets, [], [], 60)
            if not ready:
                return
            for s in ready:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return


def _read_head(sock: socket.socket) -> tuple:
    """(head bytes up to and including the blank line, bytes read past it)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    return buf[:end], buf[end:]


def _with_connection_close(head: bytes) -> bytes:
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]] + [ln for ln in lines[1:] if not ln.lower().startswith(
        (b"connection:", b"proxy-connection:", b"keep-alive:", b"proxy-authorization:"))]
    return b"\r\n".join(kept + [b"Connection: close"]) + b"\r\n\r\n"


class CountingProxy:
    """A forwarding proxy on 127.0.0.1. `hosts` maps the names clients use to real host names."""

    def __init__(self, hosts: dict):
        self.hosts = dict(hosts)
        self.requests = []          # request lines seen, e.g. "CONNECT registry.test:5000 HTTP/1.1"
        self.heads = []             # full request heads as text (to check for leaked secrets)
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                proxy._handle(self.request)

        class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "CountingProxy":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _target(self, authority: str) -> tuple:
        host, _, port = authority.rpartition(":")
        return self.hosts.get(host, host), int(port)

    def _handle(self, client: socket.socket) -> None:
        head, rest = _read_head(client)
        if head is None:
            return
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        with self._lock:
            self.requests.append(request_line)
            self.heads.append(head.decode("latin-1"))
        method, target, version = request_line.split(" ", 2)
        if method == "CONNECT":
            try:
                upstream = socket.create_connection(self._target(target), timeout=30)
            except OSError:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            _pipe(client, upstream)
            upstream.close()
            return
        if not target.startswith("http://"):
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        authority, _, path = target[len("http://"):].partition("/")
        if ":" not in authority:
            authority += ":80"
        upstream = socket.create_connection(self._target(authority), timeout=30)
        # One request per connection: the upstream closes after answering, and so do we.
        first = f"{method} /{path} {version}".encode("latin-1")
        upstream.sendall(_with_connection_close(first + head[head.index(b"\r\n"):]) + rest)
        done = threading.Event()

        def upload():
            try:
                while not done.is_set():
                    ready, _, _ = select.select([client], [], [], 0.2)
                    if ready:
                        data = client.recv(65536)
                        if not data:
                            return
                        upstream.sendall(data)
            except OSError:
                return
        t = threading.Thread(target=upload, daemon=True)
        t.start()
        response_head, body = _read_head(upstream)
        if response_head is not None:
            client.sendall(_with_connection_close(response_head) + body)
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                client.sendall(data)
        done.set()
        t.join(timeout=5)
        upstream.close()

    def count(self, prefix: str = "") -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.startswith(prefix))
