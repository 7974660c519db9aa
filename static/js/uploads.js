// Files checked against the upload policy's sizes before a form is sent (secretariat.limits
// refuses a request over the total before reading it, and a browser cannot put the chosen
// files back: walk 76 lost five files that way). A summary at the top of the form says which
// file or total is too large as soon as it is chosen; nothing is sent while one is, and the
// files stay chosen.
// Without script the server says the same, the type and content checks are the server's.
(function () {
  "use strict";
  var script = document.currentScript;
  var maxFile = parseInt(script.getAttribute("data-max-file"), 10);
  var maxTotal = parseInt(script.getAttribute("data-max-total"), 10);
  var language = document.documentElement.lang || "en";

  function megabytes(bytes) {
    // As the server's filesizeformat writes it ("25,0 MB" in Spanish).
    var unit = bytes < 1048576
      ? [1024, "\u00a0" + script.getAttribute("data-kb")]
      : [1048576, "\u00a0" + script.getAttribute("data-mb")];
    return (bytes / unit[0]).toLocaleString(language, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }) + unit[1];
  }

  function problems(form) {
    var found = [];
    var total = 0;
    form.querySelectorAll("input[type='file']").forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) {
        total += file.size;
        if (file.size > maxFile) {
          found.push({
            input: input,
            text: script.getAttribute("data-file-too-big")
              .replace("{name}", file.name)
              .replace("{size}", megabytes(file.size)),
          });
        }
      });
    });
    if (total > maxTotal) {
      found.push({
        input: null,
        text: script.getAttribute("data-total-too-big").replace("{size}", megabytes(total)),
      });
    }
    return found;
  }

  function item(problem) {
    var entry = document.createElement("li");
    entry.setAttribute("data-upload-item", "");
    if (problem.input && problem.input.id) {
      var link = document.createElement("a");
      link.href = "#" + problem.input.id;
      link.textContent = problem.text;
      entry.appendChild(link);
    } else {
      entry.textContent = problem.text;
    }
    return entry;
  }

  // Beside its field too, as the server puts its own (walk 111: only in the summary).
  function beside(problem) {
    var list = document.createElement("ul");
    list.className = "field__errors";
    list.setAttribute("data-upload-item", "");
    var entry = document.createElement("li");
    entry.textContent = problem.text;
    list.appendChild(entry);
    problem.input.parentNode.insertBefore(list, problem.input);
    problem.input.setAttribute("aria-invalid", "true");
  }

  function summary(form, found, focus) {
    document.querySelectorAll("[data-upload-check], [data-upload-item]").forEach(function (node) {
      node.remove();
    });
    form.querySelectorAll("input[type='file'][aria-invalid]").forEach(function (input) {
      if (!input.closest(".field--error")) {
        input.removeAttribute("aria-invalid");
      }
    });
    // The page's summary, its other errors corrected (errors.js), has nothing left to say.
    document.querySelectorAll(".error-summary").forEach(function (box) {
      box.hidden = !box.querySelector("li:not([hidden]), .error-summary__problem");
    });
    if (!found.length) {
      return;
    }
    found.forEach(function (problem) {
      if (problem.input) {
        beside(problem);
      }
    });
    // Into the page's own summary where the server sent one back (walk 79: two boxes, one
    // above the other), else in a box of its own at the top of the form.
    var box = form.querySelector("#error-summary");
    if (!box && document.querySelectorAll("form[enctype='multipart/form-data']").length === 1) {
      box = document.getElementById("error-summary"); // the page's, above its one form
    }
    var list = box && box.querySelector("ul");
    if (!list) {
      box = document.createElement("div");
      box.className = "error-summary";
      box.setAttribute("role", "alert");
      box.setAttribute("tabindex", "-1");
      box.setAttribute("data-upload-check", "");
      var title = document.createElement("p");
      title.className = "error-summary__title";
      title.textContent = script.getAttribute("data-title");
      box.appendChild(title);
      list = document.createElement("ul");
      box.appendChild(list);
      form.insertBefore(box, form.firstChild);
    }
    found.forEach(function (problem) {
      list.appendChild(item(problem));
    });
    box.hidden = false; // the page's, hidden once each of its errors was corrected (errors.js)
    if (focus) {
      box.focus();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.enctype !== "multipart/form-data") {
      return;
    }
    var found = problems(form);
    summary(form, found, true);
    if (found.length) {
      event.preventDefault();
    }
  });
  // Said as soon as a file is chosen too (walk 77: only on sending), without taking the
  // focus from the person choosing; the summary's role="alert" reads it out.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file" && input.form) {
      summary(input.form, problems(input.form), false);
    }
  });
})();
