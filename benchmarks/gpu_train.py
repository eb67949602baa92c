"""End-to-end GPU training check on full-preset-sized data (224x224, 32 frames, 8 segments): one table per part.

Run on a CUDA machine from the repository root:  PYTHONPATH=. python benchmarks/gpu_train.py --out /tmp/gpu
A CPU smoke run of the same chain (minutes):     PYTHONPATH=. python benchmarks/gpu_train.py --size 64 --frames 16 --train-clips 60 --epochs 1 --workers 2 --batches 2
1. renders a slice of the `full` preset (the GPU machine has OpenCV but neither mediapipe nor decord, so the
   renderer's ground-truth landmarks stand in for the pose cache, and OpenCV decodes);
2. extracts every video's region and global clips once into memory-mapped uint8 arrays (`bmoe.arrays`, the fused
   crop kernel on a GPU): seconds, bytes a frame, and what MA-52 would take at these sizes;
3. training throughput end to end against the step alone (`clip_loading.measure`) for the two streams that read
   clips, MANet-like and the region experts: the step alone, from the videos (decoded each time), and from the
   extracted clips (first epoch, epochs 2+), bf16 autocast, the Triton kernels where the card has them;
4. the staged chain as `make repro` trains it (`bmoe.train.train_method`): MANet-like, the experts, then B-MoE on
   the two frozen runs, each from the extracted clips, with clips/s per epoch.
"""
import argparse, time, os
from pathlib import Path
import numpy as np, torch
from bmoe.synth import preset, write_dataset
from bmoe.pose import save_arrays, pose_path
from bmoe.bmoe import method_config
from bmoe.core import load_params
from bmoe.regions import box_settings
from bmoe.arrays import extract_arrays, bytes_per_frame
from bmoe.train import train_method
from clip_loading import measure, print_table


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--out", default="/tmp/gpu"); ap.add_argument("--train-clips", type=int, default=1500)
    ap.add_argument("--epochs", type=int, default=2); ap.add_argument("--workers", type=int, default=12)
    ap.add_argument("--batches", type=int, default=20, help="timed batches of each loading measure")
    ap.add_argument("--size", type=int, default=224); ap.add_argument("--frames", type=int, default=32)   # smaller: a CPU smoke run
    a = ap.parse_args(); out = Path(a.out); big = a.size >= 160
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = torch.cuda.get_device_name() if dev.type == "cuda" else f"CPU ({os.cpu_count()} cores)"
    t = time.time()
    cfg = preset("full", train_clips=a.train_clips, min_train=6, min_eval=2, workers=os.cpu_count(), size=a.size, frames=a.frames,
                 n_subjects=60)
    recs = write_dataset(cfg, out / "data", progress=False)
    print(f"rendered {len(recs)} clips ({cfg.size}x{cfg.size}, {cfg.frames} frames) in {time.time() - t:.0f} s", flush=True)
    for r in recs:                                            # ground-truth landmarks as the pose cache
        lm = np.load(out / "data" / "annotations" / (r["file"][:-4] + ".landmarks.npy"))
        T = len(lm)
        save_arrays(pose_path(out / "pose", r["file"]), landmarks=lm, detected=np.ones(T, bool), ran=np.ones(T, bool),
                    size=np.array([cfg.size, cfg.size]), n_frames=T)
    P = load_params()
    model = P["model"] | dict(dim=256, enc_width=(32, 64, 128), global_width=(32, 64, 128), region_size=64 if big else 16,
                              global_size=112 if big else 32, segments=8, rgb_diff=True)
    params = dict(P, model=model, train=P["train"] | dict(epochs=a.epochs, batch_size=32, workers=a.workers, progress=False),
                  train_bmoe=(P.get("train_bmoe") or {}) | dict(epochs=a.epochs))
    rs, gs = model["region_size"], model["global_size"]

    t = time.time()
    ex = extract_arrays(out / "data", out / "pose", out / "clips", rs, gs, P["regions"], device=dev, progress=False)
    dt = time.time() - t; frames = sum(r["frames"] for r in ex)
    print(f"\nextracted clips on {dev.type}: {len(ex)} videos, {frames} frames in {dt:.1f} s ({len(ex) / dt:.1f} videos/s); "
          f"{sum(r['bytes'] for r in ex) / frames / 1e3:.1f} kB a frame (regions {rs} px, global {gs} px); "
          f"MA-52 at these sizes (22,422 clips of about 60 frames): {bytes_per_frame(rs, gs) * 22_422 * 60 / 1e9:.0f} GB", flush=True)

    box = box_settings(P["regions"]); rows = []
    for m in ("manet", "experts"):
        got = measure(out / "data", out / "pose", out / "clips", method_config(m, **model), box, dev, a.batches, 32, a.workers)
        rows += [(m, what, v) for what, v in got]
    print(f"\n{name}; batch 32, {a.workers} loader workers, {a.batches} timed batches, bf16 autocast on a GPU; "
          f"regions {rs} px, global {gs} px, {model['segments']} segments")
    print_table(rows)

    hist = []
    for m in ("manet", "experts", "bmoe"):
        h = train_method(m, out / "data", out / "pose", out / "runs" / m, params, ckpt_root=out / "ckpt", arrays=out / "clips")
        hist += [dict(method=m, **r) for r in h["history"]]
    print(f"\nthe staged chain from the extracted clips on {name}; train clips: {sum(r['split'] == 'train' for r in recs)}")
    print(f"{'method':<8}{'epoch':>6}{'s/epoch':>9}{'clips/s':>9}{'val F1_mean':>12}")
    for r in hist: print(f"{r['method']:<8}{r['epoch']:>6}{r['seconds']:>9.1f}{r['clips_per_s']:>9.1f}{r['val_f1_mean']:>12.3f}")


if __name__ == "__main__":   # the renderer's worker processes re-import this file
    main()
