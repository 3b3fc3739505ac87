/* farside mission report: the WebGL 1 tools of the 3-D view. 4x4 matrices are column-major
   Float32Arrays, as WebGL takes them; the page's numeric arrays are plotly.js typed-array
   specifications {dtype, bdata (base64 of the little-endian bytes), shape "rows,columns"}. */
window.farsideGL = (function () {
  "use strict";
  var TYPES = { f8: Float64Array, f4: Float32Array };

  function decode(spec) {
    var text = atob(spec.bdata), bytes = new Uint8Array(text.length), i;
    for (i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return new TYPES[spec.dtype](bytes.buffer);
  }

  function sub(a, b) { return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]; }
  function dot(a, b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
  function cross(a, b) { return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]; }
  function unit(a) { var n = Math.sqrt(dot(a, a)); return [a[0] / n, a[1] / n, a[2] / n]; }

  function perspective(fovy, aspect, near, far) {
    var f = 1 / Math.tan(fovy / 2), nf = 1 / (near - far);
    return new Float32Array([f / aspect, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) * nf, -1, 0, 0, 2 * far * near * nf, 0]);
  }

  function lookAt(eye, target, up) {
    var z = unit(sub(eye, target)), x = unit(cross(up, z)), y = cross(z, x);
    return new Float32Array([x[0], y[0], z[0], 0, x[1], y[1], z[1], 0, x[2], y[2], z[2], 0,
                             -dot(x, eye), -dot(y, eye), -dot(z, eye), 1]);
  }

  function multiply(a, b) {
    var out = new Float32Array(16), r, c, k, s;
    for (c = 0; c < 4; c++) {
      for (r = 0; r < 4; r++) {
        for (s = 0, k = 0; k < 4; k++) { s += a[k * 4 + r] * b[c * 4 + k]; }
        out[c * 4 + r] = s;
      }
    }
    return out;
  }

  function model(centre, R, radius) {
    /* Body-fixed unit vectors to the view's axes: r = radius R^T u + centre (R row-major GCRF -> body). */
    return new Float32Array([radius * R[0], radius * R[1], radius * R[2], 0, radius * R[3], radius * R[4], radius * R[5], 0,
                             radius * R[6], radius * R[7], radius * R[8], 0, centre[0], centre[1], centre[2], 1]);
  }

  function project(m, p, width, height) {
    /* CSS pixels (x right, y down) of the point p under the matrix m, or null behind the eye. */
    var w = m[3] * p[0] + m[7] * p[1] + m[11] * p[2] + m[15];
    if (w <= 0) { return null; }
    var x = (m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12]) / w, y = (m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13]) / w;
    return [(x + 1) * width / 2, (1 - y) * height / 2];
  }

  function program(gl, vertex, fragment) {
    function shader(type, source) {
      var s = gl.createShader(type);
      gl.shaderSource(s, source);
      gl.compileShader(s);
      if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) { throw new Error(gl.getShaderInfoLog(s)); }
      return s;
    }
    var p = gl.createProgram(), n, info, out = { program: p, attributes: {}, uniforms: {} };
    gl.attachShader(p, shader(gl.VERTEX_SHADER, vertex));
    gl.attachShader(p, shader(gl.FRAGMENT_SHADER, fragment));
    gl.linkProgram(p);
    if (!gl.getProgramParameter(p, gl.LINK_STATUS)) { throw new Error(gl.getProgramInfoLog(p)); }
    for (n = 0; n < gl.getProgramParameter(p, gl.ACTIVE_ATTRIBUTES); n++) {
      info = gl.getActiveAttrib(p, n);
      out.attributes[info.name] = gl.getAttribLocation(p, info.name);
    }
    for (n = 0; n < gl.getProgramParameter(p, gl.ACTIVE_UNIFORMS); n++) {
      info = gl.getActiveUniform(p, n);
      out.uniforms[info.name] = gl.getUniformLocation(p, info.name);
    }
    return out;
  }

  function buffer(gl, data, target) {
    var b = gl.createBuffer();
    gl.bindBuffer(target || gl.ARRAY_BUFFER, b);
    gl.bufferData(target || gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    return b;
  }

  function texture(gl, image) {
    /* A mipmapped texture of a decoded power-of-two image, repeating across the longitude seam. */
    var t = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB, gl.RGB, gl.UNSIGNED_BYTE, image);
    gl.generateMipmap(gl.TEXTURE_2D);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.REPEAT);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return t;
  }

  function sphereMesh(nlat, nlon) {
    /* Unit vertices (body-fixed, z to the north pole) with texture coordinates of a simple
       cylindrical image (u from 180 W eastwards, v from the north pole), and the triangles. */
    var units = [], uv = [], index = [], i, j;
    for (i = 0; i <= nlat; i++) {
      var lat = Math.PI / 2 - Math.PI * i / nlat;
      for (j = 0; j <= nlon; j++) {
        var lon = -Math.PI + 2 * Math.PI * j / nlon;
        units.push(Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat));
        uv.push(j / nlon, i / nlat);
      }
    }
    for (i = 0; i < nlat; i++) {
      for (j = 0; j < nlon; j++) {
        var a = i * (nlon + 1) + j, b = a + 1, c = a + nlon + 1, d = c + 1;
        index.push(a, c, b, b, c, d);
      }
    }
    return { units: new Float32Array(units), uv: new Float32Array(uv), index: new Uint16Array(index) };
  }

  return { decode: decode, perspective: perspective, lookAt: lookAt, multiply: multiply, model: model,
           project: project, program: program, buffer: buffer, texture: texture, sphereMesh: sphereMesh };
})();
