"""GPU benchmark of bmoe's Triton kernels and of whole training steps.

Run on a CUDA machine from the repository root:  PYTHONPATH=. python benchmarks/kernels.py
It checks every kernel against its PyTorch reference at real sizes (random inputs, odd sizes, boxes beyond the
frame), then prints one table: median times of kernel, reference and torch.compile(reference), achieved GB/s
against the card's measured copy bandwidth, and the training-step throughput, with and without the kernels, of
MANet-like, the region experts and B-MoE trained end to end.
"""
import time, json, argparse
import torch
import triton
from triton.testing import do_bench
from bmoe.kernels import crop, temporal_shift, temporal_shift_ref, micro_conv, micro_conv_ref, set_kernels
from bmoe.regions import crop_regions
from bmoe.bmoe import method_config, bmoe_loss
from bmoe.baselines import build_model

ap = argparse.ArgumentParser(); ap.add_argument("--json", help="also write every figure to this JSON file")
args = ap.parse_args()
dev = "cuda"; torch.manual_seed(0)
rows, checks = [], []
ms = lambda f: do_bench(f, warmup=25, rep=100, return_mode="median")

def rel(a, b): return ((a.float() - b.float()).norm() / b.float().norm().clamp_min(1e-12)).item()

# the card's copy bandwidth (bytes read + written)
big = torch.empty(2 * 1024**3 // 4, device=dev); dst = torch.empty_like(big)
t = ms(lambda: dst.copy_(big)); copy_bw = 2 * big.numel() * 4 / t / 1e6   # GB/s
del big, dst
print(f"device: {torch.cuda.get_device_name()}  torch {torch.__version__}  triton {triton.__version__}  copy {copy_bw:.0f} GB/s", flush=True)

def bench(name, kern, ref, nbytes, check):
    comp = torch.compile(ref)
    comp()                                           # compile outside the timing
    tk, tr, tc = ms(kern), ms(ref), ms(comp)
    gbs = nbytes / tk / 1e6
    rows.append(dict(kernel=name, kernel_ms=tk, ref_ms=tr, compile_ms=tc, GBps=gbs, bound_ms=nbytes / copy_bw / 1e6,
                     x_of_bound=tk / (nbytes / copy_bw / 1e6), speedup_vs_ref=tr / tk, speedup_vs_compile=tc / tk, check_rel_err=check))

# 1. crop: 32 clips x 8 frames of 224x224 uint8, 5 regions at 64x64 (the full preset on a GPU)
B, T, H, W, R, S = 32, 8, 224, 224, 5, 64
fr = torch.randint(0, 256, (B, T, H, W, 3), dtype=torch.uint8, device=dev)
lo = torch.rand(B, T, R, 2, device=dev) * torch.tensor([W, H], device=dev) * 0.8 - 10
bx = torch.cat([lo, lo + 16 + torch.rand(B, T, R, 2, device=dev) * 150], -1)
for (b_, t_, h_, w_, s_) in [(3, 5, 97, 131, 23), (B, T, H, W, S)]:          # odd sizes first, then the real one
    f2 = torch.randint(0, 256, (b_, t_, h_, w_, 3), dtype=torch.uint8, device=dev)
    l2 = torch.rand(b_, t_, R, 2, device=dev) * torch.tensor([w_, h_], device=dev) - 20
    b2 = torch.cat([l2, l2 + 3 + torch.rand(b_, t_, R, 2, device=dev) * 120], -1)
    out = crop(f2, b2, s_); out.fill_(float("nan")); out = crop(f2, b2, s_)
    e = rel(out, crop(f2, b2, s_, backend="torch")); checks.append(("crop", (b_, t_, h_, w_, s_), e))
    assert not out.isnan().any() and e < 1e-4, f"crop mismatch {e}"
nb = fr.numel() + B * R * T * 3 * S * S * 4
bench("crop fp32 (32x8x224², 5x64²)", lambda: crop(fr, bx, S), lambda: crop_regions(fr, bx, S), nb, checks[-1][2])
nb16 = fr.numel() + B * R * T * 3 * S * S * 2
bench("crop bf16 out", lambda: crop(fr, bx, S, dtype=torch.bfloat16), lambda: crop_regions(fr, bx, S).to(torch.bfloat16), nb16, checks[-1][2])

# 2. temporal shift: (32 clips x 8, 64 ch, 56x56), forward and backward
x = torch.randn(B * T, 64, 56, 56, device=dev)
for shape in [(3 * 5, 24, 7, 9), (B * T, 64, 56, 56)]:
    n = 5 if shape[0] == 15 else T
    xx = torch.randn(*shape, device=dev, requires_grad=True)
    e = rel(temporal_shift(xx, n), temporal_shift_ref(xx, n)); checks.append(("shift", shape, e)); assert e == 0, e
    g = torch.randn(*shape, device=dev)
    ga = torch.autograd.grad(temporal_shift(xx, n), xx, g)[0]; gb = torch.autograd.grad(temporal_shift_ref(xx, n), xx, g)[0]
    assert rel(ga, gb) == 0
bench("temporal shift fwd fp32", lambda: temporal_shift(x, T), lambda: temporal_shift_ref(x, T), 2 * x.numel() * 4, 0.0)
xb = x.bfloat16()
bench("temporal shift fwd bf16", lambda: temporal_shift(xb, T), lambda: temporal_shift_ref(xb, T), 2 * xb.numel() * 2, 0.0)

# 3. micro branch: (32 clips x 5 regions, 8 steps, 256 channels) and a long one, forward and forward+backward
def mk(Bm, Tm, D):
    return [torch.randn(*s, device=dev).requires_grad_() for s in ((Bm, Tm, D), (D, 15), (D, 3), (Bm, Tm, 3), (Bm, D))]
for (Bm, Tm, D) in [(7, 13, 200), (3, 33, 77), (B * R, T, 256)]:
    a = mk(Bm, Tm, D); go = torch.randn(Bm, Tm, D, device=dev)
    e = rel(micro_conv(*a), micro_conv_ref(*a))
    gk = torch.autograd.grad(micro_conv(*a), a, go); gr = torch.autograd.grad(micro_conv_ref(*a), a, go)
    eg = max(rel(u, v) for u, v in zip(gk, gr)); checks.append(("micro fwd/bwd", (Bm, Tm, D), max(e, eg)))
    assert e < 1e-4 and eg < 1e-3, (e, eg)
a = mk(B * R * 4, T, 256); go = torch.randn_like(a[0])
nbm = 2 * a[0].numel() * 4
bench("micro fwd (640x8x256)", lambda: micro_conv(*a), lambda: micro_conv_ref(*a), nbm, checks[-1][2])
def fb(f): return lambda: torch.autograd.grad(f(*a), a, go)
bench("micro fwd+bwd", fb(micro_conv), fb(micro_conv_ref), 5 * a[0].numel() * 4, checks[-1][2])

# 4. whole training steps, bf16 autocast, from uint8 frames (crop included), with and without the kernels: the two
#    streams that train on frames in the staged pipeline (MANet-like: temporal shift; the region experts: shift and
#    micro branch), and B-MoE trained end to end (no frozen streams: every kernel's forward and backward, as the
#    row measured on 2026-11-26). The staged B-MoE stage itself trains only router and fusion on frozen streams.
STEPS = (("MANet-like (global stream)", "manet", {}), ("region experts", "experts", {}),
         ("B-MoE end to end (not staged)", "bmoe", dict(init_global="", init_experts="")))
def step_rate(method, over, kernels: bool, batch=32, steps=20):
    set_kernels(kernels); torch.manual_seed(0)
    cfg = method_config(method, dim=256, enc_width=(32, 64, 128), global_width=(32, 64, 128), region_size=64, global_size=112,
                        segments=8, **over)
    m = build_model(cfg).to(dev).train()
    opt = torch.optim.SGD([p for p in m.parameters() if p.requires_grad], 0.01, momentum=0.9)
    frm = torch.randint(0, 256, (batch, 8, 224, 224, 3), dtype=torch.uint8, device=dev)
    box = bx[:batch]; full = torch.tensor([0., 0., 224., 224.], device=dev).expand(batch, 8, 1, 4)
    y = torch.randint(0, 52, (batch,), device=dev)
    def one():
        with torch.autocast("cuda", torch.bfloat16):
            inp = {"regions": crop(frm, box, 64), "global": crop(frm, full, 112)[:, 0]}
            loss = bmoe_loss({k: v.float() for k, v in m(inp).items()}, y, cfg)[0]
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    for _ in range(5): one()
    torch.cuda.synchronize(); t0 = time.time()
    for _ in range(steps): one()
    torch.cuda.synchronize(); return batch * steps / (time.time() - t0)
step_rows = [(label, step_rate(meth, over, True), step_rate(meth, over, False)) for label, meth, over in STEPS]; set_kernels(True)

print("\ncorrectness (relative error, kernel vs reference):")
for c in checks: print(f"  {c[0]:<14} {str(c[1]):<24} {c[2]:.2e}")
print(f"\n{'kernel':<32}{'kernel ms':>10}{'ref ms':>9}{'compile ms':>11}{'GB/s':>8}{'x bound':>9}{'vs ref':>8}{'vs comp':>8}")
for r in rows:
    print(f"{r['kernel']:<32}{r['kernel_ms']:>10.4f}{r['ref_ms']:>9.4f}{r['compile_ms']:>11.4f}{r['GBps']:>8.0f}{r['x_of_bound']:>9.2f}"
          f"{r['speedup_vs_ref']:>8.2f}{r['speedup_vs_compile']:>8.2f}")
print("\ntraining steps (bf16 autocast, batch 32, 8 x 224² uint8 frames, crops 5x64² + 112² included), clips/s:")
print(f"  {'model':<32}{'kernels':>9}{'without':>9}{'speed-up':>10}{'s/epoch, 11,250 clips':>24}")
for label, on, off in step_rows: print(f"  {label:<32}{on:>9.1f}{off:>9.1f}{on / off:>9.2f}x{11250 / on:>24.0f}")
if args.json:
    json.dump(dict(device=torch.cuda.get_device_name(), copy_GBps=copy_bw, rows=rows, checks=[list(map(str, c)) for c in checks],
                   steps=[dict(model=l, kernels=on, reference=off) for l, on, off in step_rows]), open(args.json, "w"), indent=1)
