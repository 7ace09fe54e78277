/* Search boxes over long lists (core/widgets.py SearchSelect, SearchSelectMultiple).
   Typing asks the portal's JSON endpoint for matching rows and offers them: in the
   <select> for a single choice, as check boxes for several. What is chosen stays. */
(function () {
  "use strict";

  function announce(box, count) {
    var status = box.querySelector("[data-search-status]");
    if (status) {
      status.textContent = count === 0 ? box.dataset.none || "見つかりません" : (box.dataset.found || "{n}件").replace("{n}", count);
    }
  }

  function fillSelect(box, results) {
    var select = box.querySelector("select");
    var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected || o.value === ""; });
    var keep = {};
    chosen.forEach(function (o) { keep[o.value] = true; });
    Array.prototype.slice.call(select.options).forEach(function (o) { if (!keep[o.value]) { select.removeChild(o); } });
    results.forEach(function (r) {
      if (!keep[String(r.id)]) {
        var option = document.createElement("option");
        option.value = r.id;
        option.textContent = r.text;
        select.appendChild(option);
      }
    });
  }

  function fillBoxes(box, results) {
    var holder = box.querySelector("[data-search-options]");
    var present = {};
    Array.prototype.slice.call(holder.querySelectorAll("input[type=checkbox]")).forEach(function (input) {
      if (input.checked) { present[input.value] = true; } else { holder.removeChild(input.parentNode); }
    });
    var n = holder.querySelectorAll("input[type=checkbox]").length;
    results.forEach(function (r) {
      if (present[String(r.id)]) { return; }
      var id = box.dataset.id + "_s" + (n++);
      var row = document.createElement("div");
      row.className = "form-check";
      var input = document.createElement("input");
      input.className = "form-check-input";
      input.type = "checkbox";
      input.name = box.dataset.name;
      input.value = r.id;
      input.id = id;
      var label = document.createElement("label");
      label.className = "form-check-label";
      label.htmlFor = id;
      label.textContent = r.text;
      row.appendChild(input);
      row.appendChild(label);
      holder.appendChild(row);
    });
  }

  document.querySelectorAll("[data-search-select]").forEach(function (box) {
    var input = box.querySelector("[data-search-input]");
    var timer = null;
    var latest = 0;
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // searching must not submit the form
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = input.value.trim();
        if (!q) { return; }
        var ticket = ++latest;
        var url = box.dataset.url + (box.dataset.url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
        window.portal.fetchChoices(url).then(function (results) {
          if (ticket !== latest) { return; }
          if (box.hasAttribute("data-multiple")) { fillBoxes(box, results); } else { fillSelect(box, results); }
          announce(box, results.length);
        });
      }, 250);
    });
  });
})();
