// Where a page starts once it loads (base.html includes this script on every page).
// A posted form came back with errors (templates/forms/_error_summary.html): the summary takes
// the focus, which brings it into view on a phone and makes a screen reader start there.
// Otherwise the page's messages after a post and its redirect ("Recorded: …"), base.html's
// #messages, take it: a role=status region present at load is seldom read (walk 83); else an
// element marked data-focus-on-load (the filing's receipt, walk 87).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  var messages = document.getElementById("messages");
  if (summary) {
    if (!document.querySelector("[autofocus]")) {
      summary.focus();
    }
  } else if (messages) {
    messages.focus();
  } else {
    // A page that is itself the confirmation of a post (the filing's receipt) says so first.
    var confirmation = document.querySelector("[data-focus-on-load]");
    if (confirmation) {
      confirmation.focus();
    }
  }

  // A field changed after the server refused it: its error spoke of the answer sent, not of
  // this one, so it is hidden, beside the field and in the summary (walk 111: "programa.exe
  // is not an accepted type" stayed under the field after another file was chosen, and the
  // corrected email's error in the summary). The server checks the answer again when the form
  // is sent; an error of uploads.js (data-upload-item) is its own and stays.
  function stale(event) {
    var field = event.target.closest ? event.target.closest(".field--error") : null;
    if (!field) {
      return;
    }
    field.classList.remove("field--error");
    field.querySelectorAll(".field__errors:not([data-upload-item])").forEach(function (list) {
      list.hidden = true;
      // The summary links a group of choices by its first (id_x_0; walk 119: a radio
      // question answered stayed in the summary).
      var id = list.id.replace(/-error$/, "");
      var own = new RegExp("^#" + id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(_\\d+)?$");
      document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
        if (own.test(link.getAttribute("href"))) {
          link.closest("li").hidden = true;
        }
      });
    });
    field.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
    });
    document.querySelectorAll(".error-summary").forEach(function (box) {
      box.hidden = !box.querySelector("li:not([hidden]), .error-summary__problem");
    });
  }
  document.addEventListener("input", stale);
  document.addEventListener("change", stale);

  // A link of the summary to a field in a group (a fieldset: radio buttons, say) brings the
  // group's legend into view with the field, not the field alone at the top of the window
  // with the question above it (walk 83: "Filing as (required)" out of sight). The focus
  // stays on the field.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    var fieldset = target && target.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (!legend) {
      return;
    }
    event.preventDefault();
    // A folded group (details) opens first, or its field could not take the focus.
    var folded = target.closest("details");
    if (folded) {
      folded.open = true;
    }
    target.focus({ preventScroll: true });
    // A little room above the legend, so that its first line is not cut at the window's edge.
    window.scrollTo(0, window.scrollY + legend.getBoundingClientRect().top - 16);
    if (target.getBoundingClientRect().bottom > window.innerHeight) {
      target.scrollIntoView({ block: "nearest" });
    }
    if (history.replaceState) {
      history.replaceState(null, "", link.getAttribute("href"));
    }
  });
})();
