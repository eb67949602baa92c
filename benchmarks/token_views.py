"""How many TSN samplings of the training clips the frozen streams' tokens need: B-MoE's stage with fewer token views.

    .venv/bin/python benchmarks/token_views.py --run-dir CLONE --seeds 0 1 2 3 4 --out /tmp/token_views

The tokens stage runs the frozen MANet stream and experts over every training epoch's TSN sampling of the training
clips (10 for the demo), so that B-MoE's router and fusion see a fresh sampling each epoch, as when trained on pixels.
It is the slowest step between the experts and B-MoE (about 1.7 of make repro's CPU minutes). The authors' feature
mode extracts each clip's features once. `train_bmoe.views: K` (`bmoe.train.TrainConfig.views`) makes the tokens stage
compute K samplings and the B-MoE stage cycle them (epoch e trains on sampling e mod K); the first K samplings are
exactly the first K epochs of the 10-epoch tokens, so this retrains B-MoE, mean routing and no global stream on CLONE's
tokens (a `make repro` run with those seeds) with each K of --views, keeping the last epoch as the stage does. K=0 (a
sampling per epoch) is the pipeline's run again: a check that it is reproduced to the last digit. K is to be chosen on
validation (the kept epoch's val F1_mean and action F1 macro, mean over seeds); the test split is printed beside it,
with paired bootstrap 95% intervals. Seeds may be split over several processes writing to one --out; `--compare-only`
then prints the tables from their results.
"""
import argparse, json, sys
from pathlib import Path

METHODS = ("bmoe", "bmoe_mean_routing", "bmoe_no_global")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--views", type=int, nargs="+", default=[0, 1, 2, 5])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from seed_tables import pipeline_setup, link_streams, train_on_tokens, record   # benchmarks/seed_tables.py, beside this script
    a, run_dir, out, R, rep = pipeline_setup(ap, "/tmp/token_views", methods=METHODS)
    import pandas as pd
    from bmoe.core import load_params
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table
    name = lambda m, k: f"{m}@views{k}"
    res = out / "results.jsonl"
    if not a.compare_only:
        skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
        for s in a.seeds:
            d = link_streams(out / f"s{s}", run_dir, s)
            for k in a.views:
                for m in METHODS:
                    P = load_params(); P["train"]["seed"] = s; P["train_bmoe"] = dict(P.get("train_bmoe") or {}, views=k); n = name(m, k)
                    kept, r = train_on_tokens(m, d / n, P, f"work/tokens/s{s}", out / "ckpt" / n, R, f"{n}-s{s}", skip)
                    t = json.loads((rep / "metrics" / f"{m}-s{s}.json").read_text())     # k = 0: the pipeline's run again
                    same = dict(same_as_pipeline=t["action_f1_macro"] == r["action_f1_macro"] and t["f1_mean"] == r["f1_mean"]) if k == 0 else {}
                    record(res, s, n, kept, r, method=m, views=k, **same)
    rows = pd.DataFrame([json.loads(l) for l in res.read_text().splitlines()]).drop_duplicates(["seed", "method", "views"], keep="last")
    rows = rows[rows.seed.isin(a.seeds) & rows.views.isin(a.views)]
    if "same_as_pipeline" in rows:
        chk = rows[rows.views == 0]; print(f"views 0 equal to the pipeline's runs in {int(chk.same_as_pipeline.sum())} of {len(chk)}")
    fmt = lambda x: f"{x.mean():.2f} +- {x.std(ddof=1):.2f}"
    t = rows.groupby(["method", "views"], sort=False)[["val_f1_mean", "val_action_f1_macro", "test_action_f1_macro", "test_f1_mean"]].agg(fmt)
    print(f"\nmean +- sd over seeds {a.seeds}; val: the kept (last) epoch; views 0: a sampling per epoch (the pipeline)")
    print(t.to_markdown())
    for ss in ([s for s in a.seeds if s < 3], a.seeds):
        print(f"\npaired bootstrap 95%, test, seeds {ss}")
        for k in a.views:
            print(comparison_table(name("bmoe", k), [name("bmoe_mean_routing", k), name("bmoe_no_global", k)], ss, R).to_markdown(index=False))
        for m in METHODS:
            print(comparison_table(m, [name(m, k) for k in a.views if k], ss, R).to_markdown(index=False))   # the pipeline's run against each K

if __name__ == "__main__": main()
