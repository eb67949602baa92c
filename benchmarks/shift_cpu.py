"""The temporal shift's PyTorch path (bmoe.kernels.temporal_shift off the GPU) against the plain reference it replaced
(temporal_shift_ref, through autograd), in whole training steps of the methods that use it, on the CPU.

Each method's model is built once; a step (forward, loss, backward) runs from the same weights and the same dropout
seed with either shift, alternated, on one random batch of the demo's sizes; the table gives the medians, and whether
the two steps' logits and gradients are equal bit for bit (the shared harness: cpu_step_ab.py).

    python benchmarks/shift_cpu.py --rounds 20 [--threads 1]
"""
import bmoe.bmoe as BB
from bmoe.kernels import temporal_shift, temporal_shift_ref
from cpu_step_ab import compare

SHIFTS = {"reference": lambda x, n, f=8, backend="auto": temporal_shift_ref(x, n, f), "temporal_shift": temporal_shift}

def use(name): BB.temporal_shift = SHIFTS[name]

if __name__ == "__main__":
    compare(use, ("reference", "temporal_shift"), {m: (m, {}) for m in ("manet", "tsm", "experts")}, __doc__)
