"""A trained run on long videos (an interview, not a cut clip): memory of the pose step, and a timeline by windows.

    .venv/bin/python benchmarks/long_video.py --run work/runs/s0/bmoe --root data --pose-cache work/pose

1. Memory. `bmoe-predict` on synthetic 1280x720 30-fps videos of 30 to 240 s (a moving gradient, no person: the
   pose step still runs on every second frame), each in its own process, with the sampled frames decoded all at once
   (`chunk` = every frame: what `bmoe.pose.estimate_video` did before) and 16 at a time (now). Peak resident memory
   (ru_maxrss of the child) and wall time.
2. Timeline. The test clips of one demo subject, in the list's order, decoded and written one after the other into
   one lossless video (FFV1): a session of several minutes with a micro-action every 2 s. `predict_video` with
   `window=2` (one window per clip, aligned) and with `step=1` (every other window straddles two clips), against the
   clips' labels; beside it, each clip predicted alone with the pipeline's own pose cache. The session's pose differs
   from the clips' (MediaPipe tracks across the cuts, and the stride-2 sample falls on other frames), so aligned
   windows need not agree with the clips exactly.
"""
import argparse, json, os, resource, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np

def _child(video, chunk):
    "One prediction in this process, the pose step decoding `chunk` frames at a time; prints peak memory and time."
    import bmoe.predict as pr
    from bmoe.evaluate import load_run
    from bmoe.predict import predict_video
    f = pr.estimate_video; pr.estimate_video = lambda path, est, stride=2: f(path, est, stride, chunk)
    model, info = load_run(os.environ["RUN"]); t = time.time()
    with tempfile.TemporaryDirectory() as d: predict_video(model, info, video, d)
    print(json.dumps(dict(seconds=round(time.time() - t, 1), peak_gb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2))))

def make_video(path, seconds, w=1280, h=720, fps=30):
    import cv2
    vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h)); x = np.linspace(0, 255, w)[None, :, None]
    for i in range(int(seconds * fps)): vw.write(np.broadcast_to(((x + 3 * i) % 256).astype(np.uint8), (h, w, 3)).copy())
    vw.release()

def memory(run, lengths, tmp):
    print(f"\n1. Pose step memory, bmoe-predict on 1280x720 30-fps videos ({os.cpu_count()} cores)\n")
    print("| video | decoded | peak memory (GB) | seconds |\n|--:|:--|--:|--:|")
    for s in lengths:
        v = Path(tmp) / f"hd{s}.mp4"; make_video(v, s)
        for name, chunk in (("all at once (before)", 10**9), ("16 at a time (now)", 16)):
            if chunk > 16 and s > 120: print(f"| {s} s | {name} | (not run: about {0.085 * s:.0f} GB) | |"); continue
            r = subprocess.run([sys.executable, __file__, "--child", str(v), str(chunk)], capture_output=True, text=True,
                               env=os.environ | dict(RUN=str(run)))
            if r.returncode: sys.exit(r.stderr[-2000:])
            m = json.loads(r.stdout.strip().splitlines()[-1]); print(f"| {s} s | {name} | {m['peak_gb']:.2f} | {m['seconds']} |")
        v.unlink()

def timeline(run, root, pose_cache, tmp, subject=None):
    import cv2
    from bmoe.data import read_list, read_frames, video_fps
    from bmoe.evaluate import load_run
    from bmoe.predict import predict_video
    clips = read_list(root, "test"); subject = subject or clips[0].file[:4]
    clips = [c for c in clips if c.file.startswith(subject + "_")]
    fps = video_fps(clips[0].path); frames = [read_frames(c.path) for c in clips]; T = {len(f) for f in frames}
    if len(T) != 1: sys.exit(f"clips of unequal length {T}: the aligned windows below assume one length")
    T = T.pop(); sess = Path(tmp) / f"session_{subject}.avi"
    vw = cv2.VideoWriter(str(sess), cv2.VideoWriter_fourcc(*"FFV1"), fps, (frames[0].shape[2], frames[0].shape[1]))
    for f in np.concatenate(frames): vw.write(np.ascontiguousarray(f[..., ::-1]))
    vw.release()
    model, info = load_run(run); lab = np.array([c.label for c in clips])
    t = time.time(); alone = np.array([predict_video(model, info, c.path, pose_cache)["top"][0]["id"] for c in clips]); t_alone = time.time() - t
    t = time.time(); w = predict_video(model, info, sess, Path(tmp) / "pose", window=T / fps)["windows"]; t_sess = time.time() - t
    win = np.array([s["top"][0]["id"] for s in w])
    o = predict_video(model, info, sess, Path(tmp) / "pose", window=T / fps, step=T / fps / 2)["windows"]
    inside = [(s, lab[int(round(s["start"] * fps)) // T]) for s in o if round(s["start"] * fps) % T == 0]
    across = [(s, lab[int(round(s["start"] * fps)) // T], lab[int(round(s["start"] * fps)) // T + 1]) for s in o if round(s["start"] * fps) % T]
    acc = lambda a: f"{100 * np.mean(a):.1f}"
    print(f"\n2. Timeline: subject {subject}, {len(clips)} test clips of {T} frames at {fps:g} fps in one {len(clips) * T / fps / 60:.1f}-min "
          f"lossless video; run {run}\n")
    print("| prediction | windows | top-1 = the clip's label (%) |\n|:--|--:|--:|")
    print(f"| each clip alone (its own pose; {t_alone:.0f} s) | {len(clips)} | {acc(alone == lab)} |")
    print(f"| session, 2-s windows aligned with the clips (pose of the session; {t_sess:.0f} s, pose included) | {len(win)} | {acc(win == lab)} |")
    print(f"| session, 1-s step: windows inside one clip | {len(inside)} | {acc([s['top'][0]['id'] == l for s, l in inside])} |")
    print(f"| session, 1-s step: windows across two clips (either label) | {len(across)} | "
          f"{acc([s['top'][0]['id'] in (a, b) for s, a, b in across])} |")
    print(f"\naligned windows agree with the clip alone on {acc(win == alone)}% of the clips")

if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]: _child(sys.argv[2], int(sys.argv[3])); sys.exit()
    ap = argparse.ArgumentParser(); ap.add_argument("--run", default="work/runs/s0/bmoe"); ap.add_argument("--root", default="data")
    ap.add_argument("--pose-cache", default="work/pose"); ap.add_argument("--lengths", type=int, nargs="*", default=[30, 60, 120, 240])
    ap.add_argument("--subject"); ap.add_argument("--skip-memory", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not a.skip_memory: memory(Path(a.run).resolve(), a.lengths, tmp)
        timeline(a.run, a.root, a.pose_cache, tmp, a.subject)
