#!/usr/bin/env python3
"""Writes a stand-in repcon run directory for testing run.sh's parsing and table without repcon.

Files, in the formats of repcon's run directory (see ../../README.md, "The command line"):
  spec.yaml         a shortened resolved spec of repcon's autoencoder experiment (examples/autoencoder.yaml):
                    seed, threads, data.dir / train_limit / test_limit, model.type / latent_size / ...,
                    loss.l2, training.dtype / batch_size / epochs / lr
  provenance.json   repcon_version, djl_version, pytorch_version, seed, threads (as repcon's Provenance)
  metrics.csv       step,epoch,loss,test_mse,wall_seconds; test_mse filled at the end of each epoch
  metrics.json      train_images_per_second, test_mse, epochs, threads, and "fake": true

Every number in metrics.* is a PLACEHOLDER (not a measurement); run.sh marks the table as such.
Needs only the standard library.
"""
import argparse
import json
import os


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="run directory to create/overwrite")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--images-per-second", type=float, default=2000.0, help="placeholder for metrics.json")
    p.add_argument("--test-mse", type=float, default=0.0100, help="placeholder final test MSE")
    p.add_argument("--train-limit", type=int, default=0, help="data.train_limit (0 = all)")
    p.add_argument("--test-limit", type=int, default=0, help="data.test_limit (0 = all)")
    p.add_argument("--model-type", default="ae", help="model.type (ae | vae | vqvae), to exercise run.sh's warning")
    p.add_argument("--no-spec", action="store_true", help="omit spec.yaml and provenance.json")
    a = p.parse_args()

    os.makedirs(a.out, exist_ok=True)
    if not a.no_spec:
        with open(os.path.join(a.out, "spec.yaml"), "w") as f:
            f.write("# minimal stand-in for repcon's resolved spec (make_fake_run.py)\n"
                    "experiment: autoencoder\n"
                    f"seed: {a.seed}\n"
                    f"threads: {a.threads}\n"
                    "data:\n"
                    "  source: fashion-mnist\n"
                    "  dir: /usr/share/datasets/fashion-mnist\n"
                    f"  train_limit: {a.train_limit}\n"
                    f"  test_limit: {a.test_limit}\n"
                    "model:\n"
                    f"  type: {a.model_type}\n"
                    "  latent_space: vector\n"
                    f"  latent_size: {a.latent}\n"
                    "  channels: [32, 64]\n"
                    "  normalization: none\n"
                    "  projection: none\n"
                    "loss:\n"
                    "  l2: 1.0\n"
                    "evaluation:\n"
                    "  batch_size: 500\n"
                    "training:\n"
                    "  dtype: float32\n"
                    f"  batch_size: {a.batch_size}\n"
                    f"  epochs: {a.epochs}\n"
                    f"  lr: {a.lr!r}\n")
        with open(os.path.join(a.out, "provenance.json"), "w") as f:
            json.dump({"experiment": "autoencoder", "repcon_version": "0.0.0-fake", "djl_version": "0.36.0",
                       "pytorch_version": "2.7.1", "seed": a.seed, "threads": a.threads}, f, indent=2)

    train_images = a.train_limit or 60000
    batches = (train_images + a.batch_size - 1) // a.batch_size
    seconds_per_batch = a.batch_size / a.images_per_second
    # placeholder test MSE per epoch, decreasing towards --test-mse
    mses = [a.test_mse * (1 + 0.3 * (a.epochs - e)) for e in range(1, a.epochs + 1)]
    with open(os.path.join(a.out, "metrics.csv"), "w") as f:
        f.write("step,epoch,loss,test_mse,wall_seconds\n")
        step = 0
        for e in range(1, a.epochs + 1):
            for b in range(1, batches + 1, max(1, batches // 4)):
                step = (e - 1) * batches + b
                f.write(f"{step},{e},{2 * mses[e - 1]:.6g},,{step * seconds_per_batch:.4f}\n")
            step = e * batches
            f.write(f"{step},{e},{2 * mses[e - 1]:.6g},{mses[e - 1]:.6g},{step * seconds_per_batch:.4f}\n")
    with open(os.path.join(a.out, "metrics.json"), "w") as f:
        json.dump({"train_images_per_second": a.images_per_second, "test_mse": mses[-1], "epochs": a.epochs,
                   "threads": a.threads, "steps": a.epochs * batches, "fake": True}, f, indent=2)

    print(f"wrote {a.out}: {a.epochs} epochs, placeholder {a.images_per_second:g} images/s, "
          f"test MSE {mses[-1]:.4g} (NOT measurements)")


if __name__ == "__main__":
    main()
