/* Draws every chart on the page from the figure JSON the server put beside it (json_script).
 * Runs on first load and again on any content htmx swaps in, so a filter change redraws, and
 * after a change of width, when the title is wrapped and the labels spread again to fit.
 * No inline script anywhere: the Content-Security-Policy allows scripts from 'self' only. */
(function () {
  "use strict";

  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    // Shown on hover only; the server's layout keeps its row above the title in any case.
    displayModeBar: "hover",
  };
  var LABEL_GAP = 4; // pixels between two labels stacked to avoid each other
  var LABEL_LEVELS = 3; // a label climbs at most this many rows before it is left to hover

  function chartsIn(root) {
    var found = [];
    if (!root || !root.querySelectorAll) root = document;
    if (root.matches && root.matches("[data-chart-figure]")) found.push(root);
    root.querySelectorAll("[data-chart-figure]").forEach(function (el) { found.push(el); });
    return found;
  }

  // The title broken between words into lines that fit the figure's width, the top margin grown
  // by a line for each. The text is plotly's (names escaped by the server): a break goes only
  // where it had a space, never inside an entity.
  function fitTitle(layout, width) {
    var title = layout.title;
    if (!title || !title.text || !width) return layout;
    var size = (title.font && title.font.size) || 16;
    // The title starts at the plot's left edge: its room is the plot's width, not the figure's.
    var margin = layout.margin || {};
    var room = Math.max(10, Math.floor((width - (margin.l || 56) - (margin.r || 16) - 8) / (size * 0.6)));
    var words = title.text.split(" "), lines = [], line = "";
    words.forEach(function (word) {
      var shown = line.replace(/&[a-z#0-9]+;/gi, "x");
      if (line && shown.length + 1 + word.replace(/&[a-z#0-9]+;/gi, "x").length > room) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    lines.push(line);
    if (lines.length === 1) return layout;
    var fitted = Object.assign({}, layout, { title: Object.assign({}, title, { text: lines.join("<br>") }) });
    fitted.margin = Object.assign({}, layout.margin, { t: ((layout.margin && layout.margin.t) || 72) + (lines.length - 1) * (size + 4) });
    if (layout.height) fitted.height = layout.height + (lines.length - 1) * (size + 4);
    return fitted;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Labels (annotations) that would cover each other, as tied gaps close together on a phone do,
  // are stacked: each, in the server's order (the most important first), climbs a row at a time
  // until it is clear of the ones placed before it and of the axes' labels and titles, but never
  // above the title; one that finds no room is hidden (its bar's hover and the table below still
  // have it).
  function spreadLabels(el, layout) {
    var notes = layout.annotations || [];
    if (!notes.length) return Promise.resolve();
    var title = el.querySelector(".gtitle");
    var ceiling = title ? title.getBoundingClientRect().bottom : el.getBoundingClientRect().top;
    var boxes = {};
    el.querySelectorAll(".annotation").forEach(function (g) {
      var text = g.querySelector(".annotation-text-g");
      boxes[g.getAttribute("data-index")] = (text || g).getBoundingClientRect();
    });
    var placed = [].map.call(el.querySelectorAll(".gtitle, .ytick text, .xtick text, .g-ytitle, .g-xtitle, .legend"), function (n) {
      return n.getBoundingClientRect();
    }).filter(function (r) { return r.width > 0; });
    var update = {};
    notes.forEach(function (note, i) {
      var box = boxes[String(i)];
      if (!box || !box.width) return;
      for (var level = 0; level < LABEL_LEVELS; level++) {
        var rise = level * (box.height + LABEL_GAP);
        var moved = { left: box.left, right: box.right, top: box.top - rise, bottom: box.bottom - rise };
        if (moved.top < ceiling && level > 0) break;
        if (!placed.some(function (p) { return overlaps(p, moved); })) {
          placed.push(moved);
          if (level) update["annotations[" + i + "].ay"] = (note.ay || -20) - rise;
          return;
        }
      }
      update["annotations[" + i + "].visible"] = false;
    });
    return Object.keys(update).length ? window.Plotly.relayout(el, update) : Promise.resolve();
  }

  function draw(root) {
    if (!window.Plotly) return;
    chartsIn(root).forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart-figure"));
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      var fallback = el.querySelector(".chart-nojs");
      if (fallback) fallback.remove();
      var drawn = (figure.data || []).some(function (t) { return (t.x || t.z || []).length; });
      if (!drawn) {
        // An empty axis (plotly draws 2000 to 2001) says nothing: say why there is nothing.
        if (window.Plotly) window.Plotly.purge(el);
        el.textContent = "";
        var empty = document.createElement("p");
        empty.className = "chart-empty";
        empty.textContent = "No contacts in this selection.";
        el.appendChild(empty);
        return;
      }
      var stale = el.querySelector(".chart-empty");
      if (stale) stale.remove();
      el.setAttribute("data-chart-busy", "");
      var layout = fitTitle(figure.layout || {}, el.clientWidth);
      el.__chartWidth = el.clientWidth;
      // react() draws a new element and updates an existing one in place.
      window.Plotly.react(el, figure.data || [], layout, config)
        .then(function () { return spreadLabels(el, layout); })
        .then(function () { el.removeAttribute("data-chart-busy"); });
    });
  }

  var resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () {
      chartsIn(document).forEach(function (el) { if (el.__chartWidth !== el.clientWidth) draw(el); });
    }, 200);
  });
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.detail.elt); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.detail.target); });
})();
