/* The register import (corporations:import) with its progress shown: the form is sent by
   fetch with the X-Import-Progress header; the answer comes a line of JSON at a time, one
   per chunk of rows checked or saved ({phase, label, done, total}), then {html: the page
   with the result}, which replaces this page. Without this script the form posts as usual. */
(function () {
  "use strict";

  var progressBox = document.getElementById("import-progress");
  var holder = document.getElementById("import-form");
  var form = holder ? holder.querySelector("form") : null;
  if (!progressBox || !form || !window.fetch || !window.TextDecoder) { return; }
  var bar = progressBox.querySelector("progress");
  var text = progressBox.querySelector("[data-progress-text]");

  function show(step) {
    bar.max = step.total;
    bar.value = step.done;
    text.textContent = text.dataset.template
      .replace("{label}", step.label).replace("{done}", step.done).replace("{total}", step.total);
  }

  function replacePage(html) {
    document.open();
    document.write(html);
    document.close();
  }

  function fail() {
    text.textContent = text.dataset.failed;
    Array.prototype.forEach.call(form.querySelectorAll("[type=submit]"), function (b) { b.disabled = false; });
  }

  form.addEventListener("submit", function (event) {
    // No file chosen: nothing to show progress for; the form posts as usual and its page says
    // what is missing next to the field.
    var file = form.querySelector("input[type=file]");
    if (file && !file.value) { return; }
    event.preventDefault();
    progressBox.hidden = false;
    Array.prototype.forEach.call(form.querySelectorAll("[type=submit]"), function (b) { b.disabled = true; });
    fetch(form.action || window.location.href, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Import-Progress": "1" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/x-ndjson") !== 0 || !response.body) {
        // The form itself was refused (no file, a file that cannot be read): its page as usual.
        return response.text().then(replacePage);
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffered = "";
      function read() {
        return reader.read().then(function (chunk) {
          buffered += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
          var lines = buffered.split("\n");
          buffered = lines.pop();
          for (var i = 0; i < lines.length; i++) {
            if (!lines[i]) { continue; }
            var message = JSON.parse(lines[i]);
            if (message.html !== undefined) { replacePage(message.html); return; }
            show(message);
          }
          if (chunk.done) { fail(); return; }
          return read();
        });
      }
      return read();
    }).catch(fail);
  });
})();
