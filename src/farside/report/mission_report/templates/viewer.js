/* farside mission report: the 3-D view (plotly.js scatter3d and mesh3d).
   Data: the JSON in #report-data (positions km, GCRF axes; times s after scene.t0_utc). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var S = data.scene;
  var gd = document.getElementById("scene3d");
  var slider = document.getElementById("time-slider");
  var label = document.getElementById("time-label");
  var t0ms = Date.parse(S.t0_utc + "Z");
  var state = { frame: "earth", t: 0, markerTrace: 0, spheres: {} };

  function sphereGeometry(sp) {
    /* Unit vertices at the texture's cell centres (body-fixed axes), then the poles; triangles. */
    var nlat = sp.lat_cells, nlon = sp.lon_cells, u = [], i, j, colors = [], tri = [[], [], []];
    for (i = 0; i < nlat; i++) {
      var lat = (90 - 180 * (i + 0.5) / nlat) * Math.PI / 180;
      for (j = 0; j < nlon; j++) {
        var lon = (-180 + 360 * (j + 0.5) / nlon) * Math.PI / 180;
        u.push([Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)]);
      }
    }
    u.push([0, 0, 1], [0, 0, -1]);
    for (i = 0; i < u.length; i++) { colors.push("#" + sp.colors.substr(6 * i, 6)); }
    function add(a, b, c) { tri[0].push(a); tri[1].push(b); tri[2].push(c); }
    for (i = 0; i < nlat - 1; i++) {
      for (j = 0; j < nlon; j++) {
        var a = i * nlon + j, b = i * nlon + (j + 1) % nlon, c = a + nlon, d = b + nlon;
        add(a, c, b); add(b, c, d);
      }
    }
    var north = nlat * nlon, south = north + 1, last = (nlat - 1) * nlon;
    for (j = 0; j < nlon; j++) {
      add(north, j, (j + 1) % nlon);
      add(south, last + (j + 1) % nlon, last + j);
    }
    return { unit: u, radius: sp.radius_km, colors: colors, i: tri[0], j: tri[1], k: tri[2] };
  }

  function rotationAt(body, t) {
    var o = S.orientation[body], list = o.matrices;
    return list[Math.min(list.length - 1, Math.max(0, Math.round(t / o.step_s)))];
  }

  function interpolate(times, points, t) {
    if (t < times[0] || t > times[times.length - 1]) { return null; }
    var lo = 0, hi = times.length - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (times[mid] <= t) { lo = mid; } else { hi = mid; } }
    var a = points[lo], b = points[hi];
    if (a === null || b === null) { return null; }
    var f = times[hi] === times[lo] ? 0 : (t - times[lo]) / (times[hi] - times[lo]);
    return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
  }

  function moonCentre(t) {
    return interpolate(S.orientation.moon_path.t, S.orientation.moon_path.earth, t);
  }

  function placed(body, t, centre) {
    /* Vertices in GCRF about the view's centre: r = R^T (radius u) + centre, R = GCRF -> body-fixed. */
    var g = state.spheres[body], R = rotationAt(body, t), x = [], y = [], z = [], n;
    for (n = 0; n < g.unit.length; n++) {
      var f = g.unit[n], r = g.radius;
      x.push(r * (R[0] * f[0] + R[3] * f[1] + R[6] * f[2]) + centre[0]);
      y.push(r * (R[1] * f[0] + R[4] * f[1] + R[7] * f[2]) + centre[1]);
      z.push(r * (R[2] * f[0] + R[5] * f[1] + R[8] * f[2]) + centre[2]);
    }
    return { x: x, y: y, z: z };
  }

  function meshTrace(body, t, centre) {
    var g = state.spheres[body], p = placed(body, t, centre);
    return { type: "mesh3d", name: body === "moon" ? "Moon" : "Earth", x: p.x, y: p.y, z: p.z, i: g.i, j: g.j, k: g.k,
             vertexcolor: g.colors, flatshading: false, hoverinfo: "name", showlegend: false,
             lighting: { ambient: 0.95, diffuse: 0.1, specular: 0.0, roughness: 1.0, fresnel: 0.0 } };
  }

  function column(points, k) { return points.map(function (p) { return p === null ? null : p[k]; }); }

  function ownLine(m, points) {
    /* The module's path without the stretches it flies in an earlier module's stack (their ends kept). */
    var out = points.slice();
    m.shared.forEach(function (run) { for (var i = run[0] + 1; i < run[1]; i++) { out[i] = null; } });
    return out;
  }

  function markerPositions(t) {
    var x = [], y = [], z = [];
    S.modules.forEach(function (m) {
      var p = interpolate(m.t, m[state.frame], t);
      x.push(p ? p[0] : null); y.push(p ? p[1] : null); z.push(p ? p[2] : null);
    });
    return { x: x, y: y, z: z };
  }

  function traces(t) {
    var out = [], frame = state.frame, moon = moonCentre(t) || [0, 0, 0];
    if (frame === "earth") {
      out.push(meshTrace("earth", t, [0, 0, 0]), meshTrace("moon", t, moon));
      var path = S.orientation.moon_path.earth;
      out.push({ type: "scatter3d", mode: "lines", name: "Moon's path", x: column(path, 0), y: column(path, 1),
                 z: column(path, 2), line: { color: "#777777", width: 1 }, hoverinfo: "name" });
    } else {
      out.push(meshTrace("moon", t, [0, 0, 0]));
    }
    S.modules.forEach(function (m) {
      var p = ownLine(m, m[frame]);
      out.push({ type: "scatter3d", mode: "lines", name: m.name, x: column(p, 0), y: column(p, 1), z: column(p, 2),
                 line: { color: m.color, width: 3 }, hoverinfo: "name", legendgroup: m.name });
    });
    var events = S.events.filter(function (e) { return e[frame] !== null; });
    out.push({ type: "scatter3d", mode: "markers", name: "events", x: events.map(function (e) { return e[frame][0]; }),
               y: events.map(function (e) { return e[frame][1]; }), z: events.map(function (e) { return e[frame][2]; }),
               text: events.map(function (e) { return e.name + "<br>" + e.utc + " UTC<br>" + e.phase + " (" + e.module + ")"; }),
               hovertemplate: "%{text}<extra></extra>", marker: { symbol: "diamond", size: 4, color: "#ffffff" } });
    var mk = markerPositions(t);
    out.push({ type: "scatter3d", mode: "markers", name: "modules now", x: mk.x, y: mk.y, z: mk.z,
               text: S.modules.map(function (m) { return m.name; }), hovertemplate: "%{text}<extra></extra>",
               marker: { size: 7, color: S.modules.map(function (m) { return m.color; }),
                         line: { color: "#ffffff", width: 1 } } });
    state.markerTrace = out.length - 1;
    return out;
  }

  function layout() {
    var axis = function (name) {
      return { title: { text: name + " GCRF km" }, color: "#8891a0", gridcolor: "#252a33", zerolinecolor: "#3b4252",
               backgroundcolor: "#000000", showbackground: true };
    };
    return { paper_bgcolor: "#000000", font: { color: "#d8dee9" }, margin: { l: 0, r: 0, t: 0, b: 0 },
             legend: { x: 0.01, y: 0.99 }, uirevision: state.frame,
             scene: { aspectmode: "data", xaxis: axis("x"), yaxis: axis("y"), zaxis: axis("z"), bgcolor: "#000000" } };
  }

  function showTime(t) {
    label.textContent = new Date(t0ms + 1000 * t).toISOString().replace("T", " ").replace("Z", "") + " UTC";
  }

  function draw() {
    showTime(state.t);
    return Plotly.react(gd, traces(state.t), layout(), { responsive: true, displaylogo: false });
  }

  function move(t) {
    state.t = t;
    showTime(t);
    var mk = markerPositions(t), update = { x: [mk.x], y: [mk.y], z: [mk.z] }, index = [state.markerTrace];
    var moon = moonCentre(t) || [0, 0, 0], bodies = state.frame === "earth" ? [["earth", [0, 0, 0]], ["moon", moon]] : [["moon", [0, 0, 0]]];
    bodies.forEach(function (b, n) {
      var p = placed(b[0], t, b[1]);
      update.x.push(p.x); update.y.push(p.y); update.z.push(p.z); index.push(n);
    });
    return Plotly.restyle(gd, update, index);
  }

  function setFrame(frame) {
    state.frame = frame;
    document.getElementById("frame-earth").classList.toggle("active", frame === "earth");
    document.getElementById("frame-moon").classList.toggle("active", frame === "moon");
    return draw();
  }

  function sliderTime() { return S.span_s * Number(slider.value) / Number(slider.max); }

  ["earth", "moon"].forEach(function (b) { state.spheres[b] = sphereGeometry(S.spheres[b]); });
  slider.addEventListener("input", function () { move(sliderTime()); });
  document.getElementById("frame-earth").addEventListener("click", function () { setFrame("earth"); });
  document.getElementById("frame-moon").addEventListener("click", function () { setFrame("moon"); });
  var timer = null;
  document.getElementById("play").addEventListener("click", function (ev) {
    if (timer !== null) { clearInterval(timer); timer = null; ev.target.textContent = "play"; return; }
    ev.target.textContent = "pause";
    timer = setInterval(function () {
      slider.value = (Number(slider.value) + 1) % (Number(slider.max) + 1);
      move(sliderTime());
    }, 80);
  });

  window.farsideReport = { graph: gd, state: state, ready: false };
  draw().then(function () {
    window.farsideReport.viewDrawnMs = performance.now();
    return window.farsideCharts(data.charts);
  }).then(function () {
    window.farsideReport.readyMs = performance.now();
    window.farsideReport.ready = true;
  });
})();
