/* farside report pages: the 2-D charts (plotly.js figure specifications by element id).
   farsideCharts draws them all now (plotly.js already loaded); farsideLazyCharts draws each one
   as it comes within LAZY_MARGIN of the viewport, evaluating plotly.js from the page's
   #plotly-source element on the first one (the mission report keeps it as text, so that its
   parse and set-up do not delay the 3-D view). */
window.farsideCharts = function (charts) {
  "use strict";
  return Promise.all(Object.keys(charts).map(function (id) {
    return Plotly.newPlot(id, charts[id].data, charts[id].layout, { responsive: true, displaylogo: false });
  }));
};

window.farsideLazyCharts = function (charts, onDrawn) {
  "use strict";
  var LAZY_MARGIN = "600px 0px";
  function plotly() {
    if (!window.Plotly) {
      var script = document.createElement("script");
      script.textContent = document.getElementById("plotly-source").textContent;
      document.head.appendChild(script);
    }
    return window.Plotly;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) { return; }
      var id = entry.target.id;
      observer.unobserve(entry.target);
      plotly().newPlot(id, charts[id].data, charts[id].layout, { responsive: true, displaylogo: false })
        .then(function () { entry.target.style.minHeight = ""; onDrawn(id); });
    });
  }, { rootMargin: LAZY_MARGIN });
  Object.keys(charts).forEach(function (id) {
    var element = document.getElementById(id);
    element.style.minHeight = (charts[id].layout.height || 450) + "px";
    observer.observe(element);
  });
};
