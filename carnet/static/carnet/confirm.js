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
