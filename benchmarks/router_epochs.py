"""Whether B-MoE's lead over its ablations survives training the router and fusion longer than the pipeline's 10 epochs.

    .venv/bin/python benchmarks/router_epochs.py --run-dir CLONE --epochs 10 20 30 --seeds 0 1 2 3 4 --out /tmp/router_epochs
    .venv/bin/python benchmarks/router_epochs.py --run-dir CLONE --epochs 10 20 30 --seeds 0 1 2 3 4 --out /tmp/router_epochs --compare-only

CLONE is a clone whose `make repro` ran with those seeds: each seed's frozen streams (MANet, experts) and their tokens are
reused, and B-MoE, mean routing and no global stream are trained on them (router and fusion, seconds a run) for each
number of epochs, with the pipeline's settings otherwise (the cosine schedule spans the run). The tokens hold 10
augmented views of each training clip (one per pipeline epoch); a longer run reads them in turn (epoch e reads view
e mod 10), patched into `bmoe.train.TokenDataset.set_epoch` here, because the package asks for a tokens stage with as
many epochs. At 10 epochs the runs equal the pipeline's. Runs go to their own progress folders per number of epochs
(the patch is not in the resume fingerprint); several processes may share --out, each with its own --epochs.
Printed: per epochs, mean +- sd over seeds of the best val epoch (F1_mean, the selection metric) and of test, the best
epoch, and paired bootstrap 95% intervals of B-MoE minus each ablation on the test split, over the first three seeds
(the issue's judging set) and over all (`bmoe.report.comparison_table`).
"""
import argparse, json, os, sys
from pathlib import Path

METHODS = ("bmoe", "bmoe_mean_routing", "bmoe_no_global")

def cycle_views():
    "Let a training run read more epochs than the tokens hold, reusing their views in turn."
    import bmoe.train as T
    def set_epoch(self, e): self.epoch = e % len(self.tok) if self.train else e
    T.TokenDataset.set_epoch = set_epoch

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True)
    ap.add_argument("--epochs", type=int, nargs="+", default=[10, 20, 30]); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--out", default="/tmp/router_epochs"); ap.add_argument("--compare-only", action="store_true")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve(); out.mkdir(parents=True, exist_ok=True)
    os.chdir(run_dir); sys.path.insert(0, str(Path(__file__).resolve().parent))
    import pandas as pd
    from bmoe.core import load_params
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table
    from seed_tables import link_streams, link_tokens, train_on_tokens           # benchmarks/seed_tables.py, beside this script
    res = out / "results.jsonl"
    if not a.compare_only:
        cycle_views(); skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
        for E in a.epochs:
            for s in a.seeds:
                d = link_streams(out / f"s{s}_e{E}", run_dir, s)
                meta = json.loads((run_dir / "work" / "tokens" / f"s{s}" / "experts" / "meta.json").read_text())
                tok = link_tokens(run_dir, s, out / f"tokens_s{s}_e{E}", dict(epochs=max(E, meta["epochs"])))   # the views are cycled
                for m in METHODS:
                    P = load_params(); P["train"].update(seed=s, epochs=E)
                    best, r = train_on_tokens(m, d / m, P, tok, out / f"ckpt_e{E}", out / f"reports_e{E}", f"{m}-s{s}", skip)
                    row = dict(epochs=E, seed=s, method=m, best_epoch=best["epoch"], val_f1_mean=100 * best["val_f1_mean"],
                               test_action_f1_macro=100 * r["action_f1_macro"], test_f1_mean=100 * r["f1_mean"])
                    print(json.dumps(row), flush=True)
                    with open(res, "a") as f: f.write(json.dumps(row) + "\n")
    r = pd.DataFrame([json.loads(l) for l in res.read_text().splitlines()]).drop_duplicates(["epochs", "seed", "method"], keep="last")
    r = r[r.epochs.isin(a.epochs) & r.seed.isin(a.seeds)]
    fmt = lambda x: f"{x.mean():.2f} +- {x.std(ddof=1):.2f}"
    t = r.groupby(["epochs", "method"]).agg(val_f1_mean=("val_f1_mean", fmt), test_action_f1_macro=("test_action_f1_macro", fmt),
                                           test_f1_mean=("test_f1_mean", fmt), best_epoch=("best_epoch", "mean"))
    print(f"\nmean +- sd over seeds {a.seeds} (val: the best epoch's F1_mean, the selection metric)"); print(t.to_markdown())
    print("\nper seed, test action F1 macro"); print(r.pivot_table(index=["epochs", "seed"], columns="method", values="test_action_f1_macro").round(2).to_markdown())
    for E in a.epochs:
        for seeds in ([s for s in a.seeds if s < 3], a.seeds):
            print(f"\nB-MoE minus each ablation, {E} epochs, seeds {seeds} (paired bootstrap 95%, test)")
            print(comparison_table("bmoe", list(METHODS[1:]), seeds, out / f"reports_e{E}").to_markdown(index=False))

if __name__ == "__main__": main()
