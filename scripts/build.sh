#!/usr/bin/env bash
# scripts/build.sh — configures and builds build/ (Release): build/core/libwick.so and the C
# tests. Extra arguments go to the cmake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build build -j "$(nproc)"
