// Strength session form: "Add a set" clones the formset's empty form and copies the last set's
// exercise, reps, weight and reps in reserve into it (the next set is usually the same); ticking
// "Remove this set" on a row added here takes it away. Without this script the page still
// offers its initial rows. Choosing a routine starts it at once.
(function () {
  "use strict";
  var rows = document.getElementById("set-rows");
  var template = document.getElementById("set-template");
  var addButton = document.getElementById("add-set");
  var total = document.getElementById("id_sets-TOTAL_FORMS");
  var maximum = document.getElementById("id_sets-MAX_NUM_FORMS");
  if (!rows || !template || !addButton || !total) {
    return;
  }

  // A blank duration is saved as so many minutes a set: the placeholder says how long.
  var duration = document.getElementById("id_duration");
  function suggestDuration(sets) {
    if (!duration || !duration.dataset.secondsPerSet) {
      return;
    }
    var minutes = Math.round((sets * Number(duration.dataset.secondsPerSet)) / 60);
    duration.placeholder = minutes + ":00 if left blank (" + sets + (sets === 1 ? " set)" : " sets)");
  }

  function renumber() {
    var shown = rows.querySelectorAll("[data-set-row]:not([hidden])");
    shown.forEach(function (row, position) {
      var legend = row.querySelector("[data-set-legend]");
      if (legend) {
        legend.textContent = "Set " + (position + 1);
      }
    });
    suggestDuration(shown.length);
  }

  function watchRemoval(row, addedHere) {
    var box = row.querySelector("[data-set-delete]");
    if (!box) {
      return;
    }
    box.addEventListener("change", function () {
      if (box.checked && addedHere) {
        // A row that was never saved: hide it; the server ignores a deleted row's fields.
        row.hidden = true;
        renumber();
      }
    });
  }

  var FIELDS = ["exercise", "reps", "weight", "reps_in_reserve"];

  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function lastFilledRow() {
    var shown = rows.querySelectorAll("[data-set-row]:not([hidden])");
    for (var i = shown.length - 1; i >= 0; i -= 1) {
      var exercise = field(shown[i], "exercise");
      if (exercise && exercise.value) {
        return shown[i];
      }
    }
    return null;
  }

  function copyInto(row, from) {
    FIELDS.forEach(function (name) {
      var source = field(from, name);
      var target = field(row, name);
      if (source && target) {
        target.value = source.value;
      }
    });
  }

  var routineSelect = document.getElementById("routine-select");
  if (routineSelect) {
    routineSelect.addEventListener("change", function () {
      routineSelect.form.submit();
    });
  }

  suggestDuration(rows.querySelectorAll("[data-set-row]:not([hidden])").length);
  addButton.classList.remove("d-none");
  var hint = document.getElementById("add-set-hint");
  if (hint) {
    hint.classList.remove("d-none");
  }
  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (maximum && index >= parseInt(maximum.value, 10)) {
      return;
    }
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var previous = lastFilledRow();
    rows.appendChild(row);
    if (previous) {
      copyInto(row, previous);
    }
    total.value = String(index + 1);
    renumber();
    watchRemoval(row, true);
    // Focus the reps: the exercise and weight usually stay the same.
    var first = (previous && field(row, "reps")) || row.querySelector("select, input:not([type=hidden])");
    if (first) {
      first.focus();
      if (first.select) { first.select(); }
    }
  });
})();
