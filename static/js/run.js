// Run page: pace, heart-rate and elevation against distance, as three small Chart.js charts
// that share one distance axis (the same range, and a hover in one shows the same point in
// all). Data comes from the page's json_script "run-chart-data": distances in the runner's
// unit, pace in seconds per that unit. Without this script the page still shows the splits,
// laps, zones and the route, which are plain HTML and SVG.
(function () {
  "use strict";
  var source = document.getElementById("run-chart-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.distance || data.distance.length < 2) {
    return;
  }

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }
  Chart.defaults.color = cssVar("--bs-body-color") || "#212529";
  Chart.defaults.borderColor = cssVar("--bs-border-color-translucent") || "rgba(0,0,0,0.1)";

  function clock(seconds) {
    var s = Math.round(seconds);
    var minutes = Math.floor(s / 60);
    var rest = s % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  var last = data.distance[data.distance.length - 1];
  var charts = [];

  function points(values) {
    return data.distance.map(function (x, i) { return { x: x, y: values[i] }; });
  }

  function draw(id, label, values, colour, options) {
    var canvas = document.getElementById(id);
    if (!canvas || !values || !values.some(function (v) { return v !== null; })) {
      if (canvas) {
        canvas.closest(".run-chart").classList.add("d-none");
      }
      return;
    }
    var yScale = Object.assign({ ticks: { maxTicksLimit: 5 } }, options.y || {});
    var chart = new Chart(canvas, {
      type: "line",
      data: {
        datasets: [{
          label: label, data: points(values), borderColor: colour, backgroundColor: colour,
          borderWidth: 1.5, pointRadius: 0, spanGaps: false, fill: options.fill || false
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? items[0].parsed.x.toFixed(2) + " " + data.unit : "";
              },
              label: options.tooltip
            }
          }
        },
        scales: {
          x: {
            type: "linear", min: 0, max: last,
            title: { display: true, text: data.unit },
            ticks: { maxTicksLimit: 8 }
          },
          y: yScale
        },
        onHover: function (event, elements) {
          var index = elements.length ? elements[0].index : null;
          charts.forEach(function (other) {
            if (other === chart) {
              return;
            }
            if (index === null) {
              other.setActiveElements([]);
              other.tooltip.setActiveElements([], { x: 0, y: 0 });
            } else {
              var active = [{ datasetIndex: 0, index: index }];
              other.setActiveElements(active);
              other.tooltip.setActiveElements(active, { x: 0, y: 0 });
            }
            other.update("none");
          });
        }
      }
    });
    charts.push(chart);
    canvas.closest(".run-chart").dataset.points = String(values.length);
  }

  draw("run-chart-pace", "Pace", data.pace, "#4e9de0", {
    // Faster is higher: pace axes read upside down otherwise.
    y: { reverse: true, ticks: { maxTicksLimit: 5, callback: function (v) { return clock(v); } } },
    tooltip: function (item) { return "Pace " + clock(item.parsed.y) + " /" + data.unit; }
  });
  draw("run-chart-hr", "Heart rate", data.hr, "#e4572e", {
    tooltip: function (item) { return "Heart rate " + Math.round(item.parsed.y) + " bpm"; }
  });
  draw("run-chart-elevation", "Elevation", data.elevation, "#2a9d4a", {
    fill: "origin",
    tooltip: function (item) {
      return "Elevation " + Math.round(item.parsed.y) + " " + data.elevation_unit;
    }
  });
})();
