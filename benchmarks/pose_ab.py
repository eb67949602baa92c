"""The pose stage of this checkout against another one (an older commit), alternated, on the same videos: frames/s,
and whether the two wrote the same cache files byte for byte.

    git worktree add /tmp/old <commit>
    .venv/bin/python benchmarks/pose_ab.py --other /tmp/old --root data --split val --rounds 3

Each run is a new interpreter with PYTHONPATH set to the checkout under test, so its pose workers (spawned) import
that checkout's bmoe; `run_pose` with 2 workers pinned, as the pipeline runs it.
"""
import argparse, json, os, subprocess, sys, tempfile, filecmp
from pathlib import Path

RUN = """
import json, os, sys, time
def main():
    import bmoe.pose as P
    root, split, out, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t = time.time(); recs = P.run_pose(root, out, splits=(split,), workers=workers, progress=False, log=os.devnull)
    dt = time.time() - t; n = sum(r.get("ran", 0) for r in recs)
    print(json.dumps(dict(code=P.__file__, seconds=dt, frames=n)))
if __name__ == "__main__": main()
"""

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--other", required=True, help="another checkout of bmoe (a git worktree)")
    ap.add_argument("--root", default="data"); ap.add_argument("--split", default="val")
    ap.add_argument("--rounds", type=int, default=3); ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    here = str(Path(__file__).resolve().parents[1]); root = str(Path(a.root).resolve())
    res = {"other": [], "this": []}
    with tempfile.TemporaryDirectory() as d:
        script = Path(d) / "run.py"; script.write_text(RUN)
        for r in range(a.rounds):
            for name, tree in (("other", a.other), ("this", here)):
                out = Path(d) / f"{name}{r}"
                env = dict(os.environ, PYTHONPATH=tree, OMP_NUM_THREADS="1")
                p = subprocess.run([sys.executable, str(script), root, a.split, str(out), str(a.workers)], env=env,
                                   capture_output=True, text=True, check=True)
                x = json.loads(p.stdout.strip().splitlines()[-1]); assert x["code"].startswith(str(Path(tree).resolve())), x
                res[name].append(x["frames"] / x["seconds"])
        cmp = filecmp.dircmp(Path(d) / "other0", Path(d) / "this0")
        same = not (cmp.left_only or cmp.right_only or filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)[1])
    print(f"pose stage, {a.split} split, {x['frames']} estimated frames, {a.workers} workers pinned; {a.rounds} rounds, alternated")
    print(f"  {'checkout':<40}" + "".join(f"{'round ' + str(i + 1):>10}" for i in range(a.rounds)) + f"{'mean':>10}")
    for name, tree in (("other", a.other), ("this", here)):
        v = res[name]; print(f"  {tree:<40}" + "".join(f"{x:>10.1f}" for x in v) + f"{sum(v) / len(v):>10.1f}")
    o, t = (sum(res[k]) / len(res[k]) for k in ("other", "this"))
    print(f"  this / other: {t / o:.3f}; cache files byte for byte the same: {same}")

if __name__ == "__main__": main()
