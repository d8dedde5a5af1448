"""Side by side with thumbor itself: each URL asked of thumbor 7.8 (file loader on Samples/, one process) and of
MediaProxy's thumbor dialect; every URL thumbor answers must come back from MediaProxy with the same size and
type. Prints one line a URL (with the mean absolute luma difference where the sizes agree) and exits 1 on any
disagreement. Run through scripts/thumbor/compare, which starts both servers."""
import json
import sys
import urllib.error
import urllib.request

import pyvips

THUMBOR, OURS = sys.argv[1:3]
IMAGES = ["landscape.jpg", "logo.png", "rotated-exif6.jpg"]
FORMS = [
    "200x100", "300x0", "0x300", "100x100", "fit-in/200x200", "fit-in/2000x2000", "3000x0", "-200x100/left/top",
    "200x-100/right/bottom", "-150x-150", "10x20:410x320/100x100", "10x20:410x320", "300x300/smart",
    "fit-in/300x0/filters:upscale()", "3000x3000/filters:no_upscale()", "fit-in/0x100", "120x90/center/middle",
    "fit-in/200x200/filters:format(webp)", "100x0/filters:format(png)", "80x80/filters:quality(40)",
    "200x200/filters:blur(3)", "fit-in/250x250/filters:max_bytes(4000)", "200x200/filters:brightness(30)",
    "200x200/filters:contrast(20)", "200x200/filters:saturation(0.5)", "200x200/filters:grayscale()",
    "200x200/filters:rgb(20,-10,0)", "fit-in/300x300/filters:fill(ff0000)", "fit-in/300x300/filters:fill(blue)",
    "200x200/filters:proportion(0.5)", "300x200/filters:stretch()",
    "300x300/filters:watermark(logo.png,10,-10,50,20)", "300x300/filters:watermark(logo.png,center,repeat,0,10,10)",
    "full-fit-in/200x200", "full-fit-in/3000x100", "adaptive-fit-in/100x300", "adaptive-full-fit-in/300x100",
    "trim/200x0", "trim:bottom-right:30/fit-in/300x300", "origx100", "200xorig", "fit-in/origx100",
    "200x200/filters:focal(100x100:300x300)", "300x100/filters:focal(0x0:50x50)",
    "300x200/filters:round_corner(30,255,0,0)", "300x200/filters:round_corner(20|40,0,0,0,1):format(png)",
    "300x200/filters:rotate(90)", "300x200/filters:rotate(270)", "300x200/filters:rotate(180)",
    "fit-in/300x300/filters:fill(blur)", "fit-in/300x300/filters:fill(auto)", "200x200/filters:sharpen(2,1,true)",
]

# thumbor's meta JSON: the sizes and the kinds of operation, in order, must agree (crop offsets are shown).
META_FORMS = ["200x100", "300x0", "fit-in/200x200", "-200x100/left/top", "10x20:410x320/100x100", "full-fit-in/200x200",
              "120x90/center/middle", "3000x0", "origx100", "fit-in/300x300/filters:rotate(90)"]


def fetch_meta(base, path):
    try:
        return json.loads(urllib.request.urlopen(base + path, timeout=30).read())["thumbor"]
    except urllib.error.HTTPError as error:
        return error.code


def compare_meta():
    failures = 0
    for image in IMAGES:
        for form in META_FORMS:
            path = f"/unsafe/meta/{form}/{image}"
            theirs, ours = fetch_meta(THUMBOR, path), fetch_meta(OURS, path)
            if isinstance(ours, int) or isinstance(theirs, int):
                print(f"{path:60} thumbor {theirs} ours {ours}  DIFFERENT")
                failures += 1
                continue
            operations = lambda meta: ",".join(op["type"] for op in meta["operations"])
            same = all(theirs[part][key] == ours[part][key] for part, key in
                       [("source", "width"), ("source", "height"), ("source", "url"), ("source", "frameCount"),
                        ("target", "width"), ("target", "height")]) and operations(theirs) == operations(ours)
            print(f"{path:60} target thumbor {theirs['target']['width']}x{theirs['target']['height']} "
                  f"ours {ours['target']['width']}x{ours['target']['height']} {'same' if same else 'DIFFERENT'} "
                  f"(operations: thumbor {operations(theirs)}; ours {operations(ours)})")
            failures += not same
    return failures


def fetch(base, path):
    try:
        body = urllib.request.urlopen(base + path, timeout=30).read()
        return pyvips.Image.new_from_buffer(body, ""), body[:4]
    except urllib.error.HTTPError as error:
        return None, error.code


def main():
    failures = answered = 0
    for image in IMAGES:
        for form in FORMS:
            path = f"/unsafe/{form}/{image}"
            theirs, their_head = fetch(THUMBOR, path)
            if theirs is None:
                print(f"{path:60} thumbor {their_head} (not compared)")
                continue
            answered += 1
            ours, our_head = fetch(OURS, path)
            if ours is None:
                print(f"{path:60} thumbor {theirs.width}x{theirs.height}, ours HTTP {our_head}  DIFFERENT")
                failures += 1
                continue
            same = (theirs.width, theirs.height) == (ours.width, ours.height) and their_head[:3] == our_head[:3]
            note = ""
            if same and theirs.bands >= 3 and ours.bands >= 3:
                a = theirs.flatten().colourspace("b-w")[0].cast("float") if theirs.hasalpha() else theirs.colourspace("b-w")[0].cast("float")
                b = ours.flatten().colourspace("b-w")[0].cast("float") if ours.hasalpha() else ours.colourspace("b-w")[0].cast("float")
                note = f"mean difference {(a - b).abs().avg():.1f}"
            print(f"{path:60} thumbor {theirs.width}x{theirs.height} ours {ours.width}x{ours.height} "
                  f"{'same' if same else 'DIFFERENT'} {note}")
            failures += not same
    meta_failures = compare_meta()
    metas = len(IMAGES) * len(META_FORMS)
    print(f"{answered} URLs answered by thumbor, {answered - failures} alike, {failures} different; "
          f"meta: {metas - meta_failures} of {metas} alike")
    sys.exit(1 if failures or meta_failures else 0)


main()
