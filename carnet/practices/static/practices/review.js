// Sheet under review: select a passage, a small toolbar next to it offers to suggest a
// change, comment or make a learning; the form opens under the passage, not screens below.
// Notes in the margin are set level with their mark on wide screens. Without JS the forms
// further down the page do the same (the passage is typed or pasted there).
(function () {
  "use strict";
  var article = document.querySelector("article.sheet");
  var template = document.getElementById("selection-template");
  if (!article || !template) return;
  // The toolbar and its panel enter the page with the first selection.
  var parts = template.content.cloneNode(true);
  var tools = parts.querySelector("#selection-tools");
  var panel = parts.querySelector("#selection-panel");
  var suggest = document.getElementById("suggest");
  var suggestForm = suggest && suggest.querySelector("form");
  var commentForm = document.getElementById("new-comment");
  var learning = document.getElementById("make-learning");
  if (!learning) {
    var l = tools.querySelector("[data-action=learning]");
    if (l) l.remove();
  }
  var chosen = null; // {field, passage, block}
  var dismissed = null; // the selection whose toolbar Escape closed: not shown again for it
  var home = {}; // where each moved form lives without the panel

  function fieldOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    var text = el && el.closest(".text[data-field]");
    if (!text || !article.contains(text)) return null;
    if (el.closest(".notes, .selection-tools, .selection-panel")) return null;
    return text;
  }

  function selectedText(range) {
    var copy = range.cloneContents();
    copy.querySelectorAll(".notes").forEach(function (n) { n.remove(); });
    return (range.commonAncestorContainer.nodeType === 3 ? range.toString() : copy.textContent)
      .replace(/\s+/g, " ").trim();
  }

  function same(a, b) {
    return a.compareBoundaryPoints(Range.START_TO_START, b) === 0 &&
      a.compareBoundaryPoints(Range.END_TO_END, b) === 0;
  }

  function hideTools() {
    tools.hidden = true;
    tools.remove();
  }

  function look() {
    var s = window.getSelection();
    if (!s || s.isCollapsed || !s.rangeCount) {
      dismissed = null;
      if (!tools.contains(document.activeElement) && !tools.contains(s && s.anchorNode)) hideTools();
      return;
    }
    var from = fieldOf(s.anchorNode), to = fieldOf(s.focusNode);
    if (!from || from !== to) return hideTools();
    var range = s.getRangeAt(0);
    if (dismissed && same(range, dismissed)) return;
    dismissed = null;
    var passage = selectedText(range);
    if (!passage) return hideTools();
    var node = s.focusNode.nodeType === 1 ? s.focusNode : s.focusNode.parentElement;
    var block = node.closest(".block") || node.closest(".text");
    chosen = { field: from.getAttribute("data-field"), passage: passage, block: block };
    place(range, block);
  }

  function focusPassage(block, range) {
    // The passage holds the focus, its selection kept: the toolbar is the next Tab stop.
    var passage = block.querySelector(":scope > .passage") || block;
    if (!passage.hasAttribute("tabindex")) passage.setAttribute("tabindex", "-1");
    passage.focus({ preventScroll: true });
    var s = window.getSelection();
    if (range && !(s.rangeCount && same(s.getRangeAt(0), range))) {
      s.removeAllRanges();
      s.addRange(range);
    }
  }

  function place(range, block) {
    // In the reading order right after the passage (Tab from the selection reaches it),
    // drawn just under the selection's last line.
    var after = block.querySelector(":scope > .passage") || block;
    // (moved only when it is elsewhere: moving it would take the focus off its buttons)
    if (after === block) { if (tools.parentNode !== block) block.appendChild(tools); }
    else if (after.nextElementSibling !== tools) after.after(tools);
    if (tools.hidden) rove(0);
    tools.hidden = false;
    var active = document.activeElement;
    if (!active || active === document.body || (active.contains(block) && active !== block)) {
      focusPassage(block, range.cloneRange());
    }
    var rects = range.getClientRects();
    var last = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    var box = tools.offsetParent ? tools.offsetParent.getBoundingClientRect() : { top: 0, left: 0, width: 0 };
    var width = tools.offsetWidth;
    var left = Math.min(Math.max(last.left - box.left, 0), Math.max(box.width - width, 0));
    tools.style.top = Math.round(last.bottom - box.top + 6) + "px";
    tools.style.left = Math.round(left) + "px";
  }

  function putBack() {
    Object.keys(home).forEach(function (key) {
      var spot = home[key];
      spot.marker.parentNode.insertBefore(spot.form, spot.marker);
      spot.marker.remove();
    });
    home = {};
    panel.remove();
    if (commentForm) {
      commentForm.querySelector("[name=field]").value = "";
      commentForm.querySelector("[name=passage]").value = "";
    }
    panel.hidden = true;
  }

  function open(kind, form) {
    putBack();
    var marker = document.createComment(kind);
    form.parentNode.insertBefore(marker, form);
    home[kind] = { form: form, marker: marker };
    panel.querySelectorAll("[data-for]").forEach(function (p) {
      p.hidden = p.getAttribute("data-for") !== kind;
    });
    panel.querySelector(".passage").textContent = chosen.passage;
    panel.querySelector(".slot").appendChild(form);
    tools.after(panel);
    panel.hidden = false;
    hideTools();
  }

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !chosen) return;
    var action = button.getAttribute("data-action");
    if (action === "suggest" && suggestForm) {
      open("suggest", suggestForm);
      suggestForm.querySelector("[name=field]").value = chosen.field;
      suggestForm.querySelector("[name=passage]").value = chosen.passage;
      var replacement = suggestForm.querySelector("[name=replacement]");
      replacement.value = chosen.passage;
      replacement.focus();
    } else if (action === "comment" && commentForm) {
      open("comment", commentForm);
      commentForm.querySelector("[name=field]").value = chosen.field;
      commentForm.querySelector("[name=passage]").value = chosen.passage;
      commentForm.querySelector("textarea[name=text]").focus();
    } else if (action === "learning" && learning) {
      learning.querySelector("textarea[name=passage]").value = chosen.passage;
      var field = learning.querySelector("select[name=field]");
      if (field && field.querySelector('option[value="' + chosen.field + '"]')) field.value = chosen.field;
      learning.submit();
    }
  });

  panel.querySelector("[data-action=cancel]").addEventListener("click", function () {
    putBack();
    backToPassage(null);
  });

  // The toolbar follows the ARIA toolbar pattern: one stop in the Tab order, right after the
  // passage (Tab from the selection reaches it, Tab again leaves it), the arrow keys move
  // between its buttons, Escape closes it and gives the focus back to the passage.
  var buttons = Array.prototype.slice.call(tools.querySelectorAll("button"));
  function rove(to) {
    buttons.forEach(function (button, i) { button.tabIndex = i === to ? 0 : -1; });
    return buttons[to];
  }
  rove(0);
  tools.addEventListener("keydown", function (event) {
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    var back = getComputedStyle(tools).direction === "rtl" ? "ArrowRight" : "ArrowLeft";
    var next = back === "ArrowLeft" ? "ArrowRight" : "ArrowLeft";
    var last = buttons.length - 1;
    var to = { Home: 0, End: last }[event.key];
    if (event.key === next) to = at === last ? 0 : at + 1;
    if (event.key === back) to = at === 0 ? last : at - 1;
    if (to === undefined) return;
    event.preventDefault();
    rove(to).focus();
  });

  function backToPassage(range) {
    if (chosen && chosen.block) focusPassage(chosen.block, range);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (tools.isConnected && !tools.hidden) {
      var s = window.getSelection();
      dismissed = s && s.rangeCount ? s.getRangeAt(0).cloneRange() : null;
      var inside = tools.contains(document.activeElement);
      hideTools();
      if (inside) backToPassage(dismissed);
    } else if (!panel.hidden) {
      putBack();
      backToPassage(null);
    }
  });
  article.addEventListener("mouseup", function () { setTimeout(look, 0); });
  document.addEventListener("keyup", look); // (caret browsing takes the focus off the text)
  document.addEventListener("selectionchange", function () {
    clearTimeout(look.timer);
    look.timer = setTimeout(look, 250);
  });

  // Notes level with their mark (wide screens: the margin column).
  var wide = window.matchMedia("(min-width: 64em)");
  function align() {
    article.querySelectorAll(".notes > .note").forEach(function (note) {
      note.style.marginTop = "";
    });
    if (!wide.matches) return;
    article.querySelectorAll(".block > .notes").forEach(function (list) {
      var floor = -Infinity;
      Array.prototype.forEach.call(list.children, function (note) {
        var mark = document.getElementById("mark-" + note.id);
        var top = note.getBoundingClientRect().top;
        if (mark) {
          var want = mark.getBoundingClientRect().top;
          if (want > top && want > floor) note.style.marginTop = (want - top) + "px";
        }
        floor = note.getBoundingClientRect().bottom;
      });
    });
  }
  align();
  wide.addEventListener("change", align);
  article.addEventListener("toggle", align, true); // a note's "Reject…" opened or closed
  window.addEventListener("resize", function () {
    clearTimeout(align.timer);
    align.timer = setTimeout(align, 150);
  });

  // A mark and its note light up together.
  function light(ids, on) {
    ids.split(" ").forEach(function (id) {
      var note = document.getElementById(id);
      if (note) note.classList.toggle("active", on);
      article.querySelectorAll('mark.anchor[data-notes~="' + id + '"]').forEach(function (m) {
        m.classList.toggle("active", on);
      });
    });
  }
  article.querySelectorAll("mark.anchor").forEach(function (mark) {
    mark.addEventListener("mouseenter", function () { light(mark.getAttribute("data-notes"), true); });
    mark.addEventListener("mouseleave", function () { light(mark.getAttribute("data-notes"), false); });
  });
  article.querySelectorAll(".notes > .note").forEach(function (note) {
    note.addEventListener("focusin", function () { light(note.id, true); });
    note.addEventListener("focusout", function () { light(note.id, false); });
    note.addEventListener("mouseenter", function () { light(note.id, true); });
    note.addEventListener("mouseleave", function () { light(note.id, false); });
  });
})();
