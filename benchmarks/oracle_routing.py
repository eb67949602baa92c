"""Whether routing could pay on the demo at all: B-MoE's routing told which regions act (an oracle), against the learned router.

    .venv/bin/python benchmarks/oracle_routing.py --run-dir CLONE --seeds 0 1 2 3 4 --out /tmp/oracle_routing

CLONE is a clone whose `make repro` ran with those seeds: each seed's frozen streams and tokens are reused. The
package's router takes a mask of the regions present in a clip (a region left out gets weight 0, the others
renormalise); here the mask is replaced, in training, validation and test alike, by the regions that act in the clip
(the dataset's `annotations/<clip>.parts.npy`, any frame; ground truth a user never has), patched into
`bmoe.bmoe.BMoE.forward`. Two oracle variants are trained on the tokens with the pipeline's settings:
- "oracle mean": mean routing over the acting regions only (perfect hard selection, no learned weights),
- "oracle cross": the cross-attention router, restricted to the acting regions,
- "oracle input", the control: mean routing over every region, with the same acting-region mask given to the model as an
  input instead (a learned linear embedding of it added to the router's output, patched into `bmoe.bmoe.Router`). The
  mask tells which body parts act, and so narrows the body level; this variant has that information without any
  selection of regions, so the oracles' gain over it is what selecting the regions adds.
If the oracle beats mean routing clearly, the regions carry the information and the learned router fails to find it;
if it does not, selecting regions cannot help on these clips, however well the router learns.
Beside them, the pipeline's own B-MoE and mean routing runs of the clone (its predictions and metrics, in
CLONE/reports or --pipeline-reports, e.g. the 10-epoch reports of `benchmarks/router_epochs.py`, which equal them). Printed: mean +- sd over
seeds, and paired bootstrap 95% intervals on the test split (`bmoe.report.comparison_table`).
"""
import argparse, json, os, shutil, sys
from pathlib import Path

ORACLE, MODE = {}, dict(input=False)                                     # "train" / "eval": (clips, 5) acting mask in the order of that split's dataset

def patch(root):
    "Route over the acting regions: BMoE.forward gets them as its `present` mask; the evaluation's ClipDataset records its clip order."
    import numpy as np, torch, bmoe.bmoe as B, bmoe.evaluate as E
    def mask(files):
        act = np.stack([np.load(Path(root) / "annotations" / (Path(f).stem + ".parts.npy")).any(0) for f in files])   # head, body, upper, lower
        return torch.from_numpy(np.concatenate([np.ones((len(act), 1), bool), act], 1))                              # REGIONS order: whole first
    init, route = B.Router.__init__, B.Router.forward
    def router_init(self, dim, n_regions, *a, **k):
        init(self, dim, n_regions, *a, **k); self.memb = torch.nn.Linear(n_regions, dim)
    def router_forward(self, query, experts, mask=None):
        if not MODE["input"]: return route(self, query, experts, mask)
        out, w = route(self, query, experts, None)
        return out + self.memb(mask.to(out.device, out.dtype))[:, None], w
    B.Router.__init__, B.Router.forward = router_init, router_forward
    fwd = B.BMoE.forward
    def forward(self, batch):
        return fwd(self, dict(batch, present=ORACLE["train" if self.training else "eval"][batch["index"].cpu()]))
    B.BMoE.forward = forward
    class Recorded(E.ClipDataset):
        def __init__(self, *a, **k):
            super().__init__(*a, **k); ORACLE["eval"] = mask([c.file for c in self.clips])
    E.ClipDataset = Recorded
    return mask

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", nargs="+", default=["oracle_mean", "oracle_cross", "oracle_input"])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from seed_tables import pipeline_setup, link_streams, train_on_tokens, record, print_seed_tables   # benchmarks/seed_tables.py, beside this script
    a, run_dir, out, R, rep = pipeline_setup(ap, "/tmp/oracle_routing")
    from bmoe.core import load_params
    from bmoe.clips import bad_videos
    variants = {"oracle_mean": "bmoe_mean_routing", "oracle_cross": "bmoe", "oracle_input": "bmoe_mean_routing"}
    res = out / "results.jsonl"
    if not a.compare_only:
        mask = patch("data"); skip = bad_videos("data", "work/pose", ("test",), "reports/pose_quality.json")
        for s in a.seeds:
            meta = json.loads((run_dir / "work" / "tokens" / f"s{s}" / "experts" / "meta.json").read_text())
            d = link_streams(out / f"s{s}", run_dir, s)
            for name, method in variants.items():
                if name not in a.variants: continue
                MODE["input"] = name == "oracle_input"
                ORACLE["train"], ORACLE["eval"] = mask(meta["train"]["files"]), mask(meta["val"]["files"])   # eval: val while training
                P = load_params(); P["train"]["seed"] = s
                best, r = train_on_tokens(method, d / name, P, f"work/tokens/s{s}", out / "ckpt" / name, R, f"{name}-s{s}", skip)
                record(res, s, name, best, r)
    print_seed_tables(res, rep, a.seeds, R, [("oracle_mean", ["bmoe_mean_routing", "bmoe", "oracle_cross", "oracle_input"]),
                                             ("oracle_cross", ["bmoe", "oracle_input"]), ("oracle_input", ["bmoe_mean_routing", "bmoe"])])

if __name__ == "__main__": main()
