"""Runs periscope and skopeo as child processes in an isolated environment."""
import dataclasses
import os
import pathlib
import subprocess

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
SKOPEO_BIN = "/usr/bin/skopeo"


def periscope_bin() -> str:
    return os.environ.get("PERISCOPE_BIN") or str(REPO_ROOT / "build" / "periscope")


def periscope_is_skopeo() -> bool:
    """True when the suite runs with PERISCOPE_BIN pointing at skopeo (to check the harness)."""
    return pathlib.Path(periscope_bin()).resolve().name.startswith("skopeo")


@dataclasses.dataclass
class Result:
    args: list
    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode(errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode(errors="replace")

    def describe(self) -> str:
        return (f"$ {' '.join(self.args)}\nexit {self.returncode}\n"
                f"--- stdout\n{self.stdout[:3000]}\n--- stderr\n{self.stderr[:3000]}")


def isolated_env(root: pathlib.Path, **overrides) -> dict:
    """An environment with an empty HOME and XDG_RUNTIME_DIR under `root`, so no credentials,
    certificates or configuration of the machine's user leak into a test. Values of None in
    `overrides` remove a variable."""
    home, runtime = root / "home", root / "run"
    home.mkdir(parents=True, exist_ok=True)
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {k: v for k, v in os.environ.items()
           if k not in ("REGISTRY_AUTH_FILE", "DOCKER_CONFIG", "XDG_CONFIG_HOME",
                        "CONTAINERS_REGISTRIES_CONF", "http_proxy", "https_proxy",
                        "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), LC_ALL="C.UTF-8", NO_PROXY="*")
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


class Tool:
    """A CLI under test: `tool("inspect", ref)` runs it and returns a Result."""

    def __init__(self, name: str, binary: str, env: dict):
        self.name, self.binary, self.env = name, binary, env

    def __call__(self, *args, env: dict = None, input: bytes = None, timeout: float = 120,
                 check: bool = False) -> Result:
        argv = [self.binary, *[str(a) for a in args]]
        if not os.path.exists(self.binary):
            import pytest
            pytest.fail(f"{self.name} binary not found at {self.binary}: build it "
                        "(cmake --build build) or set PERISCOPE_BIN", pytrace=False)
        proc = subprocess.run(argv, env=env or self.env, input=input, capture_output=True,
                              timeout=timeout, stdin=None if input is not None else subprocess.DEVNULL)
        result = Result(argv, proc.returncode, proc.stdout, proc.stderr)
        if check and result.returncode != 0:
            raise AssertionError("command failed:\n" + result.describe())
        return result

    def with_env(self, env: dict) -> "Tool":
        return Tool(self.name, self.binary, env)
