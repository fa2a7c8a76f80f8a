#!/usr/bin/env bash
# bench/startup.sh — how long Wick takes to start, against PyTorch's `import torch`.
#
#   bench/startup.sh [runs]          (default: 11 runs per Wick command, 5 for Python)
#
# Times, each as the median of its runs (wall clock, and CPU = user + sys):
#   luajit -e ''                          the floor: LuaJIT itself
#   bin/wick -e ''                        the launcher with torch loaded (it always loads torch)
#   bin/wick -e "require 'torch'"         the same, spelled out
#   bin/wick -e "require 'nn'"            torch and every nn module
#   luajit lua/wick/cli.lua -e "require 'nn'"   the same without bin/wick's shell wrapper (its
#                                         readlink and dirname are three more processes)
#   /usr/bin/python3 -c "import torch"    Debian's PyTorch, for comparison
# and prints `RESULT name=value unit` lines, the ratio Python / Wick, and whether
# `wick -e "require 'nn'"` starts in under 100 ms (the target).
#
# These machines are shared and drift: the CPU figures are the steadier ones when the load is
# high (wall time then includes waiting for a core). WICK_LIBRARY is honoured as bin/wick
# honours it. A first untimed run of each command warms the page cache.
set -u
runs=${1:-11}
python_runs=$(( runs < 5 ? runs : 5 ))
root=$(cd "$(dirname "$0")/.." && pwd)
wick=$root/bin/wick
python=/usr/bin/python3

# median of the numbers on stdin
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure <name> <count> <command...>: prints the RESULT lines; sets $wall_ms to the median.
measure() {
    local name=$1 count=$2
    shift 2
    local walls=() cpus=() i out real user sys
    "$@" >/dev/null 2>&1 || { echo "# $name: the command failed: $*" >&2; }
    for ((i = 0; i < count; i++)); do
        out=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 )
        read -r real user sys <<<"$out"
        walls+=("$(awk -v r="$real" 'BEGIN { printf "%.1f", r * 1000 }')")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", (u + s) * 1000 }')")
    done
    wall_ms=$(printf '%s\n' "${walls[@]}" | median)
    local cpu_ms
    cpu_ms=$(printf '%s\n' "${cpus[@]}" | median)
    echo "RESULT startup_${name}_ms=${wall_ms} ms  (cpu ${cpu_ms} ms, median of ${count})"
}

echo "# load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
measure luajit "$runs" luajit -e ''
measure wick_bare "$runs" "$wick" -e ''
measure wick_torch "$runs" "$wick" -e "require 'torch'"
wick_torch_ms=$wall_ms
measure wick_nn "$runs" "$wick" -e "require 'nn'"
wick_nn_ms=$wall_ms
measure cli_nn "$runs" luajit "$root/lua/wick/cli.lua" -e "require 'nn'"
if "$python" -c 'import torch' >/dev/null 2>&1; then
    measure python_torch "$python_runs" "$python" -c 'import torch'
    python_ms=$wall_ms
    awk -v p="$python_ms" -v w="$wick_nn_ms" -v t="$wick_torch_ms" 'BEGIN {
        printf "RESULT startup_ratio_python_over_wick_nn=%.1f x\n", p / w
        printf "RESULT startup_ratio_python_over_wick_torch=%.1f x\n", p / t }'
else
    echo "# /usr/bin/python3 cannot import torch (python3-torch missing): no comparison"
fi
awk -v w="$wick_nn_ms" 'BEGIN { printf "RESULT startup_wick_nn_under_100ms=%s  (target: < 100 ms)\n",
    (w < 100 ? "yes" : "no") }'
