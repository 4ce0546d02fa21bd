"""Helpers for comparing periscope's output with skopeo's."""
import base64
import hashlib
import json
import re

# skopeo 1.9.3 predates LayersData (1.10); this removes the block from 1.10+ style output.
_LAYERS_DATA = re.compile(r'    "LayersData": (?:null|\[\]|\[\n.*?\n    \]),\n', re.DOTALL)


def strip_layers_data(text: str) -> str:
    return _LAYERS_DATA.sub("", text, count=1)


def ordered(text: str):
    """JSON parsed into nested lists of (key, value) pairs, so comparisons see key order."""
    return json.loads(text, object_pairs_hook=list)


def without_layers_data(text: str) -> dict:
    obj = json.loads(text)
    obj.pop("LayersData", None)
    return obj


def secrets_for(user: str, password: str, *extra: str) -> list:
    """Strings that must never appear in output: the password, base64 auth forms, tokens."""
    raw = f"{user}:{password}".encode()
    return [password, base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode(),
            *[e for e in extra if e]]


def assert_no_secrets(result, secrets) -> None:
    for secret in secrets:
        for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
            assert secret not in text, f"secret leaked in {stream}:\n{result.describe()}"


# Progress lines copy prints to stderr (skopeo prints them to stdout): not part of the error.
PROGRESS_PREFIXES = ("Getting image source signatures", "Copying blob ", "Copying config ", "Copying image ",
                     "Copying ", "Writing manifest", "Storing signatures", "Skipping: ")


def assert_short_error(result, max_lines: int = 3) -> None:
    lines = [line for line in result.stderr.strip().splitlines()
             if line.strip() and not line.startswith(PROGRESS_PREFIXES)]
    assert 1 <= len(lines) <= max_lines, f"expected a short error message:\n{result.describe()}"


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def go_map(mapping: dict) -> str:
    """How Go's fmt prints a map[string]string: sorted keys, `map[k:v k2:v2]`."""
    return "map[" + " ".join(f"{k}:{mapping[k]}" for k in sorted(mapping)) + "]"


_LOGRUS = re.compile(r'^time="[^"]*" level=(\w+) msg="((?:[^"\\]|\\.)*)"(.*)$')


def error_text(result) -> str:
    """stderr with logrus-style lines (`time=... level=fatal msg="..."`, as skopeo prints)
    reduced to their unquoted messages, so tests can look for plain text in either CLI."""
    lines = []
    for line in result.stderr.splitlines():
        match = _LOGRUS.match(line)
        if match:
            try:
                line = json.loads('"' + match.group(2) + '"')
            except ValueError:
                line = match.group(2)
        lines.append(line)
    return "\n".join(lines)
