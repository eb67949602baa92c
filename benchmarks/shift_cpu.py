"""The temporal shift's PyTorch path (bmoe.kernels.temporal_shift off the GPU) against the plain reference it replaced
(temporal_shift_ref, through autograd), in whole training steps of the methods that use it, on the CPU.

Each method's model is built once; a step (forward, loss, backward) runs from the same weights and the same dropout
seed with either shift, alternated, on one random batch of the demo's sizes; the table gives the medians, and whether
the two steps' gradients are equal bit for bit.

    python benchmarks/shift_cpu.py --rounds 20 [--threads 1]
"""
import argparse, time, torch
import bmoe.bmoe as BB
from bmoe.kernels import temporal_shift, temporal_shift_ref
from bmoe.bmoe import method_config
from bmoe.baselines import build_model, place
from bmoe.core import load_params

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--rounds", type=int, default=20); ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16); ap.add_argument("--params", default="params.yaml"); a = ap.parse_args()
    torch.set_num_threads(a.threads); p = load_params(path=a.params); T = p["model"]["segments"]
    rs, gs = p["model"]["region_size"], p["model"]["global_size"]
    g = torch.Generator().manual_seed(0); B = a.batch
    batch = dict(region_clips=torch.randint(0, 256, (B, T, 5, rs, rs, 3), dtype=torch.uint8, generator=g),
                 global_clip=torch.randint(0, 256, (B, T, gs, gs, 3), dtype=torch.uint8, generator=g), present=torch.ones(B, 5, dtype=torch.bool))
    shifts = {"reference": lambda x, n, f=8, backend="auto": temporal_shift_ref(x, n, f), "temporal_shift": temporal_shift}
    print(f"torch {torch.__version__}, {a.threads} thread(s); batch {B}, {T} segments, regions {rs} px, global {gs} px; "
          f"one training step, median of {a.rounds} (alternated)")
    print(f"{'method':10s} {'reference ms':>12s} {'temporal_shift ms':>17s} {'ratio':>6s}  gradients bit for bit")
    for meth in ("manet", "tsm", "experts"):
        cfg = method_config(meth, **p["model"])
        torch.manual_seed(0); model = place(build_model(cfg)); model.train()
        def step(name):
            BB.temporal_shift = shifts[name]; model.zero_grad(set_to_none=True); torch.manual_seed(1)
            t = time.perf_counter(); out = model(batch); lo = out["logits"] if isinstance(out, dict) else out
            lo.float().logsumexp(-1).mean().backward(); dt = time.perf_counter() - t
            return dt, [q.grad.clone() for q in model.parameters() if q.grad is not None]
        step("reference"); step("temporal_shift")                                   # warm-up
        ts = {k: [] for k in shifts}; grads = {}
        for r in range(a.rounds):
            for k in (("reference", "temporal_shift") if r % 2 else ("temporal_shift", "reference")):
                dt, grads[k] = step(k); ts[k].append(dt)
        med = {k: sorted(v)[len(v) // 2] * 1e3 for k, v in ts.items()}
        same = all(torch.equal(u, v) for u, v in zip(grads["reference"], grads["temporal_shift"]))
        print(f"{meth:10s} {med['reference']:12.1f} {med['temporal_shift']:17.1f} {med['temporal_shift'] / med['reference']:6.2f}  {same}", flush=True)
    BB.temporal_shift = temporal_shift

if __name__ == "__main__": main()
