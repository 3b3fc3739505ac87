/* farside mission report: the controls of the 3-D view (viewer.js): the time slider and play
   button, the Earth- or Moon-centred switch, the camera (drag to turn about the centre, wheel to
   zoom, double click for the first view), the legend, and the names and epochs of the event and
   module markers under the pointer. Every change asks the viewer for one new frame. */
window.farsideViewerControls = function (V) {
  "use strict";
  var G = window.farsideGL, S = V.state, span = V.span_s;
  var HOVER_PX = 9;

  function showTime() {
    V.label.textContent = new Date(V.t0ms + 1000 * S.t).toISOString().replace("T", " ").replace("Z", "") + " UTC";
  }

  function setTime(t) { S.t = t; showTime(); V.redraw(); }

  function sliderTime() { return span * Number(V.slider.value) / Number(V.slider.max); }

  function setFrame(frame) {
    S.frame = frame;
    document.getElementById("frame-earth").classList.toggle("active", frame === "earth");
    document.getElementById("frame-moon").classList.toggle("active", frame === "moon");
    legend();
    V.redraw();
  }

  function legend() {
    var box = document.getElementById("scene-legend") || V.box.appendChild(document.createElement("div"));
    box.id = "scene-legend";
    box.className = "scene-legend";
    box.textContent = "";
    var rows = V.modules.map(function (m) { return [m.color, m.name]; });
    if (S.frame === "earth") { rows.push(["#777777", "Moon's path"]); }
    var axis = V.frames[S.frame].axisKm;
    rows.push(["#ffffff", "\u25c6 events (point at one for its name and epoch)"],
              ["#5a6173", "GCRF x, y, z axes, " + Math.round(axis).toLocaleString("en") + " km long"]);
    rows.forEach(function (r) {
      var line = box.appendChild(document.createElement("div"));
      line.style.color = r[0];
      line.textContent = r[1];
    });
  }

  function nearest(x, y) {
    /* The event or module marker nearest the pointer (CSS pixels), within HOVER_PX. */
    var width = V.box.clientWidth, height = V.box.clientHeight, best = null, bestD = HOVER_PX;
    function consider(position, text) {
      var p = position && G.project(S.matrix, position, width, height);
      if (!p) { return; }
      var d = Math.hypot(p[0] - x, p[1] - y);
      if (d < bestD) { bestD = d; best = { x: p[0], y: p[1], text: text }; }
    }
    V.frames[S.frame].events.forEach(function (e) {
      consider(e[S.frame], e.name + "\n" + e.utc + " UTC\n" + e.phase + " (" + e.module + ")");
    });
    V.nowPositions().forEach(function (r, k) { consider(r, V.modules[k].name); });
    return best;
  }

  function hover(x, y) {
    var hit = S.matrix && nearest(x, y);
    V.tip.style.display = hit ? "block" : "none";
    if (hit) {
      V.tip.textContent = hit.text;
      V.tip.style.left = (hit.x + 12) + "px";
      V.tip.style.top = (hit.y + 12) + "px";
    }
  }

  var drag = null;
  V.canvas.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, y: e.clientY };
    V.tip.style.display = "none";
    V.canvas.setPointerCapture(e.pointerId);
  });
  V.canvas.addEventListener("pointerup", function () { drag = null; });
  V.canvas.addEventListener("pointermove", function (e) {
    if (!drag) { hover(e.offsetX, e.offsetY); return; }
    var c = V.frames[S.frame].camera;
    c.yaw -= 0.006 * (e.clientX - drag.x);
    c.pitch = Math.max(-1.55, Math.min(1.55, c.pitch + 0.006 * (e.clientY - drag.y)));
    drag = { x: e.clientX, y: e.clientY };
    V.redraw();
  });
  V.canvas.addEventListener("wheel", function (e) {
    var F = V.frames[S.frame], c = F.camera;
    e.preventDefault();
    c.distance = Math.max(1.5 * F.radius, Math.min(20 * F.home.distance, c.distance * Math.exp(0.0015 * e.deltaY)));
    V.redraw();
  }, { passive: false });
  V.canvas.addEventListener("dblclick", function () {
    var F = V.frames[S.frame];
    F.camera = Object.assign({}, F.home);
    V.redraw();
  });

  V.slider.addEventListener("input", function () { setTime(sliderTime()); });
  document.getElementById("frame-earth").addEventListener("click", function () { setFrame("earth"); });
  document.getElementById("frame-moon").addEventListener("click", function () { setFrame("moon"); });
  var timer = null;
  document.getElementById("play").addEventListener("click", function (ev) {
    if (timer !== null) { clearInterval(timer); timer = null; ev.target.textContent = "play"; return; }
    ev.target.textContent = "pause";
    timer = setInterval(function () {
      V.slider.value = (Number(V.slider.value) + 1) % (Number(V.slider.max) + 1);
      setTime(sliderTime());
    }, 80);
  });
  new ResizeObserver(function () { V.redraw(); }).observe(V.box);
  legend();
  showTime();
};
