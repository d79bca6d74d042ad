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
