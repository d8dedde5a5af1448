"""Animated GIF benchmark: MediaProxy's GIF resize beside `gifsicle -j2 --resize-fit` on the same GIFs and sizes
(time in-process and through the CLI, bytes, similarity), GIF -> WebP size change, peak RSS for a long and a short
GIF, and CLI start-up. The GIFs are the corpus's animated ones plus two made here with ffmpeg like the real-world
worst cases (1000x175 with 259 full-frame changes; 472x298 with 380 frames that change small rectangles).

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
# Sections to run (resize, webp, rss, startup); all when none is named.
SECTIONS = sys.argv[5:] or ["resize", "webp", "rss", "startup"]


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


def made_gifs():
    """Two long GIFs made with ffmpeg (and gifsicle -O2 for the one of small changed rectangles)."""
    wide, boxes = os.path.join(WORK, "made-wide-259.gif"), os.path.join(WORK, "made-boxes-380.gif")
    if not os.path.exists(wide):
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=1000x175:r=25:d=10.36", "-vf",
                        "split[a][b];[a]palettegen=max_colors=200[p];[b][p]paletteuse=dither=bayer", wide], check=True)
    if not os.path.exists(boxes):
        raw = os.path.join(WORK, "made-boxes-raw.gif")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x336699:s=472x298:r=25:d=15.2",
                        "-f", "lavfi", "-i", "testsrc=s=60x40:r=25:d=15.2", "-filter_complex",
                        "[0][1]overlay=x='mod(t*40,412)':y='mod(t*25,258)',split[a][b];[a]palettegen[p];[b][p]paletteuse",
                        raw], check=True)
        subprocess.run(["gifsicle", "-O2", raw, "-o", boxes], check=True)
    return [wide, boxes]


def fit(path, size):
    image = pyvips.Image.new_from_file(path)
    return size if size else max(16, max(image.width, image.height) // 2)


def cli(path, size):
    target = os.path.join(WORK, "cli.gif")
    runs, start = 0, time.perf_counter()
    while runs < 3 or time.perf_counter() - start < 1:
        subprocess.run([CLI, "convert", path, target, f"rs:fit:{size}:{size}"], check=True, capture_output=True)
        runs += 1
    return (time.perf_counter() - start) / runs * 1000


def resize_table(gifs, size_name, fixed):
    print(f"\nGIF resize, {size_name}: ms per GIF (ours in-process with 2 threads, and `media-proxy convert`; "
          "gifsicle -j2), bytes, mean SSIM")
    print(f"{'file':28} {'source':>8} | {'ours ms':>8} {'cli ms':>7} {'bytes':>8} {'ssim':>6} | "
          f"{'gifsicle ms':>11} {'bytes':>8} {'ssim':>6}")
    totals = [0.0, 0.0, 0, 0.0, 0]
    wins = {"faster": 0, "smaller": 0, "similar": 0, "grew": 0}
    for path in gifs:
        name = os.path.basename(path)
        source_bytes = os.path.getsize(path)
        size = fit(path, fixed)
        our_ms, our_out = ours("gif-" + name, path, f"rs:fit:{size}:{size}/f:gif")
        cli_ms = cli(path, size)
        their_ms, their_out = gifsicle(path, size)
        ours_ssim, their_ssim = similarity(path, our_out), similarity(path, their_out)
        totals[0] += our_ms; totals[1] += cli_ms; totals[2] += len(our_out); totals[3] += their_ms
        totals[4] += len(their_out)
        wins["faster"] += our_ms < their_ms
        wins["smaller"] += len(our_out) <= len(their_out)
        wins["similar"] += ours_ssim >= their_ssim - 0.005
        source = pyvips.Image.new_from_file(path)
        grew = len(our_out) > source_bytes and size < max(source.width, source.height)
        wins["grew"] += grew
        print(f"{name[:28]:28} {source_bytes:8} | {our_ms:8.1f} {cli_ms:7.1f} {len(our_out):8} {ours_ssim:6.3f} | "
              f"{their_ms:11.1f} {len(their_out):8} {their_ssim:6.3f}{' (grew)' if grew else ''}")
    print(f"{'total':28} {'':8} | {totals[0]:8.1f} {totals[1]:7.1f} {totals[2]:8} {'':6} | {totals[3]:11.1f} "
          f"{totals[4]:8}")
    print(f"of {len(gifs)}: ours faster on {wins['faster']}, no larger on {wins['smaller']}, similarity within 0.005 "
          f"or better on {wins['similar']}; downscales that grew: {wins['grew']}; time ours/gifsicle "
          f"{totals[0] / totals[3]:.2f} (cli {totals[1] / totals[3]:.2f}), bytes {totals[2] / totals[4]:.2f}")


def webp_table(gifs):
    print("\nGIF -> animated WebP at the source size: size, worst frame SSIM against the composited source frame, "
          "frames and total duration kept")
    ratios = []
    for path in gifs:
        name = os.path.basename(path)
        _, webp = ours("webp-" + name, path, "f:webp")
        ratio = len(webp) / os.path.getsize(path)
        ratios.append(ratio)
        reference, produced = frames(path), frames(webp)
        worst = min(ssim(luma_on_grey(a), luma_on_grey(b)) for a, b in zip(reference, produced))
        source_info, out_info = pyvips.Image.new_from_file(path, n=-1), pyvips.Image.new_from_buffer(webp, "", n=-1)
        kept = (len(reference) == len(produced)
                and sum(source_info.get("delay")) == sum(out_info.get("delay")))
        print(f"{name[:28]:28} {os.path.getsize(path):8} -> {len(webp):8} ({ratio:5.3f}x) worst ssim {worst:.4f} "
              f"{'kept' if kept else 'FRAMES OR TIMING CHANGED'}")
    ratios.sort()
    print(f"median {statistics.median(ratios):.3f}x, largest {ratios[-1]:.3f}x")


def startup():
    tiny = os.path.join(WORK, "tiny.gif")
    subprocess.run(["gifsicle", "--resize", "4x4", os.path.join(CORPUS, "gif/cogs.gif"), "-o", tiny], check=True)
    print(f"\nStart-up (mean of 20 runs; {os.path.getsize(tiny)}-byte GIF)")
    for label, command in [("media-proxy --help", [CLI, "--help"]),
                           ("media-proxy convert tiny.gif", [CLI, "convert", tiny, os.path.join(WORK, "t.gif"),
                                                             "rs:fit:2:2"]),
                           ("gifsicle --resize 2x2 tiny.gif", ["gifsicle", "--resize", "2x2", tiny, "-o",
                                                               os.path.join(WORK, "t2.gif")])]:
        start = time.perf_counter()
        for _ in range(20):
            subprocess.run(command, check=True, capture_output=True)
        print(f"{label:34} {(time.perf_counter() - start) / 20 * 1000:6.1f} ms")


def peak_rss():
    print("\nPeak RSS, `media-proxy convert` fit 240 to GIF")
    size = 240
    nyan = os.path.join(CORPUS, "gif/nyan-cat.gif")
    for copies in (4, 42):
        long_gif = os.path.join(WORK, f"nyan-x{copies}.gif")
        subprocess.run(["gifsicle", "--merge"] + [nyan] * copies + ["-o", long_gif], check=True)
        result = subprocess.run(["/usr/bin/time", "-f", "%M", CLI, "convert", long_gif,
                                 os.path.join(WORK, f"nyan-x{copies}-out.gif"), f"rs:fit:{size}:{size}"],
                                check=True, capture_output=True, text=True)
        print(f"{copies * 12:4} frames: {int(result.stderr.strip().splitlines()[-1]) / 1024:.1f} MB")


def main():
    if "resize" in SECTIONS:
        gifs = animated_gifs() + made_gifs()
        resize_table(gifs, "half size (fit)", None)
        resize_table(gifs, "fit 240x240", 240)
    if "webp" in SECTIONS:
        webp_table(animated_gifs())
    if "rss" in SECTIONS:
        peak_rss()
    if "startup" in SECTIONS:
        startup()


main()
