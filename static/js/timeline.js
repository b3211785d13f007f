// Small progressive enhancements for the timeline; the pages work without this file.
(function () {
  "use strict";

  // The filter panel is a <details>, collapsed by default for phones; where the filters sit
  // beside the results (the breakpoint in app.css), open it, now and when the window widens.
  var narrow = window.matchMedia("(max-width: 48rem)");
  function openFilterPanelsWhenWide() {
    if (narrow.matches) return;
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) { panel.open = true; });
  }
  openFilterPanelsWhenWide();
  narrow.addEventListener("change", openFilterPanelsWhenWide);

  // Filter requests: leave empty fields and defaults out, so the pushed URL holds only the
  // filters in use.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form || form.id !== "filters") return;
    var params = event.detail.parameters;
    form.querySelectorAll("[data-default]").forEach(function (field) {
      if (field.value === field.dataset.default) {
        if (params instanceof FormData) params.delete(field.name); else delete params[field.name];
      }
    });
    var keys = params instanceof FormData ? Array.from(new Set(params.keys())) : Object.keys(params);
    keys.forEach(function (key) {
      if (params instanceof FormData) {
        var kept = params.getAll(key).filter(function (v) { return v !== ""; });
        params.delete(key);
        kept.forEach(function (v) { params.append(key, v); });
      } else if (params[key] === "" || (Array.isArray(params[key]) && params[key].every(function (v) { return v === ""; }))) {
        delete params[key];
      }
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target || event.target || document.body;
    // New results: announce their count to screen readers (focus stays on the control in use).
    var results = document.getElementById("results");
    var status = document.getElementById("result-status");
    if (results && status && (target === results || target.id === "results" || !document.body.contains(target))) {
      var count = results.querySelector(".count");
      status.textContent = count ? count.textContent.replace(/\s+/g, " ").trim() : "";
    }
  });

  // Bad filters answer 400 with the fragment that says what is wrong: show it like any other.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // "Load more" replaced itself with the next items: if it had focus, move focus to the first of them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.target;
    if (elt && elt.classList && elt.classList.contains("more")) {
      var hadFocus = elt.contains(document.activeElement);
      var previous = elt.previousElementSibling;
      if (!hadFocus) return;
      document.addEventListener("htmx:afterSettle", function focusFirst() {
        document.removeEventListener("htmx:afterSettle", focusFirst);
        var next = previous ? previous.nextElementSibling : null;
        while (next && !next.classList.contains("item")) next = next.nextElementSibling;
        if (next) next.focus();
      });
    }
  });
})();
