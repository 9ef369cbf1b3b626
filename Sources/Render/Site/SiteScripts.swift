// The site's small scripts, written to site/assets/. Everything works without them except the search box, the
// copy buttons, the theme toggle and typeset math (formulas then show as their TeX source).

enum SiteScripts {
    /// Runs in <head> before the page paints, so a reader who chose a theme never sees a flash of the other.
    static let theme = """
    (function () {
      try {
        var t = localStorage.getItem("course-theme");
        if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
      } catch (e) {}
    })();

    """

    /// A small icon (three connected layers of a network), so browsers do not ask the server for /favicon.ico.
    static let favicon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
    <rect width="32" height="32" rx="7" fill="#0b62c4"/>
    <g stroke="#ffffff" stroke-width="1.6" opacity="0.85">
    <path d="M8 10L16 8M8 10L16 16M8 10L16 24M8 22L16 8M8 22L16 16M8 22L16 24M16 8L24 16M16 16L24 16M16 24L24 16"/>
    </g>
    <g fill="#ffffff"><circle cx="8" cy="10" r="2.6"/><circle cx="8" cy="22" r="2.6"/><circle cx="16" cy="8" r="2.6"/>
    <circle cx="16" cy="16" r="2.6"/><circle cx="16" cy="24" r="2.6"/><circle cx="24" cy="16" r="2.6"/></g>
    </svg>

    """

    static let site = """
    (function () {
      "use strict";
      var root = document.documentElement;

      // Theme toggle: light ⇄ dark, remembered in localStorage; until then the system preference decides.
      var toggle = document.getElementById("theme-toggle");
      if (toggle) toggle.addEventListener("click", function () {
        var current = root.getAttribute("data-theme");
        if (!current) current = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
        var next = current === "dark" ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try { localStorage.setItem("course-theme", next); } catch (e) {}
      });

      // Sidebar drawer on narrow screens.
      var menu = document.getElementById("menu-toggle");
      if (menu) menu.addEventListener("click", function () {
        var open = document.body.classList.toggle("nav-open");
        menu.setAttribute("aria-expanded", open ? "true" : "false");
      });
      document.addEventListener("click", function (e) {
        if (document.body.classList.contains("nav-open") && !e.target.closest(".sidebar, #menu-toggle"))
          document.body.classList.remove("nav-open");
      });

      // Keep the current lesson visible in a long sidebar, and mark the section being read.
      var current = document.querySelector(".sidebar .current");
      if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
      var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".sidebar .toc a"));
      if (tocLinks.length && window.IntersectionObserver) {
        var targets = tocLinks.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
        var mark = function () {
          var active = 0;
          for (var i = 0; i < targets.length; i++) {
            if (targets[i] && targets[i].getBoundingClientRect().top < 120) active = i;
          }
          tocLinks.forEach(function (a, i) { a.classList.toggle("active", i === active); });
        };
        window.addEventListener("scroll", mark, { passive: true });
        mark();
      }

      // Copy buttons on code.
      function copyText(text, done) {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
        } else { fallback(text, done); }
      }
      function fallback(text, done) {
        var area = document.createElement("textarea");
        area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
        document.body.appendChild(area); area.select();
        try { document.execCommand("copy"); done(); } catch (e) {}
        document.body.removeChild(area);
      }
      document.querySelectorAll("button.copy").forEach(function (button) {
        button.addEventListener("click", function () {
          var holder = button.closest(".cell") || button.parentNode;
          var code = holder.querySelector(".cell-code pre code, pre code");
          copyText(code ? code.textContent : "", function () {
            button.textContent = "Copied"; button.classList.add("done");
            setTimeout(function () { button.textContent = "Copy"; button.classList.remove("done"); }, 1500);
          });
        });
      });

      // Math: KaTeX, served from assets/katex. Without it the TeX source stays readable.
      function typeset(root) {
        if (!window.katex) return;
        root.querySelectorAll(".math").forEach(function (el) {
          var tex = el.textContent;
          try {
            window.katex.render(tex, el, { displayMode: el.classList.contains("display"), throwOnError: false });
            el.setAttribute("title", tex);
          } catch (e) { el.textContent = tex; }
        });
      }
      typeset(document);

      // Search over the lessons, from assets/search-index.js (works from file:// too: no fetch).
      var input = document.getElementById("search-input");
      var box = document.getElementById("search-results");
      var index = window.COURSE_SEARCH || [];
      if (!input || !box) return;
      var base = root.getAttribute("data-base") || "";
      function escapeHTML(s) {
        return s.replace(/[&<>"']/g, function (c) {
          return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
        });
      }
      function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&"); }
      // Marks the terms in raw text, escaping every piece (a term never matches inside an entity).
      function highlight(text, terms) {
        if (!terms.length) return escapeHTML(text);
        var re = new RegExp("(" + terms.map(escapeRegExp).join("|") + ")", "gi");
        return text.split(re).map(function (part, i) {
          return i % 2 ? "<mark>" + escapeHTML(part) + "</mark>" : escapeHTML(part);
        }).join("");
      }
      // A snippet whose $formulas$ become math spans, typeset like the page's.
      function richText(text, terms) {
        return text.split(/(\\$\\$[^$]+\\$\\$|\\$[^$\\n]+\\$)/).map(function (part, i) {
          if (i % 2 === 0) return highlight(part, terms);
          return '<span class="math inline">' + escapeHTML(part.replace(/^\\$+|\\$+$/g, "")) + "</span>";
        }).join("");
      }
      function snippet(text, terms) {
        var lower = text.toLowerCase(), at = -1;
        for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i]);
        var start = Math.max(0, at - 60), end = Math.min(text.length, start + 180);
        // Never cut a formula in half: widen the window to whole $…$ spans.
        var before = (text.slice(0, start).match(/\\$/g) || []).length;
        if (before % 2 === 1) { var open = text.lastIndexOf("$", start - 1); if (open >= 0) start = open; }
        var inside = (text.slice(start, end).match(/\\$/g) || []).length;
        if ((before + inside) % 2 === 1) { var close = text.indexOf("$", end); end = close >= 0 ? close + 1 : text.length; }
        return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
      }
      var active = -1;
      function search() {
        var q = input.value.trim().toLowerCase();
        active = -1;
        if (!q) { box.hidden = true; box.innerHTML = ""; return; }
        var terms = q.split(/\\s+/).filter(Boolean);
        var hits = [];
        index.forEach(function (e) {
          var title = (e.h || e.t).toLowerCase(), body = e.x.toLowerCase(), lesson = e.t.toLowerCase();
          var code = (e.c || "").toLowerCase();
          var score = 0;
          for (var i = 0; i < terms.length; i++) {
            var t = terms[i];
            if (title.indexOf(t) >= 0) score += 10;
            else if (lesson.indexOf(t) >= 0) score += 4;
            else if (body.indexOf(t) >= 0) score += 2;
            else if (code.indexOf(t) >= 0) score += 1;
            else return;
          }
          hits.push({ e: e, score: score });
        });
        hits.sort(function (a, b) { return b.score - a.score || a.e.o - b.e.o; });
        hits = hits.slice(0, 20);
        if (!hits.length) { box.innerHTML = '<div class="empty">No results for “' + escapeHTML(q) + '”</div>'; box.hidden = false; return; }
        box.innerHTML = hits.map(function (h) {
          var e = h.e, href = base + e.p + (e.a ? "#" + e.a : "");
          return '<a href="' + escapeHTML(href) + '"><div class="where">' + escapeHTML(e.t) + '</div>' +
            '<div class="what">' + highlight(e.h || e.t, terms) + '</div>' +
            (e.x ? '<div class="snippet">' + richText(snippet(e.x, terms), terms) + '</div>' : "") + "</a>";
        }).join("");
        typeset(box);
        box.hidden = false;
      }
      function move(delta) {
        var links = box.querySelectorAll("a");
        if (!links.length) return;
        if (active >= 0 && links[active]) links[active].classList.remove("active");
        active = (active + delta + links.length) % links.length;
        links[active].classList.add("active");
        links[active].scrollIntoView({ block: "nearest" });
      }
      input.addEventListener("input", search);
      input.addEventListener("focus", function () { if (input.value.trim()) search(); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
        else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
        else if (e.key === "Enter") {
          var links = box.querySelectorAll("a");
          var target = links[active >= 0 ? active : 0];
          if (target) window.location.href = target.getAttribute("href");
        } else if (e.key === "Escape") { box.hidden = true; input.blur(); }
      });
      document.addEventListener("keydown", function (e) {
        var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
        if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
        if (e.key === "/") { e.preventDefault(); input.focus(); return; }
        // ← and → go to the previous and next lesson, as in mdBook.
        var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
        var link = rel && document.querySelector('.pager a[rel="' + rel + '"]');
        if (link) window.location.href = link.getAttribute("href");
      });
      document.addEventListener("click", function (e) {
        if (!e.target.closest(".search")) box.hidden = true;
      });
      // A link such as lesson.html?q=stride opens with that search done.
      var query = /[?&]q=([^&#]*)/.exec(window.location.search);
      if (query) { input.value = decodeURIComponent(query[1].replace(/\\+/g, " ")); search(); }
    })();

    """
}
