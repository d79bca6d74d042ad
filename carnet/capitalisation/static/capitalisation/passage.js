// Select a passage of an interview or a document, press the button: the passage
// goes to the plain "make a learning" form below and is sent. Works without JS too.
(function () {
  "use strict";
  var form = document.getElementById("make-learning");
  if (!form) return;
  var text = form.querySelector("textarea[name=passage]");
  var field = form.querySelector("select[name=field]");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "floating-learning";
  button.textContent = form.querySelector("button[type=submit]").textContent;
  button.hidden = true;
  document.body.appendChild(button);
  var chosen = null;
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    var value = selection ? selection.toString().trim() : "";
    var node = selection && selection.anchorNode;
    var source = node && (node.nodeType === 1 ? node : node.parentElement);
    source = source && source.closest(".passage-source");
    if (value && source) {
      chosen = { passage: value, field: source.getAttribute("data-field") };
      button.hidden = false;
    } else if (document.activeElement !== button) {
      button.hidden = true;
    }
  });
  button.addEventListener("click", function () {
    if (!chosen) return;
    text.value = chosen.passage;
    if (field && chosen.field) field.value = chosen.field;
    form.submit();
  });
})();
