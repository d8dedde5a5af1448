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
python3 -c "import venv, ensurepip" 2>/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
venv=.build/bench-venv  # shared with Benchmarks/compare.sh
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pyvips, numpy" 2>/dev/null || "$venv/bin/python" -m pip install --quiet pyvips numpy
swift build -c release --static-swift-stdlib --product media-proxy-bench
swift build -c release --static-swift-stdlib --product media-proxy
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
"$venv/bin/python" Benchmarks/animation.py "$bin/media-proxy-bench" "$bin/media-proxy" "$corpus" "$work" "$@"
