// Two small behaviours of the view controls, by event delegation because Dash draws the page
// after this script runs:
// - "Filter" shows or hides the controls on a phone (CSS hides them below 640 px unless open);
// - a search field in a long list (the counties) hides the choices that do not match.
(function () {
  function fold(text) {
    return (text || "").toLocaleLowerCase("sv").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
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
