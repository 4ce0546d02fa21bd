"""A blob shared by several images of one sync crosses the network once: the first image uploads
it, the others get it by a cross-repository mount inside the destination registry."""
from copy_fixtures import RecordingProxy
from sync_fixtures import TLS_OFF, push, registry_factory, sync, tiny_image  # noqa: F401


def _uploads(proxy) -> list:
    """Upload sessions opened without a mount (each is one blob sent over the wire)."""
    return [p for m, p in proxy.snapshot() if m == "POST" and "/blobs/uploads/" in p and "mount=" not in p]


def _mounts(proxy) -> list:
    return [p for m, p in proxy.snapshot() if m == "POST" and "mount=" in p]


def test_blobs_shared_between_repositories_are_uploaded_once(periscope, registry_factory, tmp_path):
    src, dst = registry_factory("src"), registry_factory("dst")
    image = tiny_image(7)
    repos = ["team/one", "team/two", "team/three"]
    for repo in repos:
        push(src, repo, "1", image)
    config = tmp_path / "sync.yml"
    config.write_text(f"{src.host}:\n  tls-verify: false\n  images:\n" +
                      "".join(f"    {repo}: ['1']\n" for repo in repos))
    proxy = RecordingProxy(dst.host).start()
    try:
        r = sync(periscope, "--src", "yaml", "--dest", "docker", *TLS_OFF, "--parallel-images", "1",
                 config, f"{proxy.host}/mirror")
        assert r.returncode == 0, r.describe()
        blobs = len(image.blobs)
        assert len(_uploads(proxy)) == blobs, proxy.snapshot()
        assert len(_mounts(proxy)) == blobs * (len(repos) - 1), proxy.snapshot()
    finally:
        proxy.stop()
    for repo in repos:
        status, _, _ = dst.request("HEAD", f"/v2/mirror/{repo.split('/')[-1]}/manifests/1",
                                   headers={"Accept": image.media_type})
        assert status == 200


def test_images_of_one_sync_share_one_client_per_registry(periscope, registry_factory, tmp_path):
    """Every image copy reuses the run's registry clients: the Basic-auth destination challenges
    the run once (its first request), not once per image; later requests carry the credentials."""
    src = registry_factory("src")
    dst = registry_factory("dst", user="mirror", password="s3cret")
    repos = [f"fleet/app-{i}" for i in range(4)]
    for i, repo in enumerate(repos):
        push(src, repo, "1", tiny_image(100 + i))
    dst_proxy = RecordingProxy(dst.host).start()
    config = tmp_path / "sync.yml"
    config.write_text(f"{src.host}:\n  tls-verify: false\n  images:\n" +
                      "".join(f"    {repo}: ['1']\n" for repo in repos))
    try:
        r = sync(periscope, "--src", "yaml", "--dest", "docker", *TLS_OFF, "--dest-creds", "mirror:s3cret",
                 "--parallel-images", "2", config, f"{dst_proxy.host}/mirror")
        assert r.returncode == 0, r.describe()
        challenged = [(m, p) for m, p, status in dst_proxy.statuses if status == 401]
        assert len(challenged) == 1, dst_proxy.statuses
        copied = [p for m, p in dst_proxy.snapshot() if m == "PUT" and "/manifests/" in p]
        assert len(copied) == len(repos), dst_proxy.snapshot()
    finally:
        dst_proxy.stop()
