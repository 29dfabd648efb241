// SpineKG differential diagnosis page: suggestions for each field of the "add a finding" form,
// drawn from the terms that field accepts (/api/ddx/terms) with the suggestion box of spinekg.js,
// and the sequence fields shown only for a signal. Loaded from a file (the Content-Security-Policy forbids inline scripts); text
// from the server is set with textContent, never parsed as HTML.
"use strict";

(function () {
  function setUpField(input, endpoint) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const box = window.SpineKG.suggestionBox(input, list, {
      url: function (query) {
        return endpoint + "?field=" + encodeURIComponent(input.dataset.field) + "&q=" + encodeURIComponent(query);
      },
      render: function (item, hit) {
        item.dataset.value = hit.value;
        const name = document.createElement("span");
        name.textContent = hit.label;
        const code = document.createElement("small");
        code.textContent = hit.value;
        item.append(name, code);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(hit);
        });
      },
      choose: choose,
      onInput: function () { input.removeAttribute("title"); },
    });

    function choose(hit) {
      input.value = hit.value;
      input.title = hit.label;
      box.hide();
    }

    input.addEventListener("blur", function () { setTimeout(box.hide, 150); });
  }

  function setUpForm(form) {
    const endpoint = form.dataset.terms;
    const kind = form.querySelector("#ddx-kind");
    const value = form.querySelector("#ddx-value");
    const signalOnly = form.querySelectorAll(".for-signal");

    function follow() {
      value.dataset.field = kind.value;
      value.inputMode = kind.value === "age" ? "numeric" : "text";
      signalOnly.forEach(function (label) { label.hidden = kind.value !== "signal"; });
    }

    form.querySelectorAll("input[data-field]").forEach(function (input) { setUpField(input, endpoint); });
    kind.addEventListener("change", function () { value.value = ""; follow(); });
    follow();
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form.add-finding");
    if (form) setUpForm(form);
  });
})();
