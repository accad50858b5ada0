// Strength session form: "Add a set" clones the formset's empty form; ticking "Remove this set"
// on a row added here takes it away. Without this script the page still offers its initial rows.
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

  function renumber() {
    var shown = rows.querySelectorAll("[data-set-row]:not([hidden])");
    shown.forEach(function (row, position) {
      var legend = row.querySelector("[data-set-legend]");
      if (legend) {
        legend.textContent = "Set " + (position + 1);
      }
    });
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

  addButton.classList.remove("d-none");
  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (maximum && index >= parseInt(maximum.value, 10)) {
      return;
    }
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    renumber();
    watchRemoval(row, true);
    var first = row.querySelector("select, input:not([type=hidden])");
    if (first) {
      first.focus();
    }
  });
})();
