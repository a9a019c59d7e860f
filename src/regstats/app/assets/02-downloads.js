// PNG and SVG of a chart, drawn in the browser by plotly itself (no server round trip).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  regstats: {
    downloadImage: function (clicks, id) {
      if (!clicks) { return window.dash_clientside.no_update; }
      var graphId = JSON.stringify({chart: id.chart, type: "graph"});
      var holder = document.getElementById(graphId);
      var plot = holder && holder.querySelector(".js-plotly-plot");
      if (plot && window.Plotly) {
        window.Plotly.downloadImage(plot, {format: id.fmt, filename: id.chart, width: 1200, height: 600});
      }
      return clicks;
    },
  },
});
