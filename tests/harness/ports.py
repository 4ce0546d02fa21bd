"""Free TCP ports on 127.0.0.1."""
import socket


def free_port() -> int:
    """A port nothing listens on right now (the kernel's pick for port 0).

    Another process could take it before we bind it again; callers retry on failure.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
