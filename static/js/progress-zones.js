// Progress page: weekly (or monthly) time in each heart-rate zone as stacked bars, from the
// page's json_script "progress-data" (charts.time_in_zone). Loaded with defer, after Chart.js.
(function () {
  "use strict";
  var source = document.getElementById("progress-data");
  var canvas = document.getElementById("canvas-time_in_zone");
  if (!source || !canvas || !window.Chart) {
    return;
  }
  var chart = JSON.parse(source.textContent).charts.time_in_zone;
  if (!chart || !chart.has_data) {
    return;
  }
  var COLOURS = ["#9ecae1", "#4e9de0", "#2a9d4a", "#f0a030", "#e4572e"];
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: chart.periods,
      datasets: chart.series.map(function (zone, i) {
        return {
          label: zone.label,
          data: zone.seconds.map(function (s) { return Math.round(s / 60); }),
          backgroundColor: COLOURS[i]
        };
      })
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: function (item) { return item.dataset.label + ": " + item.parsed.y + " min"; } } }
      },
      scales: {
        x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
        y: { stacked: true, title: { display: true, text: "minutes" } }
      }
    }
  });
})();
