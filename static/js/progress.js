// Progress page: draws the seven charts from the page's json_script data (the same dict
// /progress/data/ returns). Values arrive in SI units with the runner's unit factors. Without
// this script the page still shows every number in its tables.
//
// Every x axis is a Chart.js time scale (the date adapter is vendored beside Chart.js), so a
// gap of a year looks like a year. Guide ranges are bands drawn on the axis they belong to by
// the "guides" plugin below, one legend item each. Choosing an exercise fetches that chart's
// data and redraws it in place; the choice goes into the URL and the range links.
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

  // Every colour reaches 3:1 against its theme's background (WCAG 1.4.11): the light set on
  // white, the dark set on Bootstrap's #212529.
  var PALETTES = {
    light: {
      run: { easy: "#2f78c4", long: "#0b3d91", recovery: "#2a7f8f", tempo: "#b35c00",
             intervals: "#c0392b", sprints: "#a0157f", hills: "#7a4f01", race: "#1e7b34" },
      series: ["#2f78c4", "#c0392b", "#1e7b34", "#a0157f", "#b35c00", "#7a4f01", "#6c757d", "#0b3d91"],
      main: "#0b3d91", second: "#2f78c4", third: "#1e7b34", fourth: "#2a7f8f",
      accent: "#c0392b", grey: "#6c757d", target: "#b35c00", record: "#b35c00",
      loadBar: "rgba(47,120,196,0.45)", band: "rgba(30,123,52,0.14)", bandEdge: "#1e7b34",
      danger: "#c0392b", fresh: "rgba(47,120,196,0.14)", freshEdge: "#2f78c4",
      kind: { run: "rgba(47,120,196,0.6)", strength: "rgba(179,92,0,0.6)", cross_training: "rgba(30,123,52,0.6)" }
    },
    dark: {
      run: { easy: "#6ea8fe", long: "#b6d4fe", recovery: "#63c7d9", tempo: "#ffb060",
             intervals: "#ff7b6b", sprints: "#f27ad8", hills: "#d9a55b", race: "#5cd07a" },
      series: ["#6ea8fe", "#ff7b6b", "#5cd07a", "#f27ad8", "#ffb060", "#d9a55b", "#adb5bd", "#b6d4fe"],
      main: "#6ea8fe", second: "#b6d4fe", third: "#5cd07a", fourth: "#63c7d9",
      accent: "#ff7b6b", grey: "#adb5bd", target: "#ffb060", record: "#ffb060",
      loadBar: "rgba(110,168,254,0.45)", band: "rgba(92,208,122,0.16)", bandEdge: "#5cd07a",
      danger: "#ff7b6b", fresh: "rgba(110,168,254,0.16)", freshEdge: "#6ea8fe",
      kind: { run: "rgba(110,168,254,0.6)", strength: "rgba(255,176,96,0.6)", cross_training: "rgba(92,208,122,0.6)" }
    }
  };
  var colours = PALETTES.light;

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function applyTheme() {
    var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
    colours = dark ? PALETTES.dark : PALETTES.light;
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
  // [{x: ISO date, y: value}] for a time axis; missing values stay out of the line.
  function points(dates, values) {
    var out = [];
    dates.forEach(function (d, i) {
      if (values[i] != null) {
        out.push({ x: d, y: values[i] });
      }
    });
    return out;
  }
  // Bar charts name their bucket ("km per week"); older data without a resolution is weekly.
  function perPeriod(resolution) {
    return resolution === "month" ? "month" : "week";
  }

  // Guide ranges and lines, drawn under the data on the axis they belong to. Each item names
  // the (empty) dataset that is its legend entry; hiding that entry hides the band.
  var guidesPlugin = {
    id: "guides",
    beforeDatasetsDraw: function (chart, args, options) {
      var items = (options && options.items) || [];
      var area = chart.chartArea;
      var ctx = chart.ctx;
      items.forEach(function (item) {
        var scale = chart.scales[item.scaleID];
        if (!scale || (item.datasetIndex != null && !chart.isDatasetVisible(item.datasetIndex))) {
          return;
        }
        ctx.save();
        ctx.beginPath();
        ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
        ctx.clip();
        if (item.from != null) {
          var top = scale.getPixelForValue(item.to);
          var bottom = scale.getPixelForValue(item.from);
          ctx.fillStyle = item.fill;
          ctx.fillRect(area.left, Math.min(top, bottom), area.right - area.left, Math.abs(bottom - top));
        } else {
          var y = scale.getPixelForValue(item.value);
          ctx.strokeStyle = item.colour;
          ctx.lineWidth = 1.5;
          ctx.setLineDash(item.dash || []);
          ctx.beginPath();
          ctx.moveTo(area.left, y);
          ctx.lineTo(area.right, y);
          ctx.stroke();
        }
        ctx.restore();
      });
    }
  };
  Chart.register(guidesPlugin);

  // Adds a guide's legend entry (an empty dataset) and returns the guide item pointing at it.
  function guide(datasets, item, label) {
    datasets.push({
      type: "line", label: label, data: [], yAxisID: item.scaleID,
      backgroundColor: item.fill || "transparent", borderColor: item.edge || item.colour,
      borderDash: item.dash || [], borderWidth: 1.5, pointRadius: 0
    });
    item.datasetIndex = datasets.length - 1;
    return item;
  }

  function narrow(canvas) {
    return canvas.parentNode.clientWidth < 420;
  }

  // A time axis; bars sit centred on their bucket's first day.
  function timeAxis(canvas, extra) {
    var axis = {
      type: "time",
      offset: false,
      time: {
        minUnit: "day",
        isoWeekday: true,
        tooltipFormat: "d MMM yyyy",
        displayFormats: { day: "d MMM", week: "d MMM", month: "MMM yyyy", quarter: "MMM yyyy", year: "yyyy" }
      },
      ticks: { autoSkip: true, autoSkipPadding: 12, maxRotation: 0, maxTicksLimit: narrow(canvas) ? 4 : 7 }
    };
    // Every chart spans the whole range, so the same date sits at the same place in each.
    if (data.range.start) {
      axis.min = data.range.start;
    }
    axis.max = data.range.end;
    return Object.assign(axis, extra || {});
  }

  function periodTooltip(resolution) {
    if (resolution === "month") {
      return "MMM yyyy";
    }
    return resolution === "week" ? "'Week of' d MMM yyyy" : "d MMM yyyy";
  }

  function baseOptions(canvas, extra) {
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
    };
    return Object.assign(options, extra || {});
  }

  var builders = {
    weekly_distance: function (c, canvas) {
      var periods = c.periods || c.weeks;
      return {
        type: "bar",
        data: {
          datasets: c.series.map(function (s) {
            return { label: s.label, data: points(periods, s.distance_m.map(function (m) { return round(km(m), 2); })),
                     backgroundColor: colours.run[s.run_type], stack: "distance" };
          })
        },
        options: baseOptions(canvas, {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: timeAxis(canvas, { stacked: true, offset: true,
                                  time: Object.assign(timeAxis(canvas).time, { unit: c.resolution === "month" ? "month" : "week",
                                                                               tooltipFormat: periodTooltip(c.resolution) }) }),
            y: { stacked: true, beginAtZero: true, title: { display: true, text: units.distance + " per " + perPeriod(c.resolution) } }
          }
        })
      };
    },

    pace: function (c, canvas) {
      var axis = timeAxis(canvas);
      axis.time.tooltipFormat = periodTooltip(c.resolution);
      return {
        type: "line",
        data: {
          datasets: c.series.map(function (s) {
            return { label: s.label, data: points(s.dates, s.pace_s_per_km.map(paceSeconds)),
                     borderColor: colours.run[s.run_type], backgroundColor: colours.run[s.run_type],
                     pointRadius: 2, borderWidth: 1.5 };
          })
        },
        options: baseOptions(canvas, {
          scales: {
            x: axis,
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

    training_load: function (c, canvas) {
      var sweet = guidelines.acwr_sweet_spot;
      var danger = guidelines.acwr_danger;
      // One bar a day (or week, or month), stacked by kind of session.
      var datasets = (c.kinds || []).map(function (k) {
        return { type: "bar", label: k.label, data: points(c.dates, k.load), backgroundColor: colours.kind[k.kind],
                 yAxisID: "y", stack: "load", order: 5 };
      });
      // Lines that mean something at this resolution only; none is added hidden.
      if (c.resolution === "day") {
        // Each line is its own stack: only the bars add up.
        datasets.push({ type: "line", label: "7-day load", data: points(c.dates, c.acute_7d), borderColor: colours.main,
                        backgroundColor: colours.main, pointRadius: 0, borderWidth: 1.5, yAxisID: "y", stack: "acute" });
      }
      if (c.resolution !== "month") {
        // A month's bar is about four weeks of load: the weekly average would sit far below it.
        datasets.push({ type: "line", label: "28-day weekly average", data: points(c.dates, c.chronic_weekly),
                        borderColor: colours.grey, backgroundColor: colours.grey, pointRadius: 0, borderWidth: 1.5, yAxisID: "y",
                        stack: "chronic" });
      }
      datasets.push({ type: "line", label: "Ratio", data: points(c.dates, c.acwr), borderColor: colours.accent,
                      backgroundColor: colours.accent, pointRadius: 0, borderWidth: 2, yAxisID: "ratio" });
      var items = [];
      if (sweet) {
        items.push(guide(datasets, { scaleID: "ratio", from: sweet.minimum, to: sweet.maximum, fill: colours.band, edge: colours.bandEdge },
                         "Ratio sweet spot " + sweet.minimum + "–" + sweet.maximum));
      }
      if (danger) {
        items.push(guide(datasets, { scaleID: "ratio", value: danger.value, colour: colours.danger, dash: [6, 4] },
                         "Ratio danger " + danger.value));
      }
      var axis = timeAxis(canvas, { offset: c.resolution !== "day", stacked: true });
      axis.time.tooltipFormat = c.resolution === "day" ? "d MMM yyyy" : "'Ending' d MMM yyyy";
      return {
        type: "bar",
        data: { datasets: datasets },
        options: baseOptions(canvas, {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: axis,
            y: { position: "left", beginAtZero: true, stacked: true,
                 title: { display: true, text: "load per " + { day: "day", week: "week", month: "month" }[c.resolution] + " (effort × minutes)" } },
            ratio: { position: "right", min: 0, suggestedMax: 2, grid: { drawOnChartArea: false },
                     title: { display: true, text: "acute : chronic ratio" } }
          },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } }, guides: { items: items } }
        })
      };
    },

    fitness: function (c, canvas) {
      var training = guidelines.form_training_pct;
      var fresh = guidelines.form_fresh_pct;
      function line(label, values, colour, axis, dash) {
        return { type: "line", label: label, data: points(c.dates, values), borderColor: colour, backgroundColor: colour,
                 borderDash: dash || [], pointRadius: 0, borderWidth: 2, yAxisID: axis };
      }
      var datasets = [
        line("Fitness (42 days)", c.fitness, colours.main, "y"),
        line("Fatigue (7 days)", c.fatigue, colours.accent, "y", [5, 3]),
        line("Form (% of fitness)", c.form_pct, colours.third, "form")
      ];
      var items = [];
      if (training) {
        items.push(guide(datasets, { scaleID: "form", from: -training.maximum, to: -training.minimum, fill: colours.band, edge: colours.bandEdge },
                         "Productive training −" + training.maximum + " to −" + training.minimum + " %"));
      }
      if (fresh) {
        items.push(guide(datasets, { scaleID: "form", from: fresh.minimum, to: fresh.maximum, fill: colours.fresh, edge: colours.freshEdge },
                         "Fresh +" + fresh.minimum + " to +" + fresh.maximum + " %"));
      }
      var axis = timeAxis(canvas, {});
      axis.time.tooltipFormat = "d MMM yyyy";
      return {
        type: "line",
        data: { datasets: datasets },
        options: baseOptions(canvas, {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: axis,
            y: { position: "left", beginAtZero: true, title: { display: true, text: "load per day" } },
            form: { position: "right", suggestedMin: -40, suggestedMax: 30, grid: { drawOnChartArea: false },
                    title: { display: true, text: "form, % of fitness" } }
          },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } }, guides: { items: items } }
        })
      };
    },

    weekly_strain: function (c, canvas) {
      var high = guidelines.monotony_high;
      var datasets = [
        { type: "bar", label: "Strain", data: points(c.dates, c.strain), backgroundColor: colours.loadBar, yAxisID: "y", order: 5 },
        { type: "line", label: "Monotony", data: points(c.dates, c.monotony), borderColor: colours.accent,
          backgroundColor: colours.accent, pointRadius: 2, borderWidth: 2, yAxisID: "monotony", spanGaps: false }
      ];
      var items = [];
      if (high) {
        items.push(guide(datasets, { scaleID: "monotony", value: high.value, colour: colours.danger, dash: [6, 4] },
                         "Monotony " + high.value));
      }
      var axis = timeAxis(canvas, { offset: true });
      axis.time.tooltipFormat = "'7 days ending' d MMM yyyy";
      return {
        type: "bar",
        data: { datasets: datasets },
        options: baseOptions(canvas, {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: axis,
            y: { position: "left", beginAtZero: true, title: { display: true, text: "strain (load × monotony)" } },
            monotony: { position: "right", min: 0, suggestedMax: 3, grid: { drawOnChartArea: false },
                        title: { display: true, text: "monotony" } }
          },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } }, guides: { items: items } }
        })
      };
    },

    strength_volume: function (c, canvas) {
      var periods = c.periods || c.weeks;
      return {
        type: "bar",
        data: {
          datasets: c.muscles.map(function (m, i) {
            return { label: m.name, data: points(periods, m.volume_kg.map(function (v) { return round(mass(v), 0); })),
                     backgroundColor: colours.series[i % colours.series.length], stack: "volume" };
          })
        },
        options: baseOptions(canvas, {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: timeAxis(canvas, { stacked: true, offset: true,
                                  time: Object.assign(timeAxis(canvas).time, { unit: c.resolution === "month" ? "month" : "week",
                                                                               tooltipFormat: periodTooltip(c.resolution) }) }),
            y: { stacked: true, beginAtZero: true, title: { display: true, text: units.weight + " lifted per " + perPeriod(c.resolution) } }
          }
        })
      };
    },

    one_rep_max: function (c, canvas) {
      var name = "";
      c.exercises.forEach(function (e) { if (e.id === c.exercise_id) { name = e.name; } });
      var dates = c.points.map(function (p) { return p.date; });
      return {
        type: "line",
        data: {
          datasets: [
            { label: "Estimated 1RM" + (name ? " (" + name + ")" : ""),
              data: points(dates, c.points.map(function (p) { return round(mass(p.e1rm_kg), 1); })),
              borderColor: colours.main, backgroundColor: colours.main, pointRadius: 2, borderWidth: 1.5 },
            { label: "Personal record", data: points(dates, c.points.map(function (p) { return p.is_record ? round(mass(p.e1rm_kg), 1) : null; })),
              showLine: false, pointStyle: "star", pointRadius: 7, borderColor: colours.record, backgroundColor: colours.record }
          ]
        },
        options: baseOptions(canvas, {
          scales: {
            x: timeAxis(canvas),
            // From zero: a 2 kg dip on a 100 kg lift is a dip, not a crash.
            y: { beginAtZero: true, title: { display: true, text: units.weight } }
          }
        })
      };
    },

    measurements: function (c, canvas) {
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
        return { label: label, data: points(c.dates, values.map(function (v) { return round(length(v), 1); })),
                 borderColor: colour, backgroundColor: colour, borderDash: dash || [], pointRadius: 3, yAxisID: "y" };
      }
      return {
        type: "line",
        data: {
          datasets: [
            line("Thigh left", c.thigh_left_cm, colours.main),
            line("Thigh right", c.thigh_right_cm, colours.second, [5, 3]),
            line("Calf left", c.calf_left_cm, colours.third),
            line("Calf right", c.calf_right_cm, colours.fourth, [5, 3]),
            { label: "Body weight", data: points(c.dates, c.weight_kg.map(function (v) { return round(mass(v), 1); })),
              borderColor: colours.accent, backgroundColor: colours.accent, pointRadius: 3, yAxisID: "weight" }
          ]
        },
        options: baseOptions(canvas, {
          scales: {
            x: timeAxis(canvas),
            y: { position: "left", title: { display: true, text: units.length } },
            weight: weightAxis
          }
        })
      };
    },

    protein: function (c, canvas) {
      var perKg = c.has_body_weight;
      var band = guidelines.protein_g_per_kg;
      var values = perKg ? c.g_per_kg : c.total_g;
      // Today is not over: its point is drawn hollow and called "so far".
      var unfinished = c.unfinished_date;
      var datasets = [
        { label: perKg ? "Protein (g/kg)" : "Protein (g)", data: points(c.dates, values),
          borderColor: colours.main, backgroundColor: colours.main, borderWidth: 1.5,
          pointBackgroundColor: function (ctx) {
            return ctx.raw && ctx.raw.x === unfinished ? "transparent" : colours.main;
          },
          pointRadius: function (ctx) { return ctx.raw && ctx.raw.x === unfinished ? 4 : 2; } }
      ];
      var items = [];
      if (perKg && band) {
        items.push(guide(datasets, { scaleID: "y", from: band.minimum, to: band.maximum, fill: colours.band, edge: colours.bandEdge },
                         "Guide range " + band.minimum + "–" + band.maximum));
      }
      if (perKg && c.target_g_per_kg) {
        items.push(guide(datasets, { scaleID: "y", value: c.target_g_per_kg, colour: colours.target, dash: [6, 4] },
                         "Your target " + c.target_g_per_kg));
      }
      var axis = timeAxis(canvas);
      axis.time.tooltipFormat = periodTooltip(c.resolution);
      var top = band && perKg ? band.maximum * 1.15 : undefined;
      return {
        type: "line",
        data: { datasets: datasets },
        options: baseOptions(canvas, {
          scales: {
            x: axis,
            y: { min: 0, suggestedMax: top, title: { display: true, text: perKg ? "g per kg of body weight" : "g" } }
          },
          plugins: {
            legend: { position: "bottom", labels: { boxWidth: 12 } },
            guides: { items: items },
            tooltip: { callbacks: { label: function (ctx) {
              var text = ctx.dataset.label + ": " + ctx.formattedValue;
              return ctx.raw && ctx.raw.x === unfinished ? text + " (today, so far)" : text;
            } } }
          }
        })
      };
    }
  };

  var drawn = {};
  function draw(key) {
    if (drawn[key]) {
      drawn[key].destroy();
      delete drawn[key];
    }
    var canvas = document.getElementById("canvas-" + key);
    if (!canvas || !charts[key] || !charts[key].has_data) {
      return;
    }
    drawn[key] = new Chart(canvas, builders[key](charts[key], canvas));
  }

  // Charts are drawn as they come near the screen: drawing all seven at once blocks a phone
  // for a second or two before the page answers a tap.
  var waiting = {};
  var observer = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) {
        return;
      }
      var key = entry.target.getAttribute("data-chart-key");
      observer.unobserve(entry.target);
      delete waiting[key];
      draw(key);
    });
  }, { rootMargin: "100px 0px" }) : null;

  function drawAll() {
    applyTheme();
    Object.keys(builders).forEach(function (key) {
      var canvas = document.getElementById("canvas-" + key);
      if (observer && canvas && !drawn[key]) {
        if (!waiting[key]) {
          waiting[key] = true;
          canvas.setAttribute("data-chart-key", key);
          observer.observe(canvas);
        }
        return;
      }
      draw(key);
    });
  }

  drawAll();
  // theme.js announces the theme (again on DOMContentLoaded, unchanged): redraw only when it
  // changed, so text, grid lines and series follow it.
  var drawnTheme = document.documentElement.getAttribute("data-bs-theme");
  document.addEventListener("legsite:theme", function (event) {
    if (event.detail === drawnTheme) {
      return;
    }
    drawnTheme = event.detail;
    drawAll();
  });

  // The exercise picker works as a plain form; with the script, choosing fetches the chart's
  // data and redraws it where it is, and the choice stays in the URL and the range links.
  var picker = document.getElementById("exercise-picker");
  if (!picker || !window.fetch) {
    return;
  }
  var select = document.getElementById("exercise-select");
  var submit = document.getElementById("exercise-submit");
  var status = document.getElementById("exercise-status");
  if (submit) {
    submit.classList.add("visually-hidden-focusable");
  }

  function withExercise(href, exerciseId) {
    var url = new URL(href, window.location.href);
    url.searchParams.set("exercise", exerciseId);
    return url.pathname + url.search;
  }

  function formatWeight(kg) {
    var value = mass(kg);
    return value.toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " " + units.weight;
  }

  function fillTable(chart) {
    var body = document.querySelector("#chart-one_rep_max tbody");
    if (!body) {
      return;
    }
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    chart.points.slice().reverse().forEach(function (p) {
      var row = document.createElement("tr");
      var head = document.createElement("th");
      head.scope = "row";
      head.textContent = p.date;
      row.appendChild(head);
      [formatWeight(p.e1rm_kg), p.is_record ? "Yes" : ""].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  function show(chart) {
    var box = document.getElementById("one_rep_max-chart");
    var empty = document.getElementById("one_rep_max-empty");
    if (box) { box.hidden = !chart.has_data; }
    if (empty) { empty.hidden = chart.has_data; }
  }

  picker.addEventListener("submit", function (event) {
    event.preventDefault();
    var exerciseId = select.value;
    var url = new URL(picker.getAttribute("data-url"), window.location.href);
    url.searchParams.set("range", data.range.key);
    url.searchParams.set("exercise", exerciseId);
    if (status) { status.textContent = "Loading…"; }
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (fresh) {
        charts.one_rep_max = fresh.charts.one_rep_max;
        show(charts.one_rep_max);
        draw("one_rep_max");
        fillTable(charts.one_rep_max);
        history.replaceState(history.state, "", withExercise(window.location.href, exerciseId));
        document.querySelectorAll("[data-range-link]").forEach(function (link) {
          link.setAttribute("href", withExercise(link.getAttribute("href"), exerciseId));
        });
        if (status) {
          var chosen = select.options[select.selectedIndex];
          status.textContent = "Showing " + (chosen ? chosen.text : "the exercise") + ".";
        }
      })
      .catch(function () {
        picker.submit();  // the server can still draw it: fall back to the plain form
      });
  });
  select.addEventListener("change", function () {
    picker.requestSubmit ? picker.requestSubmit() : picker.dispatchEvent(new Event("submit", { cancelable: true }));
  });
})();
