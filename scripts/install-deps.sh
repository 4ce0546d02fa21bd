#!/usr/bin/env bash
# Installs, idempotently, every Debian package Periscope needs to build, test and run its demo.
# Nothing is downloaded from anywhere but Debian's archive.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev zlib1g-dev libzstd-dev
  libisal-dev libbz2-dev liblzma-dev
  libgtest-dev libgmock-dev
  libtomlplusplus-dev  # registries.conf (TOML) parsing, src/config/
  # test peers and tools
  docker-registry skopeo umoci openssl apache2-utils time
  python3 python3-pytest python3-jwt python3-cryptography
  libyaml-cpp-dev libre2-dev  # sync: YAML with line numbers; Go's regexp syntax for tag filters
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
