"""Drives the playground page in headless Chromium (the system's, through Playwright): the page loads with no
console errors; choosing a sample and a width shows an answer of that width; changing the format changes the
answer's type; both dialects' URLs are shown. Exits 1 on any failure. Optionally saves a screenshot."""
import sys

from playwright.sync_api import sync_playwright

URL = sys.argv[1]
SCREENSHOT = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def rendered(page, previous):
    """Waits for a newer answer than `previous` to be shown; returns its generation."""
    page.wait_for_function(f"Number(document.body.dataset.rendered || 0) > {previous}", timeout=30000)
    return int(page.evaluate("document.body.dataset.rendered"))


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.goto(URL)
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30000)
    samples = page.eval_on_selector_all("#sample option", "options => options.map(o => o.value)")
    check("landscape.jpg" in samples and "pattern.gif" in samples, f"the samples are listed ({len(samples)})")
    generation = rendered(page, 0)

    page.select_option("#sample", "landscape.jpg")
    page.fill("#width", "320")
    page.fill("#height", "0")
    page.select_option("#resize", "fit")
    page.select_option("#format", "jpg")
    generation = rendered(page, generation)
    width = page.text_content("#result-width")
    natural = page.evaluate("document.getElementById('result').naturalWidth")
    check(width == "320" and natural == 320, f"a width of 320 gives an answer 320 wide (shown {width}, image {natural})")
    check(page.text_content("#result-type") == "image/jpeg", "the answer is a JPEG")

    page.select_option("#format", "webp")
    generation = rendered(page, generation)
    check(page.text_content("#result-type") == "image/webp", f"WebP chosen: {page.text_content('#result-type')}")
    page.select_option("#format", "png")
    generation = rendered(page, generation)
    check(page.text_content("#result-type") == "image/png", f"PNG chosen: {page.text_content('#result-type')}")

    page.select_option("#resize", "fill")
    page.fill("#height", "200")
    page.select_option("#gravity", "sm")
    page.select_option("#format", "webp")
    generation = rendered(page, generation)
    check(page.text_content("#result-width") == "320" and page.text_content("#result-height") == "200",
          "fill 320x200 gives 320x200")
    time_shown = page.text_content("#result-time")
    check(time_shown.endswith("ms") or "memory hit" in time_shown, f"processing time shown ({time_shown})")
    check(page.text_content("#result-cache") in ("MISS", "HIT"), "cache status shown")
    imgproxy = page.input_value("#imgproxy-url")
    thumbor = page.input_value("#thumbor-url")
    check("/rs:fill:320:200/g:sm/plain/local:///landscape.jpg@webp" in imgproxy, f"imgproxy URL: {imgproxy}")
    check("/thumbor/unsafe/320x200/smart/filters:format(webp)/landscape.jpg" in thumbor, f"thumbor URL: {thumbor}")
    page.wait_for_function("document.getElementById('source-bytes').textContent !== '-'", timeout=30000)
    check(page.text_content("#source-size").startswith("1600 x 1067"), "the source's size is shown")
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)
        print("screenshot: " + SCREENSHOT)
    check(not console_errors, "no console errors" + (": " + "; ".join(console_errors) if console_errors else ""))
    browser.close()

sys.exit(1 if failures else 0)
