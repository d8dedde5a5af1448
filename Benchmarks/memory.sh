#!/usr/bin/env bash
# Server memory (release build, caches off, loopback only):
#   1. peak RSS under 16 concurrent cold 36 MP JPEG thumbnails (imgproxy publishes 194 MB for this load);
#   2. RSS over REQUESTS cold mixed requests (default 20000: JPEG, PNG, GIF, SVG to JPEG, WebP, PNG, GIF, AVIF at
#      varying sizes, 8 at a time), printed every tenth of the run with the growth from the first quarter to the
#      last.
#   Benchmarks/memory.sh [requests=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-20000}"
cores="$(nproc)"
corpus="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
swift build -c release --static-swift-stdlib --product media-proxy
swift build -c release --static-swift-stdlib --product media-proxy-server
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

mkdir -p "$work/images"
cp Samples/* "$work/images/"
cp "$corpus/jpeg/2569067123_aca715a2ee_o.jpg" "$work/images/photo.jpg"
vips resize "$work/images/photo.jpg" "$work/images/photo36.jpg[Q=92]" 2.700917 --kernel lanczos3

"$bin/media-proxy" serve --port 18082 --local-root "$work/images" --no-cache --workers "$cores" --queue 1024 \
    --log-level error >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:18082/health" && break; sleep 0.2; done
rss() { awk "/$1/ {print int(\$2 / 1024)}" "/proc/$server/status"; }
echo "idle: RSS $(rss VmRSS) MB"

echo "16 concurrent 36 MP thumbnails (rs:fit:300:300, JPEG q80), 20 s:"
wrk -t2 -c16 -d20s "http://127.0.0.1:18082/unsafe/rs:fit:300:300/q:80/plain/local:///photo36.jpg@jpg" \
    | grep -E "Requests/sec|Non-2xx" || true
echo "  peak RSS $(rss VmHWM) MB (imgproxy's published figure: 194 MB)"

python3 - "$server" "$requests" <<'PY'
import http.client, itertools, sys, threading, time
pid, total = int(sys.argv[1]), int(sys.argv[2])
sources = [("landscape.jpg", "jpg"), ("landscape.jpg", "webp"), ("photo.jpg", "jpg"), ("logo.png", "webp"),
           ("logo.png", "png"), ("pattern.gif", "webp"), ("pattern.gif", "gif"), ("badge.svg", "png"),
           ("rotated-exif6.jpg", "avif"), ("logo.webp", "jpg")]
paths = [f"/unsafe/rs:fit:{size}:{size}/plain/local:///{name}@{format}"
         for size in range(80, 480, 37) for name, format in sources]
counter, lock, done, failures = itertools.count(), threading.Lock(), [0], []
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
def worker():
    connection = http.client.HTTPConnection("127.0.0.1", 18082, timeout=60)
    while True:
        index = next(counter)
        if index >= total:
            return
        connection.request("GET", paths[index % len(paths)])
        response = connection.getresponse()
        response.read()
        with lock:
            done[0] += 1
        if response.status != 200:
            failures.append((paths[index % len(paths)], response.status))
threads = [threading.Thread(target=worker) for _ in range(8)]
start = time.time()
for thread in threads:
    thread.start()
samples = []
while any(thread.is_alive() for thread in threads):
    time.sleep(1)
    samples.append((done[0], rss()))
print(f"{total} mixed cold requests, 8 at a time, {total / (time.time() - start):.0f} req/s, "
      f"{len(failures)} not 200 {failures[:3]}")
for tenth in range(1, 11):
    reached = [sample for sample in samples if sample[0] >= total * tenth // 10] or samples[-1:]
    print(f"  after {reached[0][0]:6d} requests: RSS {reached[0][1]:6.1f} MB")
quarter = max(1, len(samples) // 4)
first = sum(v for _, v in samples[:quarter]) / quarter
last = sum(v for _, v in samples[-quarter:]) / quarter
print(f"  mean RSS first quarter {first:.1f} MB, last quarter {last:.1f} MB ({(last / first - 1) * 100:+.1f}%), "
      f"peak {max(v for _, v in samples):.1f} MB")
PY
