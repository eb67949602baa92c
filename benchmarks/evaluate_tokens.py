"""Scoring B-MoE and its ablations on the test split: from the extracted clips (both frozen streams run again for
each variant) against from the tokens stage's test-split tokens (`evaluate_run(..., tokens=...)`), in a finished run.

    .venv/bin/python benchmarks/evaluate_tokens.py [--threads 1 2]     (in the folder of a finished make repro)

Each variant is scored both ways, alternating, twice; the second round's times are printed, with whether the nine
official metrics are equal. Torch threads as given (the evaluate stage leaves torch's default: one per core).
"""
import argparse, time, torch, tempfile
from pathlib import Path
from bmoe.evaluate import evaluate_run
from bmoe.clips import bad_videos

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--threads", type=int, nargs="+", default=[1, 2]); ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(); out = Path(tempfile.mkdtemp())
    skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
    print(f"{'threads':>7s} {'method':20s} {'frames s':>9s} {'tokens s':>9s} {'speed-up':>9s}  same metrics")
    for th in a.threads:
        torch.set_num_threads(th); tot = [0.0, 0.0]
        for rep in range(2):
            for m in ("bmoe", "bmoe_mean_routing", "bmoe_no_global"):
                run = Path("work/runs") / f"s{a.seed}" / m; t = time.perf_counter()
                px = evaluate_run(run, "data", "test", "work/pose", out, f"{m}-frames", skip, arrays="work/clips"); t1 = time.perf_counter() - t
                t = time.perf_counter()
                tk = evaluate_run(run, "data", "test", "work/pose", out, f"{m}-tokens", skip, arrays="work/clips", tokens=f"work/tokens/s{a.seed}")
                t2 = time.perf_counter() - t
                if rep:
                    tot[0] += t1; tot[1] += t2
                    print(f"{th:7d} {m:20s} {t1:9.2f} {t2:9.2f} {t1 / t2:8.1f}x  {px == tk}", flush=True)
        print(f"{th:7d} {'all three':20s} {tot[0]:9.2f} {tot[1]:9.2f} {tot[0] / tot[1]:8.1f}x")

if __name__ == "__main__": main()
