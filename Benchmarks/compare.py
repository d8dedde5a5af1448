#!/usr/bin/env python3
"""The peer benchmark (run through Benchmarks/compare.sh, which installs and builds what it needs).

In one run, on the same inputs and sizes: MediaProxy cold (caches off) and cached (result-cache hits) beside thumbor
(one single-process instance per core, each loaded by its own wrk), libvips thumbnail_buffer and Pillow with draft
in-process, gifsicle for the GIF case, and nginx serving the cached answer's bytes. Each server is loaded by one
`wrk -t1` per core (per thumbor instance), the connections shared among them; requests per second are summed and
latency percentiles are the worst of the wrk processes. Similarity is luma SSIM against a full-decode Lanczos3
rendering at the answer's size (mean over frames for GIF). Peak RSS is each server's VmHWM (thumbor and nginx: all
their processes together; gifsicle: the largest single run).

Writes OUT/peers.md (the table), OUT/peers.json (every figure), OUT/peers-throughput.png and OUT/peers-latency.png.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

import matplotlib
import numpy as np
import pyvips

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import pillow_draft, rate, similarity, ssim, vips_thumbnail  # noqa: E402

CORES = os.cpu_count() or 1
OURS_COLD, OURS_CACHED, NGINX, THUMBOR = 18101, 18102, 18103, 18110

# name: (source file, ours, thumbor, box, format)
CASES = {
    "6 MP JPEG -> JPEG 300": ("photo.jpg", "/unsafe/rs:fit:300:300/q:80/plain/local:///photo.jpg@jpg",
                              "/unsafe/fit-in/300x300/filters:quality(80)/photo.jpg", 300, "jpg"),
    "6 MP JPEG -> WebP 300": ("photo.jpg", "/unsafe/rs:fit:300:300/q:79/plain/local:///photo.jpg@webp",
                              "/unsafe/fit-in/300x300/filters:quality(79):format(webp)/photo.jpg", 300, "webp"),
    "36 MP JPEG -> JPEG 300": ("photo36.jpg", "/unsafe/rs:fit:300:300/q:80/plain/local:///photo36.jpg@jpg",
                               "/unsafe/fit-in/300x300/filters:quality(80)/photo36.jpg", 300, "jpg"),
    "alpha PNG -> WebP 300": ("alpha.png", "/unsafe/rs:fit:300:300/q:79/plain/local:///alpha.png@webp",
                              "/unsafe/fit-in/300x300/filters:quality(79):format(webp)/alpha.png", 300, "webp"),
    "animated GIF -> GIF 250": ("nyan.gif", "/unsafe/rs:fit:250:250/plain/local:///nyan.gif@gif",
                                "/unsafe/fit-in/250x250/nyan.gif", 250, "gif"),
}
SWEPT = "6 MP JPEG -> JPEG 300"


STARTED = []  # the servers this run started, stopped on any exit


def start(command, log):
    process = subprocess.Popen(command, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    STARTED.append(process)
    return process


def wait_until_up(url):
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"compare.py: {url} never answered")


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read()


def peak_rss_kb(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            total += next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return total


def children(pid):
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except FileNotFoundError:
        return []


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load(urls, connections, seconds):
    """wrk -t1 against each URL at once (the connections shared among them); summed req/s, worst percentiles."""
    urls = urls[:connections]
    shares = [connections // len(urls) + (1 if i < connections % len(urls) else 0) for i in range(len(urls))]
    runs = [subprocess.Popen(["wrk", "-t1", f"-c{share}", f"-d{seconds}s", "--latency", "--timeout", "30s", url],
                             stdout=subprocess.PIPE, text=True) for url, share in zip(urls, shares)]
    outputs = [run.communicate()[0] for run in runs]
    figures = {"rps": 0.0, "p50": 0.0, "p90": 0.0, "p99": 0.0, "errors": 0}
    for out in outputs:
        figures["rps"] += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        for percentile in (50, 90, 99):
            value = milliseconds(re.search(rf"\n\s+{percentile}%\s+(\S+)", out).group(1))
            figures[f"p{percentile}"] = max(figures[f"p{percentile}"], value)
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        figures["errors"] += (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return figures


def gif_frames(data, width=None, height=None):
    image = pyvips.Image.new_from_buffer(data, "", n=-1)
    pages = image.get("n-pages") if image.get_typeof("n-pages") else 1
    page = image.get("page-height") if image.get_typeof("page-height") else image.height
    frames = []
    for index in range(pages):
        frame = image.crop(0, index * page, image.width, page)
        if frame.bands == 4:
            frame = frame.flatten(background=[128, 128, 128])
        if width:
            frame = frame.resize(width / frame.width, vscale=height / frame.height, kernel="lanczos3")
        frames.append(np.ndarray(buffer=frame.write_to_memory(), dtype=np.uint8,
                                 shape=[frame.height, frame.width, frame.bands]).astype(np.float64))
    return frames


def gif_similarity(answer, source):
    produced = gif_frames(answer)
    reference = gif_frames(source, produced[0].shape[1], produced[0].shape[0])
    if len(produced) != len(reference):
        return float("nan")
    return float(np.mean([ssim(a, b) for a, b in zip(produced, reference)]))


def score(answer, source, fmt):
    return gif_similarity(answer, source) if fmt == "gif" else similarity(answer, source)[1]


def gifsicle_loop(path, box, seconds):
    """`gifsicle --resize-fit` as a command per request, one loop per core: ops/s and latency percentiles."""
    latencies, lock = [], threading.Lock()
    end = time.monotonic() + seconds

    def worker():
        mine = []
        while time.monotonic() < end:
            begin = time.monotonic()
            subprocess.run(["gifsicle", "--resize-fit", f"{box}x{box}", path], stdout=subprocess.DEVNULL, check=True)
            mine.append((time.monotonic() - begin) * 1000)
        with lock:
            latencies.extend(mine)

    begin = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(CORES)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - begin
    return {"rps": len(latencies) / elapsed, "p50": float(np.percentile(latencies, 50)),
            "p90": float(np.percentile(latencies, 90)), "p99": float(np.percentile(latencies, 99)), "errors": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--media-proxy", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--concurrency", default="1,2,4,8,16,32")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    single = 4 * CORES
    images = os.path.join(args.work, "images")
    answers = os.path.join(args.work, "answers")
    os.makedirs(answers, exist_ok=True)

    serve = [args.media_proxy, "serve", "--local-root", images, "--workers", str(CORES), "--queue", "1024",
             "--log-level", "error"]
    cold = start(serve + ["--port", str(OURS_COLD), "--no-cache"], f"{args.work}/cold.log")
    cached = start(serve + ["--port", str(OURS_CACHED), "--cache-dir", f"{args.work}/cache"], f"{args.work}/cached.log")
    with open(f"{args.work}/thumbor.conf", "w") as conf:
        conf.write(f"LOADER = 'thumbor.loaders.file_loader'\nFILE_LOADER_ROOT_PATH = '{images}'\n"
                   "STORAGE = 'thumbor.storages.no_storage'\nRESULT_STORAGE = None\nALLOW_UNSAFE_URL = True\n"
                   "QUALITY = 80\nUSE_GIFSICLE_ENGINE = True\n")
    thumbors = [start(["thumbor", "--port", str(THUMBOR + i), "--conf", f"{args.work}/thumbor.conf", "--processes", "1",
                       "-l", "error"], f"{args.work}/thumbor-{i}.log") for i in range(CORES)]
    ours_cold = f"http://127.0.0.1:{OURS_COLD}"
    ours_cached = f"http://127.0.0.1:{OURS_CACHED}"
    thumbor_urls = [f"http://127.0.0.1:{THUMBOR + i}" for i in range(CORES)]
    for url in [ours_cold + "/health", ours_cached + "/health"] + [u + "/healthcheck" for u in thumbor_urls]:
        wait_until_up(url)

    results = []  # one row per (case, server, concurrency)

    def row(case, server, concurrency, figures, answer, source, fmt, rss):
        entry = dict(case=case, server=server, concurrency=concurrency, bytes=len(answer),
                     ssim=score(answer, source, fmt), rss_mb=rss, **figures)
        results.append(entry)
        print(f"{case:24} {server:22} c={concurrency:<3} {entry['rps']:8.1f} req/s  p50 {entry['p50']:7.1f} ms  "
              f"p99 {entry['p99']:7.1f} ms  {entry['bytes']:7d} B  SSIM {entry['ssim']:.3f}"
              + (f"  {entry['errors']} errors" if entry["errors"] else ""), flush=True)

    # Servers, cold: every case at 4 connections per core; the main case over every concurrency level.
    for case, (name, ours, theirs, box, fmt) in CASES.items():
        source = open(os.path.join(images, name), "rb").read()
        mine, other = fetch(ours_cold + ours), fetch(thumbor_urls[0] + theirs)
        load([ours_cold + ours] * CORES, CORES, 2)
        load([url + theirs for url in thumbor_urls], CORES, 2)
        for concurrency in (levels if case == SWEPT else [single]):
            row(case, "mediaproxy", concurrency, load([ours_cold + ours] * CORES, concurrency, args.seconds),
                mine, source, fmt, None)
            row(case, "thumbor", concurrency, load([url + theirs for url in thumbor_urls], concurrency, args.seconds),
                other, source, fmt, None)
        if fmt == "gif":
            run = subprocess.Popen(["gifsicle", "--resize-fit", f"{box}x{box}", os.path.join(images, name)],
                                   stdout=subprocess.PIPE)
            output = run.stdout.read()
            _, _, usage = os.wait4(run.pid, 0)
            figures = gifsicle_loop(os.path.join(images, name), box, args.seconds)
            row(case, "gifsicle (command)", CORES, figures, output, source, fmt, usage.ru_maxrss / 1024)
        else:
            for label, function in (("libvips (in-process)", vips_thumbnail), ("Pillow draft (in-process)", pillow_draft)):
                output = function(source, box, box, fmt)
                ops = rate(function, source, box, box, fmt, CORES, args.seconds)
                row(case, label, CORES, {"rps": ops, "p50": float("nan"), "p90": float("nan"), "p99": float("nan"),
                                         "errors": 0}, output, source, fmt, None)
    cold_rss = peak_rss_kb([cold.pid]) / 1024
    thumbor_rss = peak_rss_kb([t.pid for t in thumbors] + [c for t in thumbors for c in children(t.pid)]) / 1024
    for entry in results:
        if entry["server"] == "mediaproxy":
            entry["rss_mb"] = cold_rss
        elif entry["server"] == "thumbor":
            entry["rss_mb"] = thumbor_rss

    # Cached: MediaProxy's result-cache hits beside nginx serving the same bytes as a static file.
    name, ours, _, box, fmt = CASES[SWEPT]
    source = open(os.path.join(images, name), "rb").read()
    hit = fetch(ours_cached + ours)
    www = os.path.join(args.work, "www")
    os.makedirs(www, exist_ok=True)
    open(os.path.join(www, "variant.jpg"), "wb").write(hit)
    with open(f"{args.work}/nginx.conf", "w") as conf:
        conf.write(f"worker_processes {CORES};\npid {args.work}/nginx.pid;\nerror_log {args.work}/nginx-error.log;\n"
                   "events { worker_connections 4096; }\nhttp { access_log off; sendfile on; server {\n"
                   f"listen 127.0.0.1:{NGINX}; root {www};\n"
                   "location / { add_header Cache-Control \"public, max-age=31536000\"; } } }\n")
    subprocess.run(["/usr/sbin/nginx", "-c", f"{args.work}/nginx.conf"], check=True)
    wait_until_up(f"http://127.0.0.1:{NGINX}/variant.jpg")
    nginx_url = f"http://127.0.0.1:{NGINX}/variant.jpg"
    load([ours_cached + ours] * CORES, CORES, 2)
    load([nginx_url] * CORES, CORES, 2)
    cached_case = "cached 6 MP -> JPEG 300"
    for concurrency in levels:
        row(cached_case, "mediaproxy (cache hit)", concurrency,
            load([ours_cached + ours] * CORES, concurrency, args.seconds), hit, source, fmt, None)
        row(cached_case, "nginx (static file)", concurrency, load([nginx_url] * CORES, concurrency, args.seconds),
            hit, source, fmt, None)
    nginx_pid = int(open(f"{args.work}/nginx.pid").read())
    cached_rss = peak_rss_kb([cached.pid]) / 1024
    nginx_rss = peak_rss_kb([nginx_pid] + children(nginx_pid)) / 1024
    for entry in results:
        if entry["server"] == "mediaproxy (cache hit)":
            entry["rss_mb"] = cached_rss
        elif entry["server"] == "nginx (static file)":
            entry["rss_mb"] = nginx_rss

    write_table(results, args, single)
    plot(results, args.out, levels)


def write_table(results, args, single):
    ours_rate = {(e["case"], e["concurrency"]): e["rps"] for e in results if e["server"].startswith("mediaproxy")}
    lines = [f"Run on {time.strftime('%Y-%m-%d')}, {CORES} cores, `Benchmarks/compare.sh {args.seconds} {args.concurrency}`;"
             f" servers at {single} connections unless a concurrency sweep. Ratio: MediaProxy's req/s over the row's.",
             "", "| case | server | conc. | req/s | p50 ms | p99 ms | bytes | SSIM | peak RSS MB | MediaProxy / this |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for e in results:
        mine = ours_rate.get((e["case"], e["concurrency"]))
        if mine is None:  # in-process peers and gifsicle run at one thread per core: compare with our 4-per-core row
            mine = ours_rate.get((e["case"], single))
        ratio = "" if e["server"].startswith("mediaproxy") or not mine else f"{mine / e['rps']:.2f}x"
        latency = (lambda v: "" if v != v else f"{v:.1f}")
        rss = "" if e["rss_mb"] is None else f"{e['rss_mb']:.0f}"
        errors = f" ({e['errors']} errors)" if e["errors"] else ""
        lines.append(f"| {e['case']} | {e['server']}{errors} | {e['concurrency']} | {e['rps']:.1f} | {latency(e['p50'])} | "
                     f"{latency(e['p99'])} | {e['bytes']} | {e['ssim']:.3f} | {rss} | {ratio} |")
    table = "\n".join(lines) + "\n"
    open(os.path.join(args.out, "peers.md"), "w").write(table)
    json.dump(results, open(os.path.join(args.out, "peers.json"), "w"), indent=1)
    print()
    print(table)


def plot(results, out, levels):
    def series(case, server, key):
        points = {e["concurrency"]: e[key] for e in results if e["case"] == case and e["server"] == server}
        return [points.get(level, float("nan")) for level in levels]

    panels = [(SWEPT + " (cold)", SWEPT, ["mediaproxy", "thumbor"]),
              ("cached 6 MP -> JPEG 300", "cached 6 MP -> JPEG 300", ["mediaproxy (cache hit)", "nginx (static file)"])]
    figure, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for axis, (title, case, servers) in zip(axes, panels):
        for server in servers:
            axis.plot(levels, series(case, server, "rps"), marker="o", label=server)
        axis.set(title=title, xlabel="concurrent connections", ylabel="requests per second", xscale="log")
        axis.set_xticks(levels, [str(level) for level in levels])
        axis.set_ylim(bottom=0)
        axis.grid(alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(os.path.join(out, "peers-throughput.png"), dpi=110)

    figure, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for axis, (title, case, servers) in zip(axes, panels):
        for server, colour in zip(servers, ["tab:blue", "tab:orange"]):
            axis.plot(levels, series(case, server, "p50"), marker="o", color=colour, label=f"{server} p50")
            axis.plot(levels, series(case, server, "p99"), marker="^", linestyle="--", color=colour,
                      label=f"{server} p99")
        axis.set(title=title, xlabel="concurrent connections", ylabel="latency (ms)", xscale="log", yscale="log")
        axis.set_xticks(levels, [str(level) for level in levels])
        axis.grid(alpha=0.3, which="both")
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(os.path.join(out, "peers-latency.png"), dpi=110)


if __name__ == "__main__":
    try:
        main()
    finally:  # never leave a server behind on the benchmark's ports, whatever failed (nginx: compare.sh)
        for started in STARTED:
            started.terminate()
