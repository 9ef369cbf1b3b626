import Foundation

/// The live-reload script the server adds to every page it serves, and how it is added. The site's files never
/// hold it (a built site stays byte-identical to `course build`'s): `inject` changes only the bytes on the wire.
///
///     let html = LiveReload.inject(into: pageBytes)   // … <script src="/__course/live.js"></script></body>
///
/// In the page the script opens a WebSocket to `/__course/live` and follows `LiveMessage`s: it shows which lesson
/// and cell run (and marks that cell), shows problems, and reloads the page when its file changed, keeping the
/// scroll position. When the server goes away it says so and retries every second; on reconnecting it reloads.
public enum LiveReload {
    public static let scriptPath = "/__course/live.js"
    public static let socketPath = "/__course/live"

    /// `html` with the script tag before its last `</body>` (at the end when there is none).
    public static func inject(into html: Data) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\"></script>\n".utf8)
        var result = html
        if let close = html.range(of: Data("</body>".utf8), options: .backwards) {
            result.replaceSubrange(close.lowerBound..<close.lowerBound, with: tag)
        } else {
            result.append(tag)
        }
        return result
    }

    public static let script = #"""
    (function () {
      "use strict";
      var here = decodeURIComponent(location.pathname.split("/").pop() || "index.html");
      var scrollKey = "course-live-scroll:" + here;
      var saved = sessionStorage.getItem(scrollKey);
      if (saved !== null) {
        sessionStorage.removeItem(scrollKey);
        var y = parseFloat(saved) || 0;
        var restore = function () { window.scrollTo(0, y); };
        restore();
        document.addEventListener("DOMContentLoaded", restore);
        window.addEventListener("load", function () { restore(); setTimeout(restore, 100); });
      }

      var box = document.createElement("div");
      box.id = "course-live-status";
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;right:1em;bottom:1em;z-index:1000;max-width:40em;padding:.5em .8em;" +
        "border-radius:6px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);" +
        "white-space:pre-wrap;display:none";
      function show(text, kind) {
        box.textContent = text;
        box.dataset.kind = kind;
        box.style.background = kind === "problem" ? "#8b1a1a" : kind === "offline" ? "#555" : "#1d4f91";
        box.style.color = "#fff";
        box.style.display = text ? "block" : "none";
        if (!box.parentNode && document.body) { document.body.appendChild(box); }
      }
      function mark(id) {
        var old = document.querySelectorAll(".course-live-running");
        for (var i = 0; i < old.length; i++) {
          old[i].classList.remove("course-live-running");
          old[i].style.outline = "";
        }
        var cell = id ? document.getElementById(id) : null;
        if (cell) {
          cell.classList.add("course-live-running");
          cell.style.outline = "3px solid #1d4f91";
        }
      }
      function reload() {
        sessionStorage.setItem(scrollKey, String(window.scrollY));
        location.reload();
      }

      var connectedBefore = false;
      function connect() {
        var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host +
                               "/__course/live");
        ws.onopen = function () {
          if (connectedBefore) { reload(); return; }
          connectedBefore = true;
          document.documentElement.setAttribute("data-course-live", "connected");
          if (box.dataset.kind === "offline") { show("", "idle"); }
        };
        ws.onmessage = function (event) {
          var message;
          try { message = JSON.parse(event.data); } catch (e) { return; }
          var mine = message.page === here;
          if (message.type === "reload") {
            if (message.pages.indexOf(here) >= 0) { reload(); return; }
            mark(null);
            if (message.problems.length) { show(message.problems.join("\n"), "problem"); } else { show("", "idle"); }
          } else if (message.type === "compiling") {
            show((mine ? "" : message.lesson + ": ") + "compiling…", "running");
          } else if (message.type === "running") {
            var text = (mine ? "" : message.lesson + ": ") + "running cell " + (message.cell + 1) + " of " +
              message.cells + (message.detail ? "\n" + message.detail : "");
            show(text, "running");
            mark(mine ? "cell-" + (message.cell + 1) : null);
          } else if (message.type === "queued") {
            show("saved " + message.files.join(", ") + " — rebuilds when the current run ends", "running");
          } else if (message.type === "problem") {
            show(message.text, "problem");
          } else if (message.type === "idle") {
            show("", "idle");
            mark(null);
          }
        };
        ws.onclose = function () {
          document.documentElement.setAttribute("data-course-live", "offline");
          if (connectedBefore) { show("The preview server stopped — reconnecting…", "offline"); }
          setTimeout(connect, 1000);
        };
      }
      connect();
    })();
    """#
}
