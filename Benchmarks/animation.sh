#!/usr/bin/env bash
# Animated GIF benchmark (release build) beside gifsicle in the same run: time, bytes and similarity on every
# animated corpus GIF, GIF -> WebP size change, peak RSS for 48 vs 504 frames.
#   Benchmarks/animation.sh [section...]   (resize, webp, rss, startup; all by default)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${CORPUS:-../shared/corpus}"
work="${BENCH_DIR:-.build/bench-animation}"
mkdir -p "$work"
scripts/install-deps
. Benchmarks/setup.sh
bench_python pyvips numpy
swift build -c release --static-swift-stdlib --product media-proxy-bench
swift build -c release --static-swift-stdlib --product media-proxy
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
"$BENCH_PYTHON" Benchmarks/animation.py "$bin/media-proxy-bench" "$bin/media-proxy" "$corpus" "$work" "$@"
