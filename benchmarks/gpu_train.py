"""End-to-end GPU training check on full-preset-sized data (224x224, 32 frames, 8 segments).

Run on a CUDA machine from the repository root:  PYTHONPATH=. python benchmarks/gpu_train.py --out /tmp/gpu
It renders a slice of the `full` preset (the GPU machine has OpenCV but neither mediapipe nor decord, so the
renderer's ground-truth landmarks stand in for the pose cache, and OpenCV decodes), trains B-MoE with the
Triton kernels and bf16 autocast through `bmoe.train.fit`, and prints clips/s and seconds per epoch.
"""
import argparse, time, json, os
from pathlib import Path
import numpy as np, torch
from bmoe.synth import preset, write_dataset
from bmoe.pose import save_arrays, pose_path
from bmoe.bmoe import method_config
from bmoe.train import TrainConfig, fit

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--out", default="/tmp/gpu"); ap.add_argument("--train-clips", type=int, default=1500)
    ap.add_argument("--epochs", type=int, default=2); ap.add_argument("--workers", type=int, default=12)
    ap.add_argument("--size", type=int, default=224); ap.add_argument("--frames", type=int, default=32)   # smaller: a CPU smoke run
    a = ap.parse_args(); out = Path(a.out)
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
    mc = method_config("bmoe", dim=256, enc_width=(32, 64, 128), global_width=(32, 64, 128), region_size=64 if a.size >= 160 else 16, global_size=112 if a.size >= 160 else 32,
                       segments=8, rgb_diff=True)
    rows = []
    for name, bs in (("bmoe", 32),):
        tc = TrainConfig(epochs=a.epochs, batch_size=bs, optimizer="adamw", lr=1e-3, weight_decay=0.05, workers=a.workers, progress=False)
        h = fit(out / "data", out / "pose", out / "runs" / name, mc, tc)["history"]
        for r in h:
            rows.append(dict(method=name, epoch=r["epoch"], seconds=r["seconds"], clips_per_s=r["clips_per_s"], val_f1_mean=r["val_f1_mean"]))
    print(f"\ndevice: {torch.cuda.get_device_name() if torch.cuda.is_available() else 'cpu'}  train clips: {sum(r['split'] == 'train' for r in recs)}")
    print(f"{'method':<8}{'epoch':>6}{'s/epoch':>9}{'clips/s':>9}{'val F1_mean':>12}")
    for r in rows: print(f"{r['method']:<8}{r['epoch']:>6}{r['seconds']:>9.1f}{r['clips_per_s']:>9.1f}{r['val_f1_mean']:>12.3f}")
    print(f"full preset: 11,250 train clips -> about {11250 / rows[-1]['clips_per_s']:.0f} s per epoch at the last epoch's rate")


if __name__ == "__main__":   # the renderer's worker processes re-import this file
    main()
