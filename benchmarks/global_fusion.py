"""How the frozen global stream enters the staged B-MoE, and whether MANet's predictions carry anything the regions lack.

    .venv/bin/python benchmarks/global_fusion.py --run-dir CLONE --seeds 0 1 2 3 4 --out /tmp/global_fusion

CLONE is a clone whose `make repro` ran with those seeds (`seeds: [0, 1, 2, 3, 4]` in params.yaml): its MANet and experts
runs, tokens, pose cache, clips and test predictions are reused. Part 1 trains the router and fusion on the tokens (as the
train_bmoe stage does, seconds a run) in five ways:
- "own head": the package's B-MoE: MANet's stream is loaded, the projection of its features, the final norm and the
  classifier are B-MoE's own and start from random, as in the authors' code (the default since 3f04fb9),
- "MANet's head": MANet's projection, norm and classifier are loaded too (`global_head=True`): with the zero-initialised
  router and fusion outputs B-MoE starts as MANet (the package's default before 3f04fb9),
- "+ stream dropout" to each: each training clip's global features are zeroed with probability 0.5 (modality dropout,
  against leaning on a stream whose training-set features are better than its test-set ones); not an option of the
  package, patched in here (`BMoE.forward`),
- "no global": the package's ablation,
- "mean routing" with either head: the routing ablation, which loads the global stream the same way.
Part 2, late fusion: the log-probabilities of the package's "no global" run and of the MANet run, mixed with the weight
(0 to 0.6) that maximises F1_mean on val, per seed; if MANet saw something the regions miss, this would gain on test.
Printed: mean and sd over seeds of the best val epoch and of test; paired bootstrap 95% intervals on the test split
(`bmoe.report.comparison_table`).
"""
import argparse, os, time
from pathlib import Path

RUNS = {"own head": ("bmoe", False, 0.0), "MANet's head": ("bmoe", True, 0.0), "own head + stream dropout": ("bmoe", False, 0.5),
        "MANet's head + stream dropout": ("bmoe", True, 0.5), "no global": ("bmoe_no_global", False, 0.0),
        "mean routing, own head": ("bmoe_mean_routing", False, 0.0), "mean routing, MANet's head": ("bmoe_mean_routing", True, 0.0)}   # method, global_head, dropout
PATCH = dict(drop=0.0)

def patch():
    "Patch global-stream dropout into bmoe (training only)."
    import torch, bmoe.bmoe as B
    fwd = B.BMoE.forward
    def forward(self, batch):
        if self.training and PATCH["drop"] > 0 and "global_features" in batch:
            g = batch["global_features"]; keep = (torch.rand(g.shape[0], 1, 1) >= PATCH["drop"]).to(g.dtype)
            batch = dict(batch, global_features=g * keep)
        return fwd(self, batch)
    B.BMoE.forward = forward

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--out", default="/tmp/global_fusion")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve()
    os.chdir(run_dir); patch()
    import numpy as np, pandas as pd
    from bmoe.core import load_params
    from bmoe.evaluate import evaluate_run, dataset_metrics
    from bmoe.datasets import get_dataset
    from bmoe.clips import bad_videos
    from bmoe.report import comparison_table
    from seed_tables import link_streams, train_on_tokens           # benchmarks/seed_tables.py, beside this script
    spec, R = get_dataset("ma52"), out / "reports"
    skip = {sp: bad_videos("data", "work/pose", (sp,), "reports/pose_quality.json") for sp in ("val", "test")}
    key = lambda name: name.replace(" + ", "_").replace(", ", "_").replace("'s", "").replace(" ", "_")
    rows = {}
    for s in a.seeds:                                             # part 1: the fusion variants
        d = link_streams(out / f"s{s}", run_dir, s)
        for name, (method, head, drop) in RUNS.items():           # each in its own progress folder: the patch is not in the resume fingerprint
            PATCH.update(drop=drop); P = load_params(); P["train"]["seed"] = s; t = time.time()
            if method != "bmoe_no_global": P["model"]["global_head"] = head
            best, m = train_on_tokens(method, d / key(name), P, f"work/tokens/s{s}", out / "ckpt" / key(name), R, f"{key(name)}-s{s}", skip["test"])
            PATCH.update(drop=0.0)
            rows.setdefault(name, []).append([100 * best["val_f1_mean"], 100 * best["val_action_f1_macro"], 100 * m["f1_mean"], 100 * m["action_f1_macro"]])
            print(f"seed {s} {name}: {time.time() - t:.0f} s, test action F1 macro {100 * m['action_f1_macro']:.2f}", flush=True)
    cols = ["val F1_mean", "val action F1 macro", "test F1_mean", "test action F1 macro"]
    fmt = lambda v, i: f"{np.mean(np.array(v)[:, i]):.2f} +- {np.std(np.array(v)[:, i], ddof=1):.2f}"
    tab = pd.DataFrame({c: [fmt(v, i) for v in rows.values()] for i, c in enumerate(cols)}, index=list(rows))
    print(); print(f"1. fusion variants, mean +- sd over seeds {a.seeds}"); print(tab.to_markdown()); print()
    print(comparison_table(key("own head"), [key(n) for n in RUNS if n != "own head"], a.seeds, R).to_markdown(index=False)); print()
    print(comparison_table(key("no global"), [key(n) for n in RUNS if n != "no global"], a.seeds, R).to_markdown(index=False)); print()
    print(comparison_table(key("MANet's head"), [key("mean routing, MANet's head")], a.seeds, R).to_markdown(index=False)); print()

    def scores(name, split, s):                                   # part 2: late fusion of the pipeline's own runs
        f = run_dir / "reports" / "predictions" / f"{name}-s{s}.npz"                # the evaluate stage's, where it has this seed
        if split == "val" or not f.exists(): f = R / "predictions" / f"{name}-{split}-s{s}.npz"
        if not f.exists(): evaluate_run(f"work/runs/s{s}/{name}", "data", split, "work/pose", R, f"{name}-{split}-s{s}", skip[split], arrays="work/clips")
        z = dict(np.load(f)); o = np.argsort(z["files"]); return {k: z[k][o] for k in ("scores", "labels", "files", "index")}
    lg = lambda p: np.log(np.clip(p, 1e-8, None))
    alphas, late = np.round(np.arange(0, 0.61, 0.05), 2), []
    for s in a.seeds:
        v = {m: scores(m, "val", s) for m in ("bmoe_no_global", "manet")}; ts = {m: scores(m, "test", s) for m in ("bmoe_no_global", "manet", "bmoe")}
        mix = lambda P, w: np.exp((1 - w) * lg(P["bmoe_no_global"]["scores"]) + w * lg(P["manet"]["scores"]))
        val = [100 * dataset_metrics(spec, mix(v, w), v["manet"]["labels"])["f1_mean"] for w in alphas]; w = alphas[int(np.argmax(val))]
        np.savez(R / "predictions" / f"late_fusion-s{s}.npz", **dict(ts["bmoe_no_global"], scores=mix(ts, w)))
        for m in ("bmoe_no_global", "manet", "bmoe"): np.savez(R / "predictions" / f"pipeline_{m}-s{s}.npz", **ts[m])
        te = {n: 100 * dataset_metrics(spec, p, ts["manet"]["labels"])["action_f1_macro"] for n, p in
              (("no global", ts["bmoe_no_global"]["scores"]), ("late fusion", mix(ts, w)), ("B-MoE", ts["bmoe"]["scores"]))}
        late.append(dict(seed=s, weight=w, val_gain=val[int(np.argmax(val))] - val[0], **te))
    late = pd.DataFrame(late); print("2. late fusion of MANet into B-MoE without the global stream: MANet's weight chosen on val F1_mean; test action F1 macro")
    print(late.round(2).to_markdown(index=False)); print("mean: " + ", ".join(f"{c} {late[c].mean():.2f}" for c in late.columns[1:])); print()
    print(comparison_table("late_fusion", ["pipeline_bmoe_no_global", "pipeline_bmoe"], a.seeds, R).to_markdown(index=False))

if __name__ == "__main__": main()
