// The site's stylesheet, written to site/assets/site.css. Light and dark palettes are CSS variables; the dark one
// applies when the reader's system prefers it (unless they chose light) or when they chose dark with the toggle.

enum SiteStylesheet {
    static let light = """
      --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d8dee4; --accent: #0b62c4; --accent-fg: #ffffff;
      --sidebar-bg: #f6f8fa; --code-bg: #f6f8fa; --out-bg: #ffffff; --out-border: #d8dee4; --mark: #fff3b0;
      --ok: #1a7f37; --ok-bg: #e9f7ee; --bad: #cf222e; --bad-bg: #fff0ee; --warn: #9a6700; --warn-bg: #fff8e1;
      --note: #0969da; --note-bg: #eef6ff; --tip: #1a7f37; --tip-bg: #ecf8ef; --erratum: #8250df; --erratum-bg: #f6f0ff;
      --tok-kw: #a626a4; --tok-ty: #0b6e99; --tok-num: #986801; --tok-str: #2e7d32; --tok-com: #6a737d;
      --tok-attr: #b45309; --tok-fn: #3a5bc7; --tok-lit: #c2410c; --tok-dir: #b45309;
      color-scheme: light;
    """
    static let dark = """
      --bg: #0f1115; --fg: #e6e8eb; --muted: #9aa4b1; --border: #2c313a; --accent: #6cb6ff; --accent-fg: #0f1115;
      --sidebar-bg: #151922; --code-bg: #161b22; --out-bg: #0f1115; --out-border: #30363d; --mark: #5a4b00;
      --ok: #57d37a; --ok-bg: #11261a; --bad: #ff7b72; --bad-bg: #2d1416; --warn: #e3b341; --warn-bg: #2b2111;
      --note: #6cb6ff; --note-bg: #121d2f; --tip: #57d37a; --tip-bg: #11231a; --erratum: #c297ff; --erratum-bg: #21173a;
      --tok-kw: #ff7ab2; --tok-ty: #6bdfff; --tok-num: #d9c97c; --tok-str: #a5d6a7; --tok-com: #7f8c98;
      --tok-attr: #ffa657; --tok-fn: #8fb8ff; --tok-lit: #ffa657; --tok-dir: #ffa657;
      color-scheme: dark;
    """

    static let css = """
    :root {
    \(light)
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
      --mono: ui-monospace, "SF Mono", "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
      --measure: 46rem; --wide: 60rem; --sidebar: 17rem; --topbar: 3.25rem;   /* 46rem: about 72 characters of prose */
    }
    :root[data-theme="dark"] {
    \(dark)
    }
    @media (prefers-color-scheme: dark) {
      :root:not([data-theme="light"]) {
    \(dark)
      }
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; scroll-padding-top: calc(var(--topbar) + 1rem); }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.65 var(--sans); }
    a { color: var(--accent); text-underline-offset: 0.15em; }
    a:hover { text-decoration-thickness: 2px; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: 0.5rem; z-index: 100; background: var(--bg); padding: 0.25rem 0.5rem; }

    /* Top bar */
    .topbar { position: sticky; top: 0; z-index: 20; height: var(--topbar); display: flex; align-items: center;
      gap: 0.75rem; padding: 0 1rem; background: var(--bg); border-bottom: 1px solid var(--border); }
    .brand { font-weight: 650; color: var(--fg); text-decoration: none; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; }
    .topbar .spacer { flex: 1; }
    .icon-button { background: none; border: 1px solid var(--border); color: var(--fg); border-radius: 6px;
      height: 2.1rem; min-width: 2.1rem; font: inherit; font-size: 1rem; cursor: pointer; }
    .icon-button:hover { border-color: var(--accent); }
    .menu-toggle { display: none; }
    .search { position: relative; width: min(22rem, 40vw); }
    .search input { width: 100%; height: 2.1rem; padding: 0 0.75rem; border: 1px solid var(--border);
      border-radius: 6px; background: var(--sidebar-bg); color: var(--fg); font: inherit; font-size: 0.95rem; }
    .search input:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
    .search-results { position: absolute; right: 0; top: 2.5rem; width: min(32rem, 92vw); max-height: 70vh;
      overflow: auto; background: var(--bg); border: 1px solid var(--border); border-radius: 8px;
      box-shadow: 0 8px 30px rgba(0,0,0,0.18); padding: 0.25rem; }
    .search-results[hidden] { display: none; }
    .search-results a { display: block; padding: 0.5rem 0.75rem; border-radius: 6px; color: var(--fg);
      text-decoration: none; }
    .search-results a:hover, .search-results a.active { background: var(--sidebar-bg); }
    .search-results .where { font-size: 0.8rem; color: var(--muted); }
    .search-results .what { font-weight: 600; }
    .search-results .snippet { font-size: 0.85rem; color: var(--muted); }
    .search-results mark { background: var(--mark); color: inherit; border-radius: 2px; }
    .search-results .empty { padding: 0.75rem; color: var(--muted); }

    /* Layout */
    .layout { display: grid; grid-template-columns: var(--sidebar) minmax(0, 1fr); }
    .sidebar { position: sticky; top: var(--topbar); height: calc(100vh - var(--topbar)); overflow-y: auto;
      background: var(--sidebar-bg); border-right: 1px solid var(--border); padding: 1.25rem 0.75rem 2rem;
      font-size: 0.92rem; }
    .sidebar h2 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
      margin: 0 0.5rem 0.5rem; }
    .sidebar ol, .sidebar ul { list-style: none; margin: 0; padding: 0; }
    .sidebar a { display: block; padding: 0.3rem 0.5rem; border-radius: 6px; color: var(--fg); text-decoration: none;
      line-height: 1.35; }
    .sidebar a:hover { background: var(--border); }
    .sidebar .current > a { background: var(--accent); color: var(--accent-fg); font-weight: 600; }
    /* Lesson numbers are muted by colour, not opacity: a faded number on the accent fell under 4.5:1 contrast. */
    .sidebar .num { display: inline-block; min-width: 1.6em; color: var(--muted); }
    .sidebar .current > a .num { color: inherit; }
    .sidebar .toc { margin: 0.25rem 0 0.5rem 1.1rem; border-left: 1px solid var(--border); }
    .sidebar .toc a { font-size: 0.85rem; color: var(--muted); padding: 0.2rem 0.6rem; border-radius: 0 6px 6px 0; }
    .sidebar .toc a.active { color: var(--accent); box-shadow: inset 2px 0 0 var(--accent); }
    .content { min-width: 0; padding: 2rem clamp(1rem, 4vw, 3rem) 4rem; }
    /* Prose keeps a readable measure; code cells and their outputs may be wider (code lines are long). */
    article, .pager, .page-footer { max-width: var(--wide); margin: 0 auto; }
    article > :not(.cell):not(.solution):not(.code-block):not(.table-wrap):not(.lesson-cards) { max-width: var(--measure); }

    /* Prose */
    h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; font-weight: 680; }
    h1 { font-size: 2.05rem; margin-top: 0.5rem; letter-spacing: -0.01em; }
    h2 { font-size: 1.5rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
    h3 { font-size: 1.2rem; }
    h4 { font-size: 1.05rem; }
    .anchor { margin-left: 0.4rem; color: var(--muted); text-decoration: none; opacity: 0; font-weight: 400; }
    h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, h4:hover .anchor, .anchor:focus { opacity: 1; }
    p, ul, ol { margin: 0 0 1rem; }
    li + li { margin-top: 0.25rem; }
    img { max-width: 100%; height: auto; }
    hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
    code { font-family: var(--mono); font-size: 0.88em; background: var(--code-bg); padding: 0.1em 0.3em;
      border-radius: 4px; }
    blockquote { margin: 0 0 1rem; padding: 0.1rem 1rem; border-left: 4px solid var(--border); color: var(--muted); }
    .lesson-kicker { margin: 0; color: var(--muted); font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.06em; }
    .raw-html { font-family: var(--mono); font-size: 0.85rem; color: var(--muted); white-space: pre-wrap; }
    .missing-image, .out-missing { color: var(--bad); font-style: italic; }
    .math.display { display: block; overflow-x: auto; overflow-y: hidden; margin: 1rem 0; text-align: center;
      padding: 0.25rem 0; }
    .math.inline { white-space: nowrap; }
    .katex { font-size: 1.1em; }

    /* Tables */
    .table-wrap { overflow-x: auto; margin: 0 0 1.25rem; }
    table { border-collapse: collapse; font-size: 0.93rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 0.4rem 0.8rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
    th { font-weight: 650; border-bottom-width: 2px; }
    tbody tr:hover { background: var(--sidebar-bg); }
    .align-center { text-align: center; } .align-right { text-align: right; }

    /* Callouts */
    .callout { margin: 1.25rem 0; padding: 0.75rem 1rem; border-left: 4px solid var(--note);
      background: var(--note-bg); border-radius: 0 8px 8px 0; }
    .callout > :last-child { margin-bottom: 0; }
    .callout-title { font-weight: 700; margin: 0 0 0.35rem; color: var(--note); }
    .callout-tip { border-color: var(--tip); background: var(--tip-bg); }
    .callout-tip .callout-title { color: var(--tip); }
    .callout-warning, .callout-caution, .callout-important { border-color: var(--warn); background: var(--warn-bg); }
    .callout-warning .callout-title, .callout-caution .callout-title, .callout-important .callout-title { color: var(--warn); }
    .callout-erratum { border-color: var(--erratum); background: var(--erratum-bg); }
    .callout-erratum .callout-title { color: var(--erratum); }
    .callout-erratum .callout-title::before { content: "≠ "; }

    /* Code cells */
    .cell { margin: 1.5rem 0; border: 1px solid var(--border); border-radius: 8px; overflow: hidden;
      background: var(--code-bg); }
    .cell-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline;
      padding: 0.3rem 0.75rem; font-size: 0.78rem; color: var(--muted); border-bottom: 1px solid var(--border); }
    .cell-label { font-weight: 700; color: var(--fg); }
    .cell-loc { color: var(--muted); font-family: var(--mono); text-decoration: none; }
    .cell-loc:hover { text-decoration: underline; }
    .cell-actions { margin-left: auto; display: inline-flex; gap: 0.5rem; align-items: baseline; white-space: nowrap; }
    .cell-status { white-space: nowrap; font-family: var(--mono); padding: 0 0.4rem; border-radius: 999px;
      border: 1px solid var(--border); }
    .status-failed .cell-status { color: var(--bad); border-color: var(--bad); }
    .cell.status-failed { border-color: var(--bad); }
    .cell-exercise { border-color: var(--accent); border-width: 1px 1px 1px 4px; }
    .cell-exercise .cell-label { color: var(--accent); }
    .cell-fails .cell-label { color: var(--warn); }
    .cell-check .cell-label { color: var(--ok); }
    .cell-code { position: relative; }
    pre { margin: 0; font-family: var(--mono); font-size: 0.86rem; line-height: 1.5; tab-size: 4; }
    pre.code { padding: 0.8rem 1rem; overflow-x: auto; }
    pre.code code, .cell pre code { background: none; padding: 0; font-size: inherit; border-radius: 0; }
    .code-block { margin: 0 0 1rem; background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; }
    .copy { font: 0.72rem var(--sans); padding: 0.05rem 0.55rem; border: 1px solid var(--border); border-radius: 6px;
      background: var(--bg); color: var(--muted); cursor: pointer; }
    .copy:hover { color: var(--fg); border-color: var(--accent); }
    .code-block { position: relative; }
    .code-block .copy { position: absolute; top: 0.4rem; right: 0.4rem; opacity: 0; transition: opacity 0.15s; }
    .code-block:hover .copy, .code-block .copy:focus { opacity: 1; }
    @media (hover: none) { .code-block .copy { opacity: 0.85; } }
    .copy.done { color: var(--ok); border-color: var(--ok); opacity: 1; }
    .tok-kw { color: var(--tok-kw); } .tok-ty { color: var(--tok-ty); } .tok-num { color: var(--tok-num); }
    .tok-str { color: var(--tok-str); } .tok-com { color: var(--tok-com); font-style: italic; }
    .tok-attr { color: var(--tok-attr); } .tok-fn { color: var(--tok-fn); } .tok-lit { color: var(--tok-lit); }
    .tok-dir { color: var(--tok-dir); }

    /* Outputs, attached under their cell */
    .cell-outputs { background: var(--out-bg); border-top: 1px solid var(--out-border); padding: 0.6rem 1rem;
      display: flex; flex-direction: column; gap: 0.5rem; }
    .cell-outputs::before { content: "Output"; font: 600 0.68rem var(--sans); text-transform: uppercase;
      letter-spacing: 0.08em; color: var(--muted); }
    .out { margin: 0; }
    /* Printed output keeps its columns (a model summary is a table): it scrolls sideways, never wraps. */
    pre.out { white-space: pre; overflow: auto; max-height: 32rem; overscroll-behavior-x: contain; }
    .out-stderr { color: var(--warn); }
    .out-value { border-left: 3px solid var(--border); padding-left: 0.75rem; white-space: pre; overflow-x: auto; }
    .out-image { margin: 0; }
    .out-image img { display: block; max-width: 100%; height: auto; border-radius: 4px; background: #fff; }
    img.pixelated { image-rendering: pixelated; image-rendering: crisp-edges; }
    .out-check { display: flex; flex-wrap: wrap; gap: 0.25rem 0.6rem; align-items: baseline; font-size: 0.9rem;
      padding: 0.35rem 0.6rem; border-radius: 6px; }
    .check-passed { background: var(--ok-bg); color: var(--ok); }
    .check-failed { background: var(--bad-bg); color: var(--bad); }
    .check-pending { background: var(--warn-bg); color: var(--warn); }
    .check-name { font-weight: 600; color: var(--fg); }
    .check-verdict { font-weight: 700; }
    .check-message { flex-basis: 100%; font-family: var(--mono); font-size: 0.82rem; color: var(--fg);
      white-space: pre-wrap; }
    .out-error { border-left: 4px solid var(--bad); background: var(--bad-bg); padding: 0.5rem 0.75rem;
      border-radius: 0 6px 6px 0; }
    .out-error.expected { border-color: var(--warn); background: var(--warn-bg); }
    .error-title { margin: 0 0 0.25rem; font-weight: 700; font-size: 0.88rem; color: var(--bad); }
    .out-error.expected .error-title { color: var(--warn); }
    .out-error pre { white-space: pre-wrap; overflow-wrap: anywhere; }
    details.solution { margin: 1.5rem 0; border: 1px dashed var(--ok); border-radius: 8px; padding: 0.25rem 0.75rem; }
    details.solution > summary { cursor: pointer; font-weight: 600; color: var(--ok); padding: 0.35rem 0; }
    details.solution .cell { margin: 0.5rem 0 0.75rem; }
    .cell-hiddenCheck { background: none; border: 0; margin: 0.5rem 0; }
    .cell-hiddenCheck .cell-outputs { border: 0; padding: 0; background: none; }
    .cell-hiddenCheck .cell-outputs::before { content: none; }

    .run-hint { margin-top: 2.5rem; color: var(--muted); font-size: 0.9rem; }

    /* Previous / next */
    .pager { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 3rem; padding-top: 1.5rem;
      border-top: 1px solid var(--border); }
    .pager a { display: block; padding: 0.75rem 1rem; border: 1px solid var(--border); border-radius: 8px;
      text-decoration: none; color: var(--fg); }
    .pager a:hover { border-color: var(--accent); }
    .pager .dir { display: block; font-size: 0.8rem; color: var(--muted); }
    .pager .title { font-weight: 600; color: var(--accent); }
    .pager .next { grid-column: 2; text-align: right; }
    .page-footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }

    /* Index */
    .lesson-cards { list-style: none; padding: 0; margin: 1.5rem 0; display: grid; gap: 0.9rem; }
    .lesson-cards li { margin: 0; }
    .lesson-cards a { display: grid; grid-template-columns: 3rem 1fr; gap: 0.25rem 0.75rem; padding: 1rem 1.1rem;
      border: 1px solid var(--border); border-radius: 10px; text-decoration: none; color: var(--fg); }
    .lesson-cards a:hover { border-color: var(--accent); box-shadow: 0 2px 12px rgba(0,0,0,0.06); }
    .lesson-cards .num { grid-row: span 3; font-size: 1.6rem; font-weight: 700; color: var(--accent); line-height: 1.2; }
    .lesson-cards .title { font-weight: 650; font-size: 1.1rem; }
    .lesson-cards .summary { color: var(--muted); font-size: 0.93rem; }
    .lesson-cards .meta { color: var(--muted); font-size: 0.8rem; }

    /* Phones and narrow windows: the sidebar becomes a drawer */
    @media (max-width: 860px) {
      body { font-size: 16px; }
      .layout { display: block; }
      .menu-toggle { display: inline-block; }
      .sidebar { position: fixed; left: 0; top: var(--topbar); bottom: 0; height: auto; width: min(20rem, 85vw);
        transform: translateX(-105%); transition: transform 0.2s, visibility 0.2s; z-index: 15;
        box-shadow: 0 0 30px rgba(0,0,0,0.2); visibility: hidden; }   /* closed: not in the Tab order either */
      body.nav-open .sidebar { transform: none; visibility: visible; }
      body.nav-open::after { content: ""; position: fixed; left: 0; right: 0; top: var(--topbar); bottom: 0;
        background: rgba(0, 0, 0, 0.35); z-index: 14; }
      .content { padding: 1.25rem 1rem 3rem; }
      .topbar { gap: 0.5rem; padding: 0 0.6rem; }
      .topbar .spacer { display: none; }
      .brand { flex: 0 1 auto; min-width: 0; max-width: 38vw; font-size: 0.95rem; }
      .search { flex: 1 1 8rem; min-width: 6rem; width: auto; }
      .search input { padding: 0 0.5rem; }
      .search-results { position: fixed; left: 0.5rem; right: 0.5rem; top: calc(var(--topbar) + 0.25rem); width: auto; }
      h1 { font-size: 1.7rem; }
      .cell { margin-left: -0.5rem; margin-right: -0.5rem; }
      .pager { grid-template-columns: 1fr; }
      .pager .next { grid-column: 1; }
    }
    @media print {
      .topbar, .sidebar, .pager, .copy { display: none; }
      .layout { display: block; }
    }
    """
}
