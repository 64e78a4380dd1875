// Progressive enhancement only: every page works without this file.
// A "Print" button where the page offers one (hidden unless scripts run).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
