#!/usr/bin/env bash
# Pipeline benchmark (release build): ops/s for the standard cases, beside libvips thumbnail_buffer and Pillow
# draft in the same run, with similarity to a full-decode Lanczos reference.
#   Benchmarks/pipeline.sh [threads=2] [seconds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
seconds="${2:-5}"
corpus="${CORPUS:-../shared/corpus}"
work="${BENCH_DIR:-.build/bench}"
mkdir -p "$work"

scripts/install-deps
. Benchmarks/setup.sh
bench_python pyvips PIL numpy
swift build -c release --static-swift-stdlib --product media-proxy-bench
bench="$(swift build -c release --static-swift-stdlib --show-bin-path)/media-proxy-bench"

photo="$corpus/jpeg/2569067123_aca715a2ee_o.jpg"
big="$work/photo-36mp.jpg"
[ -f "$big" ] || vips resize "$photo" "$big[Q=92]" 2.700917 --kernel lanczos3
alpha="$corpus/png/alpha-premultiply-2048x1536-paper.png"

"$bench" --threads "$threads" --seconds "$seconds" --out "$work" \
    "photo6mp-jpeg=$photo=rs:fit:300:300/q:80/f:jpg" \
    "photo6mp-webp=$photo=rs:fit:300:300/q:79/f:webp" \
    "photo36mp-jpeg=$big=rs:fit:300:300/q:80/f:jpg" \
    "alpha-png-webp=$alpha=rs:fit:300:300/q:79/f:webp"
"$BENCH_PYTHON" Benchmarks/peers.py --threads "$threads" --seconds "$seconds" --out "$work" \
    "photo6mp-jpeg=$photo=300x300=jpg" \
    "photo6mp-webp=$photo=300x300=webp" \
    "photo36mp-jpeg=$big=300x300=jpg" \
    "alpha-png-webp=$alpha=300x300=webp"
