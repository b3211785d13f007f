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
  // Back and Forward re-render the page from the server (a history restore): open it again there.
  document.addEventListener("htmx:historyRestore", openFilterPanelsWhenWide);

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

  // A text box of the filter form asks for results on Enter (submit) or, for the text search, as
  // one types; its change event (Enter, or leaving the box) would ask a second time, and push the
  // same address twice into the history. A suggestion picked from a picker's list asks at once.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.form && box.form.id === "filters" && (box.type === "text" || box.type === "search")) {
      event.stopPropagation();
    }
  }, true);
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.list || !box.form || box.form.id !== "filters") return;
    var picked = event.inputType === "insertReplacementText" || event.inputType === undefined;
    var offered = Array.prototype.some.call(box.list.options, function (o) { return o.value === box.value; });
    if (picked && offered) box.form.requestSubmit();
  });

  // A picker's box (a person or a country typed by name) is emptied once the server has read the
  // name and shown it as a chip: the results came back without errors and the box still holds what
  // was sent (a name typed since is kept).
  var pickerBoxes = ["id_person", "id_country"];
  var sentNames = {};
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "filters") return;
    pickerBoxes.forEach(function (id) {
      var box = document.getElementById(id);
      sentNames[id] = box ? box.value : "";
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var results = document.getElementById("results");
    var target = event.detail.target;
    if (!results || !target || (target !== results && target.id !== "results")) return;
    if (results.querySelector(".errors")) return;
    pickerBoxes.forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.value && box.value === sentNames[id]) box.value = "";
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

  // On a phone the open filter panel hides the new results: a bar at the foot of the screen says
  // how many there are and jumps to them.
  document.addEventListener("htmx:afterSwap", function (event) {
    var results = document.getElementById("results");
    if (!results || !narrow.matches || !(event.detail.target === results || event.detail.target.id === "results")) return;
    var jump = document.querySelector(".results-jump");
    if (!jump) {
      jump = document.createElement("a");
      jump.className = "results-jump";
      jump.href = "#results";
      jump.addEventListener("click", function () { jump.hidden = true; });
      document.body.appendChild(jump);
    }
    var count = results.querySelector(".count");
    jump.textContent = (count ? count.textContent.replace(/\s+/g, " ").trim() : "Results") + " ↓";
    jump.hidden = results.getBoundingClientRect().top < window.innerHeight * 0.6;
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
