/* Draws every chart on the page from the figure JSON the server put beside it (json_script).
 * Runs on first load and again on any content htmx swaps in, so a filter change redraws.
 * No inline script anywhere: the Content-Security-Policy allows scripts from 'self' only. */
(function () {
  "use strict";

  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    // Shown on hover only, so it never sits over a title on a narrow screen.
    displayModeBar: "hover",
  };

  function chartsIn(root) {
    var found = [];
    if (!root || !root.querySelectorAll) root = document;
    if (root.matches && root.matches("[data-chart-figure]")) found.push(root);
    root.querySelectorAll("[data-chart-figure]").forEach(function (el) { found.push(el); });
    return found;
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
      // react() draws a new element and updates an existing one in place.
      window.Plotly.react(el, figure.data || [], figure.layout || {}, config);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.detail.elt); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.detail.target); });
})();
