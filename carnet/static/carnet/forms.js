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
