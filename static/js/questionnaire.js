// Small progressive enhancements for the questionnaire. Every page works without them:
// rows are removed with a checkbox, NOC codes are typed, and the server checks every score.
(function () {
  "use strict";
  var ranges = {};
  var rangesEl = document.getElementById("score-ranges");
  if (rangesEl) { ranges = JSON.parse(rangesEl.textContent); }
  document.documentElement.classList.add("js");

  // Remove a row in place: mark it for deletion (saved rows) and hide it.
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
    // Pick a NOC search result: fill the code field it belongs to.
    var choice = event.target.closest("[data-noc-code]");
    if (choice) {
      var results = choice.closest(".noc-results");
      var lookup = choice.closest(".noc-field");
      var input = lookup && lookup.querySelector("input.noc-code");
      if (input) {
        input.value = choice.getAttribute("data-noc-code");
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      }
      if (results) { results.innerHTML = ""; }
      event.preventDefault();
    }
  });

  // The test type decides the range and step of the four scores.
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
      hint.textContent = limits[0] + "–" + limits[1] + (limits[2] === "0.5" ? " (steps of 0.5)" : "");
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select.test-type")) { applyRanges(event.target); }
  });
  function init(root) { root.querySelectorAll("select.test-type").forEach(applyRanges); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
