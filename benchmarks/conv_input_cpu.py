"""The first convolution's input converted to the model's channels-last layout once (bmoe.m3e.conv_input, now) against
leaving the conversion to the convolution (before: once in the forward pass, again in the backward pass), in whole
training steps of the methods with convolutions, on the CPU.

Each method's model is built once and placed as the pipeline places it (channels-last); a step (forward, loss,
backward) runs from the same weights and the same dropout seed either way, alternated, on one random batch of the
demo's sizes, with the MALLOC settings of the pipeline's stages where the caller exports them; the table gives the
medians, and whether the two steps' logits and gradients are equal bit for bit.

    python benchmarks/conv_input_cpu.py --rounds 20 [--threads 1]
"""
import argparse, time, torch
import bmoe.bmoe as BB, bmoe.m3e as BM
from bmoe.bmoe import method_config
from bmoe.baselines import build_model, place
from bmoe.core import load_params

def before_global(self, x):
    B, T = x.shape[:2]; return self.blocks(self.stem(x.flatten(0, 1))).mean((2, 3)).view(B, T, -1)
def before_region(self, x):
    B, T = x.shape[:2]; return self.proj(self.net(x.flatten(0, 1)).mean((2, 3))).view(B, T, -1)
NOW = (BB.GlobalStream.forward, BM.RegionEncoder.forward)

def use(which):
    BB.GlobalStream.forward, BM.RegionEncoder.forward = NOW if which == "now" else (before_global, before_region)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--rounds", type=int, default=20); ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16); ap.add_argument("--params", default="params.yaml"); a = ap.parse_args()
    torch.set_num_threads(a.threads); p = load_params(path=a.params); T = p["model"]["segments"]
    rs, gs = p["model"]["region_size"], p["model"]["global_size"]
    g = torch.Generator().manual_seed(0); B = a.batch
    batch = dict(region_clips=torch.randint(0, 256, (B, T, 5, rs, rs, 3), dtype=torch.uint8, generator=g),
                 global_clip=torch.randint(0, 256, (B, T, gs, gs, 3), dtype=torch.uint8, generator=g), present=torch.ones(B, 5, dtype=torch.bool))
    print(f"torch {torch.__version__}, {a.threads} thread(s); batch {B}, {T} segments, regions {rs} px, global {gs} px; "
          f"one training step, median of {a.rounds} (alternated)")
    print(f"{'method':10s} {'before ms':>10s} {'now ms':>8s} {'ratio':>6s}  logits and gradients bit for bit")
    for meth in ("manet", "tsm", "experts", "experts_cnn"):
        kw = dict(p["model"], region_encoder="cnn") if meth == "experts_cnn" else p["model"]
        cfg = method_config(meth.split("_")[0], **kw)
        torch.manual_seed(0); model = place(build_model(cfg)); model.train()
        def step(which):
            use(which); model.zero_grad(set_to_none=True); torch.manual_seed(1)
            t = time.perf_counter(); out = model(batch); lo = out["logits"] if isinstance(out, dict) else out
            lo.float().logsumexp(-1).mean().backward(); dt = time.perf_counter() - t
            return dt, [lo.detach().clone()] + [q.grad.clone() for q in model.parameters() if q.grad is not None]
        step("before"); step("now")                                                 # warm-up
        ts = {"before": [], "now": []}; res = {}
        for r in range(a.rounds):
            for k in (("before", "now") if r % 2 else ("now", "before")):
                dt, res[k] = step(k); ts[k].append(dt)
        med = {k: sorted(v)[len(v) // 2] * 1e3 for k, v in ts.items()}
        same = len(res["before"]) == len(res["now"]) and all(torch.equal(u, v) for u, v in zip(res["before"], res["now"]))
        print(f"{meth:10s} {med['before']:10.1f} {med['now']:8.1f} {med['now'] / med['before']:6.2f}  {same}", flush=True)
    use("now")

if __name__ == "__main__": main()
