#!/usr/bin/env bash
# Every GPU measurement of issue 11 in one device call (about 5 minutes on an H100), from the repository root:
#   bash benchmarks/device.sh        # the device tool's $OUT gets the logs and kernels.json; /tmp/device elsewhere
# 1. benchmarks/kernels.py: each Triton kernel checked against its reference, then timed beside the reference and
#    torch.compile(reference), and the training steps with and without the kernels;
# 2. benchmarks/gpu_train.py: full-preset-sized data rendered there, the clips extracted on the GPU, clips/s end to end
#    against the step alone, and the staged chain (MANet-like, experts, B-MoE) trained from the extracted clips.
# The GPU machine has torch, Triton and OpenCV but neither mediapipe nor decord: bmoe imports without them.
set -o pipefail
OUT=${OUT:-/tmp/device}; mkdir -p "$OUT"
export PYTHONPATH=. PYTHONUNBUFFERED=1
PY=${PY:-python3}
nvidia-smi --query-gpu=name,memory.total,clocks.sm,clocks.max.sm --format=csv 2>&1 | tee "$OUT/gpu.txt"
timeout 240 $PY benchmarks/kernels.py --json "$OUT/kernels.json" >"$OUT/kernels.txt" 2>&1; k=$?
timeout 300 $PY benchmarks/gpu_train.py --out /tmp/gpu_train >"$OUT/gpu_train.txt" 2>&1; g=$?
echo "== kernels.py (exit $k)"; grep -v "^W0000\|^I0000" "$OUT/kernels.txt" | tail -40
echo "== gpu_train.py (exit $g)"; grep -v "^W0000\|^I0000\| INFO bmoe: " "$OUT/gpu_train.txt" | tail -40
exit $(( k != 0 || g != 0 ))
