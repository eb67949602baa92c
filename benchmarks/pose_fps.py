"""Frames per second and accuracy of the pose stage at several strides, on this machine.

    .venv/bin/python benchmarks/pose_fps.py --root data --videos 60 --workers 2
Runs `bmoe.pose.run_pose` on the first N videos of the val split at strides 1, 2, 3 (fresh caches) and prints
one table: estimated frames/s, videos/s, detection rate and PCK@0.1 per landmark group against the synthetic
ground truth (after gap filling, so interpolation error is included).
"""
import argparse, tempfile, time, os
from pathlib import Path
from bmoe.pose import run_pose, pose_quality
from bmoe.data import read_list

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--root", default="data"); ap.add_argument("--videos", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2); ap.add_argument("--strides", default="1,2,3")
    a = ap.parse_args()
    n_all = len(read_list(a.root, "val")); shard = (0, max(1, n_all // a.videos))       # every k-th val video
    rows = []
    for s in map(int, a.strides.split(",")):
        with tempfile.TemporaryDirectory() as d:
            t = time.time(); recs = run_pose(a.root, d, ("val",), s, a.workers, shard, progress=False); dt = time.time() - t
            q = pose_quality(a.root, d, recs)
            rows.append(dict(stride=s, videos=len(recs), fps=q["frames_estimated"] / dt, vps=len(recs) / dt, det=q["detection_rate"], **q["pck@0.1"]))
    print(f"\n{os.cpu_count()} cores, {a.workers} workers, {rows[0]['videos']} val videos")
    keys = ["head", "torso", "arms", "hands", "legs", "feet", "all"]
    print(f"{'stride':>6}{'frames/s':>10}{'videos/s':>10}{'detect':>8}" + "".join(f"{k:>7}" for k in keys))
    for r in rows:
        print(f"{r['stride']:>6}{r['fps']:>10.1f}{r['vps']:>10.2f}{r['det']:>8.3f}" + "".join(f"{r[k]:>7.3f}" for k in keys))

if __name__ == "__main__": main()
