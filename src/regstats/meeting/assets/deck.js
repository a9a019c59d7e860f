// Presentation mode: one slide at a time, keys of presentation clickers, a URL per slide.
// Charts are drawn when their slide is first shown (plotly measures a hidden element as 0×0).
(function () {
  "use strict";
  const slides = Array.from(document.querySelectorAll("section.slide"));
  const counter = document.getElementById("counter");
  const stage = document.getElementById("stage");
  const toolbar = document.querySelector(".toolbar");
  const drawn = new Map();
  let current = 0;

  function draw(slide) {
    const plot = slide.querySelector(".plot");
    if (!plot) return Promise.resolve();
    if (!drawn.has(plot.id)) {
      const figure = JSON.parse(document.getElementById(plot.dataset.figure).textContent);
      const config = { staticPlot: true, displayModeBar: false, locale: "sv-regstats" };
      drawn.set(plot.id, Plotly.newPlot(plot, figure.data, figure.layout, config));
    }
    return drawn.get(plot.id);
  }

  function fit() {
    if (document.documentElement.classList.contains("all")) return;
    const top = document.fullscreenElement ? 0 : toolbar.offsetHeight;
    const scale = Math.min(window.innerWidth / 1280, (window.innerHeight - top) / 720);
    const left = Math.max(0, (window.innerWidth - 1280 * scale) / 2);
    stage.style.transform = `translate(${left}px, 0) scale(${scale})`;
  }

  function indexFromHash() {
    const match = /^#bild-(\d+)$/.exec(window.location.hash);
    const number = match ? parseInt(match[1], 10) : 1;
    return Math.min(Math.max(number, 1), slides.length) - 1;
  }

  function show(index) {
    current = Math.min(Math.max(index, 0), slides.length - 1);
    slides.forEach((slide, i) => {
      slide.classList.toggle("current", i === current);
      slide.setAttribute("aria-hidden", i === current ? "false" : "true");
    });
    const slide = slides[current];
    const title = slide.querySelector("h1, h2").textContent;
    counter.textContent = `${current + 1} / ${slides.length}`;
    document.title = `${current + 1}/${slides.length} ${title}`;
    if (window.location.hash !== `#bild-${current + 1}`) {
      history.replaceState(null, "", `#bild-${current + 1}`);
    }
    window.scrollTo(0, 0); // the hash names the slide's element; the browser would scroll to it
    draw(slide);
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const onControl = target.closest && target.closest("button, a, summary, input, .table-scroll");
    const key = event.key;
    if (onControl && (key === " " || key === "Enter")) return; // let the control act
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !event.shiftKey)) show(current + 1);
    else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && event.shiftKey)) show(current - 1);
    else if (key === "Home") show(0);
    else if (key === "End") show(slides.length - 1);
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "Escape") {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.body.dataset.exit) window.location.href = document.body.dataset.exit;
    } else return;
    event.preventDefault();
  });
  document.getElementById("next").addEventListener("click", () => show(current + 1));
  document.getElementById("prev").addEventListener("click", () => show(current - 1));
  document.getElementById("fullscreen").addEventListener("click", toggleFullscreen);
  window.addEventListener("hashchange", () => show(indexFromHash()));
  window.addEventListener("resize", fit);
  document.addEventListener("fullscreenchange", fit);
  window.addEventListener("beforeprint", () => slides.forEach(draw));

  // For the exporter (and anyone printing): draw every chart and say when done.
  window.regstatsDeck = { drawAll: () => Promise.all(slides.map(draw)).then(() => slides.length) };
  // Laid out for export or print every slide stays visible to assistive technology and the
  // PDF's tags and outline; only presentation mode hides the slides not shown.
  if (!document.documentElement.classList.contains("all")) {
    fit();
    show(indexFromHash());
  }
})();
