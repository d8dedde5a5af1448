"""Similarity of answers to one source: luma SSIM and PSNR against a full-decode Lanczos3 rendering at each
answer's size (the same measure as Benchmarks/peers.py).
    python3 Benchmarks/similarity.py SOURCE ANSWER...
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import similarity, to_array  # noqa: E402

source = open(sys.argv[1], "rb").read()
for path in sys.argv[2:]:
    answer = open(path, "rb").read()
    psnr, score = similarity(answer, source)
    shape = to_array(answer).shape
    print(f"    {os.path.basename(path):34} {shape[1]}x{shape[0]}  SSIM {score:.4f}  PSNR {psnr:5.2f} dB  {len(answer)} bytes")
