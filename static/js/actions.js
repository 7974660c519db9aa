// A link to one of the case page's actions (#action-visibility_changed) opens its collapsed
// form: a fragment does not open a closed <details> by itself in every browser.
(function () {
  "use strict";
  function openTarget() {
    var id = window.location.hash.slice(1);
    var target = id && document.getElementById(decodeURIComponent(id));
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      var summary = details.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
