"""The first convolution's input converted to the model's channels-last layout once (bmoe.m3e.conv_input, now) against
leaving the conversion to the convolution (before: once in the forward pass, again in the backward pass), in whole
training steps of the methods with convolutions, on the CPU.

Each method's model is built once and placed as the pipeline places it (channels-last); a step (forward, loss,
backward) runs from the same weights and the same dropout seed either way, alternated, on one random batch of the
demo's sizes, with the MALLOC settings of the pipeline's stages where the caller exports them; the table gives the
medians, and whether the two steps' logits and gradients are equal bit for bit (the shared harness: cpu_step_ab.py).

    python benchmarks/conv_input_cpu.py --rounds 20 [--threads 1]
"""
import bmoe.bmoe as BB, bmoe.m3e as BM
from cpu_step_ab import compare

def before_global(self, x):
    B, T = x.shape[:2]; return self.blocks(self.stem(x.flatten(0, 1))).mean((2, 3)).view(B, T, -1)
def before_region(self, x):
    B, T = x.shape[:2]; return self.proj(self.net(x.flatten(0, 1)).mean((2, 3))).view(B, T, -1)
NOW = (BB.GlobalStream.forward, BM.RegionEncoder.forward)

def use(which):
    BB.GlobalStream.forward, BM.RegionEncoder.forward = NOW if which == "now" else (before_global, before_region)

if __name__ == "__main__":
    compare(use, ("before", "now"), {"manet": ("manet", {}), "tsm": ("tsm", {}), "experts": ("experts", {}),
                                     "experts_cnn": ("experts", dict(region_encoder="cnn"))}, __doc__)
