// SpineKG differential diagnosis page: suggestions for each field of the "add a finding" form,
// drawn from the terms that field accepts (/api/ddx/terms), and the sequence fields shown only
// for a signal. Loaded from a file (the Content-Security-Policy forbids inline scripts); text
// from the server is set with textContent, never parsed as HTML.
"use strict";

(function () {
  const DEBOUNCE_MS = 120;

  function setUpField(input, endpoint) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    let timer = null;
    let active = -1;
    let latest = 0;

    function hide() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function choose(hit) {
      input.value = hit.value;
      input.title = hit.label;
      hide();
    }

    function show(results) {
      list.replaceChildren();
      results.forEach(function (hit, index) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = input.id + "-option-" + index;
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
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
      list.results = results;
    }

    function move(step) {
      const items = list.querySelectorAll("li");
      if (!items.length) return;
      if (active >= 0) items[active].classList.remove("active");
      active = (active + step + items.length) % items.length;
      items[active].classList.add("active");
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function fetchSuggestions() {
      const query = input.value.trim();
      if (!query) { hide(); return; }
      const ticket = ++latest;
      const url = endpoint + "?field=" + encodeURIComponent(input.dataset.field) + "&q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) show(data.results || []); })
        .catch(hide);
    }

    input.addEventListener("input", function () {
      input.removeAttribute("title");
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { hide(); }
      else if (event.key === "Enter" && active >= 0 && list.results) {
        event.preventDefault();
        choose(list.results[active]);
      }
    });
    input.addEventListener("blur", function () { setTimeout(hide, 150); });
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
