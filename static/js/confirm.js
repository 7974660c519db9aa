// A form marked data-confirm asks before it is sent (walk 116: deactivating an account or
// resetting its second factor took one tap, the buttons stacked close on a phone). Without
// script the form is sent as it was.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
