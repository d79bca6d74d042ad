/* The header's menu (<details data-menu>) works without this file. It adds: Escape closes the
   open menu and gives focus back to its button; a click outside closes it; on wide screens
   of browsers that cannot show a closed <details>' content with CSS, the menu stays open. */
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu) return;
  var summary = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 48rem)");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function fit() {
    if (!styled && wide.matches) menu.open = true;
  }
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      summary.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !wide.matches && !menu.contains(event.target)) menu.open = false;
  });
})();
