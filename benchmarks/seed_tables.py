"""The three-seed tables of benchmarks/results/seeds3/ (shown in the README), from a clone whose `make repro` ran with seeds.

    .venv/bin/python benchmarks/seed_tables.py --run-dir CLONE --seeds 0 1 2 --out benchmarks/results/seeds3

Copies the report stage's tables (main, ablations, comparisons: mean and standard deviation over seeds, paired bootstrap
intervals) and writes two more from the test predictions: `router.md`, the router's mean weight on the acting regions per
body level for each seed (the dataset's `annotations/*.parts.npy`; `bmoe.report.acting_router_table`), and
`experts_by_level.md`, action F1 macro within each body level of each pre-trained region expert alone, of MANet-like and
of B-MoE, mean of the seeds (`bmoe.report.expert_level_table`). The README beside them is written by hand (with which
code the run was made). The other benchmarks on a clone's runs import its helpers: `sorted_predictions`, `acting_regions`,
`link_streams` (a seed's frozen runs beside a new run folder), `link_tokens` (its tokens, with changed meta),
`train_on_tokens` (a staged B-MoE on cached tokens, scored on the test split), `record` (one variant's row),
`seed_summary` (mean +- sd over seeds beside the pipeline's runs) and `pipeline_setup` (their shared arguments and start).
"""
import argparse, json, shutil
from pathlib import Path

def sorted_predictions(path) -> dict:
    "An evaluation's predictions (`reports/predictions/*.npz`), every per-clip array in the order of the clips' files."
    import numpy as np
    p = dict(np.load(path)); o = np.argsort(p["files"])
    return {k: v[o] if v.ndim and len(v) == len(o) else v for k, v in p.items()}

def acting_regions(root, files):
    "(N, 4) whether head, body, upper and lower limbs act anywhere in each clip (the dataset's `annotations/<clip>.parts.npy`)."
    import numpy as np
    return np.stack([np.load(Path(root) / "annotations" / (Path(f).stem + ".parts.npy")).any(0) for f in files])

def link_streams(folder, run_dir, seed, names=("manet", "experts")) -> Path:
    "Symlink seed `seed`'s frozen runs of the clone `run_dir` into `folder`, where a staged B-MoE trained there starts from them."
    folder = Path(folder); folder.mkdir(parents=True, exist_ok=True)
    for m in names:
        if not (folder / m).exists(): (folder / m).symlink_to(Path(run_dir) / "work" / "runs" / f"s{seed}" / m)
    return folder

def link_tokens(run_dir, seed, folder, meta=None) -> Path:
    "Seed `seed`'s token parts of the clone `run_dir` symlinked into `folder`, their meta.json copied with the keys of `meta` changed (e.g. seed, epochs)."
    folder = Path(folder)
    for part in ("manet", "experts"):
        src, dst = Path(run_dir) / "work" / "tokens" / f"s{seed}" / part, folder / part; dst.mkdir(parents=True, exist_ok=True)
        for f in src.glob("*.npy"):
            if not (dst / f.name).exists(): (dst / f.name).symlink_to(f)
        (dst / "meta.json").write_text(json.dumps(json.loads((src / "meta.json").read_text()) | (meta or {})))
    return folder

def train_on_tokens(method, run, params, tokens, ckpt_root, reports, name, skip) -> tuple[dict, dict]:
    "Train staged `method` (router and fusion) on `tokens` into the run folder `run` and score it on the test split as `name`: (the kept epoch's val record, the test metrics). Run from the clone's root."
    from bmoe.train import train_method, load_checkpoint
    from bmoe.evaluate import evaluate_run
    h = train_method(method, "data", "work/pose", run, params, ckpt_root=ckpt_root, pose_report="reports/pose_quality.json", tokens=str(tokens))
    kept = h["history"][load_checkpoint(Path(run) / "best.pt")["epoch"]]     # the best on val until 7a45979; B-MoE's stage keeps the last since
    return kept, evaluate_run(run, "data", "test", "work/pose", reports, name, skip, arrays="work/clips")

def record(res, seed, variant, best, r, **extra) -> dict:
    "Append (and print) one variant's row to the results file `res`: its kept epoch's val F1_mean and action F1 macro and test metrics, in %, from `train_on_tokens`, and the fields of `extra`."
    row = dict(seed=seed, variant=variant, **extra, val_f1_mean=100 * best["val_f1_mean"], val_action_f1_macro=100 * best["val_action_f1_macro"],
               test_action_f1_macro=100 * r["action_f1_macro"], test_f1_mean=100 * r["f1_mean"])
    print(json.dumps(row), flush=True)
    with open(res, "a") as f: f.write(json.dumps(row) + "\n")
    return row

def seed_summary(res, reports, seeds, methods=("bmoe", "bmoe_mean_routing")):
    "Mean +- sd over `seeds` of every variant in the results file `res`, with the pipeline's `methods` (test metrics from `reports/metrics`) appended."
    import pandas as pd
    for s in seeds:
        for m in methods:
            t = json.loads((Path(reports) / "metrics" / f"{m}-s{s}.json").read_text())
            with open(res, "a") as f: f.write(json.dumps(dict(seed=s, variant=m, test_action_f1_macro=100 * t["action_f1_macro"], test_f1_mean=100 * t["f1_mean"])) + "\n")
    r = pd.DataFrame([json.loads(l) for l in Path(res).read_text().splitlines()]).drop_duplicates(["seed", "variant"], keep="last")
    r = r[r.seed.isin(seeds)]
    fmt = lambda x: f"{x.mean():.2f} +- {x.std(ddof=1):.2f}" if x.notna().all() else ""
    return r.groupby("variant", sort=False).agg(val_f1_mean=("val_f1_mean", fmt), test_action_f1_macro=("test_action_f1_macro", fmt),
                                                test_f1_mean=("test_f1_mean", fmt))

def print_seed_tables(res, reports, seeds, R, comparisons):
    "Print `seed_summary` over `seeds`, then, for the first three seeds and for all, the paired bootstraps of `comparisons` [(variant, [others])] on the predictions in `R`."
    from bmoe.report import comparison_table
    t = seed_summary(res, reports, seeds)                             # with the pipeline's runs: test metrics of the clone
    print(f"\nmean +- sd over seeds {seeds} (bmoe, bmoe_mean_routing: the pipeline's runs)"); print(t.to_markdown())
    for ss in ([s for s in seeds if s < 3], seeds):
        print(f"\npaired bootstrap 95%, test, seeds {ss}")
        for v, others in comparisons: print(comparison_table(v, others, ss, R).to_markdown(index=False))

def pipeline_setup(ap, default_out, methods=("bmoe", "bmoe_mean_routing")):
    "Add the arguments every benchmark on a clone's tokens shares to `ap` (--run-dir, --seeds, --out, --compare-only, --pipeline-reports) and parse them; work from the clone's root; copy the pipeline's test predictions of `methods` into OUT/reports for the comparison. Returns (args, run_dir, out, that reports folder, the pipeline's reports folder)."
    import os
    ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    ap.add_argument("--out", default=default_out); ap.add_argument("--compare-only", action="store_true")
    ap.add_argument("--pipeline-reports", help="where the pipeline's B-MoE and mean routing runs were evaluated (default: CLONE/reports)")
    a = ap.parse_args(); run_dir, out = Path(a.run_dir).resolve(), Path(a.out).resolve(); out.mkdir(parents=True, exist_ok=True)
    rep = Path(a.pipeline_reports).resolve() if a.pipeline_reports else run_dir / "reports"
    os.chdir(run_dir)
    R = out / "reports"; (R / "predictions").mkdir(parents=True, exist_ok=True)
    for s in a.seeds:
        for m in methods: shutil.copyfile(rep / "predictions" / f"{m}-s{s}.npz", R / "predictions" / f"{m}-s{s}.npz")
    return a, run_dir, out, R, rep

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--run-dir", required=True); ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--out", default="benchmarks/results/seeds3")
    a = ap.parse_args(); run, out = Path(a.run_dir).resolve(), Path(a.out).resolve(); out.mkdir(parents=True, exist_ok=True)
    import numpy as np, pandas as pd
    from bmoe.report import acting_router_table, expert_level_table
    for t in ("main", "ablations", "comparisons"): shutil.copyfile(run / "reports" / "tables" / f"{t}.md", out / f"{t}.md")
    pred = lambda m, s: sorted_predictions(run / "reports" / "predictions" / f"{m}-s{s}.npz")
    regions = json.loads((run / "work" / "runs" / f"s{a.seeds[0]}" / "bmoe" / "run.json").read_text())["key"]["model"]["regions"]
    cols, levels = {}, []
    for s in a.seeds:
        b, e, g = pred("bmoe", s), pred("experts", s), pred("manet", s)
        for p in (e, g): assert (p["files"] == b["files"]).all()
        act = acting_regions(run / "data", b["files"])
        t = acting_router_table(b["router"], b["labels"], act, regions); cols[f"seed {s}"] = t.weight_on_acting; clips = t.clips
        levels.append(expert_level_table(e["expert_scores"], ["whole"] + list(regions), b["labels"], {"manet": g["scores"], "bmoe": b["scores"]}))
    r = pd.DataFrame(cols); r["mean"] = r.mean(axis=1); r["sd"] = r[[f"seed {s}" for s in a.seeds]].std(axis=1, ddof=1); r["clips"] = clips
    r["above 1/4 (mean)"] = r["mean"] > 1 / len(regions)
    (out / "router.md").write_text(r.round(3).to_markdown() + f"\nlevels above uniform: {int(r['above 1/4 (mean)'].sum())} of {len(r)}\n")
    lv = (sum(levels) / len(levels)).round(1)
    (out / "experts_by_level.md").write_text(f"Action F1 macro within each body level (%), mean of {len(a.seeds)} seeds, test split ({len(b['labels'])} clips)\n\n"
                                             + lv.to_markdown() + "\n")
    print((out / "router.md").read_text()); print((out / "experts_by_level.md").read_text())

if __name__ == "__main__": main()
