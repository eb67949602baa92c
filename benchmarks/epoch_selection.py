"""Which epoch to keep: the best on validation or the last? Judged on validation alone.

    .venv/bin/python benchmarks/epoch_selection.py --run-dir CLONE --seeds 0 1 2 3 4

B-MoE's spread over seeds decides issue 9's ablations on three seeds, and one seed's B-MoE (seed 1 of commit 5d95433)
kept an epoch whose validation F1_mean was the best of a flat plateau and whose test score was 7.6 points of action F1
macro below mean routing's. Whether another rule would be less noisy must be decided without the test split. This
script retrains B-MoE and its two ablations on each seed's cached tokens in CLONE (a `make repro` run with those
seeds; the same weights as the pipeline's runs, checked against their history), keeps every epoch's validation
scores, and then splits the validation subjects into halves A and B in every way (at most `--splits` ways, at random
beyond). On each split it picks an
epoch by each rule on A: the best F1_mean, or simply the last, and scores that epoch on B. The table gives, per
method, the mean over splits and seeds of B's action F1 macro and F1_mean under each rule, and the spread over seeds
of each (what decides three-seed comparisons). The test split is not read. Its result (`results/cpu_epoch_selection_seeds5.txt`,
made when every run kept its best epoch) is why B-MoE's stage keeps the last since commit 7a45979 (`train_bmoe.keep`).
"""
import argparse, json, shutil, tempfile
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--methods", nargs="+", default=["bmoe", "bmoe_mean_routing", "bmoe_no_global"])
    ap.add_argument("--splits", type=int, default=200, help="halvings of the validation subjects: all of them where there are at most this many, else this many at random")
    a = ap.parse_args()
    import os, numpy as np, pandas as pd, torch
    os.chdir(a.run_dir)
    import bmoe.train as T
    from bmoe.core import load_params
    from bmoe.datasets import dataset_metrics
    params = load_params(); rows, curves = [], {}; pipeline_validate = T.validate
    for seed in a.seeds:
        for m in a.methods:
            got = []
            def validate(model, ds, tc, device, dataset="ma52"):    # the pipeline's, keeping every epoch's predictions
                p = T.predict(model, T.clip_loader(ds, tc.batch_size, False, tc.seed, 0, tc.workers), device)
                names = list(ds.files) if hasattr(ds, "files") else [c.file for c in ds.clips]     # tokens or clips
                files = np.array([Path(names[i]).name for i in p["index"]]); o = np.argsort(files)  # one order for every epoch
                got.append((p["scores"][o], p["labels"][o], files[o])); return dataset_metrics(dataset, p["scores"], p["labels"])
            T.validate = validate
            p = json.loads(json.dumps(params)); p["train"] = dict(p["train"], seed=seed)
            with tempfile.TemporaryDirectory() as d:
                run = Path(d) / f"s{seed}" / m; run.parent.mkdir()
                for s in ("manet", "experts"): (Path(d) / f"s{seed}" / s).symlink_to(Path(f"work/runs/s{seed}/{s}").resolve())
                h = T.train_method(m, "data", "work/pose", run, p, ckpt_root=Path(d) / "ckpt", pose_report="reports/pose_quality.json",
                                   tokens=f"work/tokens/s{seed}")
            ref = json.loads(Path(f"work/runs/s{seed}/{m}/history.json").read_text())
            ref = ref if isinstance(ref, list) else ref["history"]
            same = np.allclose([r["val_f1_mean"] for r in h["history"]], [r["val_f1_mean"] for r in ref], atol=1e-6)
            print(f"seed {seed} {m}: {len(got)} epochs; val F1_mean by epoch as the pipeline's run: {same}", flush=True)
            curves[(seed, m)] = got
    T.validate = pipeline_validate
    files = curves[(a.seeds[0], a.methods[0])][0][2]
    assert all((g[2] == files).all() for got in curves.values() for g in got)
    subj = np.array([f.split("_")[0] for f in files]); us = np.unique(subj); rng = np.random.default_rng(0)
    import itertools, math
    halves = (list(itertools.combinations(us, len(us) // 2)) if math.comb(len(us), len(us) // 2) <= a.splits else
              [rng.choice(us, len(us) // 2, replace=False) for _ in range(a.splits)])      # every halving where there are few
    from bmoe.datasets import get_dataset
    spec = get_dataset(params.get("data", {}).get("dataset", "ma52"))
    for k, half in enumerate(halves):
        A = np.isin(subj, half); B = ~A
        for (seed, m), got in curves.items():
            score = lambda e, mask, key: dataset_metrics(spec, got[e][0][mask], got[e][1][mask])[key]
            eb = int(np.argmax([score(e, A, spec.score) for e in range(len(got))])); el = len(got) - 1
            for rule, e in (("best on A", eb), ("last", el)):
                r = dataset_metrics(spec, got[e][0][B], got[e][1][B])
                rows.append(dict(split=k, seed=seed, method=m, rule=rule, epoch=e, action_f1_macro=100 * r["action_f1_macro"], f1_mean=100 * r["f1_mean"]))
    r = pd.DataFrame(rows)
    per_seed = r.groupby(["method", "rule", "seed"])[["action_f1_macro", "f1_mean"]].mean()
    t = per_seed.groupby(["method", "rule"]).agg(["mean", "std"]).round(2)
    t.columns = [f"{a_} {b_}" for a_, b_ in t.columns]
    t["epoch kept (mean)"] = r.groupby(["method", "rule"]).epoch.mean().round(1)
    print(f"\nvalidation half B ({len(halves)} halvings of {len(us)} validation subjects), mean over halvings per seed, then mean and sd over seeds {a.seeds}")
    print(t.to_markdown())
    d = per_seed.unstack("rule"); diff = (d["action_f1_macro"]["last"] - d["action_f1_macro"]["best on A"]).unstack("method").round(2)
    print("\nlast minus best-on-A, action F1 macro on B, per seed (mean over halvings)"); print(diff.to_markdown())

if __name__ == "__main__": main()
