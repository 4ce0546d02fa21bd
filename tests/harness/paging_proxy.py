"""An HTTP reverse proxy that makes a registry paginate its tag lists.

distribution 2.8 ignores `n` and `last` on /v2/<name>/tags/list and always returns every tag, so
a client's handling of `Link: <...>; rel="next"` (distribution 3, Docker Hub, Harbor...) cannot be
exercised against it directly. This proxy forwards everything to the registry unchanged except
tag lists, which it serves in pages of `page_size` (or `n` when the client asks) in the
registry's order, with a Link header to the next page, and records each tag-list request.
"""
import http.client
import http.server
import json
import re
import threading
import urllib.parse

_TAGS_PATH = re.compile(r"^/v2/(?P<name>.+)/tags/list$")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authorization", "proxy-authenticate", "content-length", "host"}


class PagingProxy:
    def __init__(self, upstream_host: str, page_size: int = 50):
        self.upstream_host = upstream_host
        self.page_size = page_size
        self.tag_requests: list = []     # request paths of tag-list pages served
        self._lock = threading.Lock()
        self._httpd = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    def ref(self, name: str) -> str:
        return f"docker://{self.host}/{name}"

    def start(self) -> "PagingProxy":
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
            self.tag_requests.clear()

    def _forward(self, method, path, headers, body):
        conn = http.client.HTTPConnection(self.upstream_host, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def _handler_class(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, headers, body):
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in _HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _handle(self):
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                url = urllib.parse.urlsplit(self.path)
                match = _TAGS_PATH.match(url.path)
                if self.command != "GET" or not match:
                    return self._reply(*proxy._forward(self.command, self.path, headers, body))
                status, resp_headers, resp_body = proxy._forward("GET", url.path, headers, None)
                if status != 200:
                    return self._reply(status, resp_headers, resp_body)
                with proxy._lock:
                    proxy.tag_requests.append(self.path)
                query = urllib.parse.parse_qs(url.query)
                tags = json.loads(resp_body).get("tags") or []
                start = 0
                if "last" in query and query["last"][0] in tags:
                    start = tags.index(query["last"][0]) + 1
                size = int(query.get("n", [proxy.page_size])[0])
                page = tags[start:start + size]
                out_headers = [("Content-Type", "application/json; charset=utf-8")]
                if start + size < len(tags):
                    next_query = urllib.parse.urlencode({"n": size, "last": page[-1]})
                    out_headers.append(("Link", f'<{url.path}?{next_query}>; rel="next"'))
                data = json.dumps({"name": match.group("name"), "tags": page}).encode()
                self._reply(200, out_headers, data)

            do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _handle

        return Handler
