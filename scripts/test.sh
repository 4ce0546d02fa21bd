#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs the unit tests (ctest) and the
# integration tests (pytest) against real local registries that the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"

echo "== unit tests (GoogleTest via ctest)"
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== integration tests (pytest, real docker-registry, skopeo)"
PERISCOPE_BIN="$PWD/build/periscope" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests "$@"
