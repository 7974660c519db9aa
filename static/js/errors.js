// A posted form came back with errors (templates/forms/_error_summary.html): the summary takes
// the focus, which brings it into view on a phone and makes a screen reader start there.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary && !document.querySelector("[autofocus]")) {
    summary.focus();
  }
})();
