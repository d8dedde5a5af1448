import Foundation
import ImageSources

/// The playground at `/`: one self-contained HTML page (no build step, nothing fetched from elsewhere) to try the
/// proxy on the local samples or a pasted URL, showing the answer beside the source with its size, bytes, time
/// and cache status, and the URL in both dialects.
enum PlaygroundPage {
    /// The page, with the configured dialect prefixes filled in.
    static func html(_ configuration: ServerConfiguration) -> String {
        template
            .replacingOccurrences(of: "__THUMBOR_PREFIX__", with: jsonString(configuration.thumborPrefix.map { $0 == "/" ? "" : $0 }))
            .replacingOccurrences(of: "__IMGPROXY_PREFIX__", with: jsonString(configuration.imgproxyPrefix.map { $0 == "/" ? "" : $0 }))
            .replacingOccurrences(of: "__HAS_LOCAL__", with: configuration.sources.localRoot == nil ? "false" : "true")
    }

    /// The image and video files at the top of the local root, sorted, as a JSON array of names (at most 500).
    static func samplesJSON(_ configuration: ServerConfiguration) -> String {
        guard let root = configuration.sources.localRoot,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return "[]" }
        let extensions: Set<String> = ["jpg", "jpeg", "png", "apng", "gif", "webp", "avif", "heic", "heif", "tif",
                                       "tiff", "svg", "jxl", "mp4", "webm"]
        let samples = names.filter { name in
            !name.hasPrefix(".") && extensions.contains((name as NSString).pathExtension.lowercased())
        }.sorted().prefix(500)
        return "[" + samples.map(jsonString).joined(separator: ",") + "]"
    }

    private static func jsonString(_ text: String?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let text, let data = try? encoder.encode(text) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    private static let template = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    <title>MediaProxy playground</title>
    <style>
    :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f4f5f7; }
    body { margin: 0; }
    header { padding: 12px 20px; background: #1d2330; color: #fff; display: flex; gap: 12px; align-items: baseline; }
    header h1 { font-size: 18px; margin: 0; }
    header span { opacity: .7; font-size: 13px; }
    main { display: grid; grid-template-columns: 300px 1fr; gap: 16px; padding: 16px 20px; }
    form { background: #fff; border-radius: 8px; padding: 14px; display: grid; gap: 10px; align-content: start; }
    label { display: grid; gap: 3px; font-size: 13px; color: #4b5263; }
    input, select { font: inherit; padding: 5px 7px; border: 1px solid #c9cdd6; border-radius: 5px; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
    .panes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
    .pane { background: #fff; border-radius: 8px; padding: 12px; min-width: 0; }
    .pane h2 { font-size: 14px; margin: 0 0 8px; }
    .pane img { max-width: 100%; background: repeating-conic-gradient(#e6e8ec 0 25%, #fff 0 50%) 50% / 16px 16px; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 13px; margin: 8px 0 0; }
    dt { color: #4b5263; }
    dd { margin: 0; font-variant-numeric: tabular-nums; }
    .urls { grid-column: 1 / -1; background: #fff; border-radius: 8px; padding: 12px; display: grid; gap: 6px; }
    .urls input { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 12px; }
    #error { color: #b3261e; font-size: 13px; white-space: pre-wrap; }
    </style>
    </head>
    <body>
    <header><h1>MediaProxy playground</h1><span>an image proxy: pick a source, set the options, see the answer</span></header>
    <main>
    <form id="controls" onsubmit="return false">
      <label>Sample <select id="sample"></select></label>
      <label>or a source URL <input id="url" type="url" placeholder="https://example.com/photo.jpg"></label>
      <div class="pair">
        <label>Width <input id="width" type="number" min="0" max="8192" value="400"></label>
        <label>Height <input id="height" type="number" min="0" max="8192" value="0"></label>
      </div>
      <label>Resize <select id="resize">
        <option value="fit">fit</option><option value="fill">fill (crop)</option><option value="fill-down">fill-down</option>
        <option value="force">force (stretch)</option><option value="auto">auto</option></select></label>
      <label>Gravity <select id="gravity">
        <option value="ce">centre</option><option value="sm">smart</option><option value="no">north</option>
        <option value="so">south</option><option value="ea">east</option><option value="we">west</option>
        <option value="nowe">north-west</option><option value="noea">north-east</option>
        <option value="sowe">south-west</option><option value="soea">south-east</option></select></label>
      <div class="pair">
        <label>Format <select id="format"><option value="">as negotiated</option><option>jpg</option><option>png</option>
          <option>webp</option><option>avif</option><option>gif</option><option>apng</option><option>jxl</option></select></label>
        <label>Quality <input id="quality" type="number" min="0" max="100" value="0" title="0: the format's default"></label>
      </div>
      <div class="pair">
        <label>Blur <input id="blur" type="number" min="0" max="50" step="0.5" value="0"></label>
        <label>Frame <input id="frame" type="number" min="0" placeholder="all" title="empty: keep animations animated"></label>
      </div>
    </form>
    <section>
      <div class="panes">
        <div class="pane"><h2>Answer</h2><img id="result" alt="the proxy's answer">
          <dl><dt>Size</dt><dd><span id="result-width">-</span> x <span id="result-height">-</span></dd>
            <dt>Bytes</dt><dd id="result-bytes">-</dd><dt>Type</dt><dd id="result-type">-</dd>
            <dt>Time</dt><dd id="result-time">-</dd><dt>Cache</dt><dd id="result-cache">-</dd></dl>
          <div id="error"></div></div>
        <div class="pane"><h2>Source</h2><img id="source" alt="the source">
          <dl><dt>Size</dt><dd id="source-size">-</dd><dt>Bytes</dt><dd id="source-bytes">-</dd>
            <dt>Type</dt><dd id="source-type">-</dd><dt>Placeholder</dt><dd id="source-placeholder">-</dd></dl></div>
      </div>
      <div class="urls" style="margin-top:16px">
        <label>imgproxy URL <input id="imgproxy-url" readonly></label>
        <label>thumbor URL <input id="thumbor-url" readonly></label>
      </div>
    </section>
    </main>
    <script>
    "use strict";
    const thumborPrefix = __THUMBOR_PREFIX__;
    const imgproxyPrefix = __IMGPROXY_PREFIX__;
    const hasLocal = __HAS_LOCAL__;
    const $ = (id) => document.getElementById(id);
    let generation = 0;
    let resultObjectURL = null;

    function source() {
      const url = $("url").value.trim();
      if (url) return { url, local: null };
      const name = $("sample").value;
      return name ? { url: "local:///" + name, local: name } : null;
    }
    function isVideo(name) { return /\\.(mp4|webm)$/i.test(name); }
    function escapePlain(url) { return encodeURI(url).replace(/[?#@%]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()); }

    function imgproxyPath(src) {
      const o = [];
      const w = +$("width").value || 0, h = +$("height").value || 0;
      o.push("rs:" + $("resize").value + ":" + w + ":" + h);
      if ($("gravity").value !== "ce") o.push("g:" + $("gravity").value);
      if (+$("quality").value > 0) o.push("q:" + +$("quality").value);
      if (+$("blur").value > 0) o.push("bl:" + +$("blur").value);
      if ($("frame").value !== "") o.push("pg:" + +$("frame").value);
      const format = $("format").value;
      return (imgproxyPrefix || "") + "/unsafe/" + o.join("/") + "/plain/" + escapePlain(src.url) + (format ? "@" + format : "");
    }

    function thumborPath(src) {
      if (thumborPrefix === null) return "(thumbor's dialect is off)";
      const parts = [thumborPrefix, "unsafe"];
      const resize = $("resize").value, gravity = $("gravity").value;
      if (resize === "fit") parts.push("fit-in");
      parts.push((+$("width").value || 0) + "x" + (+$("height").value || 0));
      if (resize !== "fit" && gravity === "sm") parts.push("smart");
      else if (resize !== "fit" && gravity !== "ce") {
        const h = gravity.includes("we") ? "left" : gravity.includes("ea") ? "right" : "center";
        const v = gravity.startsWith("no") ? "top" : gravity.startsWith("so") ? "bottom" : "middle";
        parts.push(h, v);
      }
      const filters = [];
      if (resize === "force") filters.push("stretch()");
      if ($("format").value) filters.push("format(" + ($("format").value === "jpg" ? "jpeg" : $("format").value) + ")");
      if (+$("quality").value > 0) filters.push("quality(" + +$("quality").value + ")");
      if (+$("blur").value > 0) filters.push("blur(" + +$("blur").value + ")");
      if (filters.length) parts.push("filters:" + filters.join(":"));
      parts.push(src.local !== null ? src.local.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(src.url));
      return parts.join("/");
    }

    function formatBytes(n) { return n < 1024 ? n + " B" : (n / 1024).toFixed(1) + " KiB (" + n + " B)"; }

    async function showSource(src, mine) {
      const base = (imgproxyPrefix || "") + "/unsafe/";
      const path = isVideo(src.url) ? base + "w:800/plain/" + escapePlain(src.url) + "@jpg"
                                    : base + "raw:1/plain/" + escapePlain(src.url);
      $("source").src = path;
      try {
        const response = await fetch("/info" + base + "plain/" + escapePlain(src.url));
        if (mine !== generation) return;
        const info = await response.json();
        if (!response.ok) { $("source-size").textContent = info.error || response.status; return; }
        $("source-size").textContent = info.width + " x " + info.height + (info.frames > 1 ? ", " + info.frames + " frames" : "");
        $("source-bytes").textContent = formatBytes(info.bytes);
        $("source-type").textContent = info.mimeType + (info.hdr ? " (HDR)" : "");
        $("source-placeholder").textContent = (info.blurHash || "-") + (info.dominantColor ? "  " + info.dominantColor : "");
        $("source-placeholder").style.borderLeft = "14px solid " + (info.dominantColor || "transparent");
      } catch (error) { $("source-size").textContent = String(error); }
    }

    async function render() {
      const mine = ++generation;
      const src = source();
      if (!src) return;
      const path = imgproxyPath(src);
      $("imgproxy-url").value = location.origin + path;
      $("thumbor-url").value = thumborPrefix !== null ? location.origin + thumborPath(src) : thumborPath(src);
      if (imgproxyPrefix === null) { $("error").textContent = "imgproxy's dialect is off: the playground needs it"; return; }
      showSource(src, mine);
      $("error").textContent = "";
      try {
        const response = await fetch(path);
        if (mine !== generation) return;
        if (!response.ok) {
          const body = await response.text();
          $("error").textContent = response.status + " " + body;
          for (const id of ["result-width", "result-height", "result-bytes", "result-type", "result-time", "result-cache"]) $(id).textContent = "-";
          $("result").removeAttribute("src");
          return;
        }
        const blob = await response.blob();
        if (mine !== generation) return;
        const timing = /dur=([0-9.]+)/.exec(response.headers.get("Server-Timing") || "");
        $("result-bytes").textContent = formatBytes(blob.size);
        $("result-type").textContent = response.headers.get("Content-Type");
        $("result-time").textContent = timing ? timing[1] + " ms" : "- (memory hit)";
        $("result-cache").textContent = response.headers.get("X-Cache") || "-";
        if (resultObjectURL) URL.revokeObjectURL(resultObjectURL);
        resultObjectURL = URL.createObjectURL(blob);
        const image = $("result");
        image.onload = () => {
          if (mine !== generation) return;
          $("result-width").textContent = image.naturalWidth;
          $("result-height").textContent = image.naturalHeight;
          document.body.dataset.rendered = String(mine);
        };
        image.src = resultObjectURL;
      } catch (error) { $("error").textContent = String(error); }
    }

    let timer = null;
    function schedule() { clearTimeout(timer); timer = setTimeout(render, 150); }
    for (const element of document.querySelectorAll("#controls input, #controls select")) {
      element.addEventListener("input", schedule);
      element.addEventListener("change", schedule);
    }

    async function start() {
      if (hasLocal) {
        const names = await (await fetch("/playground/samples")).json();
        for (const name of names) $("sample").add(new Option(name, name));
        const photo = names.find((n) => /\\.jpe?g$/i.test(n));
        if (photo) $("sample").value = photo;
      } else {
        $("sample").add(new Option("(no local folder)", ""));
      }
      document.body.dataset.ready = "true";
      render();
    }
    start();
    </script>
    </body>
    </html>
    """
}
