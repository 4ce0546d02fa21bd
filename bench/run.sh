#!/bin/bash
# Benchmarks periscope against Debian's skopeo side by side (see bench/README.md).
#   bench/run.sh [--quick] [--runs N] [--repeat N] [--workdir DIR] [--json FILE]
# PERISCOPE_BIN selects the binary under test (default: build/periscope).
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$(readlink -f "$0")")/bench.py" "$@"
