"""B-MoE's cross-attention router with one head (the authors') against four, with and without the global stream, over seeds.

    .venv/bin/python benchmarks/router_heads.py --run-dir CLONE --seeds 0 1 2 --out /tmp/router_heads

CLONE is a clone whose `make repro` ran with those seeds (`seeds: [0, 1, 2]` in params.yaml): its MANet and experts runs,
tokens (the frozen streams' outputs), pose cache and clips are reused; only the router and fusion are trained here, on
the tokens, as the pipeline's train_bmoe stage does (seconds a run). Every run is trained and evaluated in --out, mean
routing once (it has no heads). Printed: mean and standard deviation over seeds of the best val epoch (what selects the
checkpoint, so what a choice of heads may be made on) and of the test split; paired bootstrap 95% intervals on the test
split (`bmoe.report.comparison_table`); the router's mean weight on the acting regions per body level (test split,
mean of the seeds; `bmoe.report.acting_router_table`).
"""
import argparse, json, os, time
from pathlib import Path

RUNS = {"cross, 1 head": ("bmoe", 1), "cross, 4 heads": ("bmoe", 4), "mean routing": ("bmoe_mean_routing", 1),
        "no global, 1 head": ("bmoe_no_global", 1), "no global, 4 heads": ("bmoe_no_global", 4)}

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--out", default="/tmp/router_heads")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve()
    os.chdir(run_dir)
    import numpy as np, pandas as pd
    from bmoe.core import load_params
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table, acting_router_table
    from seed_tables import sorted_predictions, acting_regions, link_streams, train_on_tokens   # benchmarks/seed_tables.py, beside this script
    skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
    key = lambda name: name.replace(", ", "_").replace(" ", "_")
    rows, acting = {}, {}
    for s in a.seeds:
        d = link_streams(out / f"s{s}", run_dir, s)         # the staged B-MoE starts from the runs beside it
        for name, (method, heads) in RUNS.items():
            P = load_params(); P["train"]["seed"] = s; P["model"]["router_heads"] = heads; t = time.time()
            best, m = train_on_tokens(method, d / key(name), P, f"work/tokens/s{s}", out / "ckpt", out / "reports", f"{key(name)}-s{s}", skip)
            rows.setdefault(name, []).append([100 * best["val_f1_mean"], 100 * best["val_action_f1_macro"], 100 * m["f1_mean"], 100 * m["action_f1_macro"]])
            print(f"seed {s} {name}: {time.time() - t:.0f} s, test action F1 macro {100 * m['action_f1_macro']:.2f}", flush=True)
    cols = ["val F1_mean", "val action F1 macro", "test F1_mean", "test action F1 macro"]
    tab = pd.DataFrame({c: [f"{np.mean(np.array(v)[:, i]):.2f} +- {np.std(np.array(v)[:, i], ddof=1):.2f}" for v in rows.values()] for i, c in enumerate(cols)},
                       index=list(rows))
    print(); print(f"mean +- sd over seeds {a.seeds}"); print(tab.to_markdown()); print()
    R = out / "reports"
    t = pd.concat([comparison_table(key("cross, 4 heads"), [key("cross, 1 head"), key("mean routing"), key("no global, 4 heads")], a.seeds, R),
                   comparison_table(key("cross, 1 head"), [key("mean routing"), key("no global, 1 head")], a.seeds, R)])
    print(t.to_markdown(index=False)); print()
    for name in ("cross, 1 head", "cross, 4 heads"):
        w = []
        for s in a.seeds:
            p = sorted_predictions(R / "predictions" / f"{key(name)}-s{s}.npz")
            w.append(acting_router_table(p["router"], p["labels"], acting_regions("data", p["files"]), ["head", "body", "upper", "lower"]))
        acting[name] = sum(x.weight_on_acting for x in w) / len(w)
    acting = pd.DataFrame(acting).round(3); acting["clips"] = w[0].clips
    print("router weight on the acting regions (test, mean of the seeds; uniform 0.25)"); print(acting.to_markdown())
    print("levels above 1/4: " + ", ".join(f"{n} {int((acting[n] > 0.25).sum())} of {len(acting)}" for n in ("cross, 1 head", "cross, 4 heads")))

if __name__ == "__main__": main()
