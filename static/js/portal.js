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

  // Choice lists the portal answers ({results: [{id, text}]}): the facilities of a corporation, the
  // corporations found by a search. fetchChoices gives a promise of the list (empty when the request
  // fails); addChoices adds it to a select, choosing again the value keep when it is still offered.
  function fetchChoices(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results; });
  }

  function addChoices(select, results, keep) {
    results.forEach(function (result) {
      select.add(new Option(result.text, result.id, false, String(result.id) === keep));
    });
  }

  window.portal = { fetchChoices: fetchChoices, addChoices: addChoices };
})();
