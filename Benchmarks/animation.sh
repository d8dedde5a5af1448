#!/usr/bin/env bash
# Animated GIF benchmark (release build) beside gifsicle in the same run: time, bytes and similarity on every
# animated corpus GIF, GIF -> WebP size change, peak RSS for 48 vs 504 frames.
#   Benchmarks/animation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${CORPUS:-../shared/corpus}"
work="${BENCH_DIR:-.build/bench-animation}"
mkdir -p "$work"
scripts/install-deps
python3 -c "import pyvips, numpy" 2>/dev/null || python3 -m pip install --quiet pyvips numpy
swift build -c release --static-swift-stdlib --product media-proxy-bench
swift build -c release --static-swift-stdlib --product media-proxy
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
python3 Benchmarks/animation.py "$bin/media-proxy-bench" "$bin/media-proxy" "$corpus" "$work"
