// Small progressive enhancements for the questionnaire. Every page works without them:
// rows are removed with a checkbox, NOC codes are typed, and the server checks every score.
(function () {
  "use strict";
  var ranges = {};
  var rangesEl = document.getElementById("score-ranges");
  if (rangesEl) { ranges = JSON.parse(rangesEl.textContent); }
  // The page's own words for a half-point scale, in the page's language.
  var rangeWords = document.getElementById("score-range-words");
  var halfSteps = rangeWords ? rangeWords.getAttribute("data-half-steps") : "(steps of 0.5)";
  document.documentElement.classList.add("js");

  // ----- the occupation picker: a combobox (the search box) and its listbox of results -----
  function lookupOf(el) { return el.closest(".noc-lookup"); }
  function listOf(lookup) { return lookup && lookup.querySelector("[role='listbox']"); }
  function optionsOf(lookup) {
    var list = listOf(lookup);
    return list && !list.hidden ? Array.prototype.slice.call(list.querySelectorAll("[role='option']")) : [];
  }
  function setActive(lookup, option) {
    var input = lookup.querySelector(".noc-search");
    optionsOf(lookup).forEach(function (item) {
      var on = item === option;
      item.setAttribute("aria-selected", on ? "true" : "false");
      item.classList.toggle("active", on);
    });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function closeList(lookup) {
    var list = listOf(lookup);
    var input = lookup.querySelector(".noc-search");
    if (list) { list.hidden = true; }
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function pick(option) {
    var lookup = lookupOf(option);
    var field = option.closest(".noc-field");
    var code = field && field.querySelector("input.noc-code");
    if (code) {
      code.value = option.getAttribute("data-noc-code");
      code.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var status = lookup.querySelector("[role='status']");
    if (status) {
      status.textContent = option.getAttribute("data-noc-code") + " " +
        option.getAttribute("data-noc-title");
    }
    closeList(lookup);
    if (code) { code.focus(); }
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".noc-search")) { return; }
    var lookup = lookupOf(input);
    var options = optionsOf(lookup);
    var current = options.indexOf(document.getElementById(input.getAttribute("aria-activedescendant")));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) { return; }
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = current < 0 ? (step > 0 ? 0 : options.length - 1)
        : (current + step + options.length) % options.length;
      setActive(lookup, options[next]);
    } else if (event.key === "Enter") {
      // Enter in the search box picks the highlighted result; it never submits the step.
      event.preventDefault();
      if (current >= 0) { pick(options[current]); } else { htmx.trigger(input, "search"); }
    } else if (event.key === "Escape") {
      if (options.length) { event.preventDefault(); closeList(lookup); }
    }
  });

  // ----- clicks: remove a row in place, pick a search result ---------------------------------
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-row]");
    if (button) {
      var row = button.closest("[data-row]");
      var del = row.querySelector("input[name$='-DELETE']");
      if (del) { del.checked = true; }
      row.hidden = true;
      var status = document.getElementById("row-status");
      if (status) { status.textContent = button.getAttribute("aria-label") + " ✓"; }
      return;
    }
    var choice = event.target.closest(".noc-lookup [role='option']");
    if (choice) {
      event.preventDefault();
      pick(choice);
    }
  });

  // ----- the test type decides the range and step of the four scores ------------------------
  function applyRanges(select) {
    var byAbility = ranges[select.value];
    var row = select.closest("[data-row]") || document;
    row.querySelectorAll("input.score-input").forEach(function (input) {
      var ability = input.name.split("-").pop();
      var limits = byAbility && byAbility[ability];
      if (!limits) { return; }
      input.min = limits[0]; input.max = limits[1]; input.step = limits[2];
      var hint = input.parentElement.querySelector(".score-range");
      if (!hint) {
        hint = document.createElement("div");
        hint.className = "form-text score-range";
        input.insertAdjacentElement("afterend", hint);
      }
      hint.textContent = limits[0] + "–" + limits[1] + (limits[2] === "0.5" ? " " + halfSteps : "");
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select.test-type")) { applyRanges(event.target); }
  });
  function init(root) { root.querySelectorAll("select.test-type").forEach(applyRanges); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });

  // ----- a save in place: "Saved." is said again each time, and goes once something changes ---
  function saveStatus(event) {
    var status = document.getElementById("save-status");
    var elt = event.detail && event.detail.elt;
    return status && elt && elt.matches && elt.matches("#step form") ? status : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var status = saveStatus(event);
    if (status) { status.textContent = ""; status.classList.remove("text-danger"); }
  });
  function saveFailed(event) {
    var status = saveStatus(event);
    if (status) {
      status.textContent = status.getAttribute("data-failed") || "";
      status.classList.add("text-danger");
    }
  }
  document.addEventListener("htmx:responseError", saveFailed);
  document.addEventListener("htmx:sendError", saveFailed);
  document.addEventListener("input", function (event) {
    var status = document.getElementById("save-status");
    if (status && event.target.closest && event.target.closest("#step form")) {
      status.textContent = "";
    }
  });

  // ----- after a swap: where the focus goes and what is announced ---------------------------
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) { return; }
    init(target);
    var xhr = event.detail.xhr;
    if (xhr && xhr.getResponseHeader("HX-Reswap") === "none") {
      // A save that stayed on its step changed only some parts: the focus stays where it was,
      // and #save-status (a live region) says "Saved.".
      return;
    }

    if (target.classList.contains("noc-results")) {
      // New search results: open the list and say how many there are.
      var lookup = lookupOf(target);
      var list = listOf(lookup);
      var input = lookup.querySelector(".noc-search");
      var open = Boolean(list && !list.hidden);
      input.setAttribute("aria-expanded", open ? "true" : "false");
      input.removeAttribute("aria-activedescendant");
      var status = lookup.querySelector("[role='status']");
      if (status && list) { status.textContent = list.getAttribute("data-announce") || ""; }
      return;
    }

    if (target.id && target.id.indexOf("rows-") === 0) {
      // "+ Add": the new row is the last one; its first field takes the focus.
      var rows = target.querySelectorAll("[data-row]");
      var row = rows[rows.length - 1];
      var field = row && row.querySelector("input:not([type='hidden']), select, textarea");
      if (field) { field.focus(); }
      return;
    }

    var step = document.getElementById("step");
    if (step && (target === step || target.contains(step) || !document.body.contains(target))) {
      // A new step (or the same one, saved or with errors): focus its heading or the error
      // summary, and announce it, since the page did not reload.
      var summary = document.getElementById("error-summary");
      var focus = summary || document.getElementById("step-heading");
      if (focus) { focus.focus(); }
      var announcer = document.getElementById("step-announcer");
      if (announcer) {
        announcer.textContent = "";
        window.setTimeout(function () {
          announcer.textContent = step.getAttribute("data-announce") || "";
        }, 50);
      }
    }
  });
})();
