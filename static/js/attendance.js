/* The attendance page (meetings/attendance.html): ticks, whole areas, walk-in rows. */
(function () {
  "use strict";
  document.querySelectorAll(".js-area-all").forEach(function (button) {
    button.addEventListener("click", function () {
      button.closest("tbody").querySelectorAll("input[type=checkbox][name$='-present']").forEach(function (box) { box.checked = true; });
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
    if (box && !box.dataset.touched && target.matches("select[name$='-corporation'], input[name$='-name']") && target.value) {
      box.checked = true;
    }
  }
  document.getElementById("walk-in-rows").addEventListener("change", tickWalkIn);
  document.getElementById("walk-in-rows").addEventListener("input", tickWalkIn);
  document.getElementById("add-walk-in").addEventListener("click", function () {
    var total = document.getElementById("id_rows-TOTAL_FORMS");
    var html = document.getElementById("empty-row").innerHTML.replace(/__prefix__/g, total.value);
    var body = document.getElementById("walk-in-rows");
    body.insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
    body.lastElementChild.querySelector("select").focus();
  });
})();
