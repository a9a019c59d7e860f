// Swedish for plotly: lowercase month names, decimal comma, non-breaking thousands space.
// plotly.js reads window.PlotlyLocales when it loads; where it is already loaded (the dashboard
// loads its bundle first) the locale is registered directly.
var regstatsLocale = {
  moduleType: "locale",
  name: "sv-regstats",
  dictionary: {
    "Autoscale": "Skala automatiskt",
    "Download plot as a png": "Ladda ned diagrammet som PNG",
    "Download plot": "Ladda ned diagrammet",
    "Pan": "Panorera",
    "Reset axes": "Återställ axlar",
    "Toggle Spike Lines": "Visa eller dölj stödlinjer",
    "Zoom": "Zooma",
    "Zoom in": "Zooma in",
    "Zoom out": "Zooma ut",
    "Show closest data on hover": "Visa närmaste värde",
    "Compare data on hover": "Jämför värden",
    "Double-click to zoom back out": "Dubbelklicka för att zooma ut",
  },
  format: {
    days: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    shortDays: ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
    months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
             "oktober", "november", "december"],
    shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    date: "%Y-%m-%d",
    decimal: ",",
    thousands: "\u00a0",
    grouping: [3],
    currency: ["", "\u00a0kr"],
  },
};
if (window.Plotly && window.Plotly.register) {
  window.Plotly.register(regstatsLocale);
} else {
  window.PlotlyLocales = window.PlotlyLocales || [];
  window.PlotlyLocales.push(regstatsLocale);
}
