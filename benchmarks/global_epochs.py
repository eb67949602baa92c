"""B-MoE with a global stream trained longer: MANet-like for more epochs, then B-MoE on it, over seeds.

    .venv/bin/python benchmarks/global_epochs.py --run-dir CLONE --epochs 20 --seeds 0 1 2 --out /tmp/global_epochs

CLONE is a clone whose `make repro` ran with those seeds (`seeds: [0, 1, 2]` in params.yaml): its experts runs, pose
cache and clips are reused, and its MANet-like, B-MoE and no-global runs are the comparison. For each seed: MANet-like
trained for --epochs (the demo trains it for `train.epochs`), the tokens of the frozen streams made with it, B-MoE
(router and fusion) trained on them for the usual `train.epochs`, both evaluated on the test split. Printed: each run,
then paired bootstrap 95% intervals on the test split (`bmoe.report.comparison_table`): whether a stronger global
stream makes B-MoE's global stream pay (B-MoE minus B-MoE without the global stream).
"""
import argparse, json, os, shutil, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--epochs", type=int, default=20); ap.add_argument("--out", default="/tmp/global_epochs")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve()
    os.chdir(run_dir)
    import pandas as pd
    from bmoe.core import load_params
    from bmoe.train import train_method, token_stage
    from bmoe.evaluate import evaluate_run
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table
    from seed_tables import link_streams                # benchmarks/seed_tables.py, beside this script
    skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json"); R = out / "reports"
    tag = f"e{a.epochs}"
    for s in a.seeds:
        d = link_streams(out / f"s{s}", run_dir, s, ("experts",))   # the clone's experts; MANet is trained here
        P = load_params(); P["train"]["seed"] = s; Pg = json.loads(json.dumps(P)); Pg["train"]["epochs"] = a.epochs; t = time.time()
        train_method("manet", "data", "work/pose", d / "manet", Pg, ckpt_root=out / "ckpt", pose_report="reports/pose_quality.json", arrays="work/clips")
        m = evaluate_run(d / "manet", "data", "test", "work/pose", R, f"manet_{tag}-s{s}", skip, arrays="work/clips")
        print(f"seed {s}: MANet-like, {a.epochs} epochs: action F1 macro {100 * m['action_f1_macro']:.2f}, F1_mean {100 * m['f1_mean']:.2f} "
              f"({(time.time() - t) / 60:.1f} min)", flush=True)
        token_stage("data", "work/pose", d, out / "tokens" / f"s{s}", P, "reports/pose_quality.json", arrays="work/clips")
        train_method("bmoe", "data", "work/pose", d / "bmoe", P, ckpt_root=out / "ckpt", pose_report="reports/pose_quality.json", tokens=str(out / "tokens" / f"s{s}"))
        m = evaluate_run(d / "bmoe", "data", "test", "work/pose", R, f"bmoe_{tag}-s{s}", skip, arrays="work/clips")
        print(f"seed {s}: B-MoE on it: action F1 macro {100 * m['action_f1_macro']:.2f}, F1_mean {100 * m['f1_mean']:.2f} "
              f"({(time.time() - t) / 60:.1f} min)", flush=True)
    for s in a.seeds:                                        # the clone's runs: the comparison
        for m in ("manet", "bmoe", "bmoe_no_global"): shutil.copy(run_dir / "reports" / "predictions" / f"{m}-s{s}.npz", R / "predictions" / f"{m}-s{s}.npz")
    t = pd.concat([comparison_table(f"bmoe_{tag}", ["bmoe_no_global", "bmoe"], a.seeds, R), comparison_table(f"manet_{tag}", ["manet"], a.seeds, R)])
    print(); print(t.to_markdown(index=False))

if __name__ == "__main__": main()
