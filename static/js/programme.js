/* The programme editor (templates/meetings/program_form.html).
   Without JavaScript the page still works: every blank row is shown, the order is typed and
   "行を追加" (a submit button) asks the server for more blank rows, nothing saved.
   With it: one blank row at a time ("行を追加" shows the next hidden one; when none is left it
   asks the server as without JavaScript, and the page comes back with the focus on the first
   new row), rows move with the 上へ/下へ
   buttons (keyboard: Tab to a button, Enter or Space; the focus stays on the moved row's
   button), the order numbers follow the rows, and choosing a corporation offers its
   facilities (fetched from the portal). */
(function () {
  "use strict";

  var form = document.querySelector("form[data-programme]");
  if (!form) { return; }
  var body = form.querySelector("[data-programme-rows]");
  var status = form.querySelector("[data-programme-status]");
  var addButton = form.querySelector("[data-add-row]");

  function rows() {
    return Array.prototype.filter.call(body.querySelectorAll("tr[data-programme-row]"), function (row) {
      return !row.hidden;
    });
  }

  function say(template, n) {
    if (status) { status.textContent = (template || "").replace("{n}", n); }
  }

  function field(row, suffix) {
    return row.querySelector("[name$='-" + suffix + "']");
  }

  function deleted(row) {
    var box = field(row, "DELETE");
    return Boolean(box && box.checked);
  }

  function inUse(row) {
    var id = field(row, "id");
    var title = row.querySelector("[data-title]");
    return Boolean((id && id.value) || (title && title.value.trim()));
  }

  // The order numbers follow the rows on the screen; a blank row keeps none, so it stays ignored.
  function renumber(orders) {
    var n = 0;
    rows().forEach(function (row, index) {
      var position = index + 1;
      row.querySelectorAll("label[data-label]").forEach(function (label) {
        label.textContent = label.dataset.label + " " + position;
      });
      var labels = row.querySelectorAll("[data-move-label]");
      if (labels.length === 2) {
        labels[0].textContent = form.dataset.upLabel.replace("{n}", position);
        labels[1].textContent = form.dataset.downLabel.replace("{n}", position);
      }
      var order = row.querySelector("[data-order]");
      if (!orders || !order || deleted(row)) { return; }
      if (inUse(row)) { order.value = ++n; }
    });
  }

  // A number typed into 順番 moves its row there (the no-JavaScript way still works with it).
  function sortByTypedOrder() {
    var visible = rows();
    var typed = visible.map(function (row, index) {
      var value = parseInt((row.querySelector("[data-order]") || {}).value, 10);
      return { row: row, key: isNaN(value) ? Infinity : value, index: index };
    });
    typed.sort(function (a, b) { return a.key === b.key ? a.index - b.index : a.key - b.key; });
    var after = visible[visible.length - 1].nextSibling;
    typed.forEach(function (entry) { body.insertBefore(entry.row, after); });
    renumber(true);
  }

  function move(row, direction, button) {
    var visible = rows();
    var index = visible.indexOf(row);
    var target = direction === "up" ? visible[index - 1] : visible[index + 1];
    if (!target) { return; }
    if (direction === "up") { body.insertBefore(row, target); } else { body.insertBefore(target, row); }
    renumber(true);
    button.focus();
    say(form.dataset.moved, rows().indexOf(row) + 1);
  }

  // The next hidden blank row, shown and focused; false when none is left (then the button's
  // submit asks the server for more).
  function showNextBlank() {
    var next = body.querySelector("tr[data-programme-row][data-blank][hidden]");
    if (!next) { return false; }
    next.hidden = false;
    // A shown row goes after the rows on screen, so that it is the last one.
    var visible = rows();
    body.insertBefore(next, visible[visible.length - 1].nextSibling);
    renumber(false);
    focusRow(next, true);
    return true;
  }

  function focusRow(row, announce) {
    var first = row.querySelector("select, input:not([type=hidden]), textarea");
    if (first) { first.focus(); }
    if (announce) { say(form.dataset.added, rows().indexOf(row) + 1); }
  }

  function fillFacilities(row, corporationId) {
    var select = row.querySelector("select[data-programme-facility]");
    if (!select) { return; }
    var keep = select.value;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value !== "") { select.removeChild(option); }
    });
    if (!corporationId) { return; }
    var url = select.dataset.programmeFacility + "?corporation=" + encodeURIComponent(corporationId);
    window.portal.fetchChoices(url).then(function (results) { window.portal.addChoices(select, results, keep); });
  }

  // Blank rows: the first stays, the others wait for "行を追加".
  var firstBlank = true;
  body.querySelectorAll("tr[data-programme-row][data-blank]").forEach(function (row) {
    if (firstBlank) { firstBlank = false; return; }
    row.hidden = true;
  });

  body.querySelectorAll("[data-move-buttons]").forEach(function (holder) { holder.hidden = false; });
  body.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-move]");
    if (!button) { return; }
    event.preventDefault();
    move(button.closest("tr"), button.dataset.move, button);
  });
  body.addEventListener("change", function (event) {
    var row = event.target.closest("tr[data-programme-row]");
    if (!row) { return; }
    if (event.target.matches("select[data-programme-corporation]")) {
      fillFacilities(row, event.target.value);
    }
    if (event.target.matches("[name$='-DELETE']")) {
      row.classList.toggle("programme-deleted", event.target.checked);
    }
    if (event.target.matches("[data-order]")) {
      sortByTypedOrder();
    } else {
      renumber(true);
    }
  });

  if (addButton) {
    addButton.addEventListener("click", function (event) {
      if (showNextBlank()) { event.preventDefault(); }
    });
  }
  form.addEventListener("submit", function () { renumber(true); });
  renumber(false);
  if (form.hasAttribute("data-rows-added")) {
    var added = body.querySelector("tr[data-programme-row][data-blank]:not([hidden])");
    if (added) { focusRow(added, false); }  // the page's message says the rows were added
  }
})();
