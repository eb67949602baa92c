"""What a coarser pose stride would save in `make repro`, and what it would cost: one table.

    .venv/bin/python benchmarks/pose_stride.py --root data --strides 2 3

For each stride, the whole pose stage (`bmoe.pose.run_pose`, 2 pinned workers, every video of the three splits) into
a fresh cache, then its quality against the synthetic ground truth (PCK@0.1 by landmark group) and the pose-only
baseline of the pipeline (`bmoe.pose_baseline`, fit on train, scored on test) on that cache. The pose-only baseline
reads landmark velocities, so it is the method a coarser stride can hurt; B-MoE's boxes are one per clip (the median
centre), which a stride barely moves.
"""
import argparse, os, tempfile, time

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--root", default="data"); ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--strides", type=int, nargs="+", default=[2, 3])
    a = ap.parse_args()
    from bmoe.pose import run_pose, pose_quality
    from bmoe.pose_baseline import pose_baseline
    from bmoe.clips import bad_videos
    rows = []
    for s in a.strides:
        with tempfile.TemporaryDirectory() as d:
            t = time.time(); recs = run_pose(a.root, d, ("train", "val", "test"), s, a.workers, progress=False, log=os.devnull)
            dt = time.time() - t; q = pose_quality(a.root, d, recs)
            m = pose_baseline(a.root, "pose", d, os.path.join(d, "rep"), f"pose_pose_stride{s}", bad_videos(a.root, d, ("train", "val", "test")))
        rows.append((s, dt / 60, q["frames_estimated"], q["frames_estimated"] / dt, q["pck@0.1"], m))
    groups = list(rows[0][4])
    print(f"\n{os.cpu_count()} cores; {len(recs)} videos; pose stage with {a.workers} pinned workers; MediaPipe Pose 0.10.21, model_complexity 1")
    print(f"{'stride':>6} {'minutes':>8} {'frames':>7} {'frames/s':>9} " + " ".join(f"{'PCK ' + g:>10}" for g in groups)
          + f" {'pose-only action F1 macro':>26} {'pose-only F1_mean':>18}")
    for s, mins, n, fps, pck, m in rows:
        print(f"{s:>6} {mins:>8.2f} {n:>7} {fps:>9.1f} " + " ".join(f"{100 * pck[g]:>10.1f}" for g in groups)
              + f" {100 * m['action_f1_macro']:>26.2f} {100 * m['f1_mean']:>18.2f}")

if __name__ == "__main__": main()
