#!/usr/bin/env bash
# DDPM training with repcon's U-Net vs the same U-Net in plain PyTorch: same architecture, initial weights (repcon's,
# exported and loaded by the reference, checked on a probe), batch, schedule, loss, optimizer and thread count;
# training images per second side by side, alternating repcon and the reference round by round.
# See benchmarks/diffusion/README.md.
#
#   benchmarks/diffusion/run.sh [--rounds R] [--steps S] [--warmup W] [--threads N] [--batch-size B]
#                               [--out DIR] [--python PATH] [--same-malloc] [-- MODEL OPTIONS...]
# MODEL OPTIONS go to both sides: --base 32 --mult 1,2,2 --blocks 2 --groups 8 --heads 1 --attention true
#                                 --scale-shift false --timesteps 1000 --lr 2e-4 --seed 1 --limit-train N
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds=3
steps=20
warmup=3
threads=2
batch=128
out=""
py="/usr/bin/python3"
same_malloc=0
model=()
DATA_DIR=/usr/share/datasets/fashion-mnist

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 2; }
posint() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, not '$2'"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?}"; posint --rounds "$rounds"; shift 2 ;;
    --steps) steps="${2:?}"; posint --steps "$steps"; shift 2 ;;
    --warmup) warmup="${2:?}"; [[ "$warmup" =~ ^[0-9]+$ ]] || die "--warmup must be >= 0"; shift 2 ;;
    --threads) threads="${2:?}"; posint --threads "$threads"; shift 2 ;;
    --batch-size) batch="${2:?}"; posint --batch-size "$batch"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    --python) py="${2:?}"; shift 2 ;;
    --same-malloc) same_malloc=1; shift ;;
    --) shift; model=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
for ((i = 0; i < ${#model[@]}; i += 2)); do
  [ "${model[i]}" = "--data-dir" ] && DATA_DIR="${model[i+1]:-}"
done

if ! "$py" -c 'import torch, numpy' >/dev/null 2>&1; then
  echo "run.sh: $py cannot import torch and numpy. Install Debian's package (as root): apt-get install -y python3-torch" >&2
  exit 3
fi
[ -f "$DATA_DIR/train-images-idx3-ubyte.gz" ] || { echo "run.sh: Fashion-MNIST missing in $DATA_DIR (apt-get install -y dataset-fashion-mnist)" >&2; exit 3; }

[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/repcon-diffusion-bench.XXXXXX")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# repcon's jars, built as ./repcon builds them, copied so that a rebuild during the run cannot change them
(cd "$root" && ./repcon list >/dev/null) || die "could not build repcon (./repcon list failed)"
mkdir -p "$out/lib"
cp "$root"/repcon-cli/target/lib/*.jar "$out/lib/"
export DJL_OFFLINE=true
# as ./repcon runs repcon (see the README, "Speed"): freed memory stays in the heap
repcon_env=(env MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 OMP_NUM_THREADS="$threads")
ref_env=(env OMP_NUM_THREADS="$threads")
[ "$same_malloc" = 1 ] && ref_env=("${repcon_env[@]}")
java_cmd=(java -Dai.djl.offline=true -cp "$out/lib/*" "$here/UNetBenchmark.java")
common=(--threads "$threads" --batch-size "$batch" --steps "$steps" --warmup "$warmup" "${model[@]}")

echo "== exporting repcon's initial weights to $out/weights" >&2
"${repcon_env[@]}" "${java_cmd[@]}" --threads "$threads" "${model[@]}" --export "$out/weights" 2> >(grep -v 'WARN\|INFO' >&2)

load() { cut -d' ' -f1 /proc/loadavg; }
results="$out/results.jsonl"
: > "$results"
for ((r = 1; r <= rounds; r++)); do
  l="$(load)"
  echo "== round $r/$rounds: repcon (load $l)" >&2
  line="$("${repcon_env[@]}" "${java_cmd[@]}" "${common[@]}" 2> >(grep -v 'WARN\|INFO' >&2) | tail -n 1)"
  echo "{\"round\": $r, \"side\": \"repcon\", \"load_before\": $l, \"load_after\": $(load), \"result\": $line}" >> "$results"
  l="$(load)"
  echo "== round $r/$rounds: PyTorch reference (load $l)" >&2
  line="$("${ref_env[@]}" "$py" "$here/unet_pytorch.py" --weights "$out/weights" "${common[@]}" | tail -n 1)"
  echo "{\"round\": $r, \"side\": \"reference\", \"load_before\": $l, \"load_after\": $(load), \"result\": $line}" >> "$results"
done

"$py" - "$results" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs)" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {"repcon": [], "reference": []}
for r in rows:
    by[r["side"]].append(r)
print(f"CPU: {sys.argv[2]}\n")
print("| round | repcon images/s | reference images/s | ratio | CPU ms per image (repcon / reference) | load before-after (repcon / reference) |")
print("| --- | --- | --- | --- | --- | --- |")
for a, b in zip(by["repcon"], by["reference"]):
    x, y = a["result"]["train_images_per_second"], b["result"]["train_images_per_second"]
    cx = 1000 * a["result"]["cpu_seconds"] / (a["result"]["steps"] * a["result"]["batch_size"])
    cy = 1000 * b["result"]["cpu_seconds"] / (b["result"]["steps"] * b["result"]["batch_size"])
    print(f"| {a['round']} | {x:.1f} | {y:.1f} | {x / y:.2f} | {cx:.1f} / {cy:.1f} | {a['load_before']}-{a['load_after']} / {b['load_before']}-{b['load_after']} |")
mx = statistics.median(r["result"]["train_images_per_second"] for r in by["repcon"])
my = statistics.median(r["result"]["train_images_per_second"] for r in by["reference"])
ref = by["reference"][0]["result"]
rep = by["repcon"][0]["result"]
print(f"| median | {mx:.1f} | {my:.1f} | **{mx / my:.2f}** | | |\n")
print(f"repcon: {rep['implementation']}, threads {rep['threads']}; reference: {ref['implementation']}, threads {ref['threads']}; "
      f"batch {rep['batch_size']}, {rep['steps']} timed steps after {rep['warmup']} warm-up steps per round; "
      f"{rep['parameters']} parameters (reference {ref['parameters']}); the reference's output on repcon's probe differs by "
      f"max {ref['probe_max_abs_diff']:.2g} (max |y| {ref['probe_max_abs']:.2g}).")
PYEOF
echo "(raw results: $results)" >&2
