#!/usr/bin/env python3
"""The PyTorch reference of benchmarks/diffusion: the same U-Net as repcon's org.repcon.nn.unet.UNet, written as
PyTorch users write it (nn.Module, nn.GroupNorm, F.silu, nn.Conv2d, F.interpolate + conv, attention by matmul and
softmax, torch.optim.Adam), trained with DDPM's epsilon loss (Ho et al. 2020, Algorithm 1): x0 in [-1, 1],
t ~ U{0..T-1}, eps ~ N(0, I), x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps, loss = mean((model(x_t, t) - eps)^2),
linear betas 1e-4..0.02.

It starts from repcon's initial weights (--weights DIR, written by `UNetBenchmark.java --export DIR`), checks
that its output on repcon's probe matches repcon's (printed as probe_max_abs_diff), then times --steps training
steps after --warmup untimed ones. Prints one JSON line on stdout; progress goes to stderr.
Run with Debian's interpreter: /usr/bin/python3 (apt-get install python3-torch).
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

EXIT_MISSING = 3


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", required=True, help="folder with weights.json, weights.f32, probe_x.f32, probe_y.f32")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--base", type=int, default=32)
    p.add_argument("--mult", default="1,2,2")
    p.add_argument("--blocks", type=int, default=2)
    p.add_argument("--groups", type=int, default=8)
    p.add_argument("--heads", type=int, default=1)
    p.add_argument("--attention", default="true")
    p.add_argument("--scale-shift", default="false")
    p.add_argument("--timesteps", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--limit-train", type=int, default=0)
    return p.parse_args(argv)


if __name__ == "__main__":
    ARGS = parse_args()
    if ARGS.threads > 0:  # before torch loads
        os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)
        os.environ["MKL_NUM_THREADS"] = str(ARGS.threads)
        os.environ["OPENBLAS_NUM_THREADS"] = "1"

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:
    print(f"unet_pytorch.py: cannot import {e.name}. Install Debian's PyTorch (as root): apt-get install -y python3-torch, "
          "and run with /usr/bin/python3.", file=sys.stderr)
    sys.exit(EXIT_MISSING)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- model
def timestep_embedding(t, dim, max_period=10000.0):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / (half - 1))
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class TimeMLP(nn.Module):
    def __init__(self, base, dim):
        super().__init__()
        self.base = base
        self.dense0 = nn.Linear(base, dim)
        self.dense1 = nn.Linear(dim, dim)

    def forward(self, t):
        return self.dense1(F.silu(self.dense0(timestep_embedding(t, self.base))))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb, groups, scale_shift, dropout):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time = nn.Linear(temb, 2 * cout if scale_shift else cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None
        self.scale_shift = scale_shift

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        p = self.time(emb)[:, :, None, None]
        if self.scale_shift:
            scale, shift = p.chunk(2, dim=1)
            h = self.norm2(h) * (1 + scale) + shift
        else:
            h = self.norm2(h + p)
        h = self.conv2(self.dropout(F.silu(h)))
        return (x if self.skip is None else self.skip(x)) + h


class Attention(nn.Module):
    def __init__(self, ch, groups, heads):
        super().__init__()
        self.norm = nn.GroupNorm(groups, ch)
        self.q = nn.Conv2d(ch, ch, 1)
        self.k = nn.Conv2d(ch, ch, 1)
        self.v = nn.Conv2d(ch, ch, 1)
        self.out = nn.Conv2d(ch, ch, 1)
        self.heads = heads

    def forward(self, x):
        b, c, h, w = x.shape
        d = c // self.heads
        n = self.norm(x)
        q = self.q(n).reshape(b, self.heads, d, h * w)
        k = self.k(n).reshape(b, self.heads, d, h * w)
        v = self.v(n).reshape(b, self.heads, d, h * w)
        attn = torch.softmax(q.transpose(2, 3) @ k / math.sqrt(d), dim=-1)
        o = (v @ attn.transpose(2, 3)).reshape(b, c, h, w)
        return x + self.out(o)


class Upsample(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


class UNet(nn.Module):
    def __init__(self, channels=1, base=32, mult=(1, 2, 2), blocks=2, groups=8, heads=1, attention=True,
                 scale_shift=False, dropout=0.0):
        super().__init__()
        temb = 4 * base
        self.levels = len(mult)
        self.time = TimeMLP(base, temb)
        self.conv_in = nn.Conv2d(channels, base, 3, padding=1)
        skips = [base]
        ch = base
        self.down = nn.ModuleList()
        for i, m in enumerate(mult):
            level = nn.Module()
            level.res = nn.ModuleList()
            for _ in range(blocks):
                level.res.append(ResBlock(ch, base * m, temb, groups, scale_shift, dropout))
                ch = base * m
                skips.append(ch)
            if i < len(mult) - 1:
                level.downsample = nn.Conv2d(ch, ch, 3, stride=2, padding=1)
                skips.append(ch)
            self.down.append(level)
        self.mid = nn.Module()
        self.mid.res0 = ResBlock(ch, ch, temb, groups, scale_shift, dropout)
        self.mid.attn = Attention(ch, groups, heads) if attention else None
        self.mid.res1 = ResBlock(ch, ch, temb, groups, scale_shift, dropout)
        up = [None] * len(mult)
        for i in reversed(range(len(mult))):
            level = nn.Module()
            level.res = nn.ModuleList()
            for _ in range(blocks + 1):
                level.res.append(ResBlock(ch + skips.pop(), base * mult[i], temb, groups, scale_shift, dropout))
                ch = base * mult[i]
            if i > 0:
                level.upsample = Upsample(ch)
            up[i] = level
        self.up = nn.ModuleList(up)
        self.norm_out = nn.GroupNorm(groups, ch)
        self.conv_out = nn.Conv2d(ch, channels, 3, padding=1)

    def forward(self, x, t):
        emb = F.silu(self.time(t))
        h = self.conv_in(x)
        hs = [h]
        for i, level in enumerate(self.down):
            for block in level.res:
                h = block(h, emb)
                hs.append(h)
            if i < self.levels - 1:
                h = level.downsample(h)
                hs.append(h)
        h = self.mid.res0(h, emb)
        if self.mid.attn is not None:
            h = self.mid.attn(h)
        h = self.mid.res1(h, emb)
        for i in reversed(range(self.levels)):
            level = self.up[i]
            for block in level.res:
                h = block(torch.cat([h, hs.pop()], dim=1), emb)
            if i > 0:
                h = level.upsample(h)
        return self.conv_out(F.silu(self.norm_out(h)))


# --------------------------------------------------------------------------------- repcon's weights
def load_repcon_weights(model, folder):
    """Copies repcon's exported initial weights into the model: names without the 'unet.' prefix, gamma/beta of the
    norms as weight/bias; every key and shape must match."""
    with open(os.path.join(folder, "weights.json")) as f:
        index = json.load(f)
    flat = np.fromfile(os.path.join(folder, "weights.f32"), dtype="<f4")
    if len(flat) != index["count"]:
        raise ValueError(f"weights.f32 has {len(flat)} values, weights.json says {index['count']}")
    state = {}
    for p in index["parameters"]:
        name = p["name"].split(".", 1)[1]
        if name.endswith(".gamma"):
            name = name[:-len("gamma")] + "weight"
        elif name.endswith(".beta"):
            name = name[:-len("beta")] + "bias"
        n = int(np.prod(p["shape"]))
        state[name] = torch.from_numpy(flat[p["offset"]:p["offset"] + n].copy()).reshape(p["shape"])
    own = model.state_dict()
    missing = sorted(set(own) - set(state))
    extra = sorted(set(state) - set(own))
    if missing or extra:
        raise ValueError(f"repcon's weights do not fit the reference model: missing {missing[:5]}, unexpected {extra[:5]}")
    for k, v in state.items():
        if tuple(own[k].shape) != tuple(v.shape):
            raise ValueError(f"{k}: repcon shape {tuple(v.shape)}, reference {tuple(own[k].shape)}")
    model.load_state_dict(state)
    probe_x = torch.from_numpy(np.fromfile(os.path.join(folder, "probe_x.f32"), dtype="<f4").copy()).reshape(index["probe_shape"])
    probe_y = torch.from_numpy(np.fromfile(os.path.join(folder, "probe_y.f32"), dtype="<f4").copy()).reshape(index["probe_shape"])
    probe_t = torch.tensor(index["probe_t"])
    return probe_x, probe_t, probe_y


def read_idx_images(path, limit=0):
    with gzip.open(path, "rb") as f:
        magic, n, rows, cols = (int.from_bytes(f.read(4), "big") for _ in range(4))
        if magic != 0x00000803:
            raise ValueError(f"{path}: not an IDX3 unsigned-byte file")
        if limit:
            n = min(n, limit)
        raw = f.read(n * rows * cols)
    return torch.from_numpy(np.frombuffer(raw, dtype=np.uint8).reshape(n, 1, rows, cols).astype(np.float32) / np.float32(255.0))


def main(argv=None):
    a = parse_args(argv)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    mult = tuple(int(m) for m in a.mult.split(","))
    model = UNet(1, a.base, mult, a.blocks, a.groups, a.heads, a.attention.lower() == "true", a.scale_shift.lower() == "true")
    probe_x, probe_t, probe_y = load_repcon_weights(model, a.weights)
    model.eval()
    with torch.no_grad():
        diff = (model(probe_x, probe_t) - probe_y).abs().max().item()
    scale = probe_y.abs().max().item()
    log(f"[reference] repcon's initial weights loaded; probe output differs from repcon's by max {diff:.3g} (max |y| {scale:.3g})")

    path = os.path.join(a.data_dir, "train-images-idx3-ubyte.gz")
    if not os.path.isfile(path):
        log(f"unet_pytorch.py: Fashion-MNIST not found: {path} (apt-get install -y dataset-fashion-mnist)")
        sys.exit(EXIT_MISSING)
    train = read_idx_images(path, a.limit_train) * 2 - 1
    if len(train) < a.batch_size:
        log(f"unet_pytorch.py: batch size {a.batch_size} is larger than the {len(train)} training images")
        sys.exit(2)
    betas = torch.linspace(1e-4, 0.02, a.timesteps, dtype=torch.float64)
    abar = torch.cumprod(1 - betas, dim=0)
    sqrt_abar = abar.sqrt().float()
    sqrt_one_minus = (1 - abar).sqrt().float()

    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    gen = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(len(train), generator=gen)
    pos = 0
    timed = 0.0
    cpu = 0.0
    losses = []
    for step in range(a.warmup + a.steps):
        if pos + a.batch_size > len(train):
            order = torch.randperm(len(train), generator=gen)
            pos = 0
        idx = order[pos:pos + a.batch_size]
        pos += a.batch_size
        t = torch.randint(0, a.timesteps, (a.batch_size,), generator=gen)
        start = time.perf_counter()
        cpu_start = time.process_time()
        x0 = train[idx]
        eps = torch.randn_like(x0)
        xt = sqrt_abar[t][:, None, None, None] * x0 + sqrt_one_minus[t][:, None, None, None] * eps
        optimizer.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(xt, t), eps)
        loss.backward()
        optimizer.step()
        value = loss.item()
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
        losses.append(value)
        if step >= a.warmup:
            timed += seconds
            cpu += cpu_seconds
        log(f"[reference] step {step + 1}{' (warm-up)' if step < a.warmup else ''}: loss {value:.5f}, {seconds:.3f} s")
    summary = {
        "implementation": f"PyTorch {torch.__version__}",
        "threads": torch.get_num_threads(),
        "batch_size": a.batch_size,
        "steps": a.steps,
        "warmup": a.warmup,
        "train_seconds": timed,
        "cpu_seconds": cpu,
        "train_images_per_second": a.steps * a.batch_size / timed,
        "parameters": sum(p.numel() for p in model.parameters()),
        "probe_max_abs_diff": diff,
        "probe_max_abs": scale,
        "first_loss": losses[0],
        "last_loss": losses[-1],
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
