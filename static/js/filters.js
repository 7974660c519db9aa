// The filters of the queue (templates/workspace/queue.html) and of the docket (docket/list.html):
// folded under "Filters" on a phone; on a wide screen the CSS shows them always, so the
// disclosure is made true there (walk 83: the summary was a Tab stop announced "collapsed"
// beside fields in plain view). Open, out of the Tab order and not foldable while the screen is
// wide; an ordinary fold again when it is not.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 40.001rem)");
  var folds = document.querySelectorAll("details.filters");

  function apply() {
    folds.forEach(function (details) {
      var summary = details.querySelector(":scope > summary");
      if (wide.matches) {
        details.open = true;
        summary.setAttribute("tabindex", "-1");
      } else {
        summary.removeAttribute("tabindex");
      }
    });
  }

  folds.forEach(function (details) {
    details.querySelector(":scope > summary").addEventListener("click", function (event) {
      if (wide.matches) {
        event.preventDefault();
      }
    });
  });
  if (wide.addEventListener) {
    wide.addEventListener("change", apply);
  }
  apply();
})();
