"""Checks of one page in the browser, shared by the site tests and by the tests that show that each
check can fail (test_checks_can_fail.py). Every check returns a list of readable problems; an empty
list means the page passed.

Open pages with `open_page`: it records console errors, script errors, dialogs and requests, and
waits until every chart on the page has finished drawing (or failed), so no check depends on timing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from metabok import config

AXE_SCRIPT = config.PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# Violations made by the jupyter-book theme (pydata-sphinx-theme) in its own templates, which our css
# cannot fix. Each is excused for exactly these theme elements; the rule still applies everywhere else.
THEME_EXCEPTIONS = {
    # The left sidebar's expand/collapse toggles: <summary> holding only an icon
    # (<span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down">).
    # The link beside each toggle names the section.
    "summary-name": ".bd-sidenav details > summary",
    # The light/dark switch: aria-label 'Color mode', while its icons carry the titles 'Light', 'Dark'
    # and 'System Settings' (theme template theme-switcher.html; the texts are the theme's own).
    "label-content-name-mismatch": ".theme-switch-button",
}

# Installed before any page script runs: counts calls of vegaEmbed (the site's bundle assigns
# window.vegaEmbed) and how many have finished, and when the last one did (bench/chart_drawing.py),
# and records the ones that failed.
CHART_TRACKER = """(() => {
  if (window.__metabokCharts) return;
  const state = {started: 0, settled: 0, lastSettled: 0, failed: []};
  let embed;
  Object.defineProperty(window, '__metabokCharts', {value: state});
  Object.defineProperty(window, 'vegaEmbed', {
    configurable: true,
    get() { return embed; },
    set(original) {
      embed = function (target, ...rest) {
        state.started += 1;
        let result;
        try { result = Promise.resolve(original.call(this, target, ...rest)); }
        catch (error) { result = Promise.reject(error); }
        result.then(
          () => { state.settled += 1; state.lastSettled = performance.now(); },
          (error) => {
            state.settled += 1;
            state.lastSettled = performance.now();
            state.failed.push(String(target) + ': ' + error);
          });
        return result;
      };
    },
  });
})();"""

CHARTS_SETTLED = """() => document.readyState === 'complete'
  && window.__metabokCharts.settled === window.__metabokCharts.started"""

CHART_MARKS = """() => [...document.querySelectorAll('.metabok-vis')].map(chart => ({
  id: chart.id,
  marks: chart.querySelectorAll('svg path, svg rect, svg line, svg text, svg circle').length,
}))"""

CHART_ALTERNATIVES = """() => [...document.querySelectorAll('figure.metabok-chart, .metabok-vis')]
  .filter(element => element.matches('figure') || !element.closest('figure.metabok-chart'))
  .map(element => {
  const vis = element.matches('.metabok-vis') ? element : element.querySelector('.metabok-vis');
  const image = vis && vis.getAttribute('role') === 'img';
  const labelled = image ? (vis.getAttribute('aria-label') || '') : '';
  return {id: vis ? vis.id : '(ingen rityta)', figure: element.matches('figure'), label: labelled.trim()};
})"""

CHART_TABLES = """() => [...document.querySelectorAll('figure.metabok-chart')].map(figure => {
  const scope = figure.closest('section') || figure.closest('article') || document.body;
  const tables = [...scope.querySelectorAll('table')]
    .filter(table => table.querySelector('tbody tr td, tbody tr th'));
  const vis = figure.querySelector('.metabok-vis');
  return {id: vis ? vis.id : '(ingen rityta)', tables: tables.length};
})"""

VISIBLE_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length > 0 && !h.closest('[aria-hidden="true"]'))
  .map(h => ({level: Number(h.tagName[1]), text: h.textContent.replace('#', '').trim().slice(0, 80)}))"""

INJECTED_CODE = """(markers) => {
  const found = [];
  for (const script of document.querySelectorAll('script')) {
    for (const marker of markers) {
      if (script.textContent.includes(marker)) found.push('ett <script>-element innehåller ' + marker);
    }
  }
  if (document.querySelector('img[src="x"]')) found.push('det finns ett <img src=x> i sidan');
  const content = document.querySelector('article') || document.body;
  for (const element of content.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) {
        found.push(`<${element.localName}> har attributet ${attribute.name}="${attribute.value}"`);
      }
    }
  }
  for (const link of content.querySelectorAll('a[href], iframe[src], form[action]')) {
    const target = link.getAttribute('href') || link.getAttribute('src') || link.getAttribute('action');
    if (/^\\s*(javascript|data|vbscript):/i.test(target)) {
      found.push(`<${link.localName}> pekar på ${target}`);
    }
  }
  for (const element of content.querySelectorAll('iframe, object, embed')) {
    found.push(`sidan har ett <${element.localName}>-element`);
  }
  return found;
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 160)})),
  }));
}"""

MATCHES = """([selector, target]) => {
  const element = document.querySelector(target);
  return !!element && element.matches(selector);
}"""


@dataclass
class PageEvents:
    """What happened while a page was open."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.requests.clear()
        self.errors.clear()
        self.dialogs.clear()


def watch(page) -> PageEvents:
    """Record requests, console errors, script errors and dialogs (each dialog is dismissed);
    install the chart tracker for every document the page opens."""
    events = PageEvents()
    page.on("request", lambda request: events.requests.append(request.url))
    page.on(
        "console", lambda message: events.errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: events.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            events.errors.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )

    def on_dialog(dialog) -> None:
        events.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(CHART_TRACKER)
    return events


def goto(page, url: str) -> None:
    """Load a page and wait until it is loaded and every chart has drawn or failed."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(CHARTS_SETTLED)


def open_page(page, url: str) -> PageEvents:
    events = watch(page)
    goto(page, url)
    return events


def undrawn_charts(page, minimum_marks: int = 3) -> list[str]:
    """Charts that failed to draw or drew (almost) nothing."""
    failed = [f"diagrammet ritades inte: {f}" for f in page.evaluate("() => window.__metabokCharts.failed")]
    empty = [
        f"diagram {c['id']} har bara {c['marks']} grafiska element"
        for c in page.evaluate(CHART_MARKS)
        if c["marks"] < minimum_marks
    ]
    return failed + empty


def chart_count(page) -> int:
    return len(page.evaluate(CHART_MARKS))


def charts_without_text_alternative(page) -> list[str]:
    """Charts whose drawing area is not role="img" with a non-empty aria-label, or not in a figure."""
    problems = []
    for chart in page.evaluate(CHART_ALTERNATIVES):
        if not chart["label"]:
            problems.append(f"diagram {chart['id']} saknar textalternativ (role=img med aria-label)")
    charts = page.evaluate(CHART_MARKS)
    figures = [c for c in page.evaluate(CHART_ALTERNATIVES) if c["figure"]]
    if len(figures) != len(charts):
        problems.append(f"{len(charts)} diagram men {len(figures)} <figure class=metabok-chart>")
    return problems


def charts_without_table(page) -> list[str]:
    """Charts with no table of numbers in the same section of the page."""
    return [
        f"diagram {c['id']} har ingen tabell med siffrorna i samma avsnitt"
        for c in page.evaluate(CHART_TABLES)
        if c["tables"] == 0
    ]


def heading_problems(page) -> list[str]:
    """The visible headings: exactly one h1, first, and no level skipped on the way down."""
    headings = page.evaluate(VISIBLE_HEADINGS)
    problems = []
    h1 = [h for h in headings if h["level"] == 1]
    if len(h1) != 1:
        problems.append(f"sidan har {len(h1)} synliga h1-rubriker, ska ha en")
    if headings and headings[0]["level"] != 1:
        problems.append(f"första rubriken är h{headings[0]['level']} ({headings[0]['text']!r}), inte h1")
    for before, after in zip(headings, headings[1:], strict=False):
        if after["level"] > before["level"] + 1:
            problems.append(
                f"h{before['level']} {before['text']!r} följs av h{after['level']} {after['text']!r}: "
                f"nivå h{before['level'] + 1} hoppas över"
            )
    return problems


def is_theme_exception(page, rule: str, target: str) -> bool:
    selector = THEME_EXCEPTIONS.get(rule)
    return selector is not None and page.evaluate(MATCHES, [selector, target])


def axe_violations(page, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """axe-core's violations of the given impacts, without the documented theme exceptions."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    problems = []
    for violation in page.evaluate(AXE_RUN):
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in impacts and not is_theme_exception(page, violation["id"], node["target"]):
                problems.append(
                    f"{violation['id']} ({impact}): {node['target']} – {violation['help']}: {node['html']}"
                )
    return problems


def injected_code_problems(page, events: PageEvents, markers: list[str]) -> list[str]:
    """Signs that markup or script from data took effect: a dialog opened, a script element carrying
    a marker, an <img src=x>, an on* attribute, a javascript:/data: link or an embedded frame in the
    page content."""
    problems = [f"en dialogruta öppnades ({d})" for d in events.dialogs]
    return problems + page.evaluate(INJECTED_CODE, markers)


def _plain_quotes(text: str) -> str:
    return text.translate(TYPOGRAPHIC_QUOTES)


# Sphinx turns straight quotes in Markdown text into typographic ones (smartquotes, Swedish style).
TYPOGRAPHIC_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "’": "'", "‘": "'"})


def missing_texts(page, texts: list[str]) -> list[str]:
    """The texts that are not shown on the page as text (whitespace runs and typographic quotes
    compared as in plain text)."""
    shown = _plain_quotes(" ".join(page.evaluate("() => document.body.innerText").split()))
    return [text for text in texts if _plain_quotes(" ".join(text.split())) not in shown]


# --- a phone reader's checks ------------------------------------------------------------------

CHAPTER_DIRS = ("book/kapitel/meta/", "book/kapitel/mottagande/")  # the chapters with charts
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "locale": "sv-SE"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "sv-SE"}
MIN_CHART_TEXT_PX = 11
MIN_LABEL_GAP_PX = 2

MENU_STATE = """() => {
  const dialog = document.querySelector('#pst-primary-sidebar-modal');
  const links = dialog ? [...dialog.querySelectorAll('nav a[href]')]
    .filter(a => a.getClientRects().length > 0).map(a => a.textContent.trim()) : [];
  return {open: !!(dialog && dialog.open), links};
}"""

SMALLEST_CHART_TEXT = """() => [...document.querySelectorAll('.metabok-vis')].map(chart => {
  let smallest = Infinity;
  for (const text of chart.querySelectorAll('svg text')) {
    if (!text.textContent.trim() || text.getClientRects().length === 0) continue;
    const svg = text.ownerSVGElement;
    const box = svg.viewBox && svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return {id: chart.id, smallest: smallest === Infinity ? null : Math.round(smallest * 10) / 10};
})"""

# Each chart axis's labels (vega draws them as <text> in g.role-axis-label, and keeps a label it
# removed for overlap with opacity 0): the visible pairs on one line closer than `gap` px, and the
# removed labels that hold a letter (a row's or a category's name, not a thinned-out number).
AXIS_LABELS = """(gap) => {
  const found = {labels: 0, problems: []};
  for (const chart of document.querySelectorAll('.metabok-vis')) {
    for (const axis of chart.querySelectorAll('g.role-axis')) {
      const labels = [];
      for (const text of axis.querySelectorAll('.role-axis-label text')) {
        const name = text.textContent.trim();
        if (!name || text.getClientRects().length === 0) continue;
        if (parseFloat(getComputedStyle(text).opacity) > 0) {
          labels.push({name, box: text.getBoundingClientRect()});
        } else if (/\\p{L}/u.test(name)) {
          found.problems.push(`diagram ${chart.id}: axeletiketten '${name}' är dold`);
        }
      }
      found.labels += labels.length;
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i].box, labels[j].box];
          const sameLine = Math.max(b.top - a.bottom, a.top - b.bottom) < 0;
          const apart = Math.max(b.left - a.right, a.left - b.right);
          if (sameLine && apart < gap) {
            found.problems.push(`diagram ${chart.id}: axeletiketterna '${labels[i].name}' och `
              + `'${labels[j].name}' står ${Math.round(apart * 10) / 10} px isär`);
          }
        }
      }
    }
  }
  return found;
}"""

COMPARISON_COLUMNS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll('table.metabok-table')) {
    const frame = table.closest('.metabok-table-wrap') || table.parentElement;
    const edge = Math.min(window.innerWidth, frame.getBoundingClientRect().right);
    const caption = (table.caption ? table.caption.textContent : '').trim().slice(0, 60);
    for (const th of table.querySelectorAll('thead th')) {
      if (!/länet|riket/i.test(th.textContent)) continue;
      const right = th.getBoundingClientRect().right;
      if (right > edge + 1) {
        problems.push(`${caption}: kolumnen ${th.textContent.trim()} slutar vid ${Math.round(right)} px, `
          + `synligt t.o.m. ${Math.round(edge)} px`);
      }
    }
  }
  return problems;
}"""


def menu_problems(page) -> list[str]:
    """Tap the visible menu button: the chapter list must open (with its chapters), and Escape closes it."""
    buttons = page.locator(".primary-toggle:visible")
    if buttons.count() == 0:
        return ["ingen synlig menyknapp"]
    buttons.first.tap()
    page.wait_for_timeout(300)
    state = page.evaluate(MENU_STATE)
    if not state["open"]:
        return ["menyn öppnades inte när menyknappen trycktes"]
    problems = [] if state["links"] else ["menyn öppnades men visar inga kapitel"]
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    if page.evaluate(MENU_STATE)["open"]:
        problems.append("menyn stängdes inte med Escape")
    return problems


def menu_links(page) -> list[str]:
    """The chapter links the open menu shows (empty when it is closed)."""
    return page.evaluate(MENU_STATE)["links"]


def page_overflow(page) -> list[str]:
    """The page is wider than the viewport (the reader would have to scroll the whole page sideways)."""
    # The configured width: a mobile browser widens window.innerWidth to fit a page that is too wide.
    viewport = page.viewport_size["width"]
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return [f"sidan är {width} px bred, fönstret {viewport} px"] if width > viewport else []


def small_chart_text(page, minimum: float = MIN_CHART_TEXT_PX) -> list[str]:
    """Charts whose smallest text, as drawn on the screen, is below `minimum` px."""
    return [
        f"diagram {c['id']}: minsta text {c['smallest']} px"
        for c in page.evaluate(SMALLEST_CHART_TEXT)
        if c["smallest"] is not None and c["smallest"] < minimum
    ]


@dataclass
class AxisLabels:
    shown: int  # how many axis labels the charts show (so a check that sees none cannot pass unseen)
    problems: list[str]


def axis_labels(page, gap: float = MIN_LABEL_GAP_PX) -> AxisLabels:
    """Axis labels on one line that touch or overlap ('0,01,0'), closer than `gap` px, and row or
    category names that vega removed for lack of room."""
    found = page.evaluate(AXIS_LABELS, gap)
    return AxisLabels(found["labels"], found["problems"])


# For each chart with panels one under the other (side by side, they share the first one's row labels):
# the row labels of each panel (axis labels with a letter in them; the numbers along the x axis have none).
PANEL_ROW_LABELS = """() => [...document.querySelectorAll('.metabok-vis')].map(chart => {
  const panels = [...chart.querySelectorAll('svg g[class*="role-scope concat_"][class$="_group"]')];
  const boxes = panels.map(panel => panel.getBoundingClientRect());
  return {
    id: chart.id,
    stacked: panels.length > 1 && boxes.slice(1).every((box, i) => box.top >= boxes[i].bottom - 1),
    panels: panels.map(panel => [...panel.querySelectorAll('g.role-axis-label text')]
      .map(text => text.textContent).filter(text => /\\p{L}/u.test(text)).sort()),
  };
}).filter(chart => chart.stacked)"""


@dataclass
class PanelLabels:
    stacked: int  # how many charts have panels one under the other (so the check cannot pass unseen)
    problems: list[str]


def panel_labels(page) -> PanelLabels:
    """Panels of a chart drawn one under the other whose bars have fewer row labels than the first
    panel's: a reader cannot tell which bar is which."""
    charts = page.evaluate(PANEL_ROW_LABELS)
    problems = []
    for chart in charts:
        first, *others = chart["panels"]
        problems += [
            f"diagram {chart['id']}, panel {index}: {len(labels)} radetiketter, första panelen {len(first)}"
            for index, labels in enumerate(others, start=2)
            if len(labels) < len(first)
        ]
    return PanelLabels(len(charts), problems)


def drawings(page) -> int:
    """How many times the page's charts have been drawn so far (CHART_TRACKER)."""
    return page.evaluate("window.__metabokCharts.started")


def hidden_comparison_columns(page) -> list[str]:
    """Table columns for the län or riket ('… i länet', '… i riket') that end outside the
    viewport or outside the table's frame, so the reader must scroll to compare."""
    return page.evaluate(COMPARISON_COLUMNS)


def site_pages(site: Path) -> list[str]:
    """The pages of the site (not the theme's template fragments it copies into _static/)."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith("_static/"))


# A county chapter's page weight as a phone reader's browser loads it with an empty cache (issue 12).
WEIGHT_LIMITS = {"html": 300_000, "total": 1_500_000}


def page_weight(browser, url: str) -> dict[str, int]:
    """Bytes of the page's HTML and of every response it loads (bodies as served, uncompressed)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    watch(page)
    goto(page, url)
    sizes = {response.url: _body_size(response) for response in responses}
    context.close()
    return {"html": sizes.get(url, 0), "total": sum(sizes.values())}


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
        return 0


def weight_problems(weight: dict[str, int], limits: dict[str, int] = WEIGHT_LIMITS) -> list[str]:
    """The measures of page_weight that exceed their limits, in kB."""
    names = {"html": "HTML", "total": "alla förfrågningar"}
    return [
        f"{names[key]}: {weight[key] / 1000:.0f} kB, högst {limit / 1000:.0f} kB"
        for key, limit in limits.items()
        if weight[key] > limit
    ]
