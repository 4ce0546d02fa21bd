"""Test certificate authority and server certificate, made with the openssl command."""
import dataclasses
import pathlib
import shutil
import subprocess


@dataclasses.dataclass(frozen=True)
class ServerCerts:
    ca_file: pathlib.Path      # PEM of the CA that signed the server certificate
    cert_file: pathlib.Path    # server certificate (SAN IP:127.0.0.1, DNS:localhost)
    key_file: pathlib.Path
    cert_dir: pathlib.Path     # a --cert-dir directory holding only ca.crt


def _openssl(*args: str, cwd: pathlib.Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_server_certs(directory: pathlib.Path) -> ServerCerts:
    """Creates a CA and a server certificate for 127.0.0.1/localhost in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3",
             "-subj", "/CN=Periscope Test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)
    _openssl("req", "-new", *ec, "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=localhost", cwd=directory)
    (directory / "server.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.crt", "-days", "3",
             "-extfile", "server.ext", cwd=directory)
    cert_dir = directory / "cert-dir"
    cert_dir.mkdir(exist_ok=True)
    shutil.copy(directory / "ca.pem", cert_dir / "ca.crt")
    return ServerCerts(ca_file=directory / "ca.pem", cert_file=directory / "server.crt",
                       key_file=directory / "server.key", cert_dir=cert_dir)
