// Pre-fills a time-zone list marked data-browser-time-zone with the browser's own zone, unless
// the runner has already chosen one other than the server's default.
(function () {
  "use strict";
  var select = document.querySelector("select[data-browser-time-zone]");
  if (!select || !window.Intl) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var keep = select.getAttribute("data-browser-time-zone") === "keep";
  if (!zone || keep) {
    return;
  }
  for (var i = 0; i < select.options.length; i += 1) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
