/* farside mission report: the 3-D view, drawn with WebGL 1 (webgl.js) on demand: a frame is drawn
   when the time, the centre, the camera or the size changes, never in a loop.
   Data: the JSON in #report-data (positions km, GCRF axes; times s after scene.t0_utc).
   Performance marks: "farside-data" (data parsed and decoded), "farside-textures" (both images
   decoded), "farside-drawn" (first frame's draw calls issued) and "farside-open" (that frame
   presented, two animation frames later), whose time is also window.farsideReport.openMs; the
   charts are drawn as they come into view (charts.js). */
(function () {
  "use strict";
  var G = window.farsideGL;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var S = data.scene;
  var box = document.getElementById("scene3d");
  var slider = document.getElementById("time-slider");
  var label = document.getElementById("time-label");
  var t0ms = Date.parse(S.t0_utc + "Z");
  var FOV = 40 * Math.PI / 180;
  var canvas = document.createElement("canvas"), tip = document.createElement("div");
  var report = window.farsideReport = { canvas: canvas, state: null, ready: false, openMs: null, chartsDrawn: 0 };
  /* No multisampling: in software WebGL it more than doubled the time of a frame (measured 180 ms
     against 70 ms a slider move on the demo), for edges the 2-pixel lines hardly show. */
  var gl = canvas.getContext("webgl", { antialias: false, preserveDrawingBuffer: true });
  canvas.className = "scene-canvas";
  tip.className = "scene-tip";
  box.appendChild(canvas);
  box.appendChild(tip);

  function rgb(hex) { return [1, 3, 5].map(function (k) { return parseInt(hex.substr(k, 2), 16) / 255; }); }

  function strips(points, shared) {
    /* [first, count] of each run of drawable samples: finite, and not inside a stretch the module
       flies in an earlier module's stack (whose ends are kept). */
    var n = points.length / 3, ok = new Uint8Array(n), out = [], i, start = -1;
    for (i = 0; i < n; i++) { ok[i] = isFinite(points[3 * i]) ? 1 : 0; }
    shared.forEach(function (run) { for (i = run[0] + 1; i < run[1]; i++) { ok[i] = 0; } });
    for (i = 0; i <= n; i++) {
      if (i < n && ok[i]) { if (start < 0) { start = i; } } else if (start >= 0) {
        if (i - start > 1) { out.push([start, i - start]); }
        start = -1;
      }
    }
    return out;
  }

  var modules = S.modules.map(function (m) {
    var out = { name: m.name, color: m.color, rgb: rgb(m.color), t: G.decode(m.t), shared: m.shared };
    ["earth", "moon"].forEach(function (f) { out[f] = G.decode(m[f]); });
    return out;
  });
  var moonPath = { t: G.decode(S.orientation.moon_path.t), earth: G.decode(S.orientation.moon_path.earth) };
  var rotations = { earth: G.decode(S.orientation.earth.matrices), moon: G.decode(S.orientation.moon.matrices) };
  performance.mark("farside-data");

  function interpolate(times, points, t) {
    if (!(t >= times[0] && t <= times[times.length - 1])) { return null; }
    var lo = 0, hi = times.length - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (times[mid] <= t) { lo = mid; } else { hi = mid; } }
    var f = times[hi] === times[lo] ? 0 : (t - times[lo]) / (times[hi] - times[lo]), out = [], k;
    for (k = 0; k < 3; k++) { out.push(points[3 * lo + k] + f * (points[3 * hi + k] - points[3 * lo + k])); }
    return isFinite(out[0]) ? out : null;
  }

  function rotationAt(body, t) {
    var m = rotations[body], n = m.length / 9, k = Math.min(n - 1, Math.max(0, Math.round(t / S.orientation[body].step_s)));
    return m.subarray(9 * k, 9 * k + 9);
  }

  function extent(arrays) {
    var r = 0, i;
    arrays.forEach(function (a) {
      for (i = 0; i < a.length; i += 3) { var d = Math.hypot(a[i], a[i + 1], a[i + 2]); if (d > r) { r = d; } }
    });
    return r;
  }

  var frames = {
    earth: { radius: S.spheres.earth.radius_km, extent: extent(modules.map(function (m) { return m.earth; }).concat([moonPath.earth])) },
    moon: { radius: S.spheres.moon.radius_km, extent: extent(modules.map(function (m) { return m.moon; })) }
  };
  Object.keys(frames).forEach(function (f) {
    frames[f].extent = Math.max(frames[f].extent, 3 * frames[f].radius);
    frames[f].axisKm = 0.3 * frames[f].extent;
    frames[f].home = { yaw: -Math.PI / 3, pitch: 0.5, distance: frames[f].extent / Math.sin(FOV / 2) };
    frames[f].camera = Object.assign({}, frames[f].home);
    frames[f].events = S.events.filter(function (e) { return e[f] !== null; });
  });
  var state = report.state = { frame: "earth", t: 0, matrix: null };

  var SPHERE_VS = "attribute vec3 unit; attribute vec2 uv; uniform mat4 viewProj, model; varying vec2 v_uv;" +
    "void main() { v_uv = uv; gl_Position = viewProj * model * vec4(unit, 1.0); }";
  var SPHERE_FS = "precision mediump float; uniform sampler2D image; varying vec2 v_uv;" +
    "void main() { gl_FragColor = vec4(texture2D(image, v_uv).rgb, 1.0); }";
  var LINE_VS = "attribute vec3 position; uniform mat4 viewProj; uniform vec2 offset;" +
    "void main() { vec4 p = viewProj * vec4(position, 1.0); gl_Position = vec4(p.xy + offset * p.w, p.zw); }";
  var LINE_FS = "precision mediump float; uniform vec4 color; void main() { gl_FragColor = color; }";
  var POINT_VS = "attribute vec3 position; attribute vec3 color; uniform mat4 viewProj; uniform float size;" +
    "varying vec3 v_color; void main() { v_color = color; gl_Position = viewProj * vec4(position, 1.0); gl_PointSize = size; }";
  var POINT_FS = "precision mediump float; uniform float diamond; varying vec3 v_color;" +
    "void main() { vec2 d = abs(gl_PointCoord - 0.5) * 2.0; float r = diamond > 0.5 ? d.x + d.y : length(d);" +
    "if (r > 1.0) { discard; } gl_FragColor = vec4(r > 0.72 ? vec3(1.0) : v_color, 1.0); }";
  var gpu = {};

  function setUp(images) {
    var mesh = G.sphereMesh(64, 128);
    gpu.sphere = G.program(gl, SPHERE_VS, SPHERE_FS);
    gpu.line = G.program(gl, LINE_VS, LINE_FS);
    gpu.point = G.program(gl, POINT_VS, POINT_FS);
    gpu.mesh = { units: G.buffer(gl, mesh.units), uv: G.buffer(gl, mesh.uv), count: mesh.index.length,
                 index: G.buffer(gl, mesh.index, gl.ELEMENT_ARRAY_BUFFER) };
    gpu.textures = { earth: G.texture(gl, images[0]), moon: G.texture(gl, images[1]) };
    gpu.lines = {};
    Object.keys(frames).forEach(function (f) {
      var F = frames[f], L = F.axisKm, white = [];
      gpu.lines[f] = modules.map(function (m) {
        return { buffer: G.buffer(gl, m[f]), strips: strips(m[f], m.shared), color: m.rgb.concat([1]) };
      });
      if (f === "earth") { gpu.lines[f].unshift({ buffer: G.buffer(gl, moonPath.earth), strips: [[0, moonPath.t.length]], color: [0.47, 0.47, 0.47, 1] }); }
      gpu.lines[f].unshift({ buffer: G.buffer(gl, new Float32Array([0, 0, 0, L, 0, 0, 0, 0, 0, 0, L, 0, 0, 0, 0, 0, 0, L])),
                             strips: [[0, 2], [2, 2], [4, 2]], color: [0.35, 0.38, 0.45, 1] });
      F.events.forEach(function () { white.push(1, 1, 1); });
      gpu[f] = { events: G.buffer(gl, new Float32Array([].concat.apply([], F.events.map(function (e) { return e[f]; })))),
                 white: G.buffer(gl, new Float32Array(white)) };
    });
    gpu.now = { position: gl.createBuffer(), color: G.buffer(gl, new Float32Array([].concat.apply([], modules.map(function (m) { return m.rgb; })))) };
  }

  function attribute(p, name, buffer, size) {
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(p.attributes[name]);
    gl.vertexAttribPointer(p.attributes[name], size, gl.FLOAT, false, 0, 0);
  }

  function release(p) {
    Object.keys(p.attributes).forEach(function (name) { gl.disableVertexAttribArray(p.attributes[name]); });
  }

  function moonCentre(t) { return interpolate(moonPath.t, moonPath.earth, t) || [0, 0, 0]; }

  function viewMatrix(width, height) {
    var c = frames[state.frame].camera, d = c.distance, F = frames[state.frame];
    var eye = [d * Math.cos(c.pitch) * Math.cos(c.yaw), d * Math.cos(c.pitch) * Math.sin(c.yaw), d * Math.sin(c.pitch)];
    return G.multiply(G.perspective(FOV, width / height, d * 1e-3, d + 2 * F.extent), G.lookAt(eye, [0, 0, 0], [0, 0, 1]));
  }

  function drawSpheres(m) {
    var p = gpu.sphere, bodies = state.frame === "earth" ? [["earth", [0, 0, 0]], ["moon", moonCentre(state.t)]] : [["moon", [0, 0, 0]]];
    gl.useProgram(p.program);
    attribute(p, "unit", gpu.mesh.units, 3);
    attribute(p, "uv", gpu.mesh.uv, 2);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, gpu.mesh.index);
    gl.uniformMatrix4fv(p.uniforms.viewProj, false, m);
    bodies.forEach(function (b) {
      gl.uniformMatrix4fv(p.uniforms.model, false, G.model(b[1], rotationAt(b[0], state.t), frames[b[0]].radius));
      gl.bindTexture(gl.TEXTURE_2D, gpu.textures[b[0]]);
      gl.drawElements(gl.TRIANGLES, gpu.mesh.count, gl.UNSIGNED_SHORT, 0);
    });
    release(p);
  }

  function drawLines(m, width, height) {
    /* Each line three times, shifted by a pixel right and up: 2-pixel lines where WebGL draws 1. */
    var p = gpu.line;
    gl.useProgram(p.program);
    gl.uniformMatrix4fv(p.uniforms.viewProj, false, m);
    [[0, 0], [2 / width, 0], [0, 2 / height]].forEach(function (offset) {
      gl.uniform2fv(p.uniforms.offset, offset);
      gpu.lines[state.frame].forEach(function (line) {
        attribute(p, "position", line.buffer, 3);
        gl.uniform4fv(p.uniforms.color, line.color);
        line.strips.forEach(function (s) { gl.drawArrays(gl.LINE_STRIP, s[0], s[1]); });
      });
    });
    release(p);
  }

  function nowPositions() {
    return modules.map(function (m) { return interpolate(m.t, m[state.frame], state.t); });
  }

  function drawPoints(m) {
    var p = gpu.point, F = frames[state.frame], now = nowPositions(), flat = [], colours = [];
    gl.useProgram(p.program);
    gl.uniformMatrix4fv(p.uniforms.viewProj, false, m);
    attribute(p, "position", gpu[state.frame].events, 3);
    attribute(p, "color", gpu[state.frame].white, 3);
    gl.uniform1f(p.uniforms.size, 9);
    gl.uniform1f(p.uniforms.diamond, 1);
    gl.drawArrays(gl.POINTS, 0, F.events.length);
    now.forEach(function (r, k) { if (r) { flat.push(r[0], r[1], r[2]); colours.push.apply(colours, modules[k].rgb); } });
    gl.bindBuffer(gl.ARRAY_BUFFER, gpu.now.position);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(flat), gl.DYNAMIC_DRAW);
    attribute(p, "position", gpu.now.position, 3);
    gl.bindBuffer(gl.ARRAY_BUFFER, gpu.now.color);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(colours), gl.DYNAMIC_DRAW);
    attribute(p, "color", gpu.now.color, 3);
    gl.disable(gl.DEPTH_TEST);
    gl.uniform1f(p.uniforms.size, 13);
    gl.uniform1f(p.uniforms.diamond, 0);
    gl.drawArrays(gl.POINTS, 0, flat.length / 3);
    release(p);
  }

  function draw() {
    var ratio = window.devicePixelRatio || 1, width = box.clientWidth, height = box.clientHeight;
    state.pending = false;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    gl.enable(gl.DEPTH_TEST);
    var m = state.matrix = viewMatrix(width, height);
    drawSpheres(m);
    drawLines(m, canvas.width, canvas.height);
    drawPoints(m);
  }

  function redraw() {
    if (!state.pending && gpu.sphere) { state.pending = true; requestAnimationFrame(draw); }
  }

  window.farsideViewer = { frames: frames, modules: modules, state: state, redraw: redraw, nowPositions: nowPositions,
                           box: box, canvas: canvas, tip: tip, slider: slider, label: label, t0ms: t0ms, span_s: S.span_s };
  report.positions = nowPositions;
  function charts() { window.farsideLazyCharts(data.charts, function () { report.chartsDrawn += 1; }); }
  if (!gl) {
    box.textContent = "This browser gives the page no WebGL context: the 3-D view cannot be drawn.";
    charts();
    return;
  }
  Promise.all(["earth", "moon"].map(function (b) {
    var image = new Image();
    image.src = S.spheres[b].image;
    return image.decode().then(function () { return image; });
  })).then(function (images) {
    performance.mark("farside-textures");
    setUp(images);
    window.farsideViewerControls(window.farsideViewer);
    draw();
    performance.mark("farside-drawn");
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        performance.mark("farside-open");
        report.openMs = performance.now();
        report.ready = true;
        charts();
      });
    });
  });
})();
