/* The embed builder: as the settings change, ask the server for the same page (it checks
   the values and writes the code), then update the notes, the code and the preview.
   Without this script the form's button does the same with a page load. */
(function () {
  "use strict";
  var form = document.querySelector("[data-embed-builder]");
  if (!form) return;
  var result = document.querySelector("[data-embed-result]");
  var timer = null;
  var asked = "";

  function query() {
    var pairs = [];
    var fields = form.elements;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!f.name || ((f.type === "radio" || f.type === "checkbox") && !f.checked)) continue;
      pairs.push(encodeURIComponent(f.name) + "=" + encodeURIComponent(f.value));
    }
    return "?" + pairs.join("&");
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("[data-embed-result]");
    if (!fresh) return;
    var frame = result.querySelector("[data-embed-preview]");
    var next = fresh.querySelector("[data-embed-preview]");
    // Keep the iframe (and the copy button) in place: only what changed is replaced.
    var oldNotes = result.querySelector("[role=status]:not([data-embed-copied])");
    var newNotes = fresh.querySelector("[role=status]:not([data-embed-copied])");
    if (oldNotes) oldNotes.remove();
    if (newNotes) result.insertBefore(newNotes, result.firstChild);
    result.querySelector("[data-embed-snippet]").value =
      fresh.querySelector("[data-embed-snippet]").value;
    result.querySelector("[data-embed-copied]").textContent = "";
    if (frame.getAttribute("src") !== next.getAttribute("src")) {
      frame.setAttribute("src", next.getAttribute("src"));
    }
    frame.setAttribute("height", next.getAttribute("height"));
  }

  function update() {
    var q = query();
    if (q === asked) return;
    asked = q;
    fetch(q, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (q !== asked || !html) return;
        swap(html);
        if (window.history.replaceState) window.history.replaceState(null, "", q);
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  }
  form.addEventListener("change", update);
  form.addEventListener("input", later);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  asked = query();

  var copy = document.querySelector("[data-embed-copy]");
  var copied = document.querySelector("[data-embed-copied]");
  var code = document.querySelector("[data-embed-snippet]");
  copy.hidden = false;
  copy.addEventListener("click", function () {
    function done() { copied.textContent = copy.getAttribute("data-done"); }
    function failed() {
      code.focus();
      code.select();
      copied.textContent = copy.getAttribute("data-failed");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(code.value).then(done, failed);
    } else {
      code.select();
      try {
        if (document.execCommand("copy")) done();
        else failed();
      } catch (e) {
        failed();
      }
    }
  });
})();
