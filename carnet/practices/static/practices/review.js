// Sheet page: select a passage of a field to suggest a change to it.
(function () {
  "use strict";
  var details = document.getElementById("suggest");
  if (!details) return;
  var form = details.querySelector("form");
  var fieldSelect = form.querySelector("[name=field]");
  var passage = form.querySelector("[name=passage]");
  var replacement = form.querySelector("[name=replacement]");

  function fieldOf(node) {
    while (node && node !== document.body) {
      if (node.nodeType === 1 && node.dataset && node.dataset.field) return node.dataset.field;
      node = node.parentNode;
    }
    return null;
  }

  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    var text = selection.toString().trim();
    var field = fieldOf(selection.anchorNode);
    if (!text || !field || field !== fieldOf(selection.focusNode)) return;
    if (details.contains(selection.anchorNode)) return;
    fieldSelect.value = field;
    passage.value = text;
    if (!replacement.value) replacement.value = text;
    details.open = true;
  }

  document.querySelector("article.sheet").addEventListener("mouseup", take);
  document.querySelector("article.sheet").addEventListener("keyup", take);
  document.addEventListener("selectionchange", function () {
    clearTimeout(take.timer);
    take.timer = setTimeout(function () {
      var s = window.getSelection();
      if (s && !s.isCollapsed && fieldOf(s.anchorNode) && !details.contains(s.anchorNode)) take();
    }, 400);
  });
})();
