// Sheet edit page: word counts against the length guide, Markdown preview,
// a copy of the draft kept on the device while typing, and a warning before
// leaving with unsaved changes. The form works without it.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  if (!form) return;
  var status = form.querySelector(".autosave");
  var key = form.dataset.key;
  var revision = form.dataset.revision;
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var dirty = false;
  var timer = null;
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[type=text], textarea"));
  var lang = document.documentElement.lang || "en";
  var words = lang.indexOf("fr") === 0 ? ["mot", "mots", "environ"] : ["word", "words", "about"];

  function count(text) {
    var m = text.trim().match(/\S+/g);
    return m ? m.length : 0;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  fields.forEach(function (field) {
    var guide = parseInt(field.dataset.guide || "0", 10);
    if (guide) {
      var counter = document.createElement("p");
      counter.className = "counter muted";
      counter.id = field.id + "-count";
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      var update = function () {
        var n = count(field.value);
        counter.textContent = n + " / " + guide + " " + words[1];
        counter.classList.toggle("over", n > guide * 1.2);
      };
      field.addEventListener("input", update);
      update();
    }
    if (field.dataset.markdown) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "preview-toggle";
      button.textContent = lang.indexOf("fr") === 0 ? "Aperçu" : "Preview";
      button.setAttribute("aria-expanded", "false");
      var preview = document.createElement("div");
      preview.className = "preview";
      preview.hidden = true;
      preview.id = field.id + "-preview";
      button.setAttribute("aria-controls", preview.id);
      field.parentNode.appendChild(button);
      field.parentNode.appendChild(preview);
      button.addEventListener("click", function () {
        if (!preview.hidden) {
          preview.hidden = true;
          button.setAttribute("aria-expanded", "false");
          return;
        }
        var body = new FormData();
        body.append("text", field.value);
        body.append("csrfmiddlewaretoken", token);
        fetch(form.dataset.preview, { method: "POST", body: body, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(function (html) {
            preview.innerHTML = html; // sanitised on the server (nh3)
            preview.hidden = false;
            button.setAttribute("aria-expanded", "true");
          });
      });
    }
  });

  function snapshot() {
    var data = {};
    fields.forEach(function (f) { data[f.name] = f.value; });
    return data;
  }

  function keep() {
    try {
      localStorage.setItem(key, JSON.stringify({ revision: revision, fields: snapshot() }));
      say(lang.indexOf("fr") === 0 ? "Brouillon gardé sur cet appareil." : "Draft kept on this device.");
    } catch (e) { /* storage full or disabled: the warning still protects */ }
  }

  // A draft left on this device for the same revision comes back.
  try {
    var saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && saved.revision === revision && !form.closest("main").querySelector(".conflict")) {
      var restored = false;
      fields.forEach(function (f) {
        if (saved.fields[f.name] !== undefined && saved.fields[f.name] !== f.value) {
          f.value = saved.fields[f.name];
          restored = true;
        }
      });
      if (restored) {
        dirty = true;
        say(lang.indexOf("fr") === 0
          ? "Vos modifications non enregistrées ont été reprises : enregistrez-les."
          : "Your unsaved changes were brought back: save them.");
      }
    } else if (saved && saved.revision !== revision) {
      localStorage.removeItem(key);
    }
  } catch (e) { /* ignore a broken copy */ }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(keep, 800);
  });
  form.addEventListener("submit", function () {
    dirty = false;
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
