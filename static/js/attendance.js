/* The attendance page (meetings/attendance.html): 回答どおり per area, walk-in rows, facilities
   of the corporation chosen on a walk-in row. Without this file the page still works: each
   回答どおり button posts the small form #as-answered with its own value, a walk-in's corporation typed by name or number is
   matched when the screen is saved (its facility can then be chosen, or left blank). */
(function () {
  "use strict";
  var form = document.getElementById("attendance-form");
  if (!form) { return; }

  // 回答どおり: tick the people of this area (or the guests) who answered 出席. Ticks only;
  // the clerk then unticks whoever did not come, and saves once.
  document.querySelectorAll(".js-as-answered").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var body = button.closest("tbody");
      var ticked = 0;
      body.querySelectorAll("tr[data-answered='attend'] input[type=checkbox][name$='-present']").forEach(function (box) {
        if (!box.checked) { box.checked = true; ticked += 1; }
      });
      var status = document.getElementById("attendance-status");
      if (status) { status.textContent = (status.dataset.ticked || "{n}").replace("{n}", ticked); }
    });
  });

  // A walk-in row is someone who came: choosing its corporation or typing its name ticks 出席,
  // unless staff have set the box by hand.
  function tickWalkIn(event) {
    var target = event.target;
    var row = target.closest("tr");
    if (!row) { return; }
    var box = row.querySelector("input[type=checkbox][name$='-present']");
    if (target === box) { box.dataset.touched = "1"; return; }
    if (box && !box.dataset.touched && target.matches("select[name$='-corporation'], input[name$='-corporation_text'], input[name$='-name']") && target.value) {
      box.checked = true;
    }
  }

  // A walk-in's corporation: the text typed and the choice found by search say the same. Choosing
  // writes the name into the text; typing anew drops the choice (the server then matches the text).
  function showChoices(row) {
    var select = row && row.querySelector("select[data-walk-in-choices]");
    if (select) { select.hidden = false; }
  }
  function syncWalkIn(event) {
    var target = event.target;
    var row = target.closest("tr");
    if (!row) { return; }
    var text = row.querySelector("input[name$='-corporation_text']");
    var select = row.querySelector("select[data-walk-in-choices]");
    if (!text || !select) { return; }
    if (target === select && event.type === "change" && select.value) {
      text.value = select.options[select.selectedIndex].textContent;
    } else if (target === text && event.type === "input" && select.value) {
      var chosen = select.options[select.selectedIndex].textContent;
      if (text.value.trim() !== chosen) { select.value = ""; select.dispatchEvent(new Event("change", { bubbles: true })); }
    }
  }

  // The facilities of the corporation chosen on a walk-in row, asked for that corporation only.
  function loadFacilities(event) {
    var select = event.target;
    if (!select.matches("select[name$='-corporation']")) { return; }
    var row = select.closest("tr");
    var facility = row && row.querySelector("select[data-facility-select]");
    if (!facility) { return; }
    while (facility.options.length > 1) { facility.remove(1); }
    if (!select.value) { return; }
    var url = form.dataset.facilitiesUrl + "?corporation=" + encodeURIComponent(select.value);
    window.portal.fetchChoices(url).then(function (results) { window.portal.addChoices(facility, results); });
  }

  // Search boxes of rows added here (search_select.js binds the rows that were on the page).
  function searchAdded(event) {
    var input = event.target;
    if (!input.matches("[data-search-input]")) { return; }
    var box = input.closest("[data-search-select]");
    if (!box || !box.hasAttribute("data-added")) { return; }
    window.clearTimeout(box._timer);
    box._timer = window.setTimeout(function () {
      var q = input.value.trim();
      if (!q) { return; }
      var url = box.dataset.url + (box.dataset.url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
      window.portal.fetchChoices(url).then(function (results) {
        var select = box.querySelector("select");
        Array.prototype.slice.call(select.options).forEach(function (o) {
          if (o.value !== "" && !o.selected) { select.removeChild(o); }
        });
        window.portal.addChoices(select, results);
        var status = box.querySelector("[data-search-status]");
        if (status) {
          status.textContent = results.length === 0 ? box.dataset.none : box.dataset.found.replace("{n}", results.length);
        }
      });
    }, 250);
  }

  var walkIns = document.getElementById("walk-in-rows");
  walkIns.querySelectorAll("tr").forEach(showChoices);
  walkIns.addEventListener("change", syncWalkIn);
  walkIns.addEventListener("input", syncWalkIn);
  walkIns.addEventListener("change", tickWalkIn);
  walkIns.addEventListener("input", tickWalkIn);
  walkIns.addEventListener("change", loadFacilities);
  walkIns.addEventListener("input", searchAdded);
  walkIns.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-search-input]")) { event.preventDefault(); }
  });
  document.getElementById("add-walk-in").addEventListener("click", function () {
    var total = document.getElementById("id_rows-TOTAL_FORMS");
    var html = document.getElementById("empty-row").innerHTML.replace(/__prefix__/g, total.value);
    walkIns.insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
    var row = walkIns.lastElementChild;
    showChoices(row);
    var box = row.querySelector("[data-search-select]");
    if (box) { box.setAttribute("data-added", ""); }
    (row.querySelector("[data-search-input]") || row.querySelector("select")).focus();
  });
})();
