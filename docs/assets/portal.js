/* The portal's only script: same-origin, no framework, no third party.
 *
 * - Dilemma explorer: instant filters (words, theme, year, meeting, status),
 *   a result count announced politely to screen readers, and the filters kept
 *   in the address (?words=&theme=...) so a view can be shared and restored.
 *   Without this script the whole list is on the page and the form stays hidden.
 * - Search: announces the number of results (Material does not).
 * - Print buttons on the panel paper.
 * - Small screens: the navigation drawer opens while keyboard focus is in it,
 *   so a focused link is never off-screen (Material leaves it hidden).
 */
(function () {
  "use strict";

  // Not "q": Material's search opens itself for a ?q= in the address.
  var FIELDS = ["words", "theme", "year", "meeting", "status"];

  function normalise(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim();
  }

  function debounce(fn, wait) {
    var timer;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function setUpExplorer(root) {
    var form = root.querySelector("[data-portal-filters]");
    var list = root.querySelector("[data-portal-results]");
    var count = root.querySelector("[data-portal-count]");
    var empty = root.querySelector("[data-portal-empty]");
    if (!form || !list || !count) return;

    var records = Array.prototype.map.call(list.children, function (item) {
      var meeting = item.getAttribute("data-meeting") || "";
      return {
        item: item,
        text: normalise(item.textContent),
        themes: (item.getAttribute("data-theme") || "").split(" "),
        meeting: meeting,
        year: meeting.slice(0, 4),
        status: item.getAttribute("data-status") || ""
      };
    });
    var total = records.length;

    function values() {
      var chosen = {};
      FIELDS.forEach(function (name) {
        var control = form.elements[name];
        chosen[name] = control ? control.value.trim() : "";
      });
      return chosen;
    }

    function matches(record, chosen, words) {
      if (chosen.theme && record.themes.indexOf(chosen.theme) < 0) return false;
      if (chosen.year && record.year !== chosen.year) return false;
      if (chosen.meeting && record.meeting !== chosen.meeting) return false;
      if (chosen.status && record.status !== chosen.status) return false;
      for (var i = 0; i < words.length; i++) {
        if (record.text.indexOf(words[i]) < 0) return false;
      }
      return true;
    }

    function rememberInAddress(chosen) {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) {
        if (chosen[name]) params.set(name, chosen[name]);
        else params.delete(name);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function apply() {
      var chosen = values();
      var words = normalise(chosen.words).split(" ").filter(Boolean);
      var shown = 0;
      records.forEach(function (record) {
        var visible = matches(record, chosen, words);
        if (record.item.hidden === visible) record.item.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === total
        ? plural(total, "dilemma", "dilemmas")
        : shown + " of " + plural(total, "dilemma", "dilemmas") + " shown";
      if (empty) empty.hidden = shown !== 0;
      rememberInAddress(chosen);
    }

    function restoreFromAddress() {
      var params = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (name) {
        var control = form.elements[name];
        var value = params.get(name);
        if (!control || value === null) return;
        if (control.tagName === "SELECT") {
          var known = Array.prototype.some.call(control.options, function (option) {
            return option.value === value;
          });
          if (known) control.value = value;
        } else {
          control.value = value;
        }
      });
    }

    form.hidden = false;
    restoreFromAddress();
    apply();
    form.addEventListener("change", apply);
    form.addEventListener("input", debounce(apply, 200));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
  }

  function setUpSearchAnnouncements() {
    var status = document.querySelector("[data-portal-search-status]");
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector(".md-search__input");
    if (!status || !meta || !input || !window.MutationObserver) return;
    var announce = debounce(function () {
      status.textContent = input.value.trim() ? meta.textContent.replace(/\s+/g, " ").trim() : "";
    }, 600);
    new MutationObserver(announce).observe(meta, { childList: true, characterData: true, subtree: true });
    input.addEventListener("input", announce);
  }

  function setUpPrintButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function setUpDrawerForKeyboard() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !drawer || !window.matchMedia) return;
    // Material's breakpoint below which the navigation is an off-canvas drawer.
    var offCanvas = window.matchMedia("screen and (max-width: 76.234375em)");
    function setOpen(open) {
      if (toggle.checked === open) return;
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
    drawer.addEventListener("focusin", function () {
      if (offCanvas.matches) setOpen(true);
    });
    drawer.addEventListener("focusout", function (event) {
      if (offCanvas.matches && !drawer.contains(event.relatedTarget)) setOpen(false);
    });
  }

  var explorer = document.querySelector("[data-portal-explorer]");
  if (explorer) setUpExplorer(explorer);
  setUpSearchAnnouncements();
  setUpPrintButtons();
  setUpDrawerForKeyboard();
})();
