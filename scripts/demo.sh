#!/usr/bin/env bash
# The main job, end to end: install what is missing, build Periscope, start a throw-away local
# registry, copy a generated sample image into it with Periscope, then inspect it and list
# its tags with Periscope. Everything runs on 127.0.0.1 in a temp dir removed on exit.
#
# Environment: PERISCOPE_BIN   binary to run (default build/periscope)
#              DEMO_SKIP_BUILD=1   do not install or build
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
periscope=${PERISCOPE_BIN:-$repo/build/periscope}

if [[ ${DEMO_SKIP_BUILD:-0} != 1 ]]; then
  scripts/install-deps.sh
  cmake -S . -B build -G Ninja
  cmake --build build --parallel "${BUILD_JOBS:-2}"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/periscope-demo.XXXXXX")
registry_pid=""
cleanup() {
  if [[ -n $registry_pid ]] && kill -0 "$registry_pid" 2>/dev/null; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Isolate skopeo and periscope from the user's credentials and caches.
export HOME=$work/home XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
unset REGISTRY_AUTH_FILE DOCKER_CONFIG XDG_CONFIG_HOME

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
host=127.0.0.1:$port
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: $host
YAML
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!

/usr/bin/python3 - "$host" <<'PY' || { cat "$work/registry.log" >&2; exit 1; }
import sys, time, urllib.error, urllib.request
for _ in range(200):
    try:
        urllib.request.urlopen(f"http://{sys.argv[1]}/v2/", timeout=1).close()
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("docker-registry did not start")
PY
echo "registry: http://$host (pid $registry_pid)"

/usr/bin/python3 tests/fixtures/make_images.py "$work/images" >/dev/null
echo "\$ periscope copy --dest-tls-verify=false oci:…/sample:latest docker://$host/sample:latest"
"$periscope" --insecure-policy copy --dest-tls-verify=false \
  "oci:$work/images/sample:latest" "docker://$host/sample:latest"
echo "pushed docker://$host/sample:latest"

echo
echo "\$ periscope inspect --tls-verify=false docker://$host/sample:latest"
"$periscope" inspect --tls-verify=false "docker://$host/sample:latest"
echo
echo "\$ periscope list-tags --tls-verify=false docker://$host/sample"
"$periscope" list-tags --tls-verify=false "docker://$host/sample"
