// Progressive enhancement only: every control also works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Apply a facet or a sort as soon as it changes (without JS: the "Appliquer" buttons).
  // A menu walked with the keyboard (arrows, letters) changes at each step: it applies on
  // Enter or when it loses the focus, so that every choice can be reached.
  var walked = null;
  document.addEventListener("keydown", function (event) {
    var control = event.target;
    if (control.tagName !== "SELECT" || !control.matches("[data-autosubmit]")) { return; }
    if (event.key === "Enter" && walked === control) {
      event.preventDefault();
      walked = null;
      control.form.requestSubmit();
    } else if (event.key !== "Tab" && event.key !== "Enter") {
      walked = control;
    }
  });
  document.addEventListener("focusout", function (event) {
    if (walked === event.target) {
      walked = null;
      if (event.target.value !== event.target.dataset.applied) { event.target.form.requestSubmit(); }
    }
  });
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.matches || !control.matches("[data-autosubmit]") || !control.form) { return; }
    if (control === walked) { return; }
    if (control.checked) {
      // In a nested facet, a place chosen replaces the places it holds (the server drops
      // the places holding it): Bretagne widens a search on Rennes.
      var item = control.closest("li");
      var inside = item ? item.querySelectorAll(":scope .facet-children input:checked") : [];
      Array.prototype.forEach.call(inside, function (box) { box.checked = false; });
    }
    control.form.requestSubmit();
  });
  Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"), function (menu) {
    menu.dataset.applied = menu.value;
  });

  // A menu (export) closes on Escape, the focus back on its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = event.target.closest && event.target.closest("details.menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  // Keep shared URLs short: empty fields (query, year bounds) are not sent.
  var search = document.getElementById("recherche");
  var optional = ["q", "from", "to"];
  if (search) {
    search.addEventListener("submit", function () {
      optional.forEach(function (id) {
        var input = document.getElementById(id);
        if (input && !input.value.trim()) { input.disabled = true; }
      });
    });
    window.addEventListener("pageshow", function () {
      optional.forEach(function (id) {
        var input = document.getElementById(id);
        if (input) { input.disabled = false; }
      });
    });
  }

  // On small screens the filters start folded; on wide ones they stay open.
  var panel = document.querySelector("[data-collapse-narrow]");
  if (panel && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 55.99em)");
    var sync = function () { panel.open = !narrow.matches; };
    sync();
    narrow.addEventListener("change", sync);
  }
})();
