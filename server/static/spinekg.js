// SpineKG browser behaviour: the search box's suggestions, the document page's evidence spans,
// and Ctrl+Enter in the query editor. Loaded from a file (the Content-Security-Policy forbids
// inline scripts); every text from the server is set with textContent, never parsed as HTML.
"use strict";

(function () {
  const DEBOUNCE_MS = 120;

  // A list of suggestions under a text input: debounced fetches (the latest answer wins), arrow
  // keys, Escape and Enter. The caller says where to fetch, how to draw one hit and what choosing
  // one does; the differential page's fields use the same box (window.SpineKG.suggestionBox).
  function suggestionBox(input, list, options) {
    let timer = null;
    let active = -1;
    let latest = 0;
    let results = [];

    function hide() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      results = [];
      input.setAttribute("aria-expanded", "false");
    }

    function show(found) {
      list.replaceChildren();
      results = found;
      found.forEach(function (hit, index) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = (input.id || "suggestion") + "-option-" + index;
        options.render(item, hit);
        list.appendChild(item);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      active = -1;
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
      fetch(options.url(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) show(data.results || []); })
        .catch(hide);
    }

    input.addEventListener("input", function () {
      if (options.onInput) options.onInput();
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { hide(); }
      else if (event.key === "Enter" && active >= 0 && results[active]) {
        event.preventDefault();
        options.choose(results[active]);
      }
    });
    return { hide: hide };
  }

  window.SpineKG = { suggestionBox: suggestionBox };

  function setUpAutocomplete(input) {
    const endpoint = input.dataset.autocomplete;
    const box = suggestionBox(input, input.form.querySelector(".suggestions"), {
      url: function (query) { return endpoint + "?q=" + encodeURIComponent(query) + "&limit=10"; },
      render: function (item, hit) {
        const link = document.createElement("a");
        link.href = hit.url;
        link.textContent = hit.label;
        const note = document.createElement("small");
        const matched = hit.matched !== hit.label ? hit.matchedKind + ": " + hit.matched + " · " : "";
        note.textContent = matched + hit.category;
        link.appendChild(note);
        item.appendChild(link);
      },
      choose: function (hit) { window.location.assign(hit.url); },
    });
    document.addEventListener("click", function (event) {
      if (!input.form.contains(event.target)) box.hide();
    });
  }

  // ---- document page: evidence spans ----------------------------------------------------------

  function setUpDocument(text) {
    const panel = document.getElementById("ev-panel");
    const body = panel.querySelector(".ev-panel-body");
    let pinned = false;

    function showStatements(keys) {
      body.replaceChildren();
      keys.forEach(function (key) {
        const detail = document.getElementById("ev-" + key);
        if (detail) body.appendChild(detail.cloneNode(true));
      });
      body.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
      panel.hidden = body.childElementCount === 0;
    }

    function keysOf(mark) { return (mark.dataset.ev || "").split(" ").filter(Boolean); }

    text.addEventListener("mouseover", function (event) {
      const mark = event.target.closest("mark.ev");
      if (mark && !pinned) showStatements(keysOf(mark));
    });
    text.addEventListener("click", function (event) {
      const mark = event.target.closest("mark.ev");
      if (!mark) return;
      pinned = true;
      showStatements(keysOf(mark));
    });
    text.addEventListener("keydown", function (event) {
      const mark = event.target.closest("mark.ev");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        pinned = true;
        showStatements(keysOf(mark));
      }
    });
    panel.querySelector(".ev-close").addEventListener("click", function () {
      pinned = false;
      panel.hidden = true;
    });

    function selectFromHash() {
      text.querySelectorAll(".current").forEach(function (node) { node.classList.remove("current"); });
      const match = /^#s(\d+)-(\d+)$/.exec(window.location.hash);
      if (!match) return;
      const start = Number(match[1]);
      const end = Number(match[2]);
      let first = null;
      text.querySelectorAll("[data-o]").forEach(function (node) {
        if (Number(node.dataset.o) >= start && Number(node.dataset.e) <= end) {
          node.classList.add("current");
          if (!first) first = node;
        }
      });
      if (first) {
        first.scrollIntoView({ block: "center" });
        if (first.matches("mark.ev")) {
          pinned = true;
          showStatements(["s" + start + "-" + end].filter(function (key) {
            return document.getElementById("ev-" + key);
          }).concat(keysOf(first)).filter(function (key, i, all) { return all.indexOf(key) === i; }));
        }
      }
    }

    window.addEventListener("hashchange", selectFromHash);
    selectFromHash();
  }

  // ---- query page -------------------------------------------------------------------------------

  function setUpEditor(textarea) {
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        textarea.form.requestSubmit();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete]").forEach(setUpAutocomplete);
    const text = document.getElementById("doc-text");
    if (text) setUpDocument(text);
    const editor = document.getElementById("query-text");
    if (editor) setUpEditor(editor);
  });
})();
