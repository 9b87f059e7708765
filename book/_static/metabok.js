/* META-boken in the browser.
 * - Charts: each chart is drawn for the width it has. Below NARROW px, or when the chart as designed is
 *   wider than its place (it would be scaled down, text and all), side-by-side panels are stacked
 *   (each with the rows' labels), a row's header (the län, riket) stands above its bars, the bars
 *   get the width left after the labels, long labels are cut (the full text is in the tooltip and
 *   in the table beside the chart), axis labels that would touch are thinned out and legends have
 *   one column. Such a narrow chart is fitted to its place in a few drawings, the first guess
 *   learnt from the page's earlier charts of the same layout. Text is never smaller than MIN_FONT
 *   px. A chart is redrawn when its place changes width. The län marked in one of riket's
 *   charts is marked in the page's other charts too. A page printed to PDF draws each chart once,
 *   as designed.
 * - Wide tables: a table wider than its frame gets the class metabok-scrolls (a shadow at the edge
 *   where more columns are) and a line telling the reader that the table scrolls sideways.
 */
(() => {
  "use strict";
  const NARROW = 620;
  const MIN_FONT = 12;
  const LABEL_SHARE = 0.4; // share of a narrow chart's width given to the row labels
  const LABEL_GAP = 6; // px at least between two labels along a narrow chart's x axis
  const SLACK = 8; // px a narrow chart may leave unused before it is drawn again wider
  const GROWTH = 0.5; // first guess: px a narrow drawing grows for each px of room it is given
  const charts = [];
  // Measured on the page's earlier narrow charts, so that the next one is drawn at the right width at
  // once: by layout, the room a drawing was given to fit (and by width, whatever the layout) and how
  // much it grew for each pixel of room.
  const fittedRoom = new Map();
  const fittedAtWidth = new Map();
  const growth = new Map();
  let lastGrowth = GROWTH;

  function readableConfig(config) {
    const result = {...(config || {})};
    const font = {labelFontSize: MIN_FONT, titleFontSize: MIN_FONT};
    for (const key of ["axis", "legend", "header"]) result[key] = {...font, ...(result[key] || {})};
    result.title = {fontSize: MIN_FONT + 1, ...(result.title || {})};
    result.text = {fontSize: MIN_FONT, ...(result.text || {})};
    return result;
  }

  function fontAtLeast(node) {
    // Font sizes written into the spec itself (e.g. a title's fontSize) are raised to MIN_FONT.
    for (const key of Object.keys(node)) {
      if (/fontsize$/i.test(key) && typeof node[key] === "number" && node[key] < MIN_FONT) node[key] = MIN_FONT;
    }
  }

  function wrapped(text, available) {
    // Vega does not wrap a title: a long one is given as lines that fit the width (about 0.55 em a
    // letter); a list of lines is valid wherever Vega-Lite takes a title.
    const letters = Math.max(12, Math.floor(available / ((MIN_FONT + 1) * 0.55)));
    const lines = [];
    for (const word of String(text).split(/\s+/)) {
      const last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= letters) lines[last] += " " + word;
      else lines.push(word);
    }
    return lines.length > 1 ? lines : String(text);
  }

  function eachObject(node, visit) {
    // `visit` every object of a spec, outside its data, before the objects inside it (so what it adds
    // to an object is visited too).
    if (Array.isArray(node)) { node.forEach((item) => eachObject(item, visit)); return; }
    if (!node || typeof node !== "object") return;
    visit(node);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "data" && key !== "datasets" && key !== "values") eachObject(value, visit);
    }
  }

  function showRowLabels(panel) {
    // Panels that stood side by side shared the rows' labels at the left; one under the other, each
    // panel shows them (a bar in the lower panel is otherwise not told from its neighbours).
    eachObject(panel, (node) => {
      const y = node.encoding && node.encoding.y;
      if (y && y.axis === null && (y.type === "nominal" || y.type === "ordinal")) y.axis = {};
    });
  }

  function narrowSpec(spec, available) {
    const labels = Math.round(available * LABEL_SHARE);
    const plot = Math.max(80, available - labels - 40);
    // Legends below the chart stand one under the other, not side by side.
    spec.config.legend = {...spec.config.legend, layout: {bottom: {direction: "vertical", anchor: "start"}}};
    // Labels along a narrow x axis that would touch ("0,01,0") are thinned out, every other one kept.
    // (Not on the y axis, where each row's label stands on a line of its own.)
    spec.config.axisX = {...spec.config.axisX, labelOverlap: true, labelSeparation: LABEL_GAP};
    eachObject(spec, (node) => {
      fontAtLeast(node);
      if (node.hconcat) {
        node.vconcat = node.hconcat;
        delete node.hconcat;
        node.vconcat.forEach(showRowLabels);
      }
      // A row's header (the län, riket) stands above its bars, leaving the width to the bars' labels.
      if (node.facet && node.facet.row && node.facet.row.header) {
        const header = {labelOrient: "top", labelAnchor: "start", labelPadding: 4, labelBaseline: "bottom"};
        node.facet.row.header = {...node.facet.row.header, ...header};
      }
      if (typeof node.title === "string") node.title = wrapped(node.title, available);
      else if (node.title && typeof node.title.text === "string") {
        node.title = {...node.title, text: wrapped(node.title.text, available)};
      }
      if (typeof node.width === "number") {
        const width = Math.min(node.width, node.projection ? available - 20 : plot);
        // A map keeps its shape: its height shrinks with its width.
        if (node.projection && typeof node.height === "number") {
          node.height = Math.round((node.height * width) / node.width);
        }
        node.width = width;
      }
      if (node.legend && typeof node.legend === "object") {
        node.legend = {...node.legend, columns: 1, orient: "bottom", labelLimit: Math.round(available * 0.75)};
      }
      if (node.axis && typeof node.axis === "object") {
        node.axis = {...node.axis, labelLimit: Math.min(node.axis.labelLimit || labels, labels), labelOverlap: true};
      }
    });
    return spec;
  }

  function wideSpec(spec) {
    eachObject(spec, fontAtLeast);
    return spec;
  }

  /* Riket's charts carry a drop-down to mark one län (metabok/county_picker.py): a choice made in
   * one chart is passed on to the page's other charts, and kept when a chart is redrawn. */
  const PICKER = "valt_lan";
  let pickedCounty = "";

  function hasPicker(view) {
    try { view.signal(PICKER); return true; } catch (error) { return false; }
  }

  function sharePicker(chart, view) {
    chart.view = hasPicker(view) ? view : null;
    if (!chart.view) return;
    if (view.signal(PICKER) !== pickedCounty) view.signal(PICKER, pickedCounty).runAsync();
    view.addSignalListener(PICKER, (name, value) => {
      if (chart.view !== view || value === pickedCounty) return;
      pickedCounty = value;
      for (const other of charts) {
        if (other.view && other !== chart) other.view.signal(PICKER, value).runAsync();
      }
    });
  }

  async function embed(chart, narrow, width) {
    const spec = JSON.parse(chart.json);
    spec.config = readableConfig(spec.config);
    if (chart.bindings) chart.bindings.remove();
    const result = await window.vegaEmbed(chart.target, narrow ? narrowSpec(spec, width) : wideSpec(spec), chart.options);
    // A drop-down stands above the drawing, outside its role="img" element, where it can be reached.
    chart.bindings = chart.element.querySelector(".vega-bindings");
    if (chart.bindings) chart.element.before(chart.bindings);
    sharePicker(chart, result.view);
    return result;
  }

  function drawnWidth(chart) {
    const svg = chart.element.querySelector("svg");
    return svg ? svg.width.baseVal.value : 0;
  }

  function tooWide(chart) {
    // The drawing would be scaled down (and its text shrunk) to fit its container.
    return drawnWidth(chart) > chart.element.clientWidth + 1;
  }

  function layoutOf(spec) {
    // The chart's layout without its data and texts, a list of values (names, domains, colours)
    // counted by its length: its views, panels, marks, sizes, axes and legends. Charts of one layout
    // take about the same room.
    const skipped = new Set(["data", "datasets", "values", "title", "description", "tooltip"]);
    const isValue = (v) => v === null || typeof v !== "object";
    return JSON.stringify(spec, (key, value) => {
      if (skipped.has(key)) return undefined;
      return Array.isArray(value) && value.every(isValue) ? value.length : value;
    });
  }

  async function drawNarrow(chart, width) {
    // The room given to labels, legend and plot (narrowSpec) is adjusted until the drawing fills
    // `width`, its place's width (placeWidth), without passing it. It starts from what fitted this
    // layout before (or the last chart at this width); each next guess follows the growth measured
    // between the last two drawings (a secant step), kept between the largest room known to fit and
    // the smallest known not to.
    const key = `${width} ${chart.layout}`;
    let room = fittedRoom.get(key) ?? fittedAtWidth.get(width) ?? width;
    let rate = growth.get(chart.layout) ?? lastGrowth;
    let fits = 0; // the largest room that fitted (0: none yet)
    let overflows = Infinity; // the smallest room that did not
    let last = null;
    let result;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      result = await embed(chart, true, room);
      const drawn = drawnWidth(chart);
      const measured = last && room !== last.room ? (drawn - last.drawn) / (room - last.room) : 0;
      if (measured > 0.05) {
        rate = measured;
        growth.set(chart.layout, rate);
        lastGrowth = rate;
      }
      last = {room, drawn};
      if (drawn <= width + 1) {
        if (drawn >= width - SLACK || room >= width) return fitted(key, width, room, result);
        fits = Math.max(fits, room);
      } else {
        overflows = Math.min(overflows, room);
      }
      let next = Math.min(width, Math.round(room - (drawn - width + (drawn > width ? 2 : 0)) / rate));
      if (next <= fits || next >= overflows) {
        // The step left the bounds (the growth is not even): halfway between them, or 20 px below a
        // first overflow.
        next = Math.round((Math.max(fits, room - 40) + Math.min(overflows, width)) / 2);
      }
      if (next <= fits || next >= overflows) break;
      room = next;
    }
    if (last.drawn > width + 1 && fits > 0) {
      // The guesses still overflowed: drawn again with the largest room that fitted.
      result = await embed(chart, true, fits);
      room = fits;
    }
    return fitted(key, width, room, result);
  }

  function fitted(key, width, room, result) {
    fittedRoom.set(key, room);
    fittedAtWidth.set(width, room);
    return result;
  }

  function placeWidth(chart) {
    return chart.element.clientWidth || document.documentElement.clientWidth;
  }

  async function draw(chart) {
    // A page printed to PDF (metabok/build/pdf.py) draws each chart once, as designed; the print
    // stylesheet scales a chart wider than the paper to fit it. (Its width is not read: reading it
    // lays the whole page out again after every chart.)
    if (window.metabokPrinting) return embed(chart, false, 0);
    const width = placeWidth(chart);
    chart.drawnFor = width;
    if (width < NARROW) return drawNarrow(chart, width);
    // Wide enough for the chart as designed, unless it is wider still: then it is drawn narrow. (Only
    // a drawing tells: charts of one layout differ by the length of their labels.)
    const result = await embed(chart, false, width);
    return tooWide(chart) ? drawNarrow(chart, width) : result;
  }

  function expandDatasets(spec) {
    // A dataset written as columns and rows (metabok/page.py, _columnar_datasets) becomes rows again.
    // A text column is written as its distinct values (levels) and each row's position in them.
    for (const [name, data] of Object.entries(spec.datasets || {})) {
      if (data && Array.isArray(data.metabokColumns)) {
        const levels = data.levels || {};
        spec.datasets[name] = data.rows.map((row) =>
          Object.fromEntries(data.metabokColumns.map((c, i) => [c, levels[c] ? levels[c][row[i]] : row[i]])),
        );
      }
    }
    return spec;
  }

  /* Called by each chart's inline script at DOMContentLoaded (page.chart_html). */
  window.metabokChart = (selector, compactSpec, options) => {
    const spec = expandDatasets(compactSpec);
    const element = document.querySelector(selector);
    const chart = {
      element,
      target: `${selector} > .metabok-drawing`,
      json: JSON.stringify(spec),
      layout: layoutOf(spec),
      options,
    };
    charts.push(chart);
    return draw(chart);
  };

  let resizing;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      // A chart is drawn again when its place changed width; not when only the height changed (as
      // when a phone's or tablet's toolbar hides while the reader scrolls).
      for (const chart of charts) {
        if (placeWidth(chart) !== chart.drawnFor) draw(chart);
      }
      markWideTables();
    }, 200);
  });

  const HINT = "Tabellen är bredare än skärmen: dra eller scrolla i sidled för att se alla kolumner.";

  function markWideTables() {
    for (const frame of document.querySelectorAll(".metabok-table-wrap")) {
      const wide = frame.scrollWidth > frame.clientWidth + 1;
      frame.classList.toggle("metabok-scrolls", wide);
      let hint = frame.previousElementSibling;
      if (!(hint && hint.classList.contains("metabok-scroll-hint"))) hint = null;
      if (wide && !hint) {
        hint = document.createElement("p");
        hint.className = "metabok-scroll-hint";
        hint.textContent = HINT;
        frame.before(hint);
      } else if (!wide && hint) {
        hint.remove();
      }
    }
  }

  function onScroll(event) {
    const frame = event.target;
    if (!(frame instanceof Element) || !frame.classList.contains("metabok-table-wrap")) return;
    frame.classList.toggle("metabok-scrolled", frame.scrollLeft > 0);
    frame.classList.toggle("metabok-at-end", frame.scrollLeft + frame.clientWidth >= frame.scrollWidth - 1);
  }

  /* The 'Hitta kommun' page: the list narrows to the kommuner (or län) whose name holds the text typed. */
  function kommunFilter() {
    const input = document.getElementById("metabok-kommunfilter");
    const list = document.getElementById("metabok-kommuner");
    const count = document.getElementById("metabok-kommunantal");
    if (!input || !list) return;
    const items = [...list.querySelectorAll("li")];
    const names = items.map((item) => (item.querySelector("strong") || item).textContent + " " + item.textContent);
    const update = () => {
      const wanted = input.value.trim().toLocaleLowerCase("sv");
      let shown = 0;
      items.forEach((item, index) => {
        const match = !wanted || names[index].toLocaleLowerCase("sv").includes(wanted);
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = `${shown} av ${items.length} kommuner`;
    };
    input.addEventListener("input", update);
    update();
  }

  /* The theme's "Till början av sidan" button, shown while the reader scrolls back up (what the
     theme's 81 kB bootstrap.js did besides tooltips; the book does not load it: metabok_sphinx.py). */
  function backToTop() {
    const button = document.getElementById("pst-back-to-top");
    const header = document.querySelector(".bd-header");
    if (!button) return;
    button.addEventListener("click", () => window.scrollTo({top: 0}));
    let previous = window.scrollY;
    window.addEventListener("scroll", () => {
      const below = window.scrollY > (header ? header.getBoundingClientRect().bottom : 0);
      button.style.display = window.scrollY < previous && below ? "block" : "none";
      previous = window.scrollY;
    });
  }

  document.addEventListener("scroll", onScroll, true);
  document.addEventListener("DOMContentLoaded", markWideTables);
  document.addEventListener("DOMContentLoaded", kommunFilter);
  document.addEventListener("DOMContentLoaded", backToTop);
})();
