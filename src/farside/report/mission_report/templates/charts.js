/* farside report pages: draw every 2-D chart of the page (plotly.js figure specifications by element id);
   returns a promise that resolves once all are drawn. */
window.farsideCharts = function (charts) {
  "use strict";
  return Promise.all(Object.keys(charts).map(function (id) {
    return Plotly.newPlot(id, charts[id].data, charts[id].layout, { responsive: true, displaylogo: false });
  }));
};
