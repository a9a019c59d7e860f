// The server's first paint (app/firstpaint.py) stays until the app has drawn the same view: the
// main area filled and every chart in it drawn by plotly. Then the app's page takes its place in
// one step, so nothing blanks or jumps in between. Without scripts the first paint is the page.
(function () {
  var LIMIT_MS = 15000; // a chart that never draws does not keep the app hidden
  function drawn() {
    var main = document.getElementById("main");
    if (!main || !main.children.length) { return false; }
    var graphs = main.querySelectorAll(".dash-graph");
    for (var i = 0; i < graphs.length; i++) {
      if (!graphs[i].querySelector(".main-svg")) { return false; }
    }
    return true;
  }
  function swap() {
    var first = document.getElementById("first-paint");
    if (first) { first.parentNode.removeChild(first); }
    document.body.classList.remove("painting");
  }
  if (!document.getElementById("first-paint")) { return; }
  var observer = new MutationObserver(function () {
    if (drawn()) { observer.disconnect(); swap(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  window.setTimeout(function () { observer.disconnect(); swap(); }, LIMIT_MS);
})();
