#!/usr/bin/env bash
# scripts/install-deps.sh — installs everything Wick needs on Debian 12, from Debian's archive.
# Run as root (or with sudo available). The list below is the only list of the project's
# system packages. apt-get runs only when one of them is missing, so repeated runs are quick.
set -euo pipefail

PACKAGES=(
    build-essential cmake                # gcc 12, make, binutils (nm); the build
    luajit libluajit-5.1-dev             # the runtime; luajit.h for C modules
    libopenblas-dev                      # BLAS for libwick (never the generic libblas)
    lua-busted luarocks                  # Lua tests; nn extension rocks
    libreadline-dev tmux                 # the REPL's line editing; driving a terminal in tests
    dataset-fashion-mnist                # the examples' data set
    gnuplot-nox gzip                     # plots (PNG/SVG) for the gnuplot module; reading .gz data
    python3-torch python3-numpy          # reference results and benchmark comparisons
)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages are installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=
if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
if [ "${WICK_APT_UPDATED:-0}" != 1 ]; then     # .ci/run has just updated the lists
    $sudo apt-get update
fi
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
