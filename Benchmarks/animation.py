"""Animated GIF benchmark: MediaProxy's GIF resize beside `gifsicle -j2 --resize-fit` on the same corpus GIFs and
sizes (time, bytes, similarity), GIF -> WebP size change, and peak RSS for a long and a short GIF.

Similarity: mean SSIM over frames (luma, composited on grey) against a reference made independently: libvips
composites the source frames (gifload n=-1) and resizes each with Lanczos3.
Run through Benchmarks/animation.sh, which builds the release binaries.
"""
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pyvips

BENCH, CLI, CORPUS, WORK = sys.argv[1:5]


def target(path):
    """Half the larger side (at least 16): every GIF is resized, by both tools."""
    image = pyvips.Image.new_from_file(path)
    return max(16, max(image.width, image.height) // 2)


def frames(path_or_bytes):
    image = (pyvips.Image.new_from_file(path_or_bytes, n=-1, access="sequential")
             if isinstance(path_or_bytes, str) else pyvips.Image.new_from_buffer(path_or_bytes, "", n=-1))
    pages = image.get("n-pages") if image.get_typeof("n-pages") else 1
    height = image.get("page-height") if image.get_typeof("page-height") else image.height
    if image.bands == 3:
        image = image.bandjoin(255)
    return [image.crop(0, i * height, image.width, height) for i in range(pages)]


def luma_on_grey(image):
    rgb = image.premultiply().cast("float")
    alpha = image[3].cast("float") / 255.0
    colour = rgb[0:3] + (1 - alpha) * 128
    array = np.ndarray(buffer=colour.write_to_memory(), dtype=np.float32,
                       shape=(image.height, image.width, 3))
    return array @ np.array([0.299, 0.587, 0.114], dtype=np.float32)


def box(values, radius=3):
    padded = np.pad(values, radius, mode="edge").cumsum(0).cumsum(1)
    padded = np.pad(padded, ((1, 0), (1, 0)))
    size = 2 * radius + 1
    total = (padded[size:, size:] - padded[:-size, size:] - padded[size:, :-size] + padded[:-size, :-size])
    return total / (size * size)


def ssim(a, b):
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    ma, mb = box(a), box(b)
    va, vb, cov = box(a * a) - ma * ma, box(b * b) - mb * mb, box(a * b) - ma * mb
    return float((((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))).mean())


def similarity(source, output_bytes):
    reference = frames(source)
    produced = frames(output_bytes)
    if len(reference) != len(produced):
        return float("nan")
    scores = []
    for ref, out in zip(reference, produced):
        scaled = ref.premultiply().resize(out.width / ref.width, vscale=out.height / ref.height,
                                          kernel="lanczos3").unpremultiply().cast("uchar")
        scaled = scaled.crop(0, 0, min(scaled.width, out.width), min(scaled.height, out.height))
        out = out.crop(0, 0, scaled.width, scaled.height)
        scores.append(ssim(luma_on_grey(scaled), luma_on_grey(out)))
    return statistics.mean(scores)


def ours(name, path, options):
    env = dict(os.environ, BENCH_PARALLELISM="2")
    out = subprocess.run([BENCH, "--threads", "1", "--seconds", "1", "--out", WORK, f"{name}={path}={options}"],
                         env=env, check=True, capture_output=True, text=True).stdout
    rate = float(out.split("mediaproxy")[1].split("ops/s")[0])
    extension = options.rsplit("f:", 1)[1]
    with open(os.path.join(WORK, f"{name}.{extension}"), "rb") as handle:
        return 1000 / rate, handle.read()


def gifsicle(path, size):
    target = os.path.join(WORK, "gifsicle.gif")
    command = ["gifsicle", "-j2", "--resize-fit", f"{size}x{size}", path, "-o", target]
    runs, start = 0, time.perf_counter()
    while runs < 3 or time.perf_counter() - start < 1:
        subprocess.run(command, check=True, capture_output=True)
        runs += 1
    elapsed = (time.perf_counter() - start) / runs * 1000
    with open(target, "rb") as handle:
        return elapsed, handle.read()


def animated_gifs():
    rows = [line.split("\t") for line in open(os.path.join(CORPUS, "MANIFEST.tsv")).read().splitlines()[1:]]
    return [os.path.join(CORPUS, row[0]) for row in rows
            if row[0].startswith("gif/") and row[7].isdigit() and int(row[7]) > 1]


def main():
    gifs = animated_gifs()
    print(f"GIF resize to half size (fit): ms per GIF (ours in-process, 2 threads per job; gifsicle -j2 per process),"
          " bytes, mean SSIM")
    print(f"{'file':24} {'source':>8} | {'ours ms':>8} {'bytes':>8} {'ssim':>6} | {'gifsicle ms':>11} {'bytes':>8} {'ssim':>6}")
    totals = [0.0, 0, 0.0, 0]
    wins = {"faster": 0, "smaller": 0, "similar": 0}
    for path in gifs:
        name = os.path.basename(path)
        source_bytes = os.path.getsize(path)
        size = target(path)
        our_ms, our_out = ours("gif-" + name, path, f"rs:fit:{size}:{size}/f:gif")
        their_ms, their_out = gifsicle(path, size)
        ours_ssim, their_ssim = similarity(path, our_out), similarity(path, their_out)
        totals[0] += our_ms; totals[1] += len(our_out); totals[2] += their_ms; totals[3] += len(their_out)
        wins["faster"] += our_ms < their_ms
        wins["smaller"] += len(our_out) <= len(their_out)
        wins["similar"] += ours_ssim >= their_ssim - 0.005
        grew = " (grew)" if len(our_out) > source_bytes else ""
        print(f"{name:24} {source_bytes:8} | {our_ms:8.1f} {len(our_out):8} {ours_ssim:6.3f} | "
              f"{their_ms:11.1f} {len(their_out):8} {their_ssim:6.3f}{grew}")
    print(f"{'total':24} {'':8} | {totals[0]:8.1f} {totals[1]:8} {'':6} | {totals[2]:11.1f} {totals[3]:8}")
    print(f"of {len(gifs)}: ours faster on {wins['faster']}, no larger on {wins['smaller']}, "
          f"similarity within 0.005 or better on {wins['similar']}")

    print("\nGIF -> animated WebP at the source size: size change and similarity")
    changes = []
    for path in gifs:
        name = os.path.basename(path)
        _, webp = ours("webp-" + name, path, "f:webp")
        change = len(webp) / os.path.getsize(path) - 1
        changes.append(change)
        print(f"{name:24} {os.path.getsize(path):8} -> {len(webp):8} ({change * 100:+6.1f}%) ssim {similarity(path, webp):.3f}")
    changes.sort()
    p95 = changes[min(len(changes) - 1, int(round(0.95 * (len(changes) - 1))))]
    print(f"median {statistics.median(changes) * 100:+.1f}%, p95 {p95 * 100:+.1f}%")

    print("\nPeak RSS, `media-proxy convert` fit 240 to GIF")
    SIZE = 240
    nyan = os.path.join(CORPUS, "gif/nyan-cat.gif")
    for copies in (4, 42):
        long_gif = os.path.join(WORK, f"nyan-x{copies}.gif")
        subprocess.run(["gifsicle", "--merge"] + [nyan] * copies + ["-o", long_gif], check=True)
        result = subprocess.run(["/usr/bin/time", "-f", "%M", CLI, "convert", long_gif,
                                 os.path.join(WORK, f"nyan-x{copies}-out.gif"), f"rs:fit:{SIZE}:{SIZE}"],
                                check=True, capture_output=True, text=True)
        print(f"{copies * 12:4} frames: {int(result.stderr.strip().splitlines()[-1]) / 1024:.1f} MB")


main()
