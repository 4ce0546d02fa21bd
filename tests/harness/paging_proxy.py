"""An HTTP reverse proxy that makes a registry paginate its tag lists.

distribution 2.8 ignores `n` and `last` on /v2/<name>/tags/list and always returns every tag, so
a client's handling of `Link: <...>; rel="next"` (distribution 3, Docker Hub, Harbor...) cannot be
exercised against it directly. This proxy forwards everything to the registry unchanged except
tag lists, which it serves in pages of `page_size` (or `n` when the client asks) in the
registry's order, with a Link header to the next page, and records each tag-list request.
"""
import json
import re
import urllib.parse

from .forwarding_proxy import ForwardingProxy

_TAGS_PATH = re.compile(r"^/v2/(?P<name>.+)/tags/list$")


class PagingProxy(ForwardingProxy):
    def __init__(self, upstream_host: str, page_size: int = 50):
        super().__init__(upstream_host)
        self.page_size = page_size
        self.tag_requests: list = []     # request paths of tag-list pages served

    def reset(self) -> None:
        super().reset()
        with self._lock:
            self.tag_requests.clear()

    def intercept(self, method, path, headers):
        url = urllib.parse.urlsplit(path)
        match = _TAGS_PATH.match(url.path)
        if method != "GET" or not match:
            return None
        status, resp_headers, resp_body, _ = self.fetch("GET", url.path, headers)
        if status != 200:
            return status, resp_headers, resp_body
        with self._lock:
            self.tag_requests.append(path)
        query = urllib.parse.parse_qs(url.query)
        tags = json.loads(resp_body).get("tags") or []
        start = 0
        if "last" in query and query["last"][0] in tags:
            start = tags.index(query["last"][0]) + 1
        size = int(query.get("n", [self.page_size])[0])
        page = tags[start:start + size]
        out_headers = [("Content-Type", "application/json; charset=utf-8")]
        if start + size < len(tags):
            next_query = urllib.parse.urlencode({"n": size, "last": page[-1]})
            out_headers.append(("Link", f'<{url.path}?{next_query}>; rel="next"'))
        data = json.dumps({"name": match.group("name"), "tags": page}).encode()
        return 200, out_headers, data
