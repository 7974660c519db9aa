/* The filing form, better with script: "Add another submitter" adds a fieldset on the page
   instead of asking the server for the form again (which is what happens without script).
   The new fieldset is a copy of the first submitter's fields, emptied and renamed s<n>-. */
(function () {
  "use strict";
  var button = document.querySelector("button[name='add_submitter']");
  var count = document.querySelector("input[name='submitters']");
  var first = document.querySelector("[data-submitter='0']");
  if (!button || !count || !first) {
    return;
  }
  var max = parseInt(button.getAttribute("data-max"), 10) || 10;
  var ATTRIBUTES = ["id", "name", "for", "aria-describedby"];

  function rename(element, index) {
    ATTRIBUTES.forEach(function (attribute) {
      var value = element.getAttribute(attribute);
      if (value) {
        element.setAttribute(attribute, value.replace(/(^|\s|id_)s0-/g, "$1s" + index + "-"));
      }
    });
  }

  function empty(block) {
    block.querySelectorAll(".field__errors, .kept-file").forEach(function (node) {
      node.remove();
    });
    block.querySelectorAll(".field--error").forEach(function (node) {
      node.classList.remove("field--error");
    });
    // The copy points at no error or kept file: those were the first submitter's, removed above.
    block.querySelectorAll("[aria-describedby]").forEach(function (node) {
      var ids = node.getAttribute("aria-describedby").split(/\s+/).filter(function (id) {
        return id && !/-(error|kept)$/.test(id);
      });
      if (ids.length) {
        node.setAttribute("aria-describedby", ids.join(" "));
      } else {
        node.removeAttribute("aria-describedby");
      }
    });
    // Only the first submitter must give a postal address.
    block.querySelectorAll("label[for$='-postal_address'] .required").forEach(function (node) {
      node.remove();
    });
    block.querySelectorAll("input, select, textarea").forEach(function (field) {
      field.removeAttribute("required");
      field.removeAttribute("aria-invalid");
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = false;
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = option.defaultSelected;
        });
      } else {
        field.value = "";
      }
    });
  }

  button.addEventListener("click", function (event) {
    var index = parseInt(count.value, 10) || 1;
    if (index >= max) {
      return; // the server says so
    }
    event.preventDefault();
    var fieldset = document.createElement("fieldset");
    fieldset.className = "co-submitter";
    fieldset.id = "co-submitter-" + index;
    var legend = document.createElement("legend");
    legend.textContent = button.getAttribute("data-legend").replace("{n}", String(index));
    legend.tabIndex = -1;
    fieldset.appendChild(legend);
    var copy = first.cloneNode(true);
    copy.removeAttribute("data-submitter");
    copy.querySelectorAll("*").forEach(function (element) {
      rename(element, index);
    });
    empty(copy);
    while (copy.firstChild) {
      fieldset.appendChild(copy.firstChild);
    }
    count.parentNode.insertBefore(fieldset, count);
    count.value = String(index + 1);
    if (index + 1 >= max) {
      button.parentNode.hidden = true;
    }
    legend.focus();
  });
})();
