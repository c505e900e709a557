/// The script `exportal serve` adds to every page it serves (`PreviewSite.withScript`), never part
/// of a built portal. It listens on `PreviewSite.socketPath` for `LivePreview.Message`s:
///
/// * `build`: a build succeeded. A page of an older generation reloads, or, when only stylesheets
///   changed, swaps its `<link rel="stylesheet">` addresses for those of the page as now served.
/// * `errors`: the last change did not build; the lines are shown over the last good page, as
///   text (never as HTML: they quote content), until a build succeeds.
enum LiveReloadScript {
    static let source = #"""
    (() => {
      "use strict";
      const script = document.currentScript;
      let generation = Number(script && script.dataset.generation);
      let overlay = null;

      function showErrors(lines) {
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = "exportal-serve-errors";
          overlay.setAttribute("role", "alert");
          overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
            "background:rgba(24,24,27,.95);color:#fafafa;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
          document.body.appendChild(overlay);
        }
        overlay.textContent = "exportal serve: the last change did not build. This is the last good page.\n\n" +
          lines.join("\n");
      }

      async function swapStylesheets() {
        const response = await fetch(location.href, {cache: "no-store"});
        const served = new DOMParser().parseFromString(await response.text(), "text/html");
        const next = Array.from(served.querySelectorAll('link[rel="stylesheet"]'), (link) => link.getAttribute("href"));
        const current = document.querySelectorAll('link[rel="stylesheet"]');
        if (next.length !== current.length) { location.reload(); return; }
        current.forEach((link, index) => link.setAttribute("href", next[index]));
      }

      function connect() {
        const socket = new WebSocket(location.origin.replace(/^http/, "ws") + "/__exportal/live");
        socket.onmessage = (event) => {
          const message = JSON.parse(event.data);
          if (message.kind === "errors") {
            showErrors(message.lines);
          } else if (message.kind === "build" && message.generation !== generation) {
            if (message.stylesheetsOnly && !overlay) {
              generation = message.generation;
              swapStylesheets();
            } else {
              location.reload();
            }
          } else if (message.kind === "build" && overlay) {
            overlay.remove();
            overlay = null;
          }
        };
        socket.onclose = () => setTimeout(connect, 1000);
      }
      connect();
    })();
    """#
}
