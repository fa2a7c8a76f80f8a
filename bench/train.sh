#!/bin/sh
# Training throughput on Fashion-MNIST: Wick (examples/fashion_mnist.lua) next to PyTorch
# (/work/shared/bench/pytorch/train_{mlp,cnn}.py) in PyTorch's best configurations (that folder's
# README), run back to back so that machine drift hits both alike. Prints each RESULT and the ratio
# Wick / PyTorch in samples/s (> 1: Wick is faster).
#   bench/train.sh [mlp_epochs=3] [cnn_batches=100]
# Environment: PYTORCH_BENCH (default /work/shared/bench/pytorch), PYTHON (default /usr/bin/python3).
set -eu
cd "$(dirname "$0")/.."
E=${1:-3}
B=${2:-100}
PT=${PYTORCH_BENCH:-/work/shared/bench/pytorch}
PY=${PYTHON:-/usr/bin/python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# value of "RESULT <key>=<number>" in a log, or the first samples_per_s the Wick script prints
pick() { sed -n "s/^RESULT $2=\([0-9.]*\).*/\1/p" "$1" | tail -1; }
wick_rate() { sed -n 's/^RESULT model=.* samples_per_s=\([0-9.]*\).*/\1/p' "$1" | tail -1; }
wick_acc() { sed -n 's/^RESULT model=.* test_accuracy=\([0-9.]*\).*/\1/p' "$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "== MLP 784-512-256-10, batch 128, $E epochs"
bin/wick examples/fashion_mnist.lua -model mlp -epochs "$E" -quiet -plot '' > "$TMP/wick_mlp.log" 2>&1 || true
OPENBLAS_NUM_THREADS=2 "$PY" "$PT/train_mlp.py" --threads 1 --epochs "$E" > "$TMP/pt_mlp.log" 2>&1 || true
w=$(wick_rate "$TMP/wick_mlp.log"); p=$(pick "$TMP/pt_mlp.log" 'mlp_t1_ob2_train_samples_per_s')
[ -n "$p" ] || p=$(sed -n 's/^RESULT mlp_[^ ]*_train_samples_per_s=\([0-9.]*\).*/\1/p' "$TMP/pt_mlp.log" | tail -1)
echo "wick    mlp: ${w:-failed} samples/s, test accuracy $(wick_acc "$TMP/wick_mlp.log")"
echo "pytorch mlp: ${p:-failed} samples/s  ($(grep '_test_acc' "$TMP/pt_mlp.log" | tail -1))"
echo "RATIO mlp wick/pytorch = $(ratio "${w:-0}" "${p:-0}")"

echo "== CNN (LeNet-style), batch 128, 1 epoch of $B batches"
bin/wick examples/fashion_mnist.lua -model cnn -epochs 1 -maxBatches "$B" -quiet -plot '' > "$TMP/wick_cnn.log" 2>&1 || true
OPENBLAS_NUM_THREADS=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 \
   "$PY" "$PT/train_cnn.py" --threads 2 --epochs 1 --max-batches "$B" > "$TMP/pt_cnn.log" 2>&1 || true
w=$(wick_rate "$TMP/wick_cnn.log")
p=$(grep '^RESULT' "$TMP/pt_cnn.log" | grep '_samples_per_s=' | grep -v 'steady\|epoch' | sed 's/.*_samples_per_s=\([0-9.]*\).*/\1/' | tail -1)
echo "wick    cnn: ${w:-failed} samples/s"
echo "pytorch cnn: ${p:-failed} samples/s"
echo "RATIO cnn wick/pytorch = $(ratio "${w:-0}" "${p:-0}")"
for f in wick_mlp pt_mlp wick_cnn pt_cnn; do
   grep -q 'RESULT' "$TMP/$f.log" || { echo "--- $f failed:"; tail -5 "$TMP/$f.log"; }
done
