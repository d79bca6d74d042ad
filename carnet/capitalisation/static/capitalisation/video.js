// Review comments at a time of the film: a click on a time seeks the player there.
// Without JavaScript the link opens the video file at that time (#t=seconds).
(function () {
  "use strict";
  var player = document.querySelector("#player video");
  if (!player) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-seek]");
    if (!link) return;
    event.preventDefault();
    player.currentTime = Number(link.getAttribute("data-seek")) || 0;
    player.focus();
    var playing = player.play();
    if (playing && playing.catch) playing.catch(function () {});
  });
})();
