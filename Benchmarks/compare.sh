#!/usr/bin/env bash
# The peer benchmark, all in one run on this machine (release build, loopback only): MediaProxy cold (caches off)
# and cached (result-cache hits) beside thumbor (one single-process instance per core, one wrk per instance),
# libvips and Pillow in-process, gifsicle for GIFs and nginx serving the same cached bytes. Writes a table
# (req/s, p50/p99, output bytes, SSIM against a full-decode reference, peak RSS, ratios) and PNG plots of
# throughput and latency against concurrency to OUT (default Benchmarks/results), and prints the table.
# Python tools (thumbor, pyvips, Pillow, numpy, matplotlib) go into a venv made here (.build/bench-venv).
#   Benchmarks/compare.sh [seconds=6] [concurrency list=1,2,4,8,16,32]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-6}"
levels="${2:-1,2,4,8,16,32}"
out="${OUT:-Benchmarks/results}"
corpus="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"
chmod 755 "$work"  # nginx's workers (www-data) read the answers from here
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
. Benchmarks/setup.sh
bench_python thumbor pyvips PIL numpy matplotlib
swift build -c release --static-swift-stdlib --product media-proxy
swift build -c release --static-swift-stdlib --product media-proxy-server
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

mkdir -p "$work/images" "$out"
cp "$corpus/jpeg/2569067123_aca715a2ee_o.jpg" "$work/images/photo.jpg"
vips resize "$work/images/photo.jpg" "$work/images/photo36.jpg[Q=92]" 2.700917 --kernel lanczos3
cp "$corpus/png/alpha-premultiply-2048x1536-paper.png" "$work/images/alpha.png"
cp "$corpus/gif/nyan-cat.gif" "$work/images/nyan.gif"
ulimit -n 65536 2>/dev/null || true
"$BENCH_PYTHON" Benchmarks/compare.py --media-proxy "$bin/media-proxy" --work "$work" \
    --out "$out" --seconds "$seconds" --concurrency "$levels"
