#!/usr/bin/env python3
"""Makes the bundled sample images (all synthetic, made for this repository; public domain).

Needs numpy, the `vips` command (libvips-tools) and `ffmpeg` (its synthetic testsrc2 pattern makes the animated GIF,
the APNG and the video). Run from the repository root: python3 scripts/make-samples.py
"""
import os
import struct
import subprocess
import tempfile

import numpy as np

OUT = "Samples"


def ppm(path, rgb):
    height, width, _ = rgb.shape
    with open(path, "wb") as handle:
        handle.write(b"P6\n%d %d\n255\n" % (width, height))
        handle.write(rgb.astype(np.uint8).tobytes())


def pgm(path, grey):
    height, width = grey.shape
    with open(path, "wb") as handle:
        handle.write(b"P5\n%d %d\n255\n" % (width, height))
        handle.write(grey.astype(np.uint8).tobytes())


def landscape(width, height):
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    sky = np.stack([80 + 100 * y / height, 140 + 80 * y / height, 230 - 40 * y / height], axis=-1)
    hills = (y > height * 0.55 + 60 * np.sin(x / width * 7)).astype(np.float64)[..., None]
    grass = np.stack([40 + 30 * np.sin(x / 13) ** 2, 150 + 40 * np.cos(y / 17) ** 2, 50 + 0 * x], axis=-1)
    image = sky * (1 - hills) + grass * hills
    sun = ((x - width * 0.75) ** 2 + (y - height * 0.25) ** 2) < (height * 0.1) ** 2
    image[sun] = [255, 215, 60]
    return np.clip(image, 0, 255)


def exif_orientation(value):
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, value, 0) + struct.pack(">I", 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scene = landscape(1600, 1067)
        ppm(f"{scratch}/scene.ppm", scene)
        subprocess.run(["vips", "copy", f"{scratch}/scene.ppm", f"{OUT}/landscape.jpg[Q=85,strip]"], check=True)

        # Stored rotated 90 degrees counter-clockwise with EXIF orientation 6: displays upright.
        portrait = np.rot90(landscape(800, 600), k=1)
        ppm(f"{scratch}/portrait.ppm", portrait)
        subprocess.run(["vips", "copy", f"{scratch}/portrait.ppm", f"{scratch}/portrait.jpg[Q=85,strip]"], check=True)
        data = open(f"{scratch}/portrait.jpg", "rb").read()
        open(f"{OUT}/rotated-exif6.jpg", "wb").write(data[:2] + exif_orientation(6) + data[2:])

        size = 512
        y, x = np.mgrid[0:size, 0:size].astype(np.float64)
        radius = np.sqrt((x - size / 2) ** 2 + (y - size / 2) ** 2)
        alpha = np.clip((size * 0.45 - radius) * 4, 0, 255)
        colour = np.stack([255 * x / size, 120 + 0 * x, 255 * (1 - y / size)], axis=-1)
        ppm(f"{scratch}/logo.ppm", colour)
        pgm(f"{scratch}/logo.pgm", alpha)
        subprocess.run(["vips", "bandjoin", f"{scratch}/logo.ppm {scratch}/logo.pgm", f"{OUT}/logo.png"], check=True)
        subprocess.run(["vips", "copy", f"{OUT}/logo.png", f"{OUT}/logo.webp[Q=80,strip]"], check=True)
        subprocess.run(["vips", "copy", f"{OUT}/logo.png", f"{OUT}/logo.jxl[Q=80,effort=4,strip]"], check=True)

    # A 2-second animation (20 frames, 10 fps) and a 2-second H.264 clip of FFmpeg's synthetic test pattern.
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=200x120:rate=10:duration=2",
                    "-vf", "split[a][b];[a]palettegen=max_colors=64[p];[b][p]paletteuse=dither=none",
                    f"{OUT}/pattern.gif"], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", f"{OUT}/clip.mp4"], check=True)
    # An animated PNG (12 frames, 12 fps, looping): the test pattern with a translucent edge, FFmpeg's APNG encoder.
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=12:duration=1",
                    "-vf", "format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,8),96,255)'",
                    "-plays", "0", "-f", "apng", f"{OUT}/pattern-apng.png"], check=True)

    with open(f"{OUT}/badge.svg", "w") as handle:
        handle.write(
            '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">\n'
            '  <rect x="4" y="4" width="232" height="112" rx="24" fill="#2b6cb0"/>\n'
            '  <circle cx="60" cy="60" r="36" fill="#f6e05e"/>\n'
            '  <path d="M110 40 h100 v12 h-100 z M110 68 h70 v12 h-70 z" fill="#ffffff"/>\n'
            "</svg>\n"
        )


if __name__ == "__main__":
    main()
