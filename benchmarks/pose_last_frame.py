"""What the pose stage's extra last frame costs and buys on the demo: one table.

    .venv/bin/python benchmarks/pose_last_frame.py --root data --cache work/pose

Until commit e2a5a65 the pose stage ran MediaPipe on every `stride`-th frame "and the last" (`bmoe.pose.sample_frames`).
On the demo's 16-frame clips at stride 2 that was frames 0, 2, ..., 14 and 15: the last frame was a ninth estimate,
next to frame 14, so 11% of the stage's work. Without it, frame 15 holds frame 14's landmarks. This measurement
(`results/cpu_pose_last_frame.txt`, on that commit's cache) is why the stage now adds the last frame only where more
than half a stride follows the last sampled one, never at stride 2; on a cache made since, both rows are the same.

No MediaPipe run is needed to know what dropping it gives. The estimator tracks the frames in order, so frames 0-14
come out the same whether frame 15 follows or not. This script takes an existing cache (the pipeline's,
`work/pose`), removes each video's last estimate where it is not on the stride, fills the landmarks again as
`bmoe.pose.estimate_video` does, and compares the two caches: frames estimated, PCK@0.1 against the renderer's
ground truth, and the pose-only baseline of the pipeline (`bmoe.pose_baseline`: fit on train, scored on test).
The time saved is that share of the pose stage (its frames/s is constant over frames).
"""
import argparse, os, tempfile
import numpy as np

def without_last(p: dict, stride: int) -> dict:
    "A pose record as `estimate_video` would have written it without the extra last frame."
    n = int(p["n_frames"]); on = np.zeros(n, bool); on[::stride] = True
    ran, ok = p["ran"] & on, p["detected"] & on
    from bmoe.pose import fill_missing
    return dict(p, landmarks=fill_missing(p["landmarks"], ok), detected=ok, ran=ran)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="data"); ap.add_argument("--cache", default="work/pose")
    ap.add_argument("--stride", type=int, default=2, help="the stride the cache was made with (params.yaml pose.stride)")
    a = ap.parse_args()
    from bmoe.core import save_arrays
    from bmoe.data import list_videos
    from bmoe.pose import load_pose, pose_path, pose_quality, _record_from_cache
    from bmoe.pose_baseline import pose_baseline
    from bmoe.clips import bad_videos
    vids = sorted({c.file for s in ("train", "val", "test") for c in list_videos(a.root, s)})
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for v in vids:
            f = pose_path(a.cache, v)
            if f.exists(): save_arrays(pose_path(d, v), **without_last(load_pose(f), a.stride))
        for name, cache in (("stride 2 and the last frame (now)", a.cache), ("stride 2 only", d)):
            recs = [_record_from_cache(v, cache) for v in vids if pose_path(cache, v).exists()]
            q = pose_quality(a.root, cache, recs)
            m = pose_baseline(a.root, "pose", cache, os.path.join(d, "rep", name[:8].replace(" ", "_")), "pose_pose-s0",
                              bad_videos(a.root, cache, ("train", "val", "test")))
            rows.append((name, q["frames_estimated"], q["pck@0.1"], m))
    groups = list(rows[0][2])
    print(f"\n{len(vids)} videos of {a.root}; the pose cache {a.cache} (stride {a.stride})")
    print(f"{'frames estimated':34s} {'frames':>7} {'share':>6} " + " ".join(f"{'PCK ' + g:>10}" for g in groups)
          + f" {'pose-only action F1 macro':>26} {'pose-only F1_mean':>18}")
    for name, n, pck, m in rows:
        print(f"{name:34s} {n:>7} {n / rows[0][1]:>6.3f} " + " ".join(f"{100 * pck[g]:>10.1f}" for g in groups)
              + f" {100 * m['action_f1_macro']:>26.2f} {100 * m['f1_mean']:>18.2f}")

if __name__ == "__main__": main()
