"""How busy the cores are during `make repro`: is the pipeline's time its work divided by the cores, or waiting?

    python benchmarks/repro_busy.py --clone /tmp/fresh            # run `make repro` in a fresh clone, sampling the cores
    python benchmarks/repro_busy.py --clone /tmp/fresh --samples S  # only analyse the samples S of an earlier run there

Every second the whole machine's busy fraction is read from /proc/stat (all cores; 1.0 = every core busy). The table
gives it for each step of the run, from the clone's `work/timings/` (set-up, rendering) and its executed stage
notebooks (stages side by side overlap), and the core-minutes left idle. Nothing else may run on the machine meanwhile.
Linux only.
"""
import argparse, json, subprocess, sys, threading, time
from datetime import datetime
from pathlib import Path

def cpu_times():
    f = open("/proc/stat").readline().split()[1:9]
    v = list(map(int, f)); return sum(v), v[3] + v[4]          # total, idle + iowait

def sample(out: Path, stop: threading.Event):
    tot0, idle0 = cpu_times()
    with open(out, "w") as fh:
        while not stop.wait(1.0):
            tot, idle = cpu_times(); d = max(tot - tot0, 1)
            fh.write(f"{time.time():.1f} {1 - (idle - idle0) / d:.3f}\n"); fh.flush(); tot0, idle0 = tot, idle

def steps(clone: Path) -> list[tuple[str, float, float]]:
    "(step, start, end) in epoch seconds: set-up and rendering from work/timings, each stage notebook from papermill."
    rows, tm = [], clone / "work" / "timings"
    for name, label in (("setup", "setup (venv, pip)"), ("data", "data (rendering)")):
        f = tm / f"{name}.json"
        if f.exists(): end = f.stat().st_mtime; rows.append((label, end - json.loads(f.read_text())["seconds"], end))
    for f in sorted((clone / "work" / "notebooks").glob("*.ipynb")):
        pm = json.loads(f.read_text())["metadata"].get("papermill", {})
        if pm.get("start_time") and pm.get("end_time"):
            rows.append((f.stem, datetime.fromisoformat(pm["start_time"]).timestamp(), datetime.fromisoformat(pm["end_time"]).timestamp()))
    return sorted(rows, key=lambda r: r[1])

def table(samples: Path, clone: Path, cores: int) -> str:
    s = [tuple(map(float, l.split()[:2])) for l in samples.read_text().splitlines() if l.strip()]
    busy = lambda a, b: [u for t, u in s if a <= t < b]
    st = steps(clone); t0, t1 = (st[0][1], max(e for _, _, e in st)) if st else (s[0][0], s[-1][0])
    lines = [f"{'step':34s} {'from':>6s} {'to':>6s} {'busy':>5s}  (minutes since the run began; busy: mean fraction of all {cores} cores)"]
    for name, a, b in st:
        u = busy(a, b)
        lines.append(f"{name:34s} {(a - t0) / 60:6.2f} {(b - t0) / 60:6.2f} {sum(u) / max(len(u), 1):5.2f}")
    u = busy(t0, t1 + 1)
    lines.append(f"{'whole run':34s} {0:6.2f} {(t1 - t0) / 60:6.2f} {sum(u) / max(len(u), 1):5.2f}")
    idle = sum(1 - x for x in u) * cores / 60
    first = next((a for n, a, _ in st if not n.startswith(("setup", "data"))), t0); v = busy(first, t1 + 1)
    lines.append(f"\nidle core-minutes: {idle:.2f} of {len(u) * cores / 60:.2f} in the whole run; "
                 f"{sum(1 - x for x in v) * cores / 60:.2f} of {len(v) * cores / 60:.2f} in the DVC pipeline")
    return "\n".join(lines)

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--clone", required=True, type=Path, help="a fresh clone of the repository (make repro runs there)")
    ap.add_argument("--samples", type=Path, help="analyse these samples instead of running (default: run, writing <clone>/work/busy.txt)")
    a = ap.parse_args()
    import os
    cores = len(os.sched_getaffinity(0))
    if a.samples is None:
        if (a.clone / "work" / "notebooks").exists(): sys.exit(f"{a.clone}: has run stages already; give a fresh clone")
        a.samples = a.clone.resolve().parent / f"{a.clone.name}_busy.txt"; stop = threading.Event()
        th = threading.Thread(target=sample, args=(a.samples, stop), daemon=True); th.start()
        t = time.time(); rc = subprocess.run(["make", "repro"], cwd=a.clone, stdout=subprocess.DEVNULL).returncode
        stop.set(); th.join()
        if rc: sys.exit(f"make repro failed in {a.clone} (exit {rc})")
        print(f"make repro in {a.clone}: {(time.time() - t) / 60:.2f} min; samples in {a.samples}")
    print(f"{cores} cores; {a.clone}\n" + table(a.samples, a.clone, cores))
