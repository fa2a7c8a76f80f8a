#!/usr/bin/env bash
# scripts/test.sh — THE test command (CI runs it through .ci/run).
#
#   1. scripts/install-deps.sh            (skipped with WICK_SKIP_DEPS=1, for local iteration)
#   2. builds build/ (Release) and build-asan/ (-DWICK_SANITIZE=ON: ASan + UBSan)
#   3. in each: ctest (the C tests), then busted (the Lua specs, against that build's libwick)
#   4. prints a summary per suite, and as its very last line `N passed, N failed` over all of
#      them; exits non-zero on any failure. A build that fails, a busted run that dies before
#      its summary, and spec files that fail to load count as failures.
#
# The sanitizer run of busted: LuaJIT itself is not instrumented, so the ASan and UBSan
# runtimes are preloaded into it (LD_PRELOAD; ASan must come first in the process), and
# libwick.so comes from build-asan/ through WICK_LIBRARY. Leak detection is off there
# (ASAN_OPTIONS=detect_leaks=0): LuaJIT does not free everything it allocates before exit, and
# those leaks are LuaJIT's, not ours. The C tests in build-asan/ keep leak detection on.
#
# Environment: WICK_SKIP_DEPS=1 skips step 1; WICK_JOBS sets build parallelism (default: nproc).
set -u -o pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${WICK_JOBS:-$(nproc)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

total_passed=0
total_failed=0
summary=()

# record <suite name> <passed> <failed>
record() {
    total_passed=$((total_passed + $2))
    total_failed=$((total_failed + $3))
    summary+=("$(printf '  %-26s %5d passed, %d failed' "$1" "$2" "$3")")
}

section() {
    printf '\n==== %s ====\n' "$*"
}

if [ "${WICK_SKIP_DEPS:-0}" != 1 ]; then
    section "dependencies"
    if ! scripts/install-deps.sh; then
        echo "test.sh: scripts/install-deps.sh failed" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

# build <dir> <cmake args...>: configure and build; returns non-zero on failure.
build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" && cmake --build "$dir" -j "$jobs"
}

# run_ctest <dir> <suite name> [env assignments...]
run_ctest() {
    local dir=$1 name=$2
    shift 2
    local log="$logs/ctest.log"
    env "$@" ctest --test-dir "$dir" --output-on-failure -j "$jobs" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local line passed failed
    line=$(grep -Eo '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
    if [ -n "$line" ]; then
        failed=$(echo "$line" | awk '{print $1}')
        passed=$(( $(echo "$line" | awk '{print $NF}') - failed ))
    elif grep -q 'No tests were found' "$log" && [ "$rc" -eq 0 ]; then
        passed=0 failed=0
    else
        echo "test.sh: ctest in $dir ended without a summary (exit status $rc)" >&2
        passed=0 failed=1
    fi
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        failed=1
    fi
    record "$name" "$passed" "$failed"
}

# run_busted <suite name> [env assignments...]: the last line of tests/busted_output.lua's
# output is `N passed, N failed`.
run_busted() {
    local name=$1
    shift
    local log="$logs/busted.log"
    env "$@" luajit /usr/bin/busted --ignore-lua 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local line passed failed
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    if [ -n "$line" ]; then
        passed=$(echo "$line" | awk '{print $1}')
        failed=$(echo "$line" | awk '{print $3}')
    else
        echo "test.sh: busted ended without a summary (exit status $rc)" >&2
        passed=0 failed=1
    fi
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        failed=1
    fi
    record "$name" "$passed" "$failed"
}

# --- Release -----------------------------------------------------------------------------------
section "build/ (Release)"
if build build; then
    section "ctest build/"
    run_ctest build "ctest  build/"
    section "busted build/"
    run_busted "busted build/" WICK_LIBRARY="$root/build/core/libwick.so"
else
    record "build build/" 0 1
fi

# --- ASan + UBSan -------------------------------------------------------------------------------
section "build-asan/ (WICK_SANITIZE=ON)"
if build build-asan -DWICK_SANITIZE=ON; then
    sanitizer_env=(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
    section "ctest build-asan/"
    run_ctest build-asan "ctest  build-asan/" "${sanitizer_env[@]}"
    section "busted build-asan/"
    preload="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
    run_busted "busted build-asan/" "${sanitizer_env[@]}" \
        LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 \
        WICK_LIBRARY="$root/build-asan/core/libwick.so"
else
    record "build build-asan/" 0 1
fi

section "summary"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
