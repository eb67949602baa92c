"""Shared by the CPU step benchmarks (shift_cpu.py, conv_input_cpu.py): one training step of the demo's methods with two
variants of some code, alternated, from the same weights and the same dropout seed, on one random batch of the demo's
sizes; a table of the medians and whether the two steps' logits and gradients are equal bit for bit."""
import argparse, time, torch
from bmoe.bmoe import method_config
from bmoe.baselines import build_model, place
from bmoe.core import load_params

def compare(use, names, methods, doc=None):
    """`use(name)` switches to variant `name` (`names`: before, after); `methods`: {row label: (method, model overrides)}.
    Reads --rounds, --threads, --batch and --params from the command line; leaves the second variant in use."""
    ap = argparse.ArgumentParser(description=doc); ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1); ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--params", default="params.yaml"); a = ap.parse_args()
    torch.set_num_threads(a.threads); p = load_params(path=a.params); T = p["model"]["segments"]
    rs, gs = p["model"]["region_size"], p["model"]["global_size"]
    g = torch.Generator().manual_seed(0); B = a.batch
    batch = dict(region_clips=torch.randint(0, 256, (B, T, 5, rs, rs, 3), dtype=torch.uint8, generator=g),
                 global_clip=torch.randint(0, 256, (B, T, gs, gs, 3), dtype=torch.uint8, generator=g), present=torch.ones(B, 5, dtype=torch.bool))
    x, y = names
    print(f"torch {torch.__version__}, {a.threads} thread(s); batch {B}, {T} segments, regions {rs} px, global {gs} px; "
          f"one training step, median of {a.rounds} (alternated)")
    print(f"{'method':12s} {x + ' ms':>14s} {y + ' ms':>18s} {'ratio':>6s}  logits and gradients bit for bit")
    for label, (meth, over) in methods.items():
        torch.manual_seed(0); model = place(build_model(method_config(meth, **{**p["model"], **over}))); model.train()
        def step(name):
            use(name); model.zero_grad(set_to_none=True); torch.manual_seed(1)
            t = time.perf_counter(); out = model(batch); lo = out["logits"] if isinstance(out, dict) else out
            lo.float().logsumexp(-1).mean().backward(); dt = time.perf_counter() - t
            return dt, [lo.detach().clone()] + [q.grad.clone() for q in model.parameters() if q.grad is not None]
        step(x); step(y)                                                           # warm-up
        ts, res = {x: [], y: []}, {}
        for r in range(a.rounds):
            for k in ((x, y) if r % 2 else (y, x)):
                dt, res[k] = step(k); ts[k].append(dt)
        med = {k: sorted(v)[len(v) // 2] * 1e3 for k, v in ts.items()}
        same = len(res[x]) == len(res[y]) and all(torch.equal(u, v) for u, v in zip(res[x], res[y]))
        print(f"{label:12s} {med[x]:14.1f} {med[y]:18.1f} {med[y] / med[x]:6.2f}  {same}", flush=True)
    use(y)
