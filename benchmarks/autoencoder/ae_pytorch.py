#!/usr/bin/env python3
"""Plain PyTorch reference for repcon's default convolutional autoencoder on Fashion-MNIST.

Reads the Fashion-MNIST IDX files (gzip) itself, scales the images by 1/255 to float32 [N, 1, 28, 28], and
trains the same model with the same recipe as repcon's `autoencoder` experiment:

    encoder  Conv2d(1, 32, 3, stride 2, pad 1), ReLU, Conv2d(32, 64, 3, stride 2, pad 1), ReLU,
             Flatten, Linear(64*7*7, latent)
    decoder  Linear(latent, 64*7*7), ReLU, view [64, 7, 7], Upsample(x2, nearest), Conv2d(64, 32, 3, pad 1),
             ReLU, Upsample(x2, nearest), Conv2d(32, 1, 3, pad 1), Sigmoid
    loss     MSE (mean over all pixels of the batch), Adam(lr=1e-3), batch 128,
             training set shuffled each epoch (torch.randperm with a generator seeded by --seed),
             last partial batch kept (as torch.utils.data.DataLoader's default drop_last=False)

written the way a PyTorch user writes it (nn.Sequential, torch.optim.Adam), with PyTorch's default
initialisation drawn after torch.manual_seed(--seed). --threads N sets OMP_NUM_THREADS (and MKL's) before
torch is imported and calls torch.set_num_threads(N); OpenBLAS, in which Debian's torch does the two Linear
layers' matrix products and whose pthreads pool torch.set_num_threads leaves alone, gets --blas-threads
(default 1; see ../burgers/README.md, "Threads"). The convolutions run in oneDNN on torch's OpenMP threads.

Timing: the training clock runs only over the epochs' batch loops (batch gather from the in-memory tensor,
zero_grad, forward, loss, backward, Adam step, reading the loss); reading the files, building the model and
the evaluations are outside it. After every epoch, the test MSE (mean squared error over all pixels of the
whole test set, 10,000 images unless --limit-test) is computed under torch.no_grad with the clock stopped.

Writes one JSON object to --out (if given) and as the last line of stdout; progress goes to stderr:
    {"implementation": "PyTorch <version>", "threads": n, "train_images_per_second": ...,
     "epochs": [{"epoch": 1, "test_mse": ..., "seconds": ...}, ...], "test_mse": final, "train_seconds": ...}
(plus a few descriptive keys). Run with Debian's interpreter: /usr/bin/python3 (apt-get install python3-torch).
"""
import argparse
import ctypes
import gzip
import json
import os
import sys
import time

DEFAULT_DATA_DIR = "/usr/share/datasets/fashion-mnist"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
EXIT_MISSING = 3  # a prerequisite (torch, the data) is missing; as run.sh


# ---------------------------------------------------------------------------------------------- args
def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=3, help="training epochs (default %(default)s)")
    p.add_argument("--batch-size", type=int, default=128, help="(default %(default)s)")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate (default %(default)s)")
    p.add_argument("--latent", type=int, default=32, help="latent size (default %(default)s)")
    p.add_argument("--threads", type=int, default=2,
                   help="torch intra-op threads (OMP_NUM_THREADS + torch.set_num_threads; default %(default)s; "
                        "0 = torch's defaults)")
    p.add_argument("--blas-threads", type=int, default=1,
                   help="OpenBLAS threads when --threads > 0 (default %(default)s; 0 = same as --threads)")
    p.add_argument("--seed", type=int, default=1, help="initialisation and shuffling seed (default %(default)s)")
    p.add_argument("--data-dir", default=DEFAULT_DATA_DIR,
                   help=f"folder with {TRAIN_IMAGES} and {TEST_IMAGES} (default %(default)s)")
    p.add_argument("--limit-train", type=int, default=0, help="use only the first N training images (0 = all)")
    p.add_argument("--limit-test", type=int, default=0, help="use only the first N test images (0 = all)")
    p.add_argument("--out", help="also write the JSON summary to this file")
    a = p.parse_args(argv)
    if a.epochs < 1 or a.batch_size < 1 or a.latent < 1 or a.lr <= 0:
        p.error("need --epochs >= 1, --batch-size >= 1, --latent >= 1, --lr > 0")
    if a.threads < 0 or a.blas_threads < 0 or a.limit_train < 0 or a.limit_test < 0:
        p.error("--threads, --blas-threads, --limit-train and --limit-test must be >= 0")
    return a


def thread_environment(threads, blas_threads):
    """Thread counts must be in the environment before torch loads its libraries (see burgers_pytorch.py)."""
    if threads > 0:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        os.environ["MKL_NUM_THREADS"] = str(threads)
        os.environ["OPENBLAS_NUM_THREADS"] = str(blas_threads if blas_threads > 0 else threads)


if __name__ == "__main__":
    ARGS = parse_args()
    thread_environment(ARGS.threads, ARGS.blas_threads)

try:  # after the thread environment is set
    import numpy as np
    import torch
except ImportError as e:
    print(f"ae_pytorch.py: cannot import {e.name} ({e}).\n"
          "Install Debian's PyTorch (as root; it brings numpy): apt-get update && apt-get install -y python3-torch\n"
          "and run with Debian's interpreter, /usr/bin/python3.", file=sys.stderr)
    sys.exit(EXIT_MISSING)


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
def read_idx_images(path, limit=0):
    """IDX3 unsigned-byte images (gzip) -> float32 tensor [N, 1, rows, cols] in [0, 1]."""
    with gzip.open(path, "rb") as f:
        header = f.read(16)
        if len(header) != 16:
            raise ValueError(f"{path}: truncated IDX header")
        magic, n, rows, cols = (int.from_bytes(header[i:i + 4], "big") for i in range(0, 16, 4))
        if magic != 0x00000803:
            raise ValueError(f"{path}: not an IDX3 unsigned-byte file (magic {magic:#010x}, expected 0x00000803)")
        if limit:
            n = min(n, limit)
        raw = f.read(n * rows * cols)
    if len(raw) != n * rows * cols:
        raise ValueError(f"{path}: expected {n} images of {rows}x{cols}, file is truncated")
    images = np.frombuffer(raw, dtype=np.uint8).reshape(n, 1, rows, cols).astype(np.float32) / np.float32(255.0)
    return torch.from_numpy(images)


def load_data(data_dir, limit_train, limit_test):
    paths = [os.path.join(data_dir, name) for name in (TRAIN_IMAGES, TEST_IMAGES)]
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        print(f"ae_pytorch.py: Fashion-MNIST not found: {', '.join(missing)}\n"
              "Install Debian's package (as root): apt-get update && apt-get install -y dataset-fashion-mnist\n"
              f"(it puts the IDX files under {DEFAULT_DATA_DIR}), or pass --data-dir DIR.", file=sys.stderr)
        sys.exit(EXIT_MISSING)
    return read_idx_images(paths[0], limit_train), read_idx_images(paths[1], limit_test)


# ---------------------------------------------------------------------------------------------- model
def autoencoder(latent):
    encoder = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, stride=2, padding=1), torch.nn.ReLU(),    # 28 -> 14
        torch.nn.Conv2d(32, 64, 3, stride=2, padding=1), torch.nn.ReLU(),   # 14 -> 7
        torch.nn.Flatten(),
        torch.nn.Linear(64 * 7 * 7, latent))
    decoder = torch.nn.Sequential(
        torch.nn.Linear(latent, 64 * 7 * 7), torch.nn.ReLU(),
        torch.nn.Unflatten(1, (64, 7, 7)),
        torch.nn.Upsample(scale_factor=2, mode="nearest"),                  # 7 -> 14
        torch.nn.Conv2d(64, 32, 3, padding=1), torch.nn.ReLU(),
        torch.nn.Upsample(scale_factor=2, mode="nearest"),                  # 14 -> 28
        torch.nn.Conv2d(32, 1, 3, padding=1), torch.nn.Sigmoid())
    return torch.nn.Sequential(encoder, decoder)


def test_mse(model, images, batch=1000):
    """Mean squared error over all pixels of all test images (summed in float64)."""
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(images), batch):
            x = images[i:i + batch]
            total += torch.sum((model(x) - x) ** 2, dtype=torch.float64).item()
    return total / images.numel()


def main(argv=None):
    a = parse_args(argv)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    threads = torch.get_num_threads()
    blas = blas_threads((a.blas_threads or a.threads) if a.threads > 0 else 0)

    t0 = time.perf_counter()
    train, test = load_data(a.data_dir, a.limit_train, a.limit_test)
    log(f"[reference] read {len(train)} training and {len(test)} test images from {a.data_dir} "
        f"in {time.perf_counter() - t0:.1f} s")

    torch.manual_seed(a.seed)
    model = autoencoder(a.latent)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = torch.nn.MSELoss()  # reduction="mean"
    shuffle = torch.Generator().manual_seed(a.seed)
    n_params = sum(p.numel() for p in model.parameters())
    n_batches = (len(train) + a.batch_size - 1) // a.batch_size
    log(f"[reference] torch {torch.__version__}, threads {threads} (OpenBLAS: {blas}), latent {a.latent}, "
        f"parameters {n_params}, batch {a.batch_size}, {n_batches} batches per epoch, lr {a.lr:g}, seed {a.seed}")

    epochs = []
    train_seconds = 0.0
    images_seen = 0
    for epoch in range(1, a.epochs + 1):
        model.train()
        loss_sum = 0.0
        start = time.perf_counter()                  # ---- training clock runs
        order = torch.randperm(len(train), generator=shuffle)
        for i in range(0, len(train), a.batch_size):
            x = train[order[i:i + a.batch_size]]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), x)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(x)
        seconds = time.perf_counter() - start        # ---- training clock stops
        train_seconds += seconds
        images_seen += len(train)
        model.eval()
        mse = test_mse(model, test)
        epochs.append({"epoch": epoch, "test_mse": mse, "seconds": seconds,
                       "train_loss": loss_sum / len(train), "images_per_second": len(train) / seconds})
        log(f"[reference] epoch {epoch}/{a.epochs}: train loss {loss_sum / len(train):.5f}, test MSE {mse:.5f}, "
            f"{seconds:.1f} s, {len(train) / seconds:.0f} images/s")

    summary = {
        "implementation": f"PyTorch {torch.__version__}",
        "threads": threads,
        "blas_threads": blas,
        "train_images_per_second": images_seen / train_seconds,
        "epochs": epochs,
        "test_mse": epochs[-1]["test_mse"],
        "train_seconds": train_seconds,
        "train_images": len(train),
        "test_images": len(test),
        "batch_size": a.batch_size,
        "lr": a.lr,
        "latent": a.latent,
        "seed": a.seed,
        "parameters": n_params,
    }
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out, "w") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
