"""Training throughput end to end (loading + step) from the videos and from the clips stage's arrays, against the
training step alone: one table.

    .venv/bin/python benchmarks/clip_loading.py --root data --pose-cache work/pose --clips work/clips --batches 20

For each method, on this machine's device (CUDA if there is one, else CPU with --threads):
1. the step alone: one collated batch held in memory, forward + backward + optimiser step (the model's own input
   preparation included, as in training: cropping for a video batch, normalising for an extracted one);
2. end to end from the videos, decoding every clip's sampled frames each time (the full preset's setting: MA-52 does
   not fit in memory, `train.cache_frames: false`), with --workers loader processes;
3. end to end from the extracted clips (`bmoe.arrays`, memory-mapped), with the same workers: first in a fresh dataset
   (each clip's region presence computed from its pose file on first use: training's first epoch), then with every
   clip's presence already known (epochs 2 and after; the memory-mapped read and TSN sampling remain).
Each row times --batches batches after 2 warm-up batches, over a fresh shuffled epoch.
"""
import argparse, time, os
import torch

def measure(root, pose_cache, clips, mc, box, dev, batches=20, batch_size=16, workers=0):
    "Clips/s of training `mc` on `dev`: the step alone, from the videos, from the extracted clips (first epoch, epochs 2+); [(what, clips/s)]."
    from bmoe.bmoe import bmoe_loss
    from bmoe.baselines import build_model
    from bmoe.clips import ClipDataset, clip_loader
    model = build_model(mc).to(dev).train()
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], 1e-3)
    amp = dev.type == "cuda"
    def step(b):
        with torch.autocast(dev.type, torch.bfloat16, enabled=amp):
            o = model(b); loss, _ = bmoe_loss({k: v.float() for k, v in o.items()}, b["label"].to(dev), mc)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    def sync():
        if dev.type == "cuda": torch.cuda.synchronize()
    def timed(loader):
        it = iter(loader)
        for _ in range(2): step(next(it))
        sync(); t = time.time()
        for _ in range(batches): step(next(it))
        sync(); return batches * batch_size / (time.time() - t)
    kw = dict(num_segments=mc.segments, train=True, seed=0, box_args=box, multilabel=mc.multilabel)
    dv = ClipDataset(root, "train", pose_cache, cache_frames=False, **kw)
    da = ClipDataset(root, "train", pose_cache, arrays=clips, **kw)
    one = next(iter(clip_loader(da, batch_size, True, 0, 0)))
    alone = timed(iter(lambda: one, None))
    vids = timed(clip_loader(dv, batch_size, True, 0, 1, workers))
    arrs = timed(clip_loader(da, batch_size, True, 0, 2, workers))
    for i in range(len(da)): da.present(i)
    warm = timed(clip_loader(da, batch_size, True, 0, 3, workers))
    return [("step alone (one batch in memory)", alone), ("from the videos (decoded each time)", vids),
            ("from the extracted clips, first epoch", arrs), ("from the extracted clips, epochs 2+", warm)]

def print_table(rows):
    "The table of (method, input, clips/s) rows, each against its method's step alone."
    print(f"{'method':<9}{'input':<40}{'clips/s':>9}{'x step alone':>14}")
    for m, what, v in rows:
        alone = next(r[2] for r in rows if r[0] == m and r[1].startswith("step"))
        print(f"{m:<9}{what:<40}{v:>9.1f}{v / alone:>14.2f}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="data"); ap.add_argument("--pose-cache", default="work/pose"); ap.add_argument("--clips", default="work/clips")
    ap.add_argument("--methods", nargs="+", default=["manet", "experts"]); ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=16); ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    from bmoe.core import load_params
    from bmoe.bmoe import method_config
    from bmoe.regions import box_settings
    P = load_params(); torch.set_num_threads(a.threads)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = torch.cuda.get_device_name() if dev.type == "cuda" else f"CPU, {a.threads} threads ({os.cpu_count()} cores)"
    box = box_settings(P["regions"]); rows = []
    for m in a.methods:
        got = measure(a.root, a.pose_cache, a.clips, method_config(m, **P["model"]), box, dev, a.batches, a.batch_size, a.workers)
        rows += [(m, what, v) for what, v in got]
        for what, v in got: print(f"  {m:<8} {what:<38} {v:8.1f} clips/s  x{v / got[0][1]:.2f}", flush=True)
    print(f"\n{name}; batch {a.batch_size}, {a.workers} loader workers, {a.batches} timed batches; model sizes of params.yaml "
          f"(regions {P['model']['region_size']} px, global {P['model']['global_size']} px)\n")
    print_table(rows)

if __name__ == "__main__": main()
