"""Where B-MoE's spread over seeds comes from: the frozen streams (MANet, experts) or the router and fusion's own training.

    .venv/bin/python benchmarks/stream_spread.py --run-dir CLONE --streams 0 1 --router-seeds 0 1 2 3 4 --out /tmp/stream_spread

CLONE is a clone whose `make repro` ran with the seeds in --streams. For each of those seeds, its frozen streams and
tokens are kept, and B-MoE, mean routing and no global stream are trained on them with each router seed (the seed
of the router and fusion's initialisation, batch order and dropout; the tokens, and so the frames sampled each
epoch, stay the stream seed's). Router seed = stream seed is the pipeline's own run. Printed: test action F1 macro
and F1_mean per run, then mean +- sd over router seeds for each stream seed, and B-MoE's difference from each
ablation.
"""
import argparse, os
from pathlib import Path

METHODS = ("bmoe", "bmoe_mean_routing", "bmoe_no_global")

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True)
    ap.add_argument("--streams", type=int, nargs="+", default=[0, 1]); ap.add_argument("--router-seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--out", default="/tmp/stream_spread")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve()
    os.chdir(run_dir)
    import numpy as np, pandas as pd
    from bmoe.core import load_params
    from seed_tables import link_streams, link_tokens, train_on_tokens           # benchmarks/seed_tables.py, beside this script
    from bmoe.clips import bad_videos
    skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
    rows = []
    for s in a.streams:
        for k in a.router_seeds:
            tok = link_tokens(run_dir, s, out / f"tokens_s{s}_r{k}", dict(seed=k))   # the stream seed's tokens, labelled with the router seed
            d = link_streams(out / f"s{s}_r{k}", run_dir, s)
            for method in METHODS:
                P = load_params(); P["train"]["seed"] = k
                _, r = train_on_tokens(method, d / method, P, tok, out / "ckpt", out / "reports", f"{method}-s{s}_r{k}", skip)
                rows.append(dict(streams=s, router=k, method=method, action_f1_macro=100 * r["action_f1_macro"], f1_mean=100 * r["f1_mean"]))
                print(f"streams {s} router {k} {method}: {rows[-1]['action_f1_macro']:.2f} / {rows[-1]['f1_mean']:.2f}", flush=True)
    r = pd.DataFrame(rows)
    print(); print("test action F1 macro / F1_mean, mean +- sd over router seeds", a.router_seeds)
    fmt = lambda x: f"{x.mean():.2f} +- {x.std(ddof=1):.2f}"
    t = r.groupby(["streams", "method"], sort=False).agg(action_f1_macro=("action_f1_macro", fmt), f1_mean=("f1_mean", fmt))
    print(t.to_markdown()); print()
    w = r.pivot_table(index=["streams", "router"], columns="method", values=["action_f1_macro", "f1_mean"])
    diffs = []
    for s in a.streams:
        for other in METHODS[1:]:
            for k in ("action_f1_macro", "f1_mean"):
                dd = w.loc[s][k]["bmoe"] - w.loc[s][k][other]
                diffs.append(dict(streams=s, comparison=f"bmoe - {other}", metric=k, mean=round(dd.mean(), 2), sd=round(dd.std(ddof=1), 2),
                                  min=round(dd.min(), 2), max=round(dd.max(), 2)))
    print("B-MoE minus each ablation, per router seed (same streams, same router seed)"); print(pd.DataFrame(diffs).to_markdown(index=False))

if __name__ == "__main__": main()
