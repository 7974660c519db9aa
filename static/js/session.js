/* Signed-in pages: a warning before the session ends, and drafts that outlive it.

   1. Some minutes before the session ends (data-seconds after this page was served: every
      request starts the session's period again), the dialog #session-warning opens; its button
      asks data-keep-url to keep the session. Once it has ended, #session-ended says so and
      links to the sign-in page. Another tab's requests keep the session too, so the tabs share
      the time it ends (localStorage "sem-session-ends").
   2. What is typed into a POST form of the workspace or a portal is kept in localStorage (per account and
      form action) until the form is sent and the next page shows no error; a page that shows
      the form again empty (after signing in again, or another day) puts it back and says so
      (data-restored). When the session had ended, the server sends the post to the sign-in
      page with `next` naming the form's action; on that page the script points `next` at the
      page the form was on instead.

   Every word shown is in the page (base.html), in the page's language. No inline script or
   style: the Content-Security-Policy allows neither. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var data = script.dataset;
  var DRAFT = "sem-draft:";
  var SENT = "sem-draft-sent";
  var ENDS = "sem-session-ends";
  var DRAFT_DAYS = 1;

  function storage(kind) {
    try {
      return window[kind];
    } catch (error) {
      return null; // storage disabled: no drafts, the warning still works
    }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  function read(key) {
    try {
      return JSON.parse(local.getItem(key));
    } catch (error) {
      return null;
    }
  }

  /* --- Drafts ------------------------------------------------------------------------------ */

  // The workspace's forms and the portals' (walk 119: a Party's response was lost while the
  // dialog said it was kept).
  var WORKSPACE = /^\/[a-z]{2}\/(secretariat|party|council)\//;
  var TEXT = /^(text|search|email|tel|url|number|date)$/;

  function actionPath(form) {
    return new URL(form.getAttribute("action") || "", window.location.href).pathname;
  }

  function draftKey(form) {
    return DRAFT + data.user + ":" + actionPath(form);
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.disabled) {
        return false;
      }
      if (field.tagName === "TEXTAREA" || (field.tagName === "SELECT" && !field.multiple)) {
        return true;
      }
      return (
        field.tagName === "INPUT" &&
        (TEXT.test(field.type) || field.type === "radio" || field.type === "checkbox")
      );
    });
  }

  // A choice is kept as chosen (walk 120: a restored form put each annex back at the wider
  // audience its list starts at, and said nothing of it). A list's choice by its name, a box
  // by its name and value (several boxes share a name).
  function keyOf(field) {
    return field.type === "checkbox" ? field.name + "=" + field.value : field.name;
  }

  function defaultOf(select) {
    var chosen = Array.prototype.find.call(select.options, function (option) {
      return option.defaultSelected;
    });
    return chosen ? chosen.value : select.options.length ? select.options[0].value : "";
  }

  function save(form) {
    var values = {};
    var typed = false;
    fields(form).forEach(function (field) {
      if (field.type === "radio") {
        if (field.checked) {
          values[field.name] = field.value;
        }
      } else if (field.type === "checkbox") {
        if (field.checked !== field.defaultChecked) {
          values[keyOf(field)] = field.checked ? "checked" : "unchecked";
        }
      } else if (field.tagName === "SELECT") {
        if (field.value !== defaultOf(field)) {
          values[field.name] = field.value;
        }
      } else if (field.value !== field.defaultValue) {
        values[field.name] = field.value;
        typed = typed || field.value.trim() !== "";
      }
    });
    var key = draftKey(form);
    if (typed) {
      local.setItem(
        key,
        JSON.stringify({ page: window.location.pathname, saved: Date.now(), values: values })
      );
    } else {
      local.removeItem(key);
    }
  }

  function restore(form) {
    var draft = read(draftKey(form));
    if (!draft || !draft.values) {
      return;
    }
    var restored = false;
    fields(form).forEach(function (field) {
      var value = draft.values[keyOf(field)];
      if (value === undefined) {
        return;
      }
      if (field.type === "checkbox") {
        // Never over what the server put back: only a box still as the page drew it.
        if (field.checked === field.defaultChecked && field.checked !== (value === "checked")) {
          field.checked = value === "checked";
          restored = true;
        }
      } else if (field.tagName === "SELECT") {
        var offered = Array.prototype.some.call(field.options, function (option) {
          return option.value === value;
        });
        if (offered && field.value === defaultOf(field) && field.value !== value) {
          field.value = value;
          restored = true;
        }
      } else if (field.type === "radio") {
        var group = form.querySelectorAll('input[type="radio"][name="' + CSS.escape(field.name) + '"]');
        var chosen = Array.prototype.some.call(group, function (radio) {
          return radio.checked;
        });
        if (!chosen && field.value === value) {
          field.checked = true;
          restored = true;
        }
      } else if (field.value === "" && value !== "") {
        // Never over what the server put back (a form shown again with its errors).
        field.value = value;
        restored = true;
      }
    });
    if (restored) {
      var note = document.createElement("p");
      note.className = "notice draft-restored";
      note.setAttribute("role", "status");
      // A file chosen is not kept: a form that takes files says to choose them again.
      note.textContent = form.querySelector('input[type="file"]')
        ? data.restored + " " + data.restoredFiles
        : data.restored;
      form.insertBefore(note, form.firstChild);
      var details = form.closest("details");
      if (details) {
        details.open = true;
      }
    }
  }

  function forget(user) {
    for (var index = local.length - 1; index >= 0; index -= 1) {
      var key = local.key(index);
      if (key && key.indexOf(DRAFT + (user ? user + ":" : "")) === 0) {
        local.removeItem(key);
      }
    }
  }

  function expire() {
    var oldest = Date.now() - DRAFT_DAYS * 24 * 3600 * 1000;
    for (var index = local.length - 1; index >= 0; index -= 1) {
      var key = local.key(index);
      if (key && key.indexOf(DRAFT) === 0) {
        var draft = read(key);
        if (!draft || !draft.saved || draft.saved < oldest) {
          local.removeItem(key);
        }
      }
    }
  }

  function signInForm() {
    var password = document.getElementById("id_password");
    return password && password.type === "password" && password.form ? password.form : null;
  }

  function settleSent() {
    // The form sent from the last page: done with, unless this page shows an error, is the
    // sign-in page (the session had ended and the post never reached the form's view) or the
    // page of a form refused for its security token (data-draft-kept: nothing was recorded).
    var key = session.getItem(SENT);
    if (!key) {
      return;
    }
    session.removeItem(SENT);
    if (!signInForm() && !document.querySelector(".error-summary, .field--error, [data-draft-kept]")) {
      local.removeItem(key);
    }
  }

  function pointNextAtTheForm() {
    // After an ended session the post came here with next = the form's action, a page that
    // only takes posts: send the person back to the page the form was on.
    var form = signInForm();
    var next = form && form.querySelector("input[name='next']");
    if (!next || !next.value) {
      return;
    }
    var path = new URL(next.value, window.location.href).pathname;
    for (var index = 0; index < local.length; index += 1) {
      var key = local.key(index);
      if (key && key.indexOf(DRAFT) === 0 && key.slice(key.indexOf(":", DRAFT.length) + 1) === path) {
        var draft = read(key);
        if (draft && draft.page && draft.page !== path) {
          next.value = draft.page;
        }
        // And says why the person is here (walk 120: the sign-in page said nothing of the
        // session that had ended, nor of what they had written).
        if (draft && data.sessionEnded && !form.querySelector(".session-ended-note")) {
          var note = document.createElement("p");
          note.className = "notice session-ended-note";
          note.setAttribute("role", "status");
          note.textContent = data.sessionEnded;
          form.insertBefore(note, form.firstChild);
        }
        return;
      }
    }
  }

  function drafts() {
    if (!local || !session || !window.URL) {
      return;
    }
    expire();
    settleSent();
    if (!data.user) {
      pointNextAtTheForm();
      return;
    }
    document.querySelectorAll('form[action$="/accounts/logout/"]').forEach(function (form) {
      form.addEventListener("submit", function () {
        forget(data.user); // signing out on purpose leaves nothing behind on this computer
      });
    });
    if (!WORKSPACE.test(window.location.pathname)) {
      return;
    }
    document.querySelectorAll("form").forEach(function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post" || !fields(form).length) {
        return;
      }
      restore(form);
      form.addEventListener("input", function () {
        save(form);
      });
      form.addEventListener("change", function () {
        save(form);
      });
      form.addEventListener("submit", function () {
        save(form);
        session.setItem(SENT, draftKey(form));
      });
    });
  }

  /* --- The session's end ------------------------------------------------------------------- */

  function timer() {
    var seconds = parseInt(data.seconds, 10);
    var warning = document.getElementById("session-warning");
    var ended = document.getElementById("session-ended");
    if (!seconds || !warning || !ended || typeof warning.showModal !== "function") {
      return;
    }
    var before = (parseInt(data.warningSeconds, 10) || 300) * 1000;
    var pending = null;
    var dismissed = false; // closed with Escape: not shown again until the session ends
    warning.addEventListener("cancel", function () {
      dismissed = true;
    });

    function endsAt() {
      var shared = local ? parseInt(local.getItem(ENDS), 10) : NaN;
      return isNaN(shared) ? 0 : shared;
    }

    function started(secondsLeft) {
      dismissed = false;
      var ends = Date.now() + secondsLeft * 1000;
      if (local) {
        local.setItem(ENDS, String(Math.max(ends, endsAt())));
      }
      schedule(ends);
    }

    function schedule(ends) {
      window.clearTimeout(pending);
      pending = window.setTimeout(check, Math.max(0, Math.min(ends - before - Date.now(), 2147483647)));
    }

    function check() {
      var ends = Math.max(endsAt(), 0);
      var left = ends - Date.now();
      if (left <= 0) {
        if (warning.open) {
          warning.close();
        }
        if (!ended.open) {
          ended.showModal();
        }
        return;
      }
      if (left > before) {
        // Another tab kept the session meanwhile.
        if (warning.open) {
          warning.close();
        }
        schedule(ends);
        return;
      }
      if (!warning.open && !dismissed) {
        warning.showModal();
      }
      window.clearTimeout(pending);
      pending = window.setTimeout(check, Math.min(left, 15000));
    }

    warning.querySelector("[data-session-keep]").addEventListener("click", function () {
      fetch(data.keepUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { signed_in: false };
        })
        .then(function (answer) {
          warning.close();
          if (answer.signed_in) {
            started(answer.seconds);
          } else {
            if (local) {
              local.setItem(ENDS, String(Date.now()));
            }
            ended.showModal();
          }
        })
        .catch(function () {
          // Offline for a moment: the warning stays, and the button can be pressed again.
        });
    });
    started(seconds);
  }

  drafts();
  timer();
})();
