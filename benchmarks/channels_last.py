"""Training step time on CPU in PyTorch's default memory layout against channels-last (`bmoe.baselines.place`): one table.

    .venv/bin/python benchmarks/channels_last.py --root data --pose-cache work/pose --clips work/clips

For each method, two copies of one freshly built model, one in each layout, train alternately on the same batches of the
demo's train split (batch 16, one torch thread as in the pipeline, `blocks` rounds of `steps` steps each, the order of the
two swapped every round), in one process so that the machine's pace, which drifts from minute to minute on a shared
virtual machine, is the same for both. The table gives the median and the fastest milliseconds per step, their ratio, and
how far the two copies' logits are apart on a validation batch before training (the layout changes only the order of the
convolutions' sums). With `--forward`, forward passes alone instead (eval mode, no gradient, batches of 32 of the val
split: what validation, the tokens stage and evaluation run). Needs the pipeline's pose cache and clips (a `make repro`
run).
"""
import argparse, copy, statistics, time
from dataclasses import replace
from itertools import islice

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="data"); ap.add_argument("--pose-cache", default="work/pose"); ap.add_argument("--clips", default="work/clips")
    ap.add_argument("--methods", nargs="+", default=["experts", "manet", "tsm"])
    ap.add_argument("--steps", type=int, default=6); ap.add_argument("--blocks", type=int, default=10)
    ap.add_argument("--forward", action="store_true", help="time eval-mode forward passes (batch 32, val split) instead of training steps")
    a = ap.parse_args()
    import torch
    from bmoe.core import load_params, seed_everything
    from bmoe.train import _staged, make_datasets, build_model, make_optimizer, train_epoch, clip_loader, box_settings
    p = load_params(); torch.set_num_threads(1)
    unit = "ms/batch" if a.forward else "ms/step"
    print(f"{'method':10s} {'default ' + unit:>16s} {'channels-last':>14s} {'ratio':>6s} {'fastest default':>16s} {'fastest c-last':>15s} {'max |logit diff|':>17s}")
    for method in a.methods:
        mc, tc = _staged(method, "work/runs/s0", p); seed_everything(0, deterministic=True)
        tr, va = make_datasets(a.root, a.pose_cache, mc, tc, (), box_settings(p.get("regions")), a.clips)
        m0 = build_model(mc); m1 = copy.deepcopy(m0).to(memory_format=torch.channels_last)
        vb = next(iter(clip_loader(va, 16, False)))
        with torch.no_grad(): diff = (m0.eval()(vb)["logits"] - m1.eval()(vb)["logits"]).abs().max().item()
        o0, _ = make_optimizer(m0, tc); o1, _ = make_optimizer(m1, tc); tr.set_epoch(0)
        batches = list(islice(iter(clip_loader(va, 32, False)), a.steps) if a.forward else
                       islice(iter(clip_loader(tr, tc.batch_size, True, 0, 0, 0, 1, 0)), a.steps))
        t = {0: [], 1: []}
        for r in range(a.blocks):
            for k in ((0, 1) if r % 2 else (1, 0)):
                m, o = (m0, o0) if k == 0 else (m1, o1)
                t0 = time.perf_counter()
                if a.forward:
                    with torch.no_grad():
                        for b in batches: m.eval()(b)
                else: train_epoch(m.train(), batches, o, mc, replace(tc, progress=False), torch.device("cpu"), "e")
                t[k].append((time.perf_counter() - t0) / len(batches) * 1000)
        md = [statistics.median(t[k]) for k in (0, 1)]
        print(f"{method:10s} {md[0]:16.1f} {md[1]:14.1f} {md[1] / md[0]:6.2f} {min(t[0]):16.1f} {min(t[1]):15.1f} {diff:17.2e}")

if __name__ == "__main__": main()
