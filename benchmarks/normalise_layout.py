"""The memory layout of the normalised clips: the permuted strides of the uint8 array (before) against contiguous (now).

    .venv/bin/python benchmarks/normalise_layout.py

`bmoe.bmoe._normalise` turns the extracted uint8 clips, permuted to (B, T, 3, g, g) and (B, R, T, 3, s, s), into
normalised floats. It used to keep the permuted strides; `rgb_diff` then concatenated from them (strided reads) into a
new contiguous tensor. Now the uint8 bytes are put in order first. This checks that three training steps (dropout
seeded alike) and an evaluation of the experts, MANet-like and TSM give the same losses, weights and logits to the last
bit either way, and times one training step (batch 16) and one evaluation forward, one torch thread, the two versions
alternating in one process (the median of 8 rounds of 3), on random uint8 clips at the demo's sizes.
"""
import time, torch
import bmoe.bmoe as BM
from bmoe.bmoe import method_config, bmoe_loss, MEAN, STD
from bmoe.baselines import build_model, place

def before(x, dtype):
    "The previous `_normalise`: in place on a float copy that keeps x's (permuted) strides."
    m = torch.tensor(MEAN, device=x.device).view(3, 1, 1); s = torch.tensor(STD, device=x.device).view(3, 1, 1)
    return x.to(torch.float32, copy=True).div_(255.0).sub_(m).div_(s).to(dtype)

def main():
    torch.set_num_threads(1); now = BM._normalise; B, T = 16, 8
    g = torch.Generator().manual_seed(0)
    batch = dict(global_clip=torch.randint(0, 256, (B, T, 64, 64, 3), dtype=torch.uint8, generator=g),
                 region_clips=torch.randint(0, 256, (B, T, 5, 32, 32, 3), dtype=torch.uint8, generator=g),
                 label=torch.randint(0, 52, (B,), generator=g))
    versions = (("before (permuted)", before), ("now (contiguous)", now))
    def build(meth):
        torch.manual_seed(0); mc = method_config(meth); m = place(build_model(mc))
        return mc, m, torch.optim.AdamW(m.parameters(), 1e-3)
    def step(mc, m, opt):
        o = m(batch); loss, _ = bmoe_loss({k: v.float() for k, v in o.items()}, batch["label"], mc)
        opt.zero_grad(); loss.backward(); opt.step(); return loss.item()
    print(f"{'method':8s} {'what':12s} {'before ms':>10s} {'now ms':>8s} {'speed-up':>9s}  bit for bit")
    for meth in ("experts", "manet", "tsm"):
        res = []
        for _, f in versions:
            BM._normalise = f; mc, m, opt = build(meth); ls = []
            for i in range(3): torch.manual_seed(100 + i); ls.append(step(mc, m, opt))
            m.eval()
            with torch.no_grad(): lg = m(batch)["logits"]
            res.append((ls, [p.detach().clone() for p in m.parameters()], lg))
        same = res[0][0] == res[1][0] and all(torch.equal(a, b) for a, b in zip(res[0][1], res[1][1])) and torch.equal(res[0][2], res[1][2])
        mc, m, opt = build(meth)
        def fwd():
            with torch.no_grad(): m(batch)
        for what, fn in (("train step", lambda: step(mc, m, opt)), ("eval forward", fwd)):
            t = {k: [] for k, _ in versions}
            for _, f in versions: BM._normalise = f; fn(); fn()
            for r in range(8):
                for k, f in versions:
                    BM._normalise = f; t0 = time.perf_counter()
                    for _ in range(3): fn()
                    t[k].append((time.perf_counter() - t0) / 3 * 1000)
            a, b = (sorted(t[k])[4] for k, _ in versions)
            print(f"{meth:8s} {what:12s} {a:10.1f} {b:8.1f} {a / b:8.2f}x  {same}", flush=True)
    BM._normalise = now

if __name__ == "__main__": main()
