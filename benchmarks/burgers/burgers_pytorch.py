#!/usr/bin/env python3
"""Plain PyTorch reference for repcon's Burgers PINN experiment (Raissi, Perdikaris & Karniadakis 2017).

Reads a repcon run directory (training_points.csv, initial_parameters.json, prediction.csv), rebuilds the
same network with the same initial weights, and trains it with the same recipe:

    loss = mean((u(X_u) - u)^2) + mean(f(X_f)^2),   f = u_t + u u_x - (0.01/pi) u_xx
    phase 1: Adam(lr=1e-3) for --adam-steps steps
    phase 2: L-BFGS(lr=1, history 50, strong Wolfe, tolerance_grad 1e-9, tolerance_change 1e-12),
             one optimizer.step() per iteration (max_iter=1), for up to --lbfgs-iters iterations

written the way a PyTorch user writes it: an nn.Module, inputs with requires_grad, derivatives by nested
torch.autograd.grad(..., create_graph=True), in the run's dtype (float32 or float64). --threads N sets OMP_NUM_THREADS (and MKL's) before
torch is imported and calls torch.set_num_threads(N); OpenBLAS, in which Debian's torch multiplies matrices
and whose pthreads pool torch.set_num_threads leaves alone, gets --blas-threads (default 1: with 2 OpenBLAS
threads next to 2 OpenMP threads a step is ~5x slower on 2 cores; see README.md).

Timing: the training wall clock runs only while optimizer steps run; every --eval-every steps (Adam steps
and L-BFGS iterations counted together, as repcon's `step`) the relative L2 error on the grid of
prediction.csv is computed with the clock stopped. ms per Adam step excludes the first 20 (warm-up) steps.

The last line of stdout is one JSON object (the summary); progress goes to stderr.
Run with Debian's interpreter: /usr/bin/python3 (apt-get install python3-torch).
"""
import argparse
import csv
import ctypes
import json
import math
import os
import sys
import time

WARMUP_STEPS = 20
NU = 0.01 / math.pi


# ---------------------------------------------------------------------------------------------- args
def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run-dir", required=True, help="repcon run directory (or one from make_fake_run.py)")
    p.add_argument("--adam-steps", type=int, default=5000, help="A (default %(default)s)")
    p.add_argument("--lbfgs-iters", type=int, default=5000, help="B, upper bound (default %(default)s)")
    p.add_argument("--eval-every", type=int, default=100, help="E (default %(default)s)")
    p.add_argument("--threads", type=int, default=0,
                   help="torch intra-op threads (OMP_NUM_THREADS + torch.set_num_threads); 0 = the defaults")
    p.add_argument("--blas-threads", type=int, default=1,
                   help="OpenBLAS threads when --threads > 0 (default %(default)s; 0 = same as --threads)")
    p.add_argument("--target", type=float, default=1e-3, help="rel. L2 target (default %(default)s)")
    p.add_argument("--stop-at-target", action="store_true", help="stop once rel_l2 <= target")
    p.add_argument("--max-seconds", type=float, default=900.0,
                   help="wall-clock budget for the whole training loop incl. evaluations (default %(default)s)")
    p.add_argument("--log-csv", help="optional: write step,stage,loss,rel_l2_error,wall_seconds per evaluation")
    a = p.parse_args(argv)
    if a.adam_steps < 0 or a.lbfgs_iters < 0 or a.eval_every <= 0:
        p.error("need --adam-steps >= 0, --lbfgs-iters >= 0, --eval-every > 0")
    return a



def thread_environment(threads, blas_threads):
    """Thread counts must be in the environment before torch loads its libraries. Debian's torch does its
    matrix products in OpenBLAS (pthreads build), whose own pool torch.set_num_threads does not resize, and
    whose busy-waiting threads fight torch's OpenMP threads for the cores (see README.md)."""
    if threads > 0:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        os.environ["MKL_NUM_THREADS"] = str(threads)
        os.environ["OPENBLAS_NUM_THREADS"] = str(blas_threads if blas_threads > 0 else threads)


if __name__ == "__main__":
    ARGS = parse_args()
    thread_environment(ARGS.threads, ARGS.blas_threads)

import torch  # noqa: E402  (after the thread environment is set)

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def blas_threads(threads):
    """OpenBLAS's own thread count (set to `threads` if > 0), or None if torch does not use OpenBLAS."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0", mode=os.RTLD_NOLOAD)
    except (OSError, AttributeError):
        return None
    if threads > 0:
        lib.openblas_set_num_threads(threads)
    return lib.openblas_get_num_threads()


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------- data
def read_training_points(path):
    x_u, u, x_f = [], [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            kind = row["kind"].strip()
            tx = (float(row["t"]), float(row["x"]))
            if kind == "u":
                x_u.append(tx)
                u.append(float(row["u"]))
            elif kind == "f":
                x_f.append(tx)
            else:
                raise ValueError(f"{path}: unknown kind {kind!r}")
    if not x_u or not x_f:
        raise ValueError(f"{path}: need both 'u' and 'f' rows (got {len(x_u)} and {len(x_f)})")
    return x_u, u, x_f


def read_grid(path):
    tx, u_ref = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            tx.append((float(row["t"]), float(row["x"])))
            u_ref.append(float(row["u_ref"]))
    return tx, u_ref


# ---------------------------------------------------------------------------------------------- model
class MLP(torch.nn.Module):
    """u(t, x): inputs scaled to [-1, 1], tanh hidden layers, linear output."""

    def __init__(self, spec):
        super().__init__()
        if spec.get("activation", "tanh") != "tanh":
            raise ValueError(f"only tanh is supported, not {spec.get('activation')!r}")
        dtype = DTYPES[spec.get("dtype", "float32")]
        self.register_buffer("lower", torch.tensor(spec["input_lower"], dtype=dtype))
        self.register_buffer("upper", torch.tensor(spec["input_upper"], dtype=dtype))
        self.linears = torch.nn.ModuleList()
        for layer in spec["layers"]:
            w = torch.tensor(layer["weight"], dtype=dtype)  # [fanIn, fanOut], repcon computes h @ W
            b = torch.tensor(layer["bias"], dtype=dtype)
            fan_in, fan_out = w.shape
            if b.shape != (fan_out,):
                raise ValueError(f"bias of length {b.shape} for weight {tuple(w.shape)}")
            lin = torch.nn.Linear(fan_in, fan_out, dtype=dtype)
            with torch.no_grad():
                lin.weight.copy_(w.t())  # nn.Linear stores [fanOut, fanIn] and computes h @ weight.T
                lin.bias.copy_(b)
            self.linears.append(lin)

    def forward(self, t, x):
        h = 2.0 * (torch.cat([t, x], dim=1) - self.lower) / (self.upper - self.lower) - 1.0
        for lin in self.linears[:-1]:
            h = torch.tanh(lin(h))
        return self.linears[-1](h)


def residual(model, t, x):
    u = model(t, x)
    ones = torch.ones_like(u)
    u_t, u_x = torch.autograd.grad(u, (t, x), grad_outputs=ones, create_graph=True)
    u_xx = torch.autograd.grad(u_x, x, grad_outputs=ones, create_graph=True)[0]
    return u_t + u * u_x - NU * u_xx


def main(argv=None):
    a = parse_args(argv)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)  # nothing random is drawn; set for completeness
    threads = torch.get_num_threads()
    blas = blas_threads((a.blas_threads or a.threads) if a.threads > 0 else 0)

    x_u, u_obs, x_f = read_training_points(f"{a.run_dir}/training_points.csv")
    with open(f"{a.run_dir}/initial_parameters.json") as f:
        spec = json.load(f)
    spec_dtype = spec.get("dtype", "float32")
    model = MLP(spec)
    grid_tx, grid_ref = read_grid(f"{a.run_dir}/prediction.csv")

    f32 = DTYPES[spec_dtype]  # the run's dtype (name kept short)
    t_u = torch.tensor([p[0] for p in x_u], dtype=f32).unsqueeze(1)
    x_u_ = torch.tensor([p[1] for p in x_u], dtype=f32).unsqueeze(1)
    u_target = torch.tensor(u_obs, dtype=f32).unsqueeze(1)
    t_f = torch.tensor([p[0] for p in x_f], dtype=f32).unsqueeze(1).requires_grad_(True)
    x_f_ = torch.tensor([p[1] for p in x_f], dtype=f32).unsqueeze(1).requires_grad_(True)
    t_g = torch.tensor([p[0] for p in grid_tx], dtype=f32).unsqueeze(1)
    x_g = torch.tensor([p[1] for p in grid_tx], dtype=f32).unsqueeze(1)
    u_ref = torch.tensor(grid_ref, dtype=torch.float64)
    ref_norm = torch.linalg.norm(u_ref).item()
    n_params = sum(p.numel() for p in model.parameters())
    log(f"[reference] torch {torch.__version__}, {spec_dtype}, threads {threads} (OpenBLAS: {blas}), N_u {len(x_u)}, N_f {len(x_f)}, "
        f"parameters {n_params}, grid {len(grid_tx)} points")

    def loss_fn():
        mse_u = torch.mean((model(t_u, x_u_) - u_target) ** 2)
        mse_f = torch.mean(residual(model, t_f, x_f_) ** 2)
        return mse_u + mse_f

    def rel_l2():
        with torch.no_grad():
            pred = model(t_g, x_g).squeeze(1).double()
        return (torch.linalg.norm(pred - u_ref) / ref_norm).item()

    # ------------------------------------------------------------------ bookkeeping shared by both phases
    train_seconds = 0.0          # wall time spent in optimizer steps only
    loop_start = time.perf_counter()
    state = {"step": 0, "seconds_to_target": None, "step_at_target": None, "last_err": None,
             "last_err_step": None, "stop": None, "loss": float("nan")}
    log_rows = []

    def evaluate(stage):
        # clock stopped. Logged loss as in repcon's metrics.csv: for Adam the one computed in the step (before
        # the update); after L-BFGS the one at the accepted point, recomputed here because LBFGS.step returns
        # the loss at the start of the iteration.
        err = rel_l2()
        if stage != "adam":
            state["loss"] = loss_fn().item()
        state["last_err"], state["last_err_step"] = err, state["step"]
        log_rows.append((state["step"], stage, state["loss"], err, train_seconds))
        if state["seconds_to_target"] is None and err <= a.target:
            state["seconds_to_target"] = train_seconds
            state["step_at_target"] = state["step"]
            log(f"[reference] rel_l2 {err:.3e} <= {a.target:g} at step {state['step']}, "
                f"{train_seconds:.2f} s of training")
        log(f"[reference] step {state['step']:6d} {stage:5s} loss {state['loss']:.4e} rel_l2 {err:.4e} "
            f"train {train_seconds:8.2f} s")

    def after_step(stage):
        """Evaluation every E steps; returns True to stop."""
        if state["step"] % a.eval_every == 0:
            evaluate(stage)
            if a.stop_at_target and state["seconds_to_target"] is not None:
                state["stop"] = "target"
                return True
        if time.perf_counter() - loop_start > a.max_seconds:
            state["stop"] = "max_seconds"
            return True
        return False

    # ---------------------------------------------------------------------------------- phase 1: Adam
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    adam_times = []
    for _ in range(a.adam_steps):
        t0 = time.perf_counter()
        adam.zero_grad(set_to_none=True)
        loss = loss_fn()
        loss.backward()
        adam.step()
        state["loss"] = loss.item()  # also synchronises; inside the timed region as in any training loop
        dt = time.perf_counter() - t0
        adam_times.append(dt)
        train_seconds += dt
        state["step"] += 1
        if after_step("adam"):
            break
    timed = adam_times[WARMUP_STEPS:] if len(adam_times) > WARMUP_STEPS else adam_times
    ms_per_adam_step = 1000.0 * sum(timed) / len(timed) if timed else None
    ms_median = 1000.0 * sorted(timed)[len(timed) // 2] if timed else None  # robust to a noisy machine

    # ------------------------------------------------------------------------------- phase 2: L-BFGS
    lbfgs_iters = 0
    lbfgs_seconds = 0.0
    lbfgs_evals = 0
    if state["stop"] is None and a.lbfgs_iters > 0:
        params = list(model.parameters())
        lbfgs = torch.optim.LBFGS(params, lr=1, max_iter=1, history_size=50, line_search_fn="strong_wolfe",
                                  tolerance_grad=1e-9, tolerance_change=1e-12)

        def closure():
            lbfgs.zero_grad(set_to_none=False)
            loss = loss_fn()
            loss.backward()
            return loss

        lstate = lbfgs.state[params[0]]
        prev_start_loss = None
        for _ in range(a.lbfgs_iters):
            evals_before = lstate.get("func_evals", 0)
            iters_before = lstate.get("n_iter", 0)
            t0 = time.perf_counter()
            start_loss = float(lbfgs.step(closure))  # loss at the start of this iteration
            dt = time.perf_counter() - t0
            train_seconds += dt
            lbfgs_seconds += dt
            lbfgs_evals += lstate["func_evals"] - evals_before
            # With max_iter=1 torch's own tolerance checks cannot end the run (the max_iter break comes
            # first), so the ones of a single long call are applied here, across calls.
            if lstate["n_iter"] == iters_before:  # gradient already below tolerance_grad: no iteration done
                state["stop"] = "lbfgs_converged"
                break
            lbfgs_iters += 1
            state["step"] += 1
            converged = (lstate["func_evals"] - evals_before == 1  # directional derivative > -tol_change
                         or lstate["d"].mul(lstate["t"]).abs().max().item() <= 1e-12
                         or (prev_start_loss is not None and abs(start_loss - prev_start_loss) < 1e-12))
            prev_start_loss = start_loss
            if after_step("lbfgs"):
                break
            if converged:
                state["stop"] = "lbfgs_converged"
                break

    if state["last_err_step"] != state["step"]:
        evaluate("final")
    stop = state["stop"] or "completed"
    if a.log_csv:
        with open(a.log_csv, "w") as f:
            f.write("step,stage,loss,rel_l2_error,wall_seconds\n")
            for r in log_rows:
                f.write(f"{r[0]},{r[1]},{r[2]!r},{r[3]!r},{r[4]:.6f}\n")

    summary = {
        "implementation": "pytorch",
        "torch_version": torch.__version__,
        "dtype": spec_dtype,
        "threads": threads,
        "blas_threads": blas,
        "ms_per_adam_step": ms_per_adam_step,
        "ms_per_adam_step_median": ms_median,
        "seconds_to_target": state["seconds_to_target"],
        "step_at_target": state["step_at_target"],
        "target": a.target,
        "rel_l2_error": state["last_err"],
        "final_loss": state["loss"],
        "steps": state["step"],
        "adam_steps": len(adam_times),
        "lbfgs_iters": lbfgs_iters,
        "lbfgs_closure_evals": lbfgs_evals,
        "ms_per_lbfgs_iter": 1000.0 * lbfgs_seconds / lbfgs_iters if lbfgs_iters else None,
        "wall_seconds": train_seconds,
        "stop_reason": stop,
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
