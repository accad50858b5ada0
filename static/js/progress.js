// Progress page: draws the seven charts from the page's json_script data (the same dict
// /progress/data/ returns). Values arrive in SI units with the runner's unit factors. Without
// this script the page still shows every number in its tables.
(function () {
  "use strict";
  var source = document.getElementById("progress-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var units = data.units;
  var charts = data.charts;
  var guidelines = data.guidelines;

  var RUN_COLOURS = {
    easy: "#4e9de0", long: "#1f5f99", recovery: "#9ecae1", tempo: "#f0a030",
    intervals: "#e4572e", sprints: "#b5179e", hills: "#7a4f01", race: "#2a9d4a"
  };
  var PALETTE = ["#4e9de0", "#e4572e", "#2a9d4a", "#b5179e", "#f0a030", "#7a4f01", "#6c757d", "#1f5f99"];

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function applyTheme() {
    Chart.defaults.color = cssVar("--bs-body-color") || "#212529";
    Chart.defaults.borderColor = cssVar("--bs-border-color-translucent") || "rgba(0,0,0,0.1)";
  }

  function km(metres) { return metres == null ? null : metres / units.metres_per_distance_unit; }
  function mass(kg) { return kg == null ? null : kg / units.kg_per_weight_unit; }
  function length(cm) { return cm == null ? null : cm / units.cm_per_length_unit; }
  function paceSeconds(sPerKm) {
    return sPerKm == null ? null : sPerKm * units.metres_per_distance_unit / 1000;
  }
  function clock(seconds) {
    var s = Math.round(seconds);
    var minutes = Math.floor(s / 60);
    var rest = s % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function round(value, places) {
    return value == null ? null : Number(value.toFixed(places));
  }
  function constant(labels, value) {
    return labels.map(function () { return value; });
  }

  // Long "All" ranges come per month ("resolution": "month"), dated by an ISO day of the month;
  // the axis then reads "Mar 2025". Weekly and daily points keep their ISO dates.
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function periodLabel(isoDate, resolution) {
    if (resolution !== "month") {
      return isoDate;
    }
    return MONTHS[Number(isoDate.slice(5, 7)) - 1] + " " + isoDate.slice(0, 4);
  }
  function periodLabels(isoDates, resolution) {
    return isoDates.map(function (d) { return periodLabel(d, resolution); });
  }
  // Bar charts name their bucket ("km per week"); older data without a resolution is weekly.
  function perPeriod(resolution) {
    return resolution === "month" ? "month" : "week";
  }

  function baseOptions(extra) {
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: { x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } } }
    };
    return Object.assign(options, extra || {});
  }

  var builders = {
    weekly_distance: function (c) {
      return {
        type: "bar",
        data: {
          labels: periodLabels(c.periods || c.weeks, c.resolution),
          datasets: c.series.map(function (s) {
            return { label: s.label, data: s.distance_m.map(function (m) { return round(km(m), 2); }),
                     backgroundColor: RUN_COLOURS[s.run_type], stack: "distance" };
          })
        },
        options: baseOptions({
          scales: {
            x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { stacked: true, title: { display: true, text: units.distance + " per " + perPeriod(c.resolution) } }
          }
        })
      };
    },

    pace: function (c) {
      var seen = {};
      c.series.forEach(function (s) { s.dates.forEach(function (d) { seen[d] = true; }); });
      var labels = Object.keys(seen).sort();
      return {
        type: "line",
        data: {
          labels: periodLabels(labels, c.resolution),
          datasets: c.series.map(function (s) {
            var byDate = {};
            s.dates.forEach(function (d, i) { byDate[d] = paceSeconds(s.pace_s_per_km[i]); });
            return { label: s.label, data: labels.map(function (d) { return byDate[d] == null ? null : byDate[d]; }),
                     borderColor: RUN_COLOURS[s.run_type], backgroundColor: RUN_COLOURS[s.run_type],
                     spanGaps: true, pointRadius: 2, borderWidth: 1.5 };
          })
        },
        options: baseOptions({
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { reverse: true, title: { display: true, text: "min per " + units.distance },
                 ticks: { callback: function (v) { return clock(v); } } }
          },
          plugins: {
            legend: { position: "bottom", labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: function (ctx) {
              return ctx.dataset.label + ": " + clock(ctx.parsed.y) + " /" + units.distance;
            } } }
          }
        })
      };
    },

    training_load: function (c) {
      var sweet = guidelines.acwr_sweet_spot;
      var danger = guidelines.acwr_danger;
      var datasets = [
        { type: "bar", label: { day: "Daily load", week: "Weekly load", month: "Monthly load" }[c.resolution], data: c.load,
          backgroundColor: "rgba(78,157,224,0.45)", yAxisID: "y", order: 5 },
        { type: "line", label: "7-day load", data: c.acute_7d, borderColor: "#1f5f99",
          pointRadius: 0, borderWidth: 1.5, yAxisID: "y", hidden: c.resolution !== "day" },
        // A month's bar is about four weeks of load: the weekly average would sit far below it.
        { type: "line", label: "28-day weekly average", data: c.chronic_weekly, borderColor: "#6c757d",
          pointRadius: 0, borderWidth: 1.5, yAxisID: "y", hidden: c.resolution === "month" },
        { type: "line", label: "Ratio", data: c.acwr, borderColor: "#e4572e", pointRadius: 0,
          borderWidth: 2, yAxisID: "ratio", spanGaps: true }
      ];
      if (sweet) {
        datasets.push({ type: "line", label: "Sweet spot " + sweet.minimum, data: constant(c.dates, sweet.minimum),
                        borderColor: "rgba(42,157,74,0.5)", borderWidth: 1, pointRadius: 0, yAxisID: "ratio" });
        datasets.push({ type: "line", label: "Sweet spot " + sweet.maximum, data: constant(c.dates, sweet.maximum),
                        borderColor: "rgba(42,157,74,0.5)", borderWidth: 1, pointRadius: 0, yAxisID: "ratio",
                        fill: "-1", backgroundColor: "rgba(42,157,74,0.12)" });
      }
      if (danger) {
        datasets.push({ type: "line", label: "Danger " + danger.value, data: constant(c.dates, danger.value),
                        borderColor: "#dc3545", borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0,
                        yAxisID: "ratio" });
      }
      return {
        type: "bar",
        data: { labels: periodLabels(c.dates, c.resolution), datasets: datasets },
        options: baseOptions({
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { position: "left", title: { display: true, text: "load (effort × minutes)" } },
            ratio: { position: "right", min: 0, suggestedMax: 2, grid: { drawOnChartArea: false },
                     title: { display: true, text: "acute : chronic ratio" } }
          }
        })
      };
    },

    strength_volume: function (c) {
      return {
        type: "bar",
        data: {
          labels: periodLabels(c.periods || c.weeks, c.resolution),
          datasets: c.muscles.map(function (m, i) {
            return { label: m.name, data: m.volume_kg.map(function (v) { return round(mass(v), 0); }),
                     backgroundColor: PALETTE[i % PALETTE.length], stack: "volume" };
          })
        },
        options: baseOptions({
          scales: {
            x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { stacked: true, title: { display: true, text: units.weight + " lifted per " + perPeriod(c.resolution) } }
          }
        })
      };
    },

    one_rep_max: function (c) {
      var labels = c.points.map(function (p) { return p.date; });
      var name = "";
      c.exercises.forEach(function (e) { if (e.id === c.exercise_id) { name = e.name; } });
      return {
        type: "line",
        data: {
          labels: labels,
          datasets: [
            { label: "Estimated 1RM" + (name ? " (" + name + ")" : ""),
              data: c.points.map(function (p) { return round(mass(p.e1rm_kg), 1); }),
              borderColor: "#1f5f99", backgroundColor: "#1f5f99", pointRadius: 2, borderWidth: 1.5 },
            { label: "Personal record", data: c.points.map(function (p) { return p.is_record ? round(mass(p.e1rm_kg), 1) : null; }),
              showLine: false, pointStyle: "star", pointRadius: 7, borderColor: "#f0a030", backgroundColor: "#f0a030" }
          ]
        },
        options: baseOptions({
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { title: { display: true, text: units.weight } }
          }
        })
      };
    },

    measurements: function (c) {
      // Body weight changes by a few hundred grams a month: give its axis at least ±3 units
      // around the data so noise does not look like a plunge.
      var weights = c.weight_kg.filter(function (v) { return v != null; }).map(mass);
      var weightAxis = { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: units.weight } };
      if (weights.length) {
        var middle = (Math.min.apply(null, weights) + Math.max.apply(null, weights)) / 2;
        weightAxis.suggestedMin = Math.floor(Math.min(Math.min.apply(null, weights), middle - 3));
        weightAxis.suggestedMax = Math.ceil(Math.max(Math.max.apply(null, weights), middle + 3));
      }
      function line(label, values, colour, dash) {
        return { label: label, data: values.map(function (v) { return round(length(v), 1); }), borderColor: colour,
                 backgroundColor: colour, borderDash: dash || [], spanGaps: true, pointRadius: 3, yAxisID: "y" };
      }
      return {
        type: "line",
        data: {
          labels: c.dates,
          datasets: [
            line("Thigh left", c.thigh_left_cm, "#1f5f99"),
            line("Thigh right", c.thigh_right_cm, "#4e9de0", [5, 3]),
            line("Calf left", c.calf_left_cm, "#2a9d4a"),
            line("Calf right", c.calf_right_cm, "#7fcf8f", [5, 3]),
            { label: "Body weight", data: c.weight_kg.map(function (v) { return round(mass(v), 1); }),
              borderColor: "#e4572e", backgroundColor: "#e4572e", spanGaps: true, pointRadius: 3, yAxisID: "weight" }
          ]
        },
        options: baseOptions({
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { position: "left", title: { display: true, text: units.length } },
            weight: weightAxis
          }
        })
      };
    },

    protein: function (c) {
      var perKg = c.has_body_weight;
      var band = guidelines.protein_g_per_kg;
      var datasets = [
        { label: perKg ? "Protein (g/kg)" : "Protein (g)", data: perKg ? c.g_per_kg : c.total_g,
          borderColor: "#1f5f99", backgroundColor: "#1f5f99", pointRadius: 2, borderWidth: 1.5, spanGaps: true }
      ];
      if (perKg && band) {
        datasets.push({ label: "Guide minimum " + band.minimum, data: constant(c.dates, band.minimum),
                        borderColor: "rgba(42,157,74,0.5)", borderWidth: 1, pointRadius: 0 });
        datasets.push({ label: "Guide maximum " + band.maximum, data: constant(c.dates, band.maximum),
                        borderColor: "rgba(42,157,74,0.5)", borderWidth: 1, pointRadius: 0, fill: "-1",
                        backgroundColor: "rgba(42,157,74,0.12)" });
      }
      if (perKg && c.target_g_per_kg) {
        datasets.push({ label: "Your target " + c.target_g_per_kg, data: constant(c.dates, c.target_g_per_kg),
                        borderColor: "#f0a030", borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 });
      }
      return {
        type: "line",
        data: { labels: periodLabels(c.dates, c.resolution), datasets: datasets },
        options: baseOptions({
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
            y: { min: 0, title: { display: true, text: perKg ? "g per kg of body weight" : "g" } }
          }
        })
      };
    }
  };

  var drawn = [];
  function drawAll() {
    drawn.forEach(function (chart) { chart.destroy(); });
    drawn = [];
    applyTheme();
    Object.keys(builders).forEach(function (key) {
      var canvas = document.getElementById("canvas-" + key);
      if (!canvas || !charts[key] || !charts[key].has_data) {
        return;
      }
      drawn.push(new Chart(canvas, builders[key](charts[key])));
    });
  }

  drawAll();
  // theme.js announces a switch; redraw so text and grid lines follow it.
  document.addEventListener("legsite:theme", drawAll);

  // The exercise picker works as a plain form; with the script, choosing is enough.
  var picker = document.getElementById("exercise-picker");
  if (picker) {
    var select = document.getElementById("exercise-select");
    var submit = document.getElementById("exercise-submit");
    if (submit) {
      submit.classList.add("visually-hidden-focusable");
    }
    select.addEventListener("change", function () {
      picker.requestSubmit ? picker.requestSubmit() : picker.submit();
    });
  }
})();
