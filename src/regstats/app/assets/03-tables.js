// Sort and filter the plain HTML tables behind the charts. Event delegation, so tables that
// Dash renders later work without re-binding. Hand-written: a dozen lines, and the table
// libraries that do this ship their own (less accessible) markup.
(function () {
  function cellValue(row, index) {
    var cell = row.children[index];
    var raw = cell.getAttribute("data-sort");
    if (raw !== null && raw !== "") { return parseFloat(raw); }
    return cell.textContent.trim();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("table.data th button.sort");
    if (!button) { return; }
    var th = button.parentElement;
    var table = th.closest("table");
    var index = Array.prototype.indexOf.call(th.parentElement.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (typeof x === "number" && typeof y === "number") { return ascending ? x - y : y - x; }
      return ascending ? String(x).localeCompare(String(y), "sv") : String(y).localeCompare(String(x), "sv");
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("input.table-filter")) { return; }
    var table = field.closest(".table-wrap").querySelector("table.data");
    var needle = field.value.trim().toLocaleLowerCase("sv");
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var match = row.textContent.toLocaleLowerCase("sv").indexOf(needle) !== -1;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    var count = field.closest(".table-wrap").querySelector(".row-count");
    if (count) { count.textContent = shown + " rader"; }
  });
})();
