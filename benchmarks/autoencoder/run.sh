#!/usr/bin/env bash
# Convolutional autoencoder on Fashion-MNIST: repcon vs a plain PyTorch reference, same model, same recipe,
# same data, same epochs, seed and thread count, one after the other. See benchmarks/autoencoder/README.md.
#
#   benchmarks/autoencoder/run.sh [--threads N] [--epochs E] [--out DIR] [--repcon-run-dir DIR]
#                                 [--python PATH] [--set KEY=VALUE]... [--blas-threads K]
#                                 [--limit-train N] [--limit-test M]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# Used only when neither the run's resolved spec.yaml (or provenance.json) nor the command line gives a
# value; they are the defaults of repcon's autoencoder example and of ae_pytorch.py.
DEFAULT_EPOCHS=3
DEFAULT_SEED=1
DEFAULT_BATCH_SIZE=128
DEFAULT_LR=1e-3
DEFAULT_LATENT=32
DATA_DIR=/usr/share/datasets/fashion-mnist

threads=""
epochs=""
out=""
sets=()
run_dir=""
blas_threads=""
limit_train=""
limit_test=""
py="/usr/bin/python3"

usage() {
  cat <<'EOF'
Usage: benchmarks/autoencoder/run.sh [options]

Runs `./repcon run autoencoder --set threads=N --set training.epochs=E [--set ...] --out DIR`, then the
PyTorch reference (ae_pytorch.py) with the same threads, epochs, seed, batch size, learning rate and latent
size (never both at once), and prints a Markdown comparison table on stdout.

Options:
  --threads N          intra-op threads for both (default 2); passed to repcon as --set threads=N
  --epochs E           training epochs for both (default 3); passed to repcon as --set training.epochs=E
  --out DIR            parent folder for repcon's run and the reference's files (default: a new /tmp dir)
  --set KEY=VALUE      extra repcon spec override, repeatable (e.g. --set seed=7)
  --blas-threads K     OpenBLAS threads of the reference (default 1; see ../burgers/README.md, "Threads")
  --repcon-run-dir DIR skip running repcon; compare against this existing run directory
  --python PATH        interpreter with torch (default /usr/bin/python3, Debian's python3-torch)
  --limit-train N      train on the first N training images only; passed to repcon as
                       --set data.train_limit=N (for quick checks of this script, not for figures)
  --limit-test M       test on the first M test images only (--set data.test_limit=M)

The run's resolved spec.yaml (and provenance.json for the seed) decides what the reference does; a value
given on the command line that differs from it is reported and not used. Spec values that make repcon's
model differ from the reference's plain autoencoder (model.type, loss, conditions, ...) are warned about.
EOF
}

die() { echo "run.sh: $*" >&2; exit 2; }
posint() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, not '$2'"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="${2:?}"; posint --threads "$threads"; shift 2 ;;
    --epochs) epochs="${2:?}"; posint --epochs "$epochs"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    --set) sets+=("--set" "${2:?}"); [[ "$2" == data.dir=* ]] && DATA_DIR="${2#data.dir=}"; shift 2 ;;
    --repcon-run-dir) run_dir="${2:?}"; shift 2 ;;
    --python) py="${2:?}"; shift 2 ;;
    --blas-threads) blas_threads="${2:?}"; [[ "$blas_threads" =~ ^[0-9]+$ ]] || die "--blas-threads must be >= 0"; shift 2 ;;
    --limit-train) limit_train="${2:?}"; posint --limit-train "$limit_train"; shift 2 ;;
    --limit-test) limit_test="${2:?}"; posint --limit-test "$limit_test"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

# ---------------------------------------------------------------------------------------- prerequisites
if ! "$py" -c 'import torch, numpy, yaml' >/dev/null 2>&1; then
  cat >&2 <<EOF
run.sh: the PyTorch reference needs PyTorch (with numpy and PyYAML) for $py, which cannot import them.
Install Debian's package (as root):
    apt-get update && apt-get install -y python3-torch
and run with Debian's interpreter, /usr/bin/python3 (not a pyenv/venv python3 earlier on PATH),
or pass --python PATH for an interpreter that has torch.
EOF
  exit 3
fi
for f in train-images-idx3-ubyte.gz t10k-images-idx3-ubyte.gz; do
  if [ ! -f "$DATA_DIR/$f" ]; then
    cat >&2 <<EOF
run.sh: Fashion-MNIST is missing: $DATA_DIR/$f not found.
Install Debian's package (as root):
    apt-get update && apt-get install -y dataset-fashion-mnist
EOF
    exit 3
  fi
done

if [ -z "$out" ]; then
  out="$(mktemp -d "${TMPDIR:-/tmp}/repcon-autoencoder-bench.XXXXXX")"
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
cores="$(nproc 2>/dev/null || echo 1)"
if awk -v l="${load_before%% *}" -v c="$cores" 'BEGIN { exit !(l + 0 > c / 4) }' 2>/dev/null; then
  echo "run.sh: warning: load average is $load_before on $cores cores; other processes will distort the timings" >&2
fi

# ---------------------------------------------------------------------------------------- repcon
if [ -z "$run_dir" ]; then
  repcon_args=(run autoencoder --set "threads=${threads:-2}" --set "training.epochs=${epochs:-$DEFAULT_EPOCHS}")
  [ -n "$limit_train" ] && repcon_args+=(--set "data.train_limit=$limit_train")
  [ -n "$limit_test" ] && repcon_args+=(--set "data.test_limit=$limit_test")
  repcon_args+=("${sets[@]}" --out "$out")
  echo "== repcon: ./repcon ${repcon_args[*]}" >&2
  log="$out/repcon.log"
  set +e
  # repcon's stdout goes to our stderr (and $log), so that this script's stdout is the table alone
  (cd "$root" && ./repcon "${repcon_args[@]}") | tee "$log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || die "repcon failed (exit $rc); see the messages above and $log"
  run_dir="$(sed -n 's/^run directory: //p' "$log" | tail -n 1)"
  if [ -z "$run_dir" ]; then  # fall back to the newest directory in $out
    run_dir="$(find "$out" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-)"
  fi
fi
[ -n "$run_dir" ] && [ -d "$run_dir" ] || die "no repcon run directory found (looked for 'run directory: ...' in stdout and in $out)"
run_dir="$(cd "$run_dir" && pwd)"
[ -f "$run_dir/metrics.json" ] || [ -f "$run_dir/metrics.csv" ] \
  || die "$run_dir has neither metrics.json nor metrics.csv: is it a finished repcon run directory?"
echo "== run directory: $run_dir" >&2

# ------------------------------------------------ the recipe repcon ran, from its resolved spec.yaml
# Prints "name<TAB>value<TAB>where" per quantity ("-" when the run does not say), then "warn<TAB>text" for
# every spec value that makes repcon's model or loss differ from the reference's.
recipe="$("$py" - "$run_dir" <<'EOF'
import json, os, sys, yaml
run_dir = sys.argv[1]

def load(path, reader):
    try:
        with open(path) as f:
            return reader(f) or {}
    except Exception:
        return {}

spec = load(os.path.join(run_dir, "spec.yaml"), yaml.safe_load)
prov = load(os.path.join(run_dir, "provenance.json"), json.load)
spec = spec if isinstance(spec, dict) else {}

def get(path):
    node = spec
    for k in path.split("."):
        if not isinstance(node, dict) or k not in node:
            return None
        node = node[k]
    return node

def at(path, kind=int):
    v = get(path)
    try:
        return (kind(v), f"spec.yaml {path}") if v is not None else (None, None)
    except (TypeError, ValueError):
        return None, None

vals = {
    "threads": at("threads"),
    "epochs": at("training.epochs"),
    "seed": (int(prov["seed"]), "provenance.json seed") if isinstance(prov.get("seed"), int) else at("seed"),
    "batch_size": at("training.batch_size"),
    "lr": at("training.lr", float),
    "latent": at("model.latent_size"),
    "limit_train": at("data.train_limit"),
    "limit_test": at("data.test_limit"),
    "data_dir": at("data.dir", str),
}
if vals["epochs"][0] is None:  # a run without spec.yaml: metrics.json may still say
    m = load(os.path.join(run_dir, "metrics.json"), json.load)
    if isinstance(m.get("epochs"), int):
        vals["epochs"] = (m["epochs"], "metrics.json epochs")
for name, (v, where) in vals.items():
    v = "-" if v is None else repr(v) if isinstance(v, float) else str(v)
    print(f"{name}\t{v}\t{where or '-'}")

# the reference is the plain AE: anything else in repcon's run makes the comparison unfair
expected = {"experiment": "autoencoder", "data.source": "fashion-mnist", "model.type": "ae",
            "model.latent_space": "vector", "model.channels": [32, 64], "model.normalization": "none",
            "model.projection": "none", "loss.l2": 1.0, "loss.l1": 0.0, "loss.bce": 0.0, "loss.perceptual": 0.0,
            "conditions.sparsity": 0.0, "conditions.unit_sphere": 0.0, "conditions.integrity": 0.0,
            "conditions.algebraic": 0.0, "transformations.augment": False, "transformations.invariance": 0.0,
            "training.dtype": "float32"}
for path, want in expected.items():
    have = get(path)
    if have is None:
        continue  # not in the spec: repcon's default, which is the reference's
    same = have == want if not isinstance(want, float) else isinstance(have, (int, float)) and float(have) == want
    if not same:
        print(f"warn\t{path} is {have!r} in repcon's run; the reference is the plain autoencoder ({path} = {want!r})")
EOF
)"
from_run() { printf '%s\n' "$recipe" | awk -F'\t' -v n="$1" '$1 == n { print $2 "\t" $3 }'; }

pick() {  # pick NAME CLI_VALUE DEFAULT -> echoes the value; reports where it came from
  local name="$1" cli="$2" def="$3" line val where
  line="$(from_run "$name")"; val="${line%%$'\t'*}"; where="${line#*$'\t'}"
  if [ -n "$val" ] && [ "$val" != "-" ]; then
    echo "   $name = $val ($where)" >&2
    if [ -n "$cli" ] && [ "$cli" != "$val" ]; then
      echo "   note: the command line says $name=$cli, but repcon's run used $val; the reference uses $val" >&2
    fi
    echo "$val"
  elif [ -n "$cli" ]; then echo "   $name = $cli (command line)" >&2; echo "$cli"
  else echo "   $name = $def (run.sh default; not found in the run directory)" >&2; echo "$def"; fi
}
echo "== recipe for the reference:" >&2
T="$(pick threads "$threads" 2)"
E="$(pick epochs "$epochs" "$DEFAULT_EPOCHS")"
S="$(pick seed "" "$DEFAULT_SEED")"
B="$(pick batch_size "" "$DEFAULT_BATCH_SIZE")"
L="$(pick lr "" "$DEFAULT_LR")"
Z="$(pick latent "" "$DEFAULT_LATENT")"
LT="$(pick limit_train "$limit_train" 0)"
LS="$(pick limit_test "$limit_test" 0)"
D="$(pick data_dir "" "$DATA_DIR")"
# a subset only the reference used (--limit-* against a run whose spec does not say) is not comparable
subset_source="run"
[ "$(from_run limit_train | cut -f1)" = "-" ] && [ -n "$limit_train" ] && subset_source="cli"
[ "$(from_run limit_test | cut -f1)" = "-" ] && [ -n "$limit_test" ] && subset_source="cli"
warnings="$(printf '%s\n' "$recipe" | awk -F'\t' '$1 == "warn" { print $2 }')"
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings" | sed 's/^/run.sh: warning: /' >&2
fi

# ---------------------------------------------------------------------------------------- reference
ref_json="$out/reference.json"
ref_args=(--threads "$T" --epochs "$E" --seed "$S" --batch-size "$B" --lr "$L" --latent "$Z"
          --limit-train "$LT" --limit-test "$LS" --data-dir "$D" --out "$ref_json")
[ -n "$blas_threads" ] && ref_args+=(--blas-threads "$blas_threads")
echo "== reference: $py $here/ae_pytorch.py ${ref_args[*]}" >&2
rm -f "$ref_json"
set +e
OMP_NUM_THREADS="$T" "$py" "$here/ae_pytorch.py" "${ref_args[@]}" > "$out/reference.out"
rc=$?
set -e
[ "$rc" -eq 0 ] && [ -f "$ref_json" ] || die "the PyTorch reference failed (exit $rc); see the messages above and $out/reference.out"

# ---------------------------------------------------------------------------------------- table
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$py" - "$run_dir" "$ref_json" "$T" "$E" "$load_before" "$load_after" "$subset_source" "$warnings" <<'EOF' \
  | tee "$out/results.md"
import csv, json, os, sys
run_dir, ref_path, threads, epochs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
load_before, load_after, subset_source = sys.argv[5], sys.argv[6], sys.argv[7]
warnings = [w for w in sys.argv[8].split("\n") if w.strip()]

def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}

def number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None

rc = load(os.path.join(run_dir, "metrics.json"))
prov = load(os.path.join(run_dir, "provenance.json"))
ref = load(ref_path)

# per-epoch MSE from metrics.csv: repcon logs it on its validation split (val_mse; older runs: test_mse)
rows = []
try:
    with open(os.path.join(run_dir, "metrics.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
except OSError:
    pass
per_epoch = {}  # epoch -> its last logged test MSE (or one entry per row when there is no epoch column)
for i, r in enumerate(rows):
    m = number(r.get("val_mse", r.get("test_mse")))
    if m is not None:
        per_epoch[(r.get("epoch") or "").strip() or f"row{i}"] = m
rc_epochs = list(per_epoch.items())
rc_mse = number(rc.get("test_mse"))
rc_train_images = rc.get("train_images")
rc_ips = number(rc.get("train_images_per_second"))
ref_ips, ref_mse = number(ref.get("train_images_per_second")), number(ref.get("test_mse"))
rc_threads = rc.get("threads", prov.get("threads", threads))

def num(v, fmt):
    return "n/a" if v is None else format(v, fmt)

versions = ", ".join(f"{label} {prov[k]}" for label, k in (("DJL", "djl_version"), ("PyTorch", "pytorch_version"))
                     if prov.get(k))
fake = " (placeholder numbers: fake run directory)" if rc.get("fake") else ""
rc_name = "repcon" + (f" {prov['repcon_version']}" if prov.get("repcon_version") else "") + \
          (f" ({versions})" if versions else "") + fake
blas = ref.get("blas_threads")
ref_threads = f"{ref.get('threads', '?')}" + ("" if blas is None else f" (OpenBLAS {blas})")
ratio = "n/a" if rc_ips is None or not ref_ips else f"{rc_ips / ref_ips:.3g}"

print(f"| implementation | threads | images/s | test MSE after {epochs} epoch{'s' if epochs != 1 else ''} "
      f"| ratio (repcon images/s / reference images/s) |")
print("|---|---|---|---|---|")
print(f"| {rc_name} | {rc_threads} | {num(rc_ips, ',.0f')} | {num(rc_mse, '.5f')} | {ratio} |")
print(f"| {ref.get('implementation', 'PyTorch ?')} reference | {ref_threads} | {num(ref_ips, ',.0f')} | "
      f"{num(ref_mse, '.5f')} | 1.00 |")
print()
if rc_mse is None or ref_mse is None:
    verdict = "n/a (a test MSE is missing)"
else:
    verdict = (f"{'yes' if rc_mse <= ref_mse else 'no'} ({rc_mse:.5f} vs {ref_mse:.5f}, "
               f"difference {rc_mse - ref_mse:+.5f}, {100 * (rc_mse - ref_mse) / ref_mse:+.1f}%)")
print(f"repcon's test MSE <= the reference's: {verdict}.")
rc_e = rc.get("epochs")
if isinstance(rc_e, (int, float)) and int(rc_e) != epochs:
    print(f"WARNING: repcon's metrics.json says {int(rc_e)} epochs, the reference trained {epochs}.")
ref_per_epoch = ", ".join(f"{e['test_mse']:.5f}" for e in ref.get("epochs", []))
rc_per_epoch = ", ".join(f"{m:.5f}" for _, m in rc_epochs) if rc_epochs else "n/a (no val_mse column in metrics.csv)"
print(f"MSE per epoch: repcon (on its validation split) {rc_per_epoch}; reference (on the test set) {ref_per_epoch}.")
print("repcon trains on the training images minus its validation split (data.validation_fraction, default 0.1: "
      f"{rc_train_images if rc_train_images is not None else '54,000 of 60,000'} images); the reference on all of them.")
print(f"Reference: {ref.get('train_images', '?')} training images per epoch, batch {ref.get('batch_size', '?')}, "
      f"lr {ref.get('lr', '?')}, latent {ref.get('latent', '?')}, seed {ref.get('seed', '?')}, "
      f"{num(number(ref.get('train_seconds')), '.1f')} s of training; test MSE over {ref.get('test_images', '?')} images.")
if ref.get("train_images") not in (None, 60000) or ref.get("test_images") not in (None, 10000):
    if subset_source == "cli":
        print(f"WARNING: only the reference used a subset ({ref.get('train_images')} training, {ref.get('test_images')} "
              "test images; --limit-train/--limit-test, and repcon's run does not say it did): not comparable.")
    else:
        print(f"Note: both sides used a subset ({ref.get('train_images')} training, {ref.get('test_images')} test images; "
              "data.train_limit/test_limit): a quick check, not the benchmark's figures.")
for w in warnings:
    print(f"WARNING: {w}: not a like-for-like comparison.")
print(f"Load average (1, 5, 15 min) before: {load_before}; after: {load_after}. Run directory: {run_dir}")
EOF
echo "(table saved to $out/results.md; the reference's summary in $ref_json)" >&2
