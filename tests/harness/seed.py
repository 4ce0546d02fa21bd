"""Puts the fixture images into a registry with Debian's skopeo (and the registry API)."""
import subprocess

from .cli import SKOPEO_BIN
from .registry import Registry

MANY_TAGS_REPO = "many/tags"
MANY_TAGS_COUNT = 130
DOCKER_V2S2 = "application/vnd.docker.distribution.manifest.v2+json"


def skopeo_copy(reg: Registry, src: str, dest_name: str, *extra: str, env: dict) -> None:
    args = [SKOPEO_BIN, "--insecure-policy", "copy", "-q", *extra, "--dest-tls-verify=false"]
    if reg.user:
        args += ["--dest-creds", reg.creds]
    args += [src, reg.ref(dest_name)]
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"seeding {dest_name}: {' '.join(args)}\n{proc.stderr}")


def seed_sample(reg: Registry, fixtures: dict, env: dict) -> None:
    """sample:latest and sample:1.0 (OCI manifest)."""
    skopeo_copy(reg, fixtures["sample"].oci_ref, "sample:latest", env=env)
    manifest = fixtures["sample"].top
    reg.put_manifest("sample", "1.0", manifest, fixtures["sample"].top_media_type)


def seed_full(reg: Registry, fixtures: dict, env: dict) -> None:
    """Every fixture: sample (OCI), dockerish (v2s2), multi (OCI index, --all), many/tags."""
    seed_sample(reg, fixtures, env)
    skopeo_copy(reg, fixtures["dockerish"].oci_ref, "dockerish:latest", "--format", "v2s2", env=env)
    skopeo_copy(reg, fixtures["multi"].oci_ref, "multi:latest", "--all", env=env)
    seed_many_tags(reg, fixtures, env)


def many_tag_names() -> list:
    return [f"tag-{i:03d}" for i in range(MANY_TAGS_COUNT)]


def seed_many_tags(reg: Registry, fixtures: dict, env: dict) -> None:
    """Pushes 'tagged' once, then PUTs the same manifest under 129 more tags (fast)."""
    names = many_tag_names()
    skopeo_copy(reg, fixtures["tagged"].oci_ref, f"{MANY_TAGS_REPO}:{names[0]}", env=env)
    fixture = fixtures["tagged"]
    for name in names[1:]:
        reg.put_manifest(MANY_TAGS_REPO, name, fixture.top, fixture.top_media_type)


def pushed_v2s2_manifest(reg: Registry) -> bytes:
    return reg.get_manifest("dockerish", "latest", DOCKER_V2S2)

