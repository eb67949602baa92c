"""Whether a router told, in training only, which regions the action uses learns to route better than mean routing.

    .venv/bin/python benchmarks/router_supervision.py --run-dir CLONE --seeds 0 1 2 3 4 --out /tmp/router_supervision

`benchmarks/oracle_routing.py` found that knowing which regions act is worth +8.5 action F1 macro on the demo, and that
the learned router puts only 0.25-0.45 of its weight on them. This benchmark gives the router that knowledge as a training
signal a user has on MA-52 too: the body level of each training clip's action (MA-52's coarse label, a function of the
fine one) names the regions it uses (`LEVEL_REGIONS` below: a hand level adds the upper limbs). The cross-attention
router's weights w (head mean, per time step) get a loss  lambda * mean(-log sum_{r in acting(level)} w_r)  beside
cross-entropy; at validation and test the router is on its own. Patched into `bmoe.train.bmoe_loss`; nothing else
changes, so lambda = 0 is the pipeline's B-MoE to the last digit.
- "route_sup_<lambda>": B-MoE with the routing loss,
- "mean_level_aux_<lambda>", the control: mean routing with the same body-level signal given as an auxiliary loss instead
  (lambda * cross-entropy of a linear body-level head on the fused clip embedding, patched into `bmoe.bmoe.BMoE`). It
  has the same extra supervision without any routing, so the supervised router's gain over it is what routing adds.
Beside them, the pipeline's own B-MoE and mean routing runs of the clone (CLONE/reports or --pipeline-reports). Printed:
mean +- sd over seeds, and paired bootstrap 95% intervals on the test split (`bmoe.report.comparison_table`).
"""
import argparse, json, os, shutil, sys
from pathlib import Path

#: regions (head, body, upper, lower) a body level of MA-52 acts with: its own part, and the upper limbs for a hand level
LEVEL_REGIONS = {"body": ("body",), "head": ("head",), "upper limb": ("upper",), "lower limb": ("lower",),
                 "body-hand": ("body", "upper"), "head-hand": ("head", "upper"), "leg-hand": ("lower", "upper")}
MODE = dict(route=0.0, level=0.0)

def patch():
    "The routing loss (MODE['route']) in bmoe.train's loss, and the control's body-level head and loss (MODE['level'])."
    import torch, torch.nn.functional as F, bmoe.bmoe as B, bmoe.train as T
    from bmoe.taxonomy import MA52_BODY_LEVELS, fine_to_coarse
    loss0 = T.bmoe_loss
    def target(cfg, device):
        return torch.tensor([[r in LEVEL_REGIONS[n] for r in cfg.regions] for n in MA52_BODY_LEVELS], device=device)   # (7, R)
    def loss(out, y, cfg):
        total, parts = loss0(out, y, cfg)
        lv = torch.as_tensor(fine_to_coarse(y.cpu().numpy()), device=y.device)
        if MODE["route"] > 0 and out.get("router_weights") is not None:
            on = (out["router_weights"] * target(cfg, y.device)[lv][:, None]).sum(-1)       # (B, T) weight on the acting regions
            r = -on.clamp_min(1e-4).log().mean(); total = total + MODE["route"] * r; parts["route"] = r.detach()
        if MODE["level"] > 0:
            r = F.cross_entropy(out["level_logits"], lv); total = total + MODE["level"] * r; parts["level"] = r.detach()
        return total, parts
    T.bmoe_loss = loss
    init, fwd = B.BMoE.__init__, B.BMoE.forward
    def bmoe_init(self, cfg):
        init(self, cfg)
        if MODE["level"] > 0: self.level_head = torch.nn.Linear(cfg.dim, len(MA52_BODY_LEVELS))   # after every other module: their init is unchanged
    def forward(self, batch):
        out = fwd(self, batch)
        if hasattr(self, "level_head"): out["level_logits"] = self.level_head(out["embedding"])
        return out
    B.BMoE.__init__, B.BMoE.forward = bmoe_init, forward

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lambdas", type=float, nargs="+", default=[0.3, 1.0])
    ap.add_argument("--variants", nargs="+", default=["route_sup", "mean_level_aux"])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from seed_tables import pipeline_setup, link_streams, train_on_tokens, record, print_seed_tables, sorted_predictions, acting_regions   # benchmarks/seed_tables.py, beside this script
    a, run_dir, out, R, rep = pipeline_setup(ap, "/tmp/router_supervision")
    import pandas as pd
    from bmoe.core import load_params
    from bmoe.clips import bad_videos
    from bmoe.report import acting_router_table
    name = lambda v, l: f"{v}_{l:g}"
    res = out / "results.jsonl"
    if not a.compare_only:
        patch(); skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
        for s in a.seeds:
            d = link_streams(out / f"s{s}", run_dir, s)
            for l in a.lambdas:
                for v, method in (("route_sup", "bmoe"), ("mean_level_aux", "bmoe_mean_routing")):
                    if v not in a.variants: continue
                    MODE.update(route=l if v == "route_sup" else 0.0, level=l if v == "mean_level_aux" else 0.0)
                    P = load_params(); P["train"]["seed"] = s; n = name(v, l)
                    best, r = train_on_tokens(method, d / n, P, f"work/tokens/s{s}", out / "ckpt" / n, R, f"{n}-s{s}", skip)
                    record(res, s, n, best, r)
    print_seed_tables(res, rep, a.seeds, R, [c for l in a.lambdas for c in ((name("route_sup", l), ["bmoe_mean_routing", "bmoe", name("mean_level_aux", l)]),
                                                                          (name("mean_level_aux", l), ["bmoe_mean_routing"]))])
    w = {}                                                           # did the routing loss move the router? its weight on the acting regions
    for v in ["bmoe"] + [name("route_sup", l) for l in a.lambdas]:
        per = []
        for s in a.seeds:
            p = sorted_predictions(R / "predictions" / f"{v}-s{s}.npz")
            regions = json.loads((run_dir / "work" / "runs" / f"s{s}" / "bmoe" / "run.json").read_text())["key"]["model"]["regions"]
            per.append(acting_router_table(p["router"], p["labels"], acting_regions("data", p["files"]), regions).weight_on_acting)
        w[v] = pd.concat(per, axis=1).mean(axis=1)
    print(f"\nrouter weight on the acting regions (annotations/*.parts.npy) per body level, test, mean of seeds {a.seeds}; uniform 0.25")
    print(pd.DataFrame(w).round(3).to_markdown())

if __name__ == "__main__": main()
