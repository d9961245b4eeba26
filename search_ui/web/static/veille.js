// Progressive enhancement only: every control also works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Apply a facet or a sort as soon as it changes (without JS: the "Appliquer" buttons).
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (control.matches && control.matches("[data-autosubmit]") && control.form) {
      control.form.requestSubmit();
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
