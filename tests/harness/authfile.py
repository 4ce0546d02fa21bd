"""containers-auth.json files for tests."""
import base64
import json
import pathlib


def auth_value(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def write(path: pathlib.Path, auths: dict) -> pathlib.Path:
    """Writes {"auths": auths}; values of `auths` are (user, password) or ready entries."""
    entries = {}
    for key, value in auths.items():
        entries[key] = {"auth": auth_value(*value)} if isinstance(value, tuple) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"auths": entries}, indent="\t"))
    path.chmod(0o600)
    return path


def read(path: pathlib.Path) -> dict:
    return json.loads(path.read_text())
