#!/usr/bin/env python3
"""Writes a stand-in repcon run directory for testing burgers_pytorch.py and run.sh without repcon.

Files, in the formats of repcon's run directory (see README.md):
  training_points.csv     kind,t,x,u   (N_u 'u' rows, then N_f + N_u 'f' rows: the N_u points are appended
                                        to the collocation set, as in Raissi's code)
  initial_parameters.json dtype, input_lower/upper, activation, layers[{weight [fanIn][fanOut], bias}]
  prediction.csv          t,x,u_pred,u_ref on the standard 100 x 256 grid (u_pred = 0 here)
  spec.yaml               (with --spec) a minimal resolved spec with the step counts
  metrics.csv/json        (with --fake-metrics) placeholder numbers, only to exercise run.sh's table

u_ref is the exact Cole-Hopf solution (trapezoidal rule in log space, the same construction as
repcon's BurgersReference), or random numbers with --random-ref.

Sampling follows Raissi et al.: N_u points drawn from the 256 initial and 2 x 100 boundary grid points,
N_f points by Latin-hypercube sampling of [0,1] x [-1,1]. Weights: Xavier (Glorot) normal, biases zero.
Needs only numpy.
"""
import argparse
import json
import math
import os

import numpy as np

NU = 0.01 / math.pi


def exact_burgers(t_values, x_values, nu=NU):
    """u[it, ix] = u(t[it], x[ix]) by the Cole-Hopf formula (weighted average of -sin(pi y))."""
    a = 1.0 / (2.0 * math.pi * nu)
    half = math.sqrt(2 * a + 50)
    harmonics = math.sqrt(90 * a) + 20
    x = np.asarray(x_values, dtype=np.float64)
    out = np.empty((len(t_values), len(x)))
    for it, t in enumerate(t_values):
        if t == 0:
            out[it] = -np.sin(math.pi * x)
            continue
        c = 2.0 * math.sqrt(nu * t)
        h = min(1.0 / 32, math.pi / (math.pi * c * harmonics + 14))
        n = 2 * int(math.ceil(half / h)) + 1
        s = half * (2.0 * np.arange(n) - (n - 1)) / (n - 1)
        y = x[:, None] - c * s[None, :]
        e = -s[None, :] ** 2 - a * np.cos(math.pi * y)
        w = np.exp(e - e.max(axis=1, keepdims=True))
        out[it] = -(w * np.sin(math.pi * y)).sum(axis=1) / w.sum(axis=1)
    return out


def standard_grid():
    return np.linspace(0.0, 0.99, 100), np.linspace(-1.0, 1.0, 256)


def sample_points(n_u, n_f, rng):
    x = np.linspace(-1, 1, 256)
    t = np.linspace(0, 0.99, 100)
    cand = np.concatenate([
        np.stack([np.zeros_like(x), x], 1),
        np.stack([t, -np.ones_like(t)], 1),
        np.stack([t, np.ones_like(t)], 1)])
    values = np.concatenate([-np.sin(np.pi * x), np.zeros_like(t), np.zeros_like(t)])
    idx = rng.permutation(len(cand))[:n_u]
    x_u, u = cand[idx], values[idx]
    lhs = np.empty((n_f, 2))
    for d in range(2):
        lhs[:, d] = (rng.permutation(n_f) + rng.random(n_f)) / n_f
    x_f = np.stack([lhs[:, 0], -1 + 2 * lhs[:, 1]], 1)
    return x_u, u, np.concatenate([x_f, x_u])


def xavier_layers(sizes, rng, dtype="float32"):
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        std = math.sqrt(2.0 / (fan_in + fan_out))
        w = rng.normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)  # [fanIn, fanOut]: h @ W
        layers.append({"weight": w.tolist(), "bias": [0.0] * fan_out})
    return layers


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="run directory to create/overwrite")
    p.add_argument("--n-u", type=int, default=100)
    p.add_argument("--n-f", type=int, default=10000)
    p.add_argument("--hidden", type=int, default=8, help="number of hidden layers")
    p.add_argument("--width", type=int, default=20)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--random-ref", action="store_true", help="random u_ref (plumbing only)")
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--spec", action="store_true", help="also write a minimal spec.yaml")
    p.add_argument("--adam-steps", type=int, default=200, help="for --spec / --fake-metrics")
    p.add_argument("--lbfgs-iters", type=int, default=20, help="for --spec / --fake-metrics")
    p.add_argument("--eval-every", type=int, default=50, help="for --spec / --fake-metrics")
    p.add_argument("--fake-metrics", action="store_true",
                   help="write placeholder metrics.csv/metrics.json (NOT measurements)")
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out, exist_ok=True)

    x_u, u, x_f = sample_points(a.n_u, a.n_f, rng)
    with open(os.path.join(a.out, "training_points.csv"), "w") as f:
        f.write("kind,t,x,u\n")
        for (t, x), v in zip(x_u, u):
            f.write(f"u,{t!r},{x!r},{v!r}\n")
        for t, x in x_f:
            f.write(f"f,{t!r},{x!r},\n")

    sizes = [2] + [a.width] * a.hidden + [1]
    params = {"dtype": a.dtype, "input_lower": [0.0, -1.0], "input_upper": [1.0, 1.0],
              "activation": "tanh", "layers": xavier_layers(sizes, rng, a.dtype)}
    with open(os.path.join(a.out, "initial_parameters.json"), "w") as f:
        json.dump(params, f)

    tg, xg = standard_grid()
    ref = rng.uniform(-1, 1, (len(tg), len(xg))) if a.random_ref else exact_burgers(tg, xg)
    with open(os.path.join(a.out, "prediction.csv"), "w") as f:
        f.write("t,x,u_pred,u_ref\n")
        for it, t in enumerate(tg):
            for ix, x in enumerate(xg):
                f.write(f"{t!r},{x!r},0.0,{ref[it, ix]!r}\n")

    if a.spec:
        with open(os.path.join(a.out, "spec.yaml"), "w") as f:
            f.write("# minimal stand-in for repcon's resolved spec (make_fake_run.py)\n"
                    f"eval_every: {a.eval_every}\n"
                    "training:\n"
                    f"  - optimizer: adam\n    lr: 0.001\n    steps: {a.adam_steps}\n"
                    f"  - optimizer: lbfgs\n    lr: 1.0\n    history_size: 50\n    steps: {a.lbfgs_iters}\n")

    if a.fake_metrics:
        total = a.adam_steps + a.lbfgs_iters
        with open(os.path.join(a.out, "metrics.csv"), "w") as f:
            f.write("step,stage,mse_u,mse_f,total,rel_l2_error,wall_seconds\n")
            for s in range(1, total + 1):
                stage = "adam" if s <= a.adam_steps else "lbfgs"
                err = f"{0.5 / s:.6g}" if s % a.eval_every == 0 or s == total else ""
                f.write(f"{s},{stage},0,0,0,{err},{0.01 * s:.4f}\n")
        with open(os.path.join(a.out, "metrics.json"), "w") as f:
            json.dump({"rel_l2_error": 0.5 / total, "wall_seconds": 0.01 * total, "steps": total,
                       "ms_per_adam_step": 10.0, "seconds_to_target": None, "fake": True}, f)

    print(f"wrote {a.out}: N_u={a.n_u}, N_f={a.n_f}+{a.n_u}, layers={sizes}, "
          f"u_ref={'random' if a.random_ref else 'exact'}")


if __name__ == "__main__":
    main()
