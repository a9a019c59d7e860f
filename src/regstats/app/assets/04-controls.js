// Small behaviours of the view controls, by event delegation because Dash draws the page after
// this script runs:
// - a map area with data-spa changes the view without reloading the app;
// - "Filter" shows or hides the controls on a phone (CSS hides them below 640 px unless open);
// - a search field in a long list (the counties) hides the choices that do not match.
(function () {
  function fold(text) {
    return (text || "").toLocaleLowerCase("sv").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  // A county's area on a map opens its view inside the app, as a dcc.Link would.
  document.addEventListener("click", function (event) {
    var area = event.target.closest && event.target.closest("area[data-spa]");
    if (!area || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    window.history.pushState({}, "", area.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#filter-toggle");
    if (!button) { return; }
    var panel = document.getElementById("controls");
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (panel) { panel.classList.toggle("open", open); }
  });
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.classList || !field.classList.contains("choice-search")) { return; }
    var fieldset = field.closest("fieldset");
    var list = fieldset && fieldset.querySelector(".grid");
    if (!list) { return; }
    var wanted = fold(field.value.trim());
    list.querySelectorAll("label").forEach(function (label) {
      label.hidden = wanted !== "" && fold(label.textContent).indexOf(wanted) === -1;
    });
  });
})();
