/* Behaviour every page shares. No inline scripts or on* attributes anywhere: the
   Content-Security-Policy allows scripts from the portal's own files only. */
(function () {
  "use strict";

  // The language selector switches as soon as a language is chosen (a button for no-JS).
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });

  // Print buttons on reports, sign-in sheets and minutes.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
