"""The pose stage against MediaPipe's own speed, on this machine: one table.

    .venv/bin/python benchmarks/pose_fps.py --root data --videos 450 --workers 2 [--rounds 3] [--variants]
    .venv/bin/python benchmarks/pose_fps.py --splits train,val,test --videos 0 --rounds 3   # the whole stage, as `make repro` runs it

The issue's measure, in `--rounds` rounds (the machine's pace drifts over minutes, so each ratio compares
measures taken close together, and the table gives every round and the medians): the whole stage
(`bmoe.pose.run_pose`, workers pinned), MediaPipe alone on one core (kept graph, blank frame between videos), and
MediaPipe alone as `--workers` processes at once, one per core. The videos: every k-th of `--splits` so that about
`--videos` remain (0: all of them, the frames `make repro`'s pose stage estimates). A round's order is symmetric,
so that a steady drift of the machine's pace weighs the same on both sides of each ratio: one core on half the
videos, N at once on that half, the stage on all, N at once on the other half, one core on the other half; the
rates of MediaPipe alone are all frames over the two halves' seconds together. With `--variants`, once after that,
on the same frames (the same videos, the frames the stage estimates at `--stride`, decoded beforehand):
1. MediaPipe Pose alone on one core (this process pinned to core 0, one thread), four ways: a fresh graph per
   video with MediaPipe's smoothing (the previous stage), a fresh graph without smoothing, one graph kept across
   videos (tracking carried from one video into the next: fast but not allowed), and one graph kept with a
   blank frame between videos (what `bmoe.pose.PoseEstimator` does now; identical landmarks to a fresh graph);
2. the whole stage (`bmoe.pose.run_pose`: decoding, estimation, gap filling, cache files) with `--workers`
   processes, the previous estimator (fresh graph per video, smoothing), a kept graph per worker with the
   workers free to run on any core, and the current stage (a kept graph per worker, each worker pinned to a core);
   MediaPipe alone is also run as two processes at once, one per core, each on half the videos (kept graph, blank
   frame): what two workers can reach when the cores share the machine's caches and memory, the stage's real ceiling;
3. the pose quality of each stage run (PCK@0.1 against the synthetic ground truth), since smoothing is off now;
4. a worker's import of mediapipe, plain and through `bmoe.pose.import_mediapipe` (drawing helpers, matplotlib
   and OpenCV left unloaded): new interpreters, one core, alternated, medians of 5 (always measured).
The lighter model (model_complexity 0) is not measured: mediapipe 0.10.21 ships only the full model and would download
the lite one at run time, which bmoe refuses (`bmoe.pose.PoseEstimator`).
The ratio the issue asks for is the stage's frames/s over twice the single-core rate of the same estimator.
"""
import argparse, os, tempfile, time
import numpy as np

def single_core(F, mode):
    import mediapipe as mp
    mk = lambda smooth: mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=smooth,
                                               min_detection_confidence=0.5, min_tracking_confidence=0.5)
    n = sum(len(f) for f in F); t = time.time()
    if mode.startswith("fresh"):
        for f in F:
            p = mk(mode == "fresh, smoothing"); [p.process(np.ascontiguousarray(x)) for x in f]; p.close()
    else:
        p = mk(False); p.process(np.ascontiguousarray(F[0][0]))     # warm graph, as a kept graph is in the stage
        t = time.time()
        for f in F:
            if mode == "kept + blank frame": p.process(np.zeros_like(f[0]))
            [p.process(np.ascontiguousarray(x)) for x in f]
        p.close()
    return n / (time.time() - t)

def _pinned(args):
    "One process of the two-at-once measure: pinned to `core`, one thread; returns its frames and seconds."
    core, F, mode = args; os.sched_setaffinity(0, {core}); os.environ["OMP_NUM_THREADS"] = "1"
    n = sum(len(f) for f in F); return n, n / single_core(F, mode)

def import_seconds(how, rounds=5):
    "Median seconds of importing mediapipe in a new interpreter pinned to core 0: `plain` or through bmoe.pose.import_mediapipe."
    import subprocess, sys, statistics
    code = {"plain": "import mediapipe", "bmoe": "from bmoe.pose import import_mediapipe; import_mediapipe()"}
    out = {h: [] for h in how}
    for _ in range(rounds):
        for h in how:
            t = f"import os, time; os.sched_setaffinity(0, {{0}}); import numpy; t = time.perf_counter(); {code[h]}; print(time.perf_counter() - t)"
            out[h].append(float(subprocess.run([sys.executable, "-c", t], capture_output=True, text=True, check=True).stdout))
    return {h: statistics.median(v) for h, v in out.items()}

def stage_fps(a, shard, **kw):
    "Frames/s of the whole stage on the benchmark's videos, its PCK@0.1 by group and detection rate."
    from bmoe.pose import run_pose, pose_quality
    with tempfile.TemporaryDirectory() as d:
        t = time.time()
        recs = run_pose(a.root, d, a.splits, a.stride, a.workers, shard, progress=False, log=os.devnull, **kw)
        dt = time.time() - t; q = pose_quality(a.root, d, recs)
    return q["frames_estimated"] / dt, q["pck@0.1"], q["detection_rate"]

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--root", default="data"); ap.add_argument("--videos", type=int, default=120)
    ap.add_argument("--splits", type=lambda s: tuple(s.split(",")), default=("val",), help="comma-separated splits")
    ap.add_argument("--workers", type=int, default=2); ap.add_argument("--stride", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3, help="rounds, each: one core and N at once on half the videos, the stage, N at once and one core on the other half")
    ap.add_argument("--variants", action="store_true", help="also the earlier estimators and the other one-core modes, once")
    a = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = "1"
    from bmoe.data import read_list, read_frames, num_frames
    from bmoe.pose import sample_frames
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    vids = sorted({str(c.path) for s in a.splits for c in read_list(a.root, s)})     # run_pose's order and shards
    k = max(1, len(vids) // a.videos) if a.videos else 1
    shard = (0, k); vids = vids[::k]
    F = [read_frames(v, sample_frames(num_frames(v), a.stride)) for v in vids]
    n = sum(len(f) for f in F); blank = "kept + blank frame"
    def alone(parts, mode=blank):        # MediaPipe alone, one pinned process per part, all at once: (frames, seconds)
        with ProcessPoolExecutor(len(parts), mp_context=get_context("spawn")) as ex:
            runs = list(ex.map(_pinned, [(c, P, mode) for c, P in enumerate(parts)]))
        return sum(r[0] for r in runs), max(r[1] for r in runs)       # frames, seconds
    def rate(*runs): return sum(r[0] for r in runs) / sum(r[1] for r in runs)
    split = lambda P: [P[c::a.workers] for c in range(a.workers)]
    rounds, A, B = [], F[0::2], F[1::2]
    for r in range(a.rounds):            # symmetric order: a steady drift weighs alike on the stage and on MediaPipe alone
        one_a = alone([A]); both_a = alone(split(A))
        st, pk, det = stage_fps(a, shard, keep=True, smooth=False, pin=True)
        both_b = alone(split(B)); one_b = alone([B])
        rounds.append((st, rate(one_a, one_b), rate(both_a, both_b), pk, det))
    print(f"\n{os.cpu_count()} cores; {len(vids)} videos of {'+'.join(a.splits)}, {n} estimated frames (stride {a.stride}); MediaPipe Pose 0.10.21, model_complexity 1")
    print(f"\nthe stage (one graph per worker, blank frame between videos, workers pinned) against MediaPipe alone on the same frames "
          f"(one graph, blank frame), in {a.rounds} rounds: one core and {a.workers} at once on half the videos, the stage on all, "
          f"{a.workers} at once and one core on the other half")
    print(f"  {'round':<8}{'stage fr/s':>11}{'1 core':>8}{f'{a.workers} at once':>11}{f'x({a.workers} x 1 core)':>15}{f'x({a.workers} at once)':>15}"
          f"{'at once / 1 core':>18}{'detect':>8}{'PCK all':>8}{'hands':>7}{'legs':>7}")
    for i, (st, one, both, pk, det) in enumerate(rounds):
        print(f"  {i + 1:<8}{st:>11.1f}{one:>8.1f}{both:>11.1f}{st / (a.workers * one):>15.2f}{st / both:>15.2f}{both / (a.workers * one):>18.2f}"
              f"{det:>8.3f}{pk['all']:>8.3f}{pk['hands']:>7.3f}{pk['legs']:>7.3f}")
    med = lambda f: float(np.median([f(*x[:3]) for x in rounds]))
    print(f"  {'median':<8}{med(lambda s, o, b: s):>11.1f}{med(lambda s, o, b: o):>8.1f}{med(lambda s, o, b: b):>11.1f}"
          f"{med(lambda s, o, b: s / (a.workers * o)):>15.2f}{med(lambda s, o, b: s / b):>15.2f}{med(lambda s, o, b: b / (a.workers * o)):>18.2f}")
    imp = import_seconds(("plain", "bmoe"))
    print(f"\na worker's start-up, importing mediapipe (one core, numpy already imported, median of 5): plain {imp['plain']:.2f} s, "
          f"through bmoe.pose.import_mediapipe {imp['bmoe']:.2f} s")
    if not a.variants: return
    stage = {name: stage_fps(a, shard, **kw) for name, kw in (
        ("fresh graph per video, smoothing (before)", dict(keep=False, smooth=True, pin=False)),
        ("one graph per worker, blank frame", dict(keep=True, smooth=False, pin=False)),
        ("one graph per worker, pinned to a core (now)", dict(keep=True, smooth=False, pin=True)))}
    single = {m: rate(alone([F], m)) for m in ("fresh, smoothing", "fresh, no smoothing", "kept (tracking carried)", blank)}
    print("\nvariants, once: MediaPipe alone, one core (frames/s)")
    for m, v in single.items(): print(f"  {m:<28}{v:>8.1f}")
    print(f"\nthe stage, {a.workers} workers")
    print(f"  {'estimator':<48}{'frames/s':>9}{'x(2 x 1-core, same)':>21}{'x(2 x 1-core, kept)':>21}{'detect':>8}{'PCK all':>8}{'hands':>7}{'legs':>7}")
    for (name, (fps, pk, det)), ref in zip(stage.items(), ("fresh, smoothing", blank, blank)):
        print(f"  {name:<48}{fps:>9.1f}{fps / (a.workers * single[ref]):>21.2f}{fps / (a.workers * single['kept (tracking carried)']):>21.2f}"
              f"{det:>8.3f}{pk['all']:>8.3f}{pk['hands']:>7.3f}{pk['legs']:>7.3f}")

if __name__ == "__main__": main()
