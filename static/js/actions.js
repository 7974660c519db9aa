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

// The visibility form's "reasons" tick beside an entry that gives reasons only (walk 97: offered
// for every entry, then refused for a letter; walk 104: shown with no entry chosen, or a
// document): the entry list names those that do.
(function () {
  "use strict";
  document.querySelectorAll("select[data-with-reasons]").forEach(function (select) {
    var withReasons = select.getAttribute("data-with-reasons").split(" ").filter(Boolean);
    var tick = select.form && select.form.querySelector('input[type="checkbox"][value="reasons"]');
    var item = tick && (tick.closest("div") || tick.closest("label"));
    if (!item) {
      return;
    }
    function follow() {
      var offered = withReasons.indexOf(select.value) !== -1;
      item.hidden = !offered;
      if (!offered) {
        tick.checked = false;
      }
    }
    select.addEventListener("change", follow);
    follow();
  });
  // And "with the documents sent for the public" beside an entry that has some (walk 107).
  document.querySelectorAll("select[data-with-documents]").forEach(function (select) {
    var withDocuments = select.getAttribute("data-with-documents").split(" ").filter(Boolean);
    var box = select.form && select.form.querySelector('input[name$="with_documents"]');
    var field = box && box.closest(".field");
    if (!field) {
      return;
    }
    function follow() {
      field.hidden = withDocuments.indexOf(select.value) === -1;
    }
    select.addEventListener("change", follow);
    follow();
  });
})();
