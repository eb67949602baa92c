"""What each CPU determinism setting costs, and what it changes: one table.

    .venv/bin/python benchmarks/determinism.py --steps 30

Each setting runs in a fresh process (the environment variables must be set before torch loads): the same
MANet-like training steps on the same demo batches (2 threads, deterministic algorithms on), timed; the final
weights are hashed and compared with the first setting's. Settings:
- default: PyTorch picks the widest vector instructions of this CPU (AVX-512 here) in ATen and oneDNN;
- ATEN_CPU_CAPABILITY=avx2 and ONEDNN_MAX_CPU_ISA=AVX2: both libraries limited to AVX2, which every x86-64
  machine of the last decade has, so an AVX-512 machine and an AVX2-only machine run the same kernels;
- threads 1: a single thread (no reduction split across threads);
- mkldnn off: convolutions through ATen's own kernels instead of oneDNN.
A setting whose weights differ from the default's shows how much a different instruction set alone moves the
result: the size of the difference between two machines that the README's tolerance has to absorb.
"""
import argparse, os, subprocess, sys, json, time

CHILD = r'''
import os, sys, time, json, hashlib, torch
from bmoe.core import load_params, seed_everything
from bmoe.train import train_config, make_datasets
from bmoe.bmoe import method_config, bmoe_loss
from bmoe.baselines import build_model
from bmoe.clips import clip_loader
steps, threads, mkldnn = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
torch.set_num_threads(threads); torch.backends.mkldnn.enabled = mkldnn
p = load_params(); tc = train_config(**p["train"]); mc = method_config("manet", **p["model"])
tr, _ = make_datasets("data", "work/pose", mc, tc, box_args=p["regions"])
batches = [b for _, b in zip(range(steps), clip_loader(tr, 16, True, 0, 0))]
seed_everything(0); m = build_model(mc); opt = torch.optim.AdamW(m.parameters(), 3e-3); m.train()
t = time.time()
for b in batches:
    loss, _ = bmoe_loss(m(b), b["label"], mc); opt.zero_grad(); loss.backward(); opt.step()
dt = (time.time() - t) / len(batches)
w = torch.cat([v.flatten().float() for v in m.state_dict().values()])
torch.save(w, sys.argv[4])
print(json.dumps(dict(ms=dt * 1e3, sha=hashlib.sha256(w.numpy().tobytes()).hexdigest()[:12], cap=torch.backends.cpu.get_cpu_capability())))
'''

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--steps", type=int, default=30); a = ap.parse_args()
    settings = [("default", {}, 2, 1), ("ATEN avx2 + oneDNN AVX2", dict(ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2"), 2, 1),
                ("ATEN avx2 + oneDNN AVX2, again", dict(ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2"), 2, 1),
                ("AVX2, threads 1", dict(ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2"), 1, 1),
                ("threads 1", {}, 1, 1), ("mkldnn off", {}, 2, 0), ("default, again", {}, 2, 1)]
    import torch
    rows, ref = [], None
    for name, env, threads, mk in settings:
        out = f"/tmp/det_{len(rows)}.pt"
        r = subprocess.run([sys.executable, "-c", CHILD, str(a.steps), str(threads), str(mk), out], capture_output=True, text=True,
                           env={**os.environ, **env})
        if r.returncode: print(r.stderr[-2000:]); sys.exit(1)
        d = json.loads(r.stdout.strip().splitlines()[-1]); w = torch.load(out)
        ref = w if ref is None else ref
        rows.append((name, d["cap"], threads, d["ms"], d["sha"], float((w - ref).abs().max())))
    print(f"\n{os.cpu_count()} cores; MANet-like, {a.steps} training steps of 16 demo clips; torch {torch.__version__}")
    print(f"{'setting':<34}{'ATen ISA':>10}{'threads':>8}{'ms/step':>9}{'x default':>10}  {'weights sha':<14}{'max |w - default|':>18}")
    for name, cap, th, ms, sha, diff in rows:
        print(f"{name:<34}{cap:>10}{th:>8}{ms:>9.1f}{ms / rows[0][3]:>10.2f}  {sha:<14}{diff:>18.2e}")

if __name__ == "__main__": main()
