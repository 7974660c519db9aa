/* The filing form, better with script: "Add another submitter" adds a fieldset on the page
   instead of asking the server for the form again (which is what happens without script).
   The new fieldset is a copy of the first submitter's fields, emptied and renamed s<n>-.
   Each co-submitter's fieldset has a button to remove it (a block added by mistake could only
   be emptied: the server ignores a co-submitter left empty); those after it move up, renamed. */
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

  function rename(element, from, to) {
    var pattern = new RegExp("(^|\\s|id_)s" + from + "-", "g");
    ATTRIBUTES.forEach(function (attribute) {
      var value = element.getAttribute(attribute);
      if (value) {
        element.setAttribute(attribute, value.replace(pattern, "$1s" + to + "-"));
      }
    });
  }

  function legendText(index) {
    return button.getAttribute("data-legend").replace("{n}", String(index));
  }

  function blocks() {
    return Array.prototype.slice.call(document.querySelectorAll("fieldset.co-submitter"));
  }

  // Co-submitter <index>'s fieldset becomes co-submitter <index - 1>'s.
  function moveUp(fieldset, index) {
    fieldset.id = "co-submitter-" + (index - 1);
    fieldset.querySelectorAll("*").forEach(function (element) {
      rename(element, index, index - 1);
    });
    var legend = fieldset.querySelector("legend");
    legend.textContent = legendText(index - 1);
    var remove = fieldset.querySelector(".remove-submitter button");
    remove.textContent = removeText(index - 1);
  }

  function removeText(index) {
    return button.getAttribute("data-remove").replace("{n}", String(index));
  }

  // The error summary's lines for a removed block go; those of the blocks that moved up
  // follow them, their links and names renumbered (walk 129: the line of a removed block
  // stayed, its link on the next person's field).
  function summaryAfterRemoving(current, moved) {
    var summary = document.getElementById("error-summary");
    if (!summary) {
      return;
    }
    function links(index) {
      return summary.querySelectorAll('a[href^="#id_s' + index + '-"]');
    }
    links(current).forEach(function (link) {
      link.closest("li").remove();
    });
    moved.forEach(function (index) {
      links(index).forEach(function (link) {
        link.setAttribute(
          "href",
          link.getAttribute("href").replace("#id_s" + index + "-", "#id_s" + (index - 1) + "-")
        );
        link.textContent = link.textContent.replace(legendText(index), legendText(index - 1));
      });
    });
    if (!summary.querySelector("li") && !summary.querySelector(".error-summary__problem")) {
      summary.hidden = true;
    }
  }

  function addRemoveButton(fieldset) {
    var index = parseInt(fieldset.id.replace("co-submitter-", ""), 10);
    var paragraph = document.createElement("p");
    paragraph.className = "remove-submitter";
    var remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = removeText(index);
    paragraph.appendChild(remove);
    fieldset.appendChild(paragraph);
    remove.addEventListener("click", function () {
      var current = parseInt(fieldset.id.replace("co-submitter-", ""), 10);
      var after = blocks().filter(function (other) {
        return parseInt(other.id.replace("co-submitter-", ""), 10) > current;
      });
      fieldset.remove();
      var moved = after.map(function (other) {
        return parseInt(other.id.replace("co-submitter-", ""), 10);
      });
      moved.sort(function (a, b) {
        return a - b;
      });
      after.forEach(function (other) {
        moveUp(other, parseInt(other.id.replace("co-submitter-", ""), 10));
      });
      summaryAfterRemoving(current, moved);
      count.value = String((parseInt(count.value, 10) || 2) - 1);
      button.parentNode.hidden = false;
      // The focus on the block now in its place, else the one before, else "Add another".
      var next = document.getElementById("co-submitter-" + current);
      var previous = document.getElementById("co-submitter-" + (current - 1));
      var target = next || previous;
      if (target) {
        var legend = target.querySelector("legend");
        legend.tabIndex = -1;
        legend.focus();
      } else {
        button.focus();
      }
    });
  }

  blocks().forEach(addRemoveButton);

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
    legend.textContent = legendText(index);
    legend.tabIndex = -1;
    fieldset.appendChild(legend);
    var copy = first.cloneNode(true);
    copy.removeAttribute("data-submitter");
    copy.querySelectorAll("*").forEach(function (element) {
      rename(element, 0, index);
    });
    empty(copy);
    while (copy.firstChild) {
      fieldset.appendChild(copy.firstChild);
    }
    count.parentNode.insertBefore(fieldset, count);
    addRemoveButton(fieldset);
    count.value = String(index + 1);
    if (index + 1 >= max) {
      button.parentNode.hidden = true;
    }
    legend.focus();
  });
})();
