"""glibc's allocator settings (bmoe.stage.MALLOC) against its defaults, on the pipeline's own work, in a finished demo run.

glibc serves every allocation of 128 KiB or more with a fresh mmap and unmaps it on free, and returns freed memory at
the top of the heap to the system beyond 128 KiB: a training step's activations (megabytes each) are then new pages
every step, and every first touch of a page is a page fault. Each job below runs in a new process, once with the
defaults and once with bmoe.stage.MALLOC in its environment, alternated (the machine's pace drifts); the table gives
the median of each, and the child's CPU times, minor page faults and peak memory.

    python benchmarks/malloc.py --rounds 3      (in a clone after `make repro`: it reads data/, work/pose, work/clips)
"""
import argparse, os, resource, statistics as st, subprocess, sys, tempfile, time
from pathlib import Path

def jobs(py: str) -> dict:
    bin_ = Path(py).parent
    train = lambda m: [str(bin_ / "bmoe-train"), "--method", m, "--root", "data", "--pose-cache", "work/pose", "--params", "params.yaml",
                       "--clips", "work/clips", "--set", "train.epochs=1", "--out", "{out}", "--ckpt-root", "{out}/ckpt"]
    return {
        "pose (val, 1 worker, 1/4)": [str(bin_ / "bmoe-pose"), "--root", "data", "--cache", "{out}", "--splits", "val", "--shard", "0/4", "--workers", "1"],
        "clips (val+test, 1/2)": [str(bin_ / "bmoe-clips"), "--root", "data", "--pose-cache", "work/pose", "--params", "params.yaml",
                                  "--splits", "val,test", "--shard", "0/2", "--out", "{out}"],
        "train manet, 1 epoch": train("manet"),
        "train tsm, 1 epoch": train("tsm"),
        "train experts, 1 epoch": train("experts"),
        "evaluate experts (test)": [str(bin_ / "bmoe-evaluate"), "--run", "work/runs/s0/experts", "--root", "data", "--pose-cache", "work/pose",
                                    "--clips", "work/clips", "--out", "{out}"],
    }

def run(cmd, env, tmp):
    out = tempfile.mkdtemp(dir=tmp); cmd = [c.replace("{out}", out) for c in cmd]
    t = time.perf_counter()
    with open(Path(out) / "stderr.txt", "w") as err:
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)            # this child's own resource use (and that of the processes it waited for)
    wall = time.perf_counter() - t; p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode: raise SystemExit(f"{' '.join(cmd)} failed: {(Path(out) / 'stderr.txt').read_text()[-2000:]}")
    return dict(wall=wall, user=ru.ru_utime, sys=ru.ru_stime, flt=ru.ru_minflt, rss=ru.ru_maxrss / 1024)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--rounds", type=int, default=3); ap.add_argument("--only", nargs="*")
    a = ap.parse_args()
    from bmoe.stage import MALLOC
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    tuned = {**base, **MALLOC}
    print(f"{os.cpu_count()} cores; bmoe.stage.MALLOC = {MALLOC}; {a.rounds} rounds, alternated; medians")
    print(f"{'job':28s} {'default s':>9s} {'tuned s':>8s} {'ratio':>6s} {'sys s':>6s} {'tuned':>6s} {'faults':>8s} {'tuned':>8s} {'peak MB':>8s} {'tuned':>6s}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in jobs(sys.executable).items():
            if a.only and not any(o in name for o in a.only): continue
            res = {"default": [], "tuned": []}
            for r in range(a.rounds):
                for k, env in (("default", base), ("tuned", tuned)) if r % 2 == 0 else (("tuned", tuned), ("default", base)):
                    res[k].append(run(cmd, env, tmp))
            m = {k: {f: st.median(x[f] for x in v) for f in ("wall", "sys", "flt", "rss")} for k, v in res.items()}
            print(f"{name:28s} {m['default']['wall']:9.2f} {m['tuned']['wall']:8.2f} {m['tuned']['wall'] / m['default']['wall']:6.2f} "
                  f"{m['default']['sys']:6.2f} {m['tuned']['sys']:6.2f} {m['default']['flt'] / 1e3:7.0f}k {m['tuned']['flt'] / 1e3:7.0f}k "
                  f"{m['default']['rss']:8.0f} {m['tuned']['rss']:6.0f}", flush=True)

if __name__ == "__main__": main()
