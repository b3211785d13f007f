/* The visual timeline: contacts drawn to scale on a time axis, one lane per pair, counterpart or
 * kind, from the JSON of timeline/visual.json (the page's filters as its query string).
 * Zoom and pan (wheel, drag, pinch, buttons, keyboard) write the visible range into the filter
 * form's From/To, so htmx reloads the list below and pushes start/end into the URL; the list's
 * swap then redraws this with the new range. Clicking a contact loads its details beside the
 * plot through htmx. No inline script: the Content-Security-Policy allows 'self' only. */
(function () {
  "use strict";

  var KINDS = {
    phone_call: { label: "Phone call", colour: "#0072B2", symbol: "circle" },
    video_call: { label: "Video call", colour: "#56B4E9", symbol: "square" },
    meeting: { label: "Meeting", colour: "#D55E00", symbol: "diamond" },
    visit: { label: "Visit", colour: "#E69F00", symbol: "triangle-up" },
    letter: { label: "Letter", colour: "#009E73", symbol: "star" },
    message: { label: "Message", colour: "#CC79A7", symbol: "cross" },
    other: { label: "Other", colour: "#999999", symbol: "x" },
  };
  var VERDICT_COLOURS = { supported: "#1a7f37", contradicted: "#b3261e", uncheckable: "#6b6f76" };
  var PRECISION = { week: "within a week", month: "within the month", approximate: "approximate" };
  var DAY = 86400000;

  function isoDay(value) {
    var d = new Date(value);
    if (isNaN(d)) return null;
    return d.toISOString().slice(0, 10);
  }
  function unescape(text) {
    var el = document.createElement("textarea");
    el.innerHTML = text;
    return el.value;
  }
  function prettyDay(iso) {
    var d = new Date(iso + "T00:00:00Z");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  function Timeline(root) {
    this.root = root;
    this.plot = root.querySelector(".visual-plot");
    this.note = root.querySelector(".visual-note");
    this.detail = root.querySelector(".visual-detail");
    this.form = document.getElementById("filters");
    this.rows = 8;
    this.drawing = false;
    this.timer = null;
    this.data = null;
    root.hidden = false;
    this.bind();
    this.load();
  }

  Timeline.prototype.params = function () {
    var params = new URLSearchParams(this.root.getAttribute("data-fixed") || "");
    if (this.form) {
      new FormData(this.form).forEach(function (value, key) {
        if (value !== "" && !(key === "status" && value === "confirmed")) params.append(key, value);
      });
    } else {
      var here = new URLSearchParams(window.location.search);
      ["start", "end"].forEach(function (key) { if (here.get(key)) params.set(key, here.get(key)); });
    }
    params.set("lanes", this.root.getAttribute("data-lanes"));
    if (this.root.getAttribute("data-lead")) params.set("lead", this.root.getAttribute("data-lead"));
    params.set("rows", String(this.rows));
    return params;
  };

  Timeline.prototype.load = function () {
    var self = this;
    var url = this.root.getAttribute("data-url") + "?" + this.params().toString();
    // Only the latest request is drawn (an earlier one answering late would show old filters);
    // the region stays aria-busy until that one is drawn.
    var request = this.requests = (this.requests || 0) + 1;
    var done = function () { if (request === self.requests) self.root.removeAttribute("aria-busy"); };
    this.root.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (request === self.requests) return self.draw(data); })
      .then(done, function () {
        if (request !== self.requests) return;
        done();
        self.note.textContent = "The drawing could not be loaded; the list below has every contact.";
      });
  };

  // Gaps of the pair every lane shares (a pair's page) get a lane of their own, on top.
  var GAP_LANE = "Gaps";
  function laneLabels(data) {
    var lanes = data.lanes.map(function (l) { return l.label; });
    if (data.gaps.some(function (g) { return g[0] < 0; })) lanes.unshift(GAP_LANE);
    return lanes;
  }

  Timeline.prototype.traces = function (data) {
    var lanes = data.lanes.map(function (l) { return l.label; });
    var traces = [];
    var byKind = {};
    data.marks.forEach(function (m) {
      var kind = m[2];
      var t = byKind[kind] || (byKind[kind] = { x: [], y: [], customdata: [], text: [], spanX: [], spanY: [] });
      var when = prettyDay(m[1]) + (PRECISION[m[3]] ? " (" + PRECISION[m[3]] + ")" : "");
      t.x.push(m[1]);
      t.y.push(lanes[m[0]]);
      t.customdata.push(m[4]);
      t.text.push(m[6] + "<br>" + when + "<br>" + KINDS[kind].label + " · " + m[5] + " source" + (m[5] === 1 ? "" : "s"));
      if (m[7]) { t.spanX.push(m[7][0], m[7][1], null); t.spanY.push(lanes[m[0]], lanes[m[0]], null); }
    });
    Object.keys(KINDS).forEach(function (kind) {
      var t = byKind[kind];
      if (!t) return;
      if (t.spanX.length) {
        traces.push({ type: "scatter", mode: "lines", x: t.spanX, y: t.spanY, hoverinfo: "skip", showlegend: false,
          line: { color: KINDS[kind].colour, width: 12 }, opacity: 0.35, name: KINDS[kind].label + " (date span)" });
      }
      traces.push({ type: "scatter", mode: "markers", name: KINDS[kind].label, x: t.x, y: t.y, customdata: t.customdata,
        text: t.text, hovertemplate: "%{text}<extra></extra>",
        marker: { color: KINDS[kind].colour, symbol: KINDS[kind].symbol, size: 11, line: { color: "#ffffff", width: 1 } } });
    });
    if (data.counts.length) {
      var c = { x: [], y: [], text: [], size: [], colour: [] };
      var max = Math.max.apply(null, data.counts.map(function (r) { return r[2]; }));
      data.counts.forEach(function (r) {
        c.x.push(r[1]); c.y.push(lanes[r[0]]);
        c.text.push(r[2] + " contact" + (r[2] === 1 ? "" : "s") + " in the " + data.period + " from " + prettyDay(r[1]) + "<br>mostly " + KINDS[r[3]].label.toLowerCase());
        c.size.push(5 + 20 * Math.sqrt(r[2] / max));
        c.colour.push(KINDS[r[3]].colour);
      });
      traces.push({ type: "scatter", mode: "markers", name: "Contacts per " + data.period, x: c.x, y: c.y, text: c.text,
        customdata: c.x.map(function (x) { return "period:" + x; }), hovertemplate: "%{text}<extra></extra>",
        marker: { size: c.size, color: c.colour, opacity: 0.8, line: { color: "#ffffff", width: 1 } } });
    }
    if (data.gaps.length) {
      var g = { x: [], y: [] };
      data.gaps.forEach(function (gap) {
        var lane = gap[0] < 0 ? GAP_LANE : lanes[gap[0]];
        g.x.push(gap[1], gap[2], null); g.y.push(lane, lane, null);
      });
      traces.push({ type: "scatter", mode: "lines", name: "Gaps labelled", x: g.x, y: g.y, hoverinfo: "skip",
        line: { color: "#1d2330", width: 1, dash: "dot" }, showlegend: false });
    }
    return traces;
  };

  // A label per labelled gap, as annotations (the range slider does not repeat them): the whole
  // label where the gap is wide enough on screen, its days where only that fits, else none
  // (the label stays on hover), so labels never run over each other.
  Timeline.prototype.gapLabels = function (data, lanes, range, width) {
    var perDay = width / Math.max((new Date(range[1]) - new Date(range[0])) / DAY, 1);
    return data.gaps.map(function (gap) {
      var pixels = gap[3] * perDay;
      var lines = gap[4].split("\n");
      var longest = Math.max.apply(null, lines.map(function (l) { return l.length; }));
      var text = pixels >= longest * 6.2 ? lines.join("<br>") : pixels >= 40 ? gap[3] + " d" : "";
      var middle = isoDay((new Date(gap[1]).getTime() + new Date(gap[2]).getTime()) / 2);
      return { xref: "x", yref: "y", x: middle, y: gap[0] < 0 ? GAP_LANE : lanes[gap[0] + (lanes.length - data.lanes.length)],
        yshift: 6, yanchor: "bottom", text: text || "·", hovertext: lines.join("<br>"), showarrow: false, captureevents: true,
        font: { size: 11, color: VERDICT_COLOURS[gap[5]] || "#1d2330" } };
    });
  };

  Timeline.prototype.layout = function (data) {
    var lanes = laneLabels(data);
    var narrow = window.matchMedia("(max-width: 48rem)").matches;
    var offset = lanes.length - data.lanes.length;
    var shapes = data.away.map(function (a) {
      var whole = a[0] < 0;
      var at = a[0] + offset;
      return { type: "rect", xref: "x", yref: whole ? "paper" : "y", x0: a[1], x1: a[2],
        y0: whole ? 0 : at - 0.5, y1: whole ? 1 : at + 0.5, fillcolor: "#8a8f98", opacity: 0.18, line: { width: 0 }, layer: "below" };
    });
    var extent = data.extent.first ? [data.extent.first, isoDay(new Date(data.extent.last).getTime() + DAY)] : undefined;
    var start = data.start, end = isoDay(new Date(data.end).getTime() + DAY);
    if (!data.chosen) {
      // The first and last contacts themselves: leave room around them for their marks and labels.
      var pad = Math.max((new Date(end) - new Date(start)) * 0.05, 10 * DAY);
      start = isoDay(new Date(start).getTime() - pad); end = isoDay(new Date(end).getTime() + pad);
    }
    if (extent) { extent[0] = start < extent[0] ? start : extent[0]; extent[1] = end > extent[1] ? end : extent[1]; }
    return {
      height: 150 + 34 * Math.max(lanes.length, 2),
      margin: { l: narrow ? 8 : 180, r: 16, t: narrow ? 8 : 30, b: 40 },
      font: { family: "system-ui, -apple-system, Segoe UI, sans-serif", size: 12, color: "#1d2330" },
      paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
      hovermode: "closest", dragmode: "pan", showlegend: !narrow,
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 },
      xaxis: { type: "date", range: [start, end], rangeslider: { visible: true, range: extent, thickness: 0.12 }, showgrid: true, gridcolor: "#eef0f3" },
      yaxis: { type: "category", categoryorder: "array", categoryarray: lanes, range: [lanes.length - 0.5, -1.1], fixedrange: true,
        showticklabels: !narrow, automargin: !narrow, ticklabelposition: narrow ? "inside" : "outside" },
      shapes: shapes,
      annotations: this.gapLabels(data, lanes, [start, end], this.plot.clientWidth - (narrow ? 24 : 196)).concat(narrow ? lanes.map(function (label) {
        return { xref: "paper", yref: "y", x: 0, y: label, yshift: -7, text: label, showarrow: false, xanchor: "left", yanchor: "top",
          font: { size: 10, color: "#5b616b" }, bgcolor: "rgba(255,255,255,0.8)" };
      }) : []),
    };
  };

  // Resolves once drawn.
  Timeline.prototype.draw = function (data) {
    var self = this;
    this.data = data;
    if (data.errors) { this.note.textContent = "Some filters could not be read: " + data.errors.join(" "); return; }
    var parts = [];
    if (!data.total) parts.push("No contacts in this selection.");
    else parts.push(data.total.toLocaleString("en-GB") + (data.total_more ? "+" : "") + " contact" + (data.total === 1 ? "" : "s") + " from " + prettyDay(data.start) + " to " + prettyDay(data.end) + ".");
    if (data.note && data.total) parts.push(data.note);
    var away = {};
    data.away.forEach(function (a) { away[a[3]] = true; });
    // The labels come escaped for plotly; textContent shows them as the plain names they are.
    if (Object.keys(away).length) parts.push("Shaded: " + Object.keys(away).map(unescape).join("; ") + ".");
    if (data.more_lanes) parts.push(data.more_lanes + " more lane" + (data.more_lanes === 1 ? "" : "s") + " not shown.");
    this.note.textContent = parts.join(" ");
    var more = this.root.querySelector("[data-visual=more]");
    if (more) more.hidden = !data.more_lanes;
    if (!window.Plotly) return;
    // Nothing at all to draw; a range with no contacts (zoomed into a silence) keeps its axis,
    // so one can pan or zoom out of it again.
    if (!data.total && !(data.start && data.extent.first)) { window.Plotly.purge(this.plot); this.plot.classList.add("empty"); return; }
    this.plot.classList.remove("empty");
    this.drawing = true;
    // No plotly mode bar: the buttons above do its work, and it would sit over the legend.
    var config = { responsive: true, displaylogo: false, scrollZoom: true, displayModeBar: false };
    return window.Plotly.react(this.plot, this.traces(data), this.layout(data), config).then(function () {
      self.drawing = false;
      if (!self.plot.__visualBound) self.bindPlot();
    });
  };

  Timeline.prototype.visible = function () {
    var range = this.plot._fullLayout && this.plot._fullLayout.xaxis.range;
    if (!range) return null;
    return [new Date(range[0]).getTime(), new Date(range[1]).getTime()];
  };

  // The visible range into the filter form (From/To), which htmx turns into a new list and URL.
  Timeline.prototype.rangeChosen = function (from, to) {
    var start = isoDay(from), end = isoDay(to - DAY);
    if (!start || !end) return;
    if (this.form && this.form.elements.start && this.form.elements.end) {
      this.form.elements.start.value = start;
      this.form.elements.end.value = end;
      window.htmx.trigger(this.form, "change");
    } else {
      var here = new URLSearchParams(window.location.search);
      here.set("start", start); here.set("end", end);
      history.replaceState(null, "", window.location.pathname + "?" + here.toString());
      this.load();
    }
  };

  Timeline.prototype.moveTo = function (from, to) {
    var self = this;
    window.Plotly.relayout(this.plot, { "xaxis.range": [isoDay(from), isoDay(to)] });
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.rangeChosen(from, to); }, 450);
  };

  Timeline.prototype.act = function (action) {
    var range = this.visible();
    if (action === "more") { this.rows = Math.min(this.rows + 8, 40); this.load(); return; }
    if (action === "all") {
      clearTimeout(this.timer); // a pan still settling must not bring its range back afterwards
      if (this.form && this.form.elements.start) {
        this.form.elements.start.value = ""; this.form.elements.end.value = "";
        window.htmx.trigger(this.form, "change");
      } else {
        var here = new URLSearchParams(window.location.search);
        here.delete("start"); here.delete("end");
        history.replaceState(null, "", window.location.pathname + (here.toString() ? "?" + here.toString() : ""));
        this.load();
      }
      return;
    }
    if (!range) return;
    var span = range[1] - range[0], middle = (range[0] + range[1]) / 2;
    if (action === "in") span = Math.max(span / 2, 7 * DAY);
    if (action === "out") span = span * 2;
    if (action === "left") middle -= span * 0.25;
    if (action === "right") middle += span * 0.25;
    this.moveTo(middle - span / 2, middle + span / 2);
  };

  Timeline.prototype.bind = function () {
    var self = this;
    this.root.querySelectorAll("[data-visual]").forEach(function (button) {
      button.addEventListener("click", function () { self.act(button.getAttribute("data-visual")); });
    });
    this.plot.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: "left", ArrowRight: "right", "+": "in", "=": "in", "-": "out", Home: "all" };
      if (keys[event.key]) { event.preventDefault(); self.act(keys[event.key]); }
    });
    this.bindTouch();
  };

  Timeline.prototype.bindPlot = function () {
    var self = this;
    this.plot.__visualBound = true;
    this.plot.on("plotly_relayout", function (change) {
      if (self.drawing) return;
      var from = change["xaxis.range[0]"], to = change["xaxis.range[1]"];
      if (change["xaxis.range"]) { from = change["xaxis.range"][0]; to = change["xaxis.range"][1]; }
      if (from === undefined || to === undefined) return;
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.rangeChosen(new Date(from).getTime(), new Date(to).getTime()); }, 450);
    });
    this.plot.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (!point || point.customdata === undefined || point.customdata === null) return;
      if (typeof point.customdata === "string" && point.customdata.indexOf("period:") === 0) {
        var from = new Date(point.customdata.slice(7)).getTime();
        var days = { week: 7, month: 31, quarter: 92, year: 366 }[self.data.period] || 31;
        self.moveTo(from - DAY, from + (days + 1) * DAY);
        return;
      }
      window.htmx.ajax("GET", self.root.getAttribute("data-contact-url").replace(/0\/$/, point.customdata + "/"),
        { target: self.detail, swap: "innerHTML" });
    });
  };

  // Two fingers pinch to zoom around their middle; one finger drags (plotly pans).
  Timeline.prototype.bindTouch = function () {
    var self = this, pinch = null;
    function spread(touches) { return Math.abs(touches[0].clientX - touches[1].clientX) || 1; }
    this.plot.addEventListener("touchstart", function (event) {
      if (event.touches.length === 2) pinch = { spread: spread(event.touches), range: self.visible(), x: (event.touches[0].clientX + event.touches[1].clientX) / 2 };
    }, { passive: true });
    this.plot.addEventListener("touchmove", function (event) {
      if (!pinch || event.touches.length !== 2 || !pinch.range) return;
      event.preventDefault();
      var box = self.plot.getBoundingClientRect();
      var at = pinch.range[0] + (pinch.range[1] - pinch.range[0]) * ((pinch.x - box.left) / box.width);
      var factor = pinch.spread / spread(event.touches);
      window.Plotly.relayout(self.plot, { "xaxis.range": [isoDay(at - (at - pinch.range[0]) * factor), isoDay(at + (pinch.range[1] - at) * factor)] });
    }, { passive: false });
    this.plot.addEventListener("touchend", function () { pinch = null; }, { passive: true });
  };

  var timelines = [];
  function start() {
    document.querySelectorAll("[data-visual-timeline]").forEach(function (root) {
      if (!root.__visual) { root.__visual = new Timeline(root); timelines.push(root.__visual); }
    });
  }
  document.addEventListener("DOMContentLoaded", start);
  // New results from the filters: draw the same selection.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && (target.id === "results" || !document.body.contains(target))) timelines.forEach(function (t) { t.load(); });
  });
  window.addEventListener("popstate", function () { setTimeout(function () { timelines.forEach(function (t) { t.load(); }); }, 50); });
})();
