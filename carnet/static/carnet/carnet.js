/* The behaviours every page shares, in one file (one request on every page, where there
   were four): each part below is independent, and every page works without any of them.
   1. forms: a form being sent cannot be sent twice;
   2. menu: the header's menu closes with Escape and with a click outside;
   3. confirm: confirmation pages shown in a <dialog>;
   4. autosubmit: lists and radio groups that apply on change;
   5. short addresses: search and filter forms send only what was filled in. */

/* 1. forms */
// While a form is being sent, its submit buttons are disabled: a second click sends
// nothing. (The server makes a creation form's second sending do nothing anyway:
// carnet/lib/formtokens.py.) Loaded on every page; forms work without it.
(function () {
  "use strict";

  function buttons(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.type === "submit";
    });
  }

  function release(form) {
    delete form.dataset.sending;
    buttons(form).forEach(function (button) {
      button.disabled = false;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method !== "post" || form.target) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    // Later, once the browser has read the form (with the name and value of the button
    // clicked) and once the page's own scripts had their say.
    window.setTimeout(function () {
      if (event.defaultPrevented) return; // a script sends it itself
      form.dataset.sending = "1";
      buttons(form).forEach(function (button) {
        button.disabled = true;
      });
      // A download leaves the page where it is: give the buttons back after a while.
      window.setTimeout(function () {
        release(form);
      }, 10000);
    }, 0);
  });

  // A form came back with errors: its summary (carnet/_error_summary.html) takes the focus,
  // so that screen readers and keyboards start from the list of what to correct.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  });

  // Back to a page the browser kept: its forms can be sent again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), release);
  });
})();

/* 2. menu */
/* The header's menu (<details data-menu>) works without this file. It adds: Escape closes the
   open menu and gives focus back to its button; a click outside closes it; on wide screens
   of browsers that cannot show a closed <details>' content with CSS, the menu stays open. */
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu) return;
  var summary = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 48rem)");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function fit() {
    if (!styled && wide.matches) menu.open = true;
  }
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      summary.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !wide.matches && !menu.contains(event.target)) menu.open = false;
  });
})();

/* 3. confirm */
/* Confirmation dialogs. A link or GET form marked data-confirm leads to a confirmation page
   (carnet/confirm.html: GET says what will happen and what is missing, its POST acts): that
   is the way without JavaScript. With it, the same page is fetched and its section
   [data-confirm-page] is shown in a <dialog>: its form acts, its "go back" link becomes a
   button that closes the dialog; Escape closes it too; focus returns to what opened it.
   No words here: they all come from the page, translated by the server. */
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || typeof HTMLDialogElement !== "function") return;
  var dialog = null;
  var opener = null;

  function close() {
    if (dialog && dialog.open) dialog.close();
  }

  function make() {
    dialog = document.createElement("dialog");
    dialog.className = "dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-h");
    dialog.addEventListener("close", function () {
      dialog.textContent = "";
      if (opener) opener.focus();
      opener = null;
    });
    document.body.appendChild(dialog);
  }

  function show(section, url) {
    if (!dialog) make();
    dialog.textContent = "";
    Array.prototype.forEach.call(section.childNodes, function (node) {
      dialog.appendChild(document.importNode(node, true));
    });
    var title = dialog.querySelector("h1");
    if (title) title.id = "confirm-dialog-h";
    Array.prototype.forEach.call(dialog.querySelectorAll("form"), function (form) {
      if (!form.getAttribute("action")) form.setAttribute("action", url);
    });
    Array.prototype.forEach.call(dialog.querySelectorAll("[data-confirm-cancel]"), function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.textContent = link.textContent;
      button.addEventListener("click", close);
      link.parentNode.replaceChild(button, link);
    });
    dialog.showModal();
    var first = dialog.querySelector("input:not([type=hidden]),textarea,select,button[type=submit]");
    if (first) first.focus();
  }

  function open(url, from) {
    opener = from;
    from.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "confirm" } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("no page");
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var section = page.querySelector("[data-confirm-page]");
        if (!section) throw new Error("no confirmation");
        from.removeAttribute("aria-busy");
        show(section, url);
      })
      .catch(function () {
        window.location.href = url; // the confirmation page, as without JavaScript
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-confirm]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(link.href, link);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-confirm") || form.method !== "get") return;
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    var button = event.submitter || form.querySelector("[type=submit]") || form;
    open(form.action + (query ? "?" + query : ""), button);
  });
})();

/* 4. autosubmit */
/* Forms marked data-autosubmit (the language switcher, list filters, votes) are sent as soon
   as a choice is made in one of their lists or radio groups: their submit button is hidden
   (class "autosubmits", set here; without JavaScript the button stays and does the work).
   A choice made with the arrow keys is not sent at once (each arrow would reload the page):
   the button shows again, and Enter sends. */
(function () {
  "use strict";
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"];

  function choice(element) {
    return element.tagName === "SELECT" || (element.tagName === "INPUT" && element.type === "radio");
  }

  function send(form) {
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosubmit]"), function (form) {
    var keyed = false;
    var pending = false;
    form.classList.add("autosubmits");
    form.addEventListener("pointerdown", function () {
      keyed = false;
    });
    form.addEventListener("keydown", function (event) {
      if (!choice(event.target)) return;
      if (ARROWS.indexOf(event.key) >= 0 && !event.altKey) keyed = true;
      else if (event.key === "Enter" && pending) {
        event.preventDefault();
        send(form);
      }
    });
    form.addEventListener("change", function (event) {
      if (!choice(event.target)) return;
      if (keyed) {
        keyed = false;
        pending = true;
        form.classList.remove("autosubmits"); // the button again, for the keyboard
        return;
      }
      send(form);
    });
  });
})();

/* 5. short addresses */
// A search or filter form (a GET form with role="search" or class "filters") sends only the
// fields filled in: its results' address reads ?q=trafficking, not ?q=trafficking&kind=&
// organisation=&…, and is short to share. Without this file every field is sent; the server
// reads an empty one as no filter.
(function () {
  "use strict";
  if (!window.FormData || !window.URLSearchParams) return;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var method = (form.getAttribute("method") || "get").toLowerCase();
    if (event.defaultPrevented || method !== "get" || form.getAttribute("target")) return;
    if (!form.matches('[role="search"], .filters')) return;
    var filled = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value !== "") filled.append(name, value);
    });
    var submitter = event.submitter;
    if (submitter && submitter.name && submitter.value) filled.append(submitter.name, submitter.value);
    event.preventDefault();
    // getAttribute: a field named "action" would hide the form's own property.
    var address = new URL(form.getAttribute("action") || window.location.href, document.baseURI);
    address.search = filled.toString();
    address.hash = "";
    window.location.assign(address.href);
  });
})();
