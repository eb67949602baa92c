"""B-MoE and mean routing with the region experts fine-tuned (`freeze_experts: false`) instead of frozen, over seeds.

    .venv/bin/python benchmarks/finetune_experts.py --run-dir CLONE --seeds 0 1 2 --out /tmp/ft

CLONE is a clone whose `make repro` ran with those seeds (`seeds: [0, 1, 2]` in params.yaml): its MANet and experts runs,
pose cache and clips are reused. The pipeline's B-MoE stages train on the tokens stage's cached frozen streams; with the
experts trained too there are no tokens to cache, so each run reads the clips (about 1.6 min a run on 2 cores, against
about 0.15 min on tokens). The frozen-expert runs of the clone are the comparison: the table gives mean and standard
deviation over seeds, then paired bootstrap intervals on the test split (`bmoe.report.comparison_table`).
"""
import argparse, json, os, shutil, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--out", default="/tmp/finetune_experts")
    ap.add_argument("--compare-only", action="store_true", help="only the tables, from the runs already in --out")
    a = ap.parse_args(); run_dir, ft = Path(a.run_dir).resolve(), Path(a.out).resolve()
    os.chdir(run_dir)
    import numpy as np, pandas as pd
    from bmoe.core import load_params
    from bmoe.train import train_method
    from bmoe.evaluate import evaluate_run
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table
    from seed_tables import link_streams                # benchmarks/seed_tables.py, beside this script
    skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
    for s in ([] if a.compare_only else a.seeds):
        d = link_streams(ft / f"s{s}", run_dir, s)         # the staged B-MoE starts from the runs beside it
        for m in ("bmoe", "bmoe_mean_routing"):
            P = load_params(); P["train"]["seed"] = s; P["model"]["freeze_experts"] = False
            t = time.time()
            train_method(m, "data", "work/pose", d / m, P, ckpt_root=ft / "ckpt", pose_report="reports/pose_quality.json", arrays="work/clips")
            r = evaluate_run(d / m, "data", "test", "work/pose", ft / "reports", f"{m}_ft-s{s}", skip, arrays="work/clips")
            print(s, m, f"{(time.time() - t) / 60:.1f} min", {k: round(100 * r[k], 2) for k in ("action_f1_macro", "f1_mean")}, flush=True)
    R = ft / "reports"
    for m in ("bmoe", "bmoe_mean_routing"):
        for s in a.seeds:
            for kind, ext in (("predictions", "npz"), ("metrics", "json")):
                shutil.copy(run_dir / "reports" / kind / f"{m}-s{s}.{ext}", R / kind / f"{m}-s{s}.{ext}")
    rows = []
    for m, name in (("bmoe", "B-MoE, experts frozen (the pipeline)"), ("bmoe_mean_routing", "mean routing, experts frozen"),
                    ("bmoe_ft", "B-MoE, experts fine-tuned"), ("bmoe_mean_routing_ft", "mean routing, experts fine-tuned")):
        v = [json.loads((R / "metrics" / f"{m}-s{s}.json").read_text()) for s in a.seeds]
        row = dict(method=name)
        for k in ("action_f1_macro", "f1_mean"):
            x = 100 * np.array([r[k] for r in v]); row[k] = f"{x.mean():.2f} +- {x.std(ddof=1):.2f}" if len(x) > 1 else f"{x[0]:.2f}"
        rows.append(row)
    print(); print(pd.DataFrame(rows).to_markdown(index=False)); print()
    t = pd.concat([comparison_table("bmoe_ft", ["bmoe_mean_routing_ft", "bmoe"], a.seeds, R),
                   comparison_table("bmoe_mean_routing_ft", ["bmoe_mean_routing"], a.seeds, R)])
    print(t.to_markdown(index=False))

if __name__ == "__main__": main()
