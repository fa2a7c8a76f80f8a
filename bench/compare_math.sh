#!/bin/sh
# bench/compare_math.sh — Wick's elementwise math against PyTorch and the machine's memory
# bandwidth, all measured in one run (these machines drift by up to 1.7x between runs: compare
# the ratios of one run, not figures of different runs).
#
#   bench/compare_math.sh [threads [rounds]]     (defaults: 2 threads, 3 rounds)
#
# Runs, in each round, in this order:
#   stream_triad (C, from /work/shared/bench/pytorch, built with its build.sh in a temporary
#     directory): the memory bandwidth of c = a + b on 1e7 floats, the ceiling for add;
#   PyTorch (Debian's python3-torch, /usr/bin/python3): bench_elementwise_torch.py (add),
#     bench_overhead.py (per-call cost), and, inline below, mul, exp and the transposed cases,
#     timed as bench_elementwise_torch.py times add;
#   Wick: bench/elementwise.lua and bench/overhead.lua.
# Then prints a table: for each measure the median over the rounds of Wick's figure, of the
# reference's (PyTorch's, or the ceiling), and of their ratio within each round, and the target.
# The rounds interleave the programs, so a drift of the machine (they drift by 2x and more within
# minutes) hits both sides of a ratio alike. All RESULT lines are echoed, prefixed by '# '.
set -u
threads=${1:-2}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
reference=/work/shared/bench/pytorch
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
results=$work/results.txt
: > "$results"

# Runs a command, echoes its output as comments, keeps its RESULT lines (tagged with the round).
round=0
run() {
    echo "## round $round: $*"
    sh -c "$*" 2>&1 | tee "$work/last.txt" | sed 's/^/# /'
    sed -n "s/^RESULT /RESULT $round /p" "$work/last.txt" >> "$results"
}

# --- set-up -------------------------------------------------------------------------------------
cp "$reference"/* "$work"/ 2>/dev/null
# build.sh stops at its first failure (fma_peak.c wants AVX-512 under -march=native) after
# stream_triad is built: what counts is whether that binary exists.
(sh "$work/build.sh" > "$work/build.log" 2>&1)
cat > "$work/more_torch.py" <<'EOF'
# mul and exp on 1e7 floats, and add, mul, exp on transposed views (4000x2500 views of 2500x4000
# tensors into a contiguous 4000x2500 result): the timing of bench_elementwise_torch.py.
import sys, time, statistics
import torch

N, ROWS, COLS = 10_000_000, 2500, 4000

def med_time(fn, reps=30):
    for _ in range(3):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

t = int(sys.argv[1])
torch.set_num_threads(t)
g = torch.Generator().manual_seed(1234)
a = torch.rand(N, generator=g) - 0.5; b = torch.rand(N, generator=g) - 0.5; c = torch.empty(N)
A = torch.rand(ROWS, COLS, generator=g) - 0.5; B = torch.rand(ROWS, COLS, generator=g) - 0.5
at, bt, ct = A.t(), B.t(), torch.empty(COLS, ROWS)
cases = [
    ("mul", 12, lambda: torch.mul(a, b, out=c)),
    ("exp", 8, lambda: torch.exp(a, out=c)),
    ("add_T", 12, lambda: torch.add(at, bt, out=ct)),
    ("mul_T", 12, lambda: torch.mul(at, bt, out=ct)),
    ("exp_T", 8, lambda: torch.exp(at, out=ct)),
]
for name, nbytes, fn in cases:
    m = med_time(fn)
    print(f"RESULT torch_{name}_out_1e7_t{t}={nbytes * N / m / 1e9:.2f} GB/s  (median {m*1e3:.3f} ms)", flush=True)
EOF
wick="$root/bin/wick"
[ -x "$wick" ] || wick="luajit"
cd "$root" || exit 1
has_torch=0
[ -x "$python" ] && "$python" -c 'import torch' 2>/dev/null && has_torch=1

while [ $round -lt "$rounds" ]; do
    round=$((round + 1))
    # --- the C ceiling ----------------------------------------------------------------------------
    if [ -x "$work/stream_triad" ]; then
        run "OMP_NUM_THREADS=$threads '$work/stream_triad'"
    elif [ $round = 1 ]; then
        echo "# could not build $reference/stream_triad.c:"; sed 's/^/#   /' "$work/build.log"
    fi

    # --- PyTorch ------------------------------------------------------------------------------------
    if [ $has_torch = 1 ]; then
        run "'$python' '$work/bench_elementwise_torch.py' $threads"
        run "'$python' '$work/bench_overhead.py' $threads"
        run "'$python' '$work/more_torch.py' $threads"
    else
        echo "# $python with torch is not available: no PyTorch figures"
    fi

    # --- Wick ---------------------------------------------------------------------------------------
    run "'$wick' bench/elementwise.lua $threads"
    run "'$wick' bench/overhead.lua $threads"
done

# --- the table ----------------------------------------------------------------------------------
t=$threads
awk -v t="$t" '
    /^RESULT / { split($3, kv, "="); value[kv[1], $2] = kv[2] + 0; if ($2 + 0 > rounds) rounds = $2 + 0 }
    function median(list, n,    i, j, x) {
        for (i = 2; i <= n; i++) {
            x = list[i]
            for (j = i - 1; j >= 1 && list[j] > x; j--) list[j + 1] = list[j]
            list[j + 1] = x
        }
        return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
    }
    function row(what, ours, theirs, unit, kind, target,    r, n, m, k, a, b, q, mo, mt, mr, ok) {
        n = 0; m = 0; k = 0
        for (r = 1; r <= rounds; r++) {
            if ((ours, r) in value) a[++n] = value[ours, r]
            if ((theirs, r) in value) b[++m] = value[theirs, r]
            if ((ours, r) in value && (theirs, r) in value && value[theirs, r] != 0) q[++k] = value[ours, r] / value[theirs, r]
        }
        mo = n ? sprintf("%.3f", median(a, n)) : "-"
        mt = m ? sprintf("%.3f", median(b, m)) : "-"
        if (!k) {
            printf "%-46s %10s %10s %8s   %s\n", what " (" unit ")", mo, mt, "-", target
            return
        }
        mr = median(q, k)
        ok = (kind == "max") ? (mr <= target + 0) : (mr >= target + 0)
        printf "%-46s %10s %10s %8.3f   %s %s  %s\n", what " (" unit ")", mo, mt, mr, (kind == "max") ? "<=" : ">=",
               target, ok ? "ok" : "MISSED"
    }
    END {
        for (r = 1; r <= rounds; r++) value["one", r] = 1
        printf "\n%d rounds, %d threads; each column the median over the rounds, the ratio within a round\n", rounds, t
        printf "%-46s %10s %10s %8s   %s\n", "measure", "wick", "reference", "ratio", "target"
        row("a:add(b), 1 float vs torch add(out=)", "wick_add_inplace_1elem_us", "torch_add_out_1elem_us", "us", "max", 0.1)
        row("a:add(b), 100 floats vs torch add(out=)", "wick_add_inplace_100elem_us", "torch_add_out_100elem_us", "us", "max", 0.1)
        row("torch.add(c,a,b), 1 float vs torch", "wick_add_out_1elem_us", "torch_add_out_1elem_us", "us", "max", 0.1)
        row("add 1e7 vs torch.add(out=)", "wick_add_1e7_t" t, "torch_add_out_1e7_t" t, "GB/s", "min", 1)
        row("add 1e7 vs STREAM f32 add", "wick_add_1e7_t" t, "stream_f32_add_1e7_t" t, "GB/s", "min", 0.8)
        row("mul 1e7 vs torch.mul(out=)", "wick_mul_1e7_t" t, "torch_mul_out_1e7_t" t, "GB/s", "min", 1)
        row("exp 1e7 vs torch.exp(out=)", "wick_exp_1e7_t" t, "torch_exp_out_1e7_t" t, "GB/s", "min", 1)
        row("add transposed: time over contiguous", "ratio_add_T_t" t, "one", "x", "max", 2)
        row("mul transposed: time over contiguous", "ratio_mul_T_t" t, "one", "x", "max", 2)
        row("exp transposed: time over contiguous", "ratio_exp_T_t" t, "one", "x", "max", 2)
        row("add transposed vs torch (same layout)", "wick_add_T_1e7_t" t, "torch_add_T_out_1e7_t" t, "GB/s", "min", 1)
        row("mul transposed vs torch (same layout)", "wick_mul_T_1e7_t" t, "torch_mul_T_out_1e7_t" t, "GB/s", "min", 1)
        row("exp transposed vs torch (same layout)", "wick_exp_T_1e7_t" t, "torch_exp_T_out_1e7_t" t, "GB/s", "min", 1)
    }
' "$results"
