"""A reverse proxy in front of a registry, for tests: forwards every request unchanged and records
(method, path) of each, so that a test can count pings, HEADs, mounts and uploads. Subclasses may
answer some requests themselves (`intercept`), as PagingProxy does for tag lists."""
import http.client
import http.server
import threading
from typing import Optional

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "content-length", "host"}


class ForwardingProxy:
    def __init__(self, upstream_host: str):
        self.upstream_host = upstream_host
        self.requests: list = []     # (method, path) of every request, in arrival order
        self.statuses: list = []     # (method, path, status) of every answer, in answer order
        self._lock = threading.Lock()
        self._httpd = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    def ref(self, name: str) -> str:
        return f"docker://{self.host}/{name}"

    def start(self):
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.statuses.clear()

    def snapshot(self) -> list:
        with self._lock:
            return list(self.requests)

    def intercept(self, method: str, path: str, headers: list) -> Optional[tuple]:
        """(status, headers, body) to answer with instead of forwarding; None forwards."""
        return None

    def fetch(self, method: str, path: str, headers: list, body: bytes = b"", host: str = None) -> tuple:
        """Sends the request upstream; returns (status, headers, body, content_length)."""
        conn = http.client.HTTPConnection(self.upstream_host, timeout=60)
        try:
            # putheader keeps repeated headers (clients send several Accept lines); the client's
            # Host goes through so that upload Locations point at the proxy.
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host or self.upstream_host)
            for key, value in headers:
                if key.lower() not in HOP_BY_HOP:
                    conn.putheader(key, value)
            if body or method in ("PUT", "PATCH", "POST"):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body or None)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.getheaders(), data, resp.getheader("Content-Length")
        finally:
            conn.close()

    def _handler_class(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self) -> bytes:
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    parts = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            return b"".join(parts)
                        parts.append(self.rfile.read(size))
                        self.rfile.readline()
                length = int(self.headers.get("Content-Length", "0") or 0)
                return self.rfile.read(length) if length else b""

            def _reply(self, status, headers, body, head_length=None):
                with proxy._lock:
                    proxy.statuses.append((self.command, self.path, status))
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                # HEAD answers carry the blob's size, which clients read.
                length = head_length if self.command == "HEAD" else str(len(body))
                self.send_header("Content-Length", length or "0")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _handle(self):
                body = self._body()
                with proxy._lock:
                    proxy.requests.append((self.command, self.path))
                headers = list(self.headers.items())
                answer = proxy.intercept(self.command, self.path, headers)
                if answer is not None:
                    return self._reply(*answer, head_length=str(len(answer[2])))
                status, resp_headers, data, length = proxy.fetch(
                    self.command, self.path, headers, body, host=self.headers.get("Host", proxy.host))
                self._reply(status, resp_headers, data, head_length=length)

            do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _handle

        return Handler
