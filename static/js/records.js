// Records page: the predicted 10 km by month (left axis, minutes, faster is higher) beside
// thigh and calf girth (cm) and body weight (kg) on the right, from the "prediction-trend-data"
// json_script. Without this script the table below the chart shows the same numbers.
(function () {
  "use strict";
  var source = document.getElementById("prediction-trend-data");
  var canvas = document.getElementById("canvas-prediction-trend");
  if (!source || !canvas || !window.Chart) {
    return;
  }
  var trend = JSON.parse(source.textContent);
  var rows = trend.rows;
  function column(name, scale) {
    return rows.map(function (row) {
      var value = row[name];
      return value === null ? null : Math.round(value * scale * 100) / 100;
    });
  }
  new Chart(canvas, {
    type: "line",
    data: {
      labels: rows.map(function (row) { return row.month.slice(0, 7); }),
      datasets: [
        { label: "Predicted 10 km (min)", data: column("predicted_10k_s", 1 / 60), yAxisID: "time",
          borderColor: "#c0392b", backgroundColor: "#c0392b", spanGaps: true },
        { label: "Thigh (cm)", data: column("thigh_cm", 1), yAxisID: "body",
          borderColor: "#2f78c4", backgroundColor: "#2f78c4", spanGaps: true },
        { label: "Calf (cm)", data: column("calf_cm", 1), yAxisID: "body",
          borderColor: "#1e7b34", backgroundColor: "#1e7b34", spanGaps: true },
        { label: "Body weight (kg)", data: column("weight_kg", 1), yAxisID: "body",
          borderColor: "#6c757d", backgroundColor: "#6c757d", borderDash: [4, 4], spanGaps: true }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        time: { position: "left", reverse: true, title: { display: true, text: "10 km, minutes" } },
        body: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "cm / kg" } }
      }
    }
  });
})();
