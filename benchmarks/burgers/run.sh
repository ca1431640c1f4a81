#!/usr/bin/env bash
# Burgers PINN: repcon vs a plain PyTorch reference, same data, same initial weights, same recipe, same
# thread count. See benchmarks/burgers/README.md.
#
#   benchmarks/burgers/run.sh [--threads N] [--out DIR] [--set KEY=VALUE]... [--stop-at-target]
#                             [--adam-steps A] [--lbfgs-iters B] [--eval-every E] [--target T]
#                             [--max-seconds S] [--repcon-run-dir DIR] [--python PATH]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# Used only when neither the command line nor the run's resolved spec.yaml gives a value;
# they are examples/burgers.yaml's values.
DEFAULT_ADAM_STEPS=2000
DEFAULT_LBFGS_ITERS=3750
DEFAULT_EVAL_EVERY=250
DEFAULT_TARGET=1e-3

threads=2
out=""
sets=()
adam_steps=""
lbfgs_iters=""
eval_every=""
target=""
max_seconds=900
stop_at_target=0
run_dir=""
blas_threads=""
py="/usr/bin/python3"

usage() {
  cat <<'EOF'
Usage: benchmarks/burgers/run.sh [options]

Runs `./repcon run examples/burgers.yaml`, then the PyTorch reference (burgers_pytorch.py) on the same run
directory with the same step counts and thread count, and prints a Markdown comparison table.

Options:
  --threads N          intra-op threads for both (default 2); passed to repcon as --set threads=N
  --out DIR            parent folder for repcon's run and the reference's files (default: a new /tmp dir)
  --set KEY=VALUE      extra repcon spec override, repeatable (e.g. --set training.stages[0].steps=200)
  --adam-steps A       override A       (default: from the run's spec.yaml, else 2000)
  --lbfgs-iters B      override B       (default: from the run's spec.yaml, else 3750)
  --eval-every E       override E       (default: from the run's spec.yaml, else 250)
  --target T           rel. L2 target   (default: from the run's spec.yaml, else 1e-3)
  --max-seconds S      wall-clock budget of the reference's training loop (default 900)
  --stop-at-target     the reference stops once rel_l2 <= target (repcon runs its full recipe)
  --blas-threads K     OpenBLAS threads of the reference (default 1; see README.md)
  --repcon-run-dir DIR skip running repcon; compare against this existing run directory
  --python PATH        interpreter with torch (default /usr/bin/python3, Debian's python3-torch)
EOF
}

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="${2:?}"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    --set) sets+=("--set" "${2:?}"); shift 2 ;;
    --adam-steps) adam_steps="${2:?}"; shift 2 ;;
    --lbfgs-iters) lbfgs_iters="${2:?}"; shift 2 ;;
    --eval-every) eval_every="${2:?}"; shift 2 ;;
    --target) target="${2:?}"; shift 2 ;;
    --max-seconds) max_seconds="${2:?}"; shift 2 ;;
    --stop-at-target) stop_at_target=1; shift ;;
    --repcon-run-dir) run_dir="${2:?}"; shift 2 ;;
    --python) py="${2:?}"; shift 2 ;;
    --blas-threads) blas_threads="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer, not '$threads'"

# ---------------------------------------------------------------------------------------- the peer
if ! "$py" -c 'import torch, yaml' >/dev/null 2>&1; then
  cat >&2 <<EOF
run.sh: the PyTorch reference needs PyTorch (and PyYAML) for $py, which it cannot import.
Install Debian's packages (as root):
    apt-get update && apt-get install -y python3-torch python3-scipy
and run with Debian's interpreter, /usr/bin/python3 (not a pyenv/venv python3 earlier on PATH),
or pass --python PATH for an interpreter that has torch.
EOF
  exit 3
fi

if [ -z "$out" ]; then
  out="$(mktemp -d "${TMPDIR:-/tmp}/repcon-burgers-bench.XXXXXX")"
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
  echo "== repcon: ./repcon run examples/burgers.yaml --out $out --set threads=$threads ${sets[*]:-}" >&2
  log="$out/repcon.log"
  set +e
  # repcon's stdout goes to our stderr (and $log), so that this script's stdout is the table alone
  (cd "$root" && ./repcon run examples/burgers.yaml --out "$out" --set "threads=$threads" "${sets[@]}") \
    | tee "$log" >&2
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
for f in training_points.csv initial_parameters.json prediction.csv; do
  [ -f "$run_dir/$f" ] || die "$run_dir has no $f: is it a finished repcon run directory?"
done
echo "== run directory: $run_dir" >&2

# ------------------------------------------------------ A, B, E, target, threads from the resolved spec
read -r spec_adam spec_lbfgs spec_every spec_target spec_threads < <("$py" - "$run_dir/spec.yaml" <<'EOF'
import sys, yaml
vals = {"adam": 0, "lbfgs": 0, "every": "-", "target": "-", "threads": "-"}
found = {"adam": False, "lbfgs": False}
try:
    with open(sys.argv[1]) as f:
        spec = yaml.safe_load(f) or {}
    for stage in (spec.get("training") or {}).get("stages") or []:
        opt = str(stage.get("optimizer", "")).lower().replace("-", "").replace("_", "")
        if opt in found and "steps" in stage:
            vals[opt] += int(stage["steps"])
            found[opt] = True
    ev = spec.get("evaluation") or {}
    if "every" in ev: vals["every"] = int(ev["every"])
    if "target" in ev: vals["target"] = float(ev["target"])
    if "threads" in spec: vals["threads"] = int(spec["threads"])
except Exception:
    pass
print(vals["adam"] if found["adam"] else "-", vals["lbfgs"] if found["lbfgs"] else "-",
      vals["every"], vals["target"], vals["threads"])
EOF
)

pick() {  # pick NAME CLI_VALUE SPEC_VALUE DEFAULT -> echoes value, reports where it came from
  local name="$1" cli="$2" spec="$3" def="$4"
  if [ -n "$cli" ]; then echo "   $name = $cli (command line)" >&2; echo "$cli"
  elif [ "$spec" != "-" ] && [ -n "$spec" ]; then echo "   $name = $spec (run's spec.yaml)" >&2; echo "$spec"
  else echo "   $name = $def (run.sh default; not found in spec.yaml)" >&2; echo "$def"; fi
}
echo "== recipe for the reference:" >&2
A="$(pick adam_steps "$adam_steps" "$spec_adam" "$DEFAULT_ADAM_STEPS")"
B="$(pick lbfgs_iters "$lbfgs_iters" "$spec_lbfgs" "$DEFAULT_LBFGS_ITERS")"
E="$(pick eval_every "$eval_every" "$spec_every" "$DEFAULT_EVAL_EVERY")"
T="$(pick target "$target" "$spec_target" "$DEFAULT_TARGET")"
if [ "$spec_threads" != "-" ] && [ "$spec_threads" != "$threads" ]; then
  echo "   note: repcon's spec says threads=$spec_threads; the reference uses it too (a --set threads=... wins)" >&2
  threads="$spec_threads"
fi
echo "   threads = $threads" >&2

# ---------------------------------------------------------------------------------------- reference
ref_json="$out/reference_summary.json"
ref_args=(--run-dir "$run_dir" --adam-steps "$A" --lbfgs-iters "$B" --eval-every "$E" --threads "$threads"
          --target "$T" --max-seconds "$max_seconds" --log-csv "$out/reference_metrics.csv")
[ "$stop_at_target" -eq 1 ] && ref_args+=(--stop-at-target)
[ -n "$blas_threads" ] && ref_args+=(--blas-threads "$blas_threads")
echo "== reference: $py $here/burgers_pytorch.py ${ref_args[*]}" >&2
set +e
OMP_NUM_THREADS="$threads" "$py" "$here/burgers_pytorch.py" "${ref_args[@]}" > "$out/reference.out"
rc=$?
set -e
[ "$rc" -eq 0 ] || die "the PyTorch reference failed (exit $rc); see the messages above and $out/reference.out"
tail -n 1 "$out/reference.out" > "$ref_json"

# ---------------------------------------------------------------------------------------- table
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$py" - "$run_dir" "$ref_json" "$threads" "$T" "$load_before" "$load_after" <<'EOF' | tee "$out/results.md"
import csv, json, os, sys
run_dir, ref_path, threads, target = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
load_before, load_after = sys.argv[5], sys.argv[6]

def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}

rc = load(os.path.join(run_dir, "metrics.json"))
prov = load(os.path.join(run_dir, "provenance.json"))
ref = load(ref_path)

# fall back to metrics.csv for what metrics.json lacks
rows = []
try:
    with open(os.path.join(run_dir, "metrics.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
except OSError:
    pass
evals = [(float(r["wall_seconds"]), float(r["rel_l2_error"])) for r in rows if (r.get("rel_l2_error") or "").strip()]
if rc.get("rel_l2_error") is None and evals:
    rc["rel_l2_error"] = evals[-1][1]
if "seconds_to_target" not in rc and evals:
    hit = [w for w, e in evals if e <= target]
    rc["seconds_to_target"] = hit[0] if hit else None
rc_threads = rc.get("threads", prov.get("threads", threads))

def num(v, fmt):
    return "n/a" if v is None else format(v, fmt)

def ratio(a, b):
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.3g}"

def ttt(d):
    v = d.get("seconds_to_target")
    return "not reached" if v is None else f"{v:.1f}"

print(f"| implementation | threads | ms per Adam step | seconds to rel_l2 <= {target:g} | final rel_l2 | ratio (repcon / reference) |")
print("|---|---|---|---|---|---|")
print(f"| repcon | {rc_threads} | {num(rc.get('ms_per_adam_step'), '.2f')} | {ttt(rc)} | "
      f"{num(rc.get('rel_l2_error'), '.3e')} | per step {ratio(rc.get('ms_per_adam_step'), ref.get('ms_per_adam_step'))}, "
      f"to target {ratio(rc.get('seconds_to_target'), ref.get('seconds_to_target'))} |")
blas = ref.get("blas_threads")
ref_threads = f"{ref.get('threads', '?')}" + ("" if blas is None else f" (OpenBLAS {blas})")
print(f"| PyTorch {ref.get('torch_version', '?')} reference | {ref_threads} | "
      f"{num(ref.get('ms_per_adam_step'), '.2f')} | {ttt(ref)} | {num(ref.get('rel_l2_error'), '.3e')} | 1.00 |")
print()
print(f"repcon: {rc.get('steps', '?')} steps, {num(rc.get('wall_seconds'), '.1f')} s; "
      f"reference: {ref.get('steps', '?')} steps ({ref.get('adam_steps', '?')} Adam + {ref.get('lbfgs_iters', '?')} L-BFGS, "
      f"{ref.get('lbfgs_closure_evals', '?')} L-BFGS closure evaluations), {num(ref.get('wall_seconds'), '.1f')} s, "
      f"stopped: {ref.get('stop_reason', '?')}.")
print(f"Load average (1, 5, 15 min) before: {load_before}; after: {load_after}. Run directory: {run_dir}")
EOF
echo "(table saved to $out/results.md)" >&2
