#!/usr/bin/env python3
"""Peers for the pipeline benchmark, in the same run: libvips thumbnail_buffer (pyvips, concurrency 1, cache off)
and Pillow with draft() (what thumbor uses). Then similarity of every output (ours included) to a full-decode
Lanczos reference at the same size.

usage: peers.py --threads N --seconds S --out DIR NAME=FILE=WIDTHxHEIGHT=FORMAT ...
"""
import argparse
import io
import os
import threading
import time

import numpy as np
import pyvips
from PIL import Image

pyvips.cache_set_max(0)
pyvips.concurrency_set(1)


def vips_thumbnail(data, width, height, fmt):
    image = pyvips.Image.thumbnail_buffer(data, width, height=height)
    if fmt == "jpg":
        return image.jpegsave_buffer(Q=80, strip=True, optimize_coding=True)
    return image.webpsave_buffer(Q=79, strip=True)


def pillow_draft(data, width, height, fmt):
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (width, height))
    image.thumbnail((width, height), Image.LANCZOS)
    out = io.BytesIO()
    if fmt == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=80, optimize=True)
    else:
        image.save(out, "WEBP", quality=79)
    return out.getvalue()


def rate(function, data, width, height, fmt, threads, seconds):
    count = [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def worker():
        done = 0
        while time.monotonic() < end:
            function(data, width, height, fmt)
            done += 1
        with lock:
            count[0] += done

    start = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return count[0] / (time.monotonic() - start)


def to_array(data):
    image = pyvips.Image.new_from_buffer(data, "")
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    image = image.colourspace("srgb")
    return np.ndarray(buffer=image.write_to_memory(), dtype=np.uint8,
                      shape=[image.height, image.width, image.bands]).astype(np.float64)


def reference(data, width, height):
    """Full decode (no shrink-on-load), colour to sRGB, flatten, one Lanczos3 resize to exactly width x height."""
    image = pyvips.Image.new_from_buffer(data, "").autorot()
    if image.get_typeof("icc-profile-data"):
        image = image.icc_transform("srgb")
    image = image.colourspace("srgb")
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    image = image.resize(width / image.width, vscale=height / image.height, kernel="lanczos3")
    return np.ndarray(buffer=image.write_to_memory(), dtype=np.uint8,
                      shape=[image.height, image.width, image.bands]).astype(np.float64)


def ssim(a, b):
    """Mean SSIM on luma over 8x8 windows (stride 4)."""
    def luma(x):
        return 0.299 * x[..., 0] + 0.587 * x[..., 1] + 0.114 * x[..., 2]
    a, b = luma(a), luma(b)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    scores = []
    for y in range(0, a.shape[0] - 7, 4):
        for x in range(0, a.shape[1] - 7, 4):
            wa, wb = a[y:y + 8, x:x + 8], b[y:y + 8, x:x + 8]
            ma, mb = wa.mean(), wb.mean()
            va, vb = wa.var(), wb.var()
            cov = ((wa - ma) * (wb - mb)).mean()
            scores.append(((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2)))
    return float(np.mean(scores))


def similarity(output, source):
    ours = to_array(output)
    ref = reference(source, ours.shape[1], ours.shape[0])
    mse = float(np.mean((ours[..., :3] - ref[..., :3]) ** 2))
    psnr = 99.0 if mse == 0 else 10 * np.log10(255 ** 2 / mse)
    return psnr, ssim(ours, ref)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--out", default="bench-out")
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    for spec in args.cases:
        name, path, size, fmt = spec.split("=")
        width, height = (int(v) for v in size.split("x"))
        data = open(path, "rb").read()
        ours_path = os.path.join(args.out, f"{name}.{fmt}")
        ours = open(ours_path, "rb").read()
        psnr, score = similarity(ours, data)
        print(f"{name:16} mediaproxy  similarity PSNR {psnr:5.2f} dB  SSIM {score:.4f}  {len(ours)} bytes")
        for label, function in (("libvips", vips_thumbnail), ("pillow", pillow_draft)):
            try:
                output = function(data, width, height, fmt)
            except Exception as error:  # Pillow cannot read every format
                print(f"{name:16} {label:10}  failed: {error}")
                continue
            ops = rate(function, data, width, height, fmt, args.threads, args.seconds)
            psnr, score = similarity(output, data)
            print(f"{name:16} {label:10}  {ops:7.1f} ops/s  similarity PSNR {psnr:5.2f} dB  SSIM {score:.4f}  "
                  f"{len(output)} bytes")


if __name__ == "__main__":
    main()
