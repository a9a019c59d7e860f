// PNG and SVG of a chart, drawn in the browser by plotly itself (no server round trip). The image
// carries what the page says around the chart: its title and subtitle above it, and the source
// line (with the sample mark) under it, so a pasted image still says what it shows and whence.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  regstats: {
    downloadImage: function (clicks, id) {
      if (!clicks) { return window.dash_clientside.no_update; }
      var graphId = JSON.stringify({chart: id.chart, type: "graph"});
      var holder = document.getElementById(graphId);
      var plot = holder && holder.querySelector(".js-plotly-plot");
      if (!plot || !window.Plotly) { return clicks; }
      var figure = holder.closest("figure");
      var note = figure && figure.querySelector(".image-note");
      var title = figure && figure.querySelector(".image-title");
      var section = holder.closest("section");
      var subtitle = section && section.querySelector(".chart-subtitle");
      var layout = Object.assign({}, plot.layout);
      var margin = Object.assign({}, layout.margin || {});
      // Room for the source line (two lines on a narrow chart) and the title with its subtitle.
      margin.b = (margin.b || 56) + 72;
      margin.t = (margin.t || 36) + 60;
      margin.l = Math.max(margin.l || 60, 72);
      layout.margin = margin;
      layout.height = (plot.layout.height || 420) + 132;
      if (title) {
        layout.title = {
          text: title.textContent, x: 0.02, xanchor: "left", font: {size: 18},
          subtitle: {text: subtitle ? subtitle.textContent : "", font: {size: 13, color: "#4d4d4d"}},
        };
      }
      if (note) {
        layout.annotations = (plot.layout.annotations || []).concat([{
          text: note.textContent, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "bottom",
          yshift: -(margin.b - 10), showarrow: false, align: "left", font: {size: 11, color: "#4d4d4d"},
        }]);
      }
      // The file says what it shows: chart, county and view (e.g. konkurser-lan-23-per10k.png).
      var params = new URLSearchParams(window.location.search);
      var name = [id.chart, "lan-" + (params.get("lan") || "23"), params.get("visa") || "standard",
                  params.get("kon") || ""].filter(Boolean).join("-");
      window.Plotly.downloadImage({data: plot.data, layout: layout, config: {locale: "sv-regstats"}}, {
        format: id.fmt, filename: name, width: 1200, height: layout.height,
      });
      return clicks;
    },
  },
});
