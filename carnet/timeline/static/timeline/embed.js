/* Carnet timeline embed: paste next to the iframe. It resizes the iframe to its content
   and passes this page's #moment on to it, so that links to a moment work here too. */
(function () {
  "use strict";
  var frames = document.querySelectorAll("iframe.carnet-timeline");
  Array.prototype.forEach.call(frames, function (frame) {
    var hash = window.location.hash;
    if (hash && frame.src.indexOf("#") < 0) frame.src = frame.src + hash;
  });
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "carnet-timeline") return;
    Array.prototype.forEach.call(frames, function (frame) {
      if (frame.contentWindow !== event.source) return;
      if (data.height > 0) frame.style.height = Math.ceil(data.height) + "px";
      if (data.slug && window.history.replaceState) {
        window.history.replaceState(null, "", "#" + data.slug);
      }
    });
  });
})();
