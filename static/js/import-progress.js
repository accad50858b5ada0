// The import progress page: polls the job's status and shows it; reloads for the report when
// the job has finished. Without JavaScript, a <noscript> meta refresh does the same.
(function () {
  "use strict";
  var section = document.getElementById("import-progress");
  if (!section) return;
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = section.dataset.statusUrl;
  var delay = 1000;

  function show(status) {
    bar.value = status.percent;
    bar.textContent = status.percent + " %";
    var files = status.total === 1 ? " file" : " files";
    if (status.status === "queued") {
      // Until the job starts, the total counts uploads: a ZIP is one, whatever it holds.
      var uploads = status.total === 1 ? " upload" : " uploads";
      text.textContent = status.status_label + ": " + status.total + uploads +
        " received; the files in a ZIP are counted once it is opened.";
      return;
    }
    text.textContent = status.status_label + ": " + status.done + " of " + status.total + files + " done.";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          delay = 1000;
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // A hiccup (a restart, a lost connection): keep trying, less often.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
