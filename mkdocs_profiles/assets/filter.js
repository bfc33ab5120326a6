/* mkdocs-profiles: the directory filter. No framework and no build step.
 *
 * The directory page is a complete, sorted list without JavaScript. This script shows the filter form
 * (hidden in the HTML) and, as the reader types or presses topic and organization chips, shows only the
 * cards that match. Each card carries its text already folded at build time (data-pf-text, see
 * mkdocs_profiles/directory_filter.py), so matching is one pass of substring tests over plain strings.
 *
 * What costs time in a browser is not matching but restyling and laying out cards whose visibility
 * changes: thousands per keystroke take seconds. So the script shows the matches a page at a time
 * (data-pf-page-size, with a "Show more" button), and a keystroke touches at most two pages of cards.
 * Updates are batched per animation frame. Only the cards shown stay in the list; the others wait outside
 * the document (with the hidden attribute, as they would be hidden), see place() for why.
 *
 * Matching: every word of the query must occur in a card's text; among pressed topic chips any one must
 * match, and likewise among organization chips. The number of matches is exposed as data-pf-count on the
 * results element (data-pf-results) and the number of cards shown as data-pf-shown, so tests and
 * benchmarks can wait for them.
 */
(function () {
  "use strict";

  var MARKS = /\p{M}/gu;

  /* The same folding as directory_filter.fold() in Python: lowercase, accents dropped, spaces collapsed. */
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "").replace(/\s+/g, " ").trim();
  }

  function pressed(buttons, attribute) {
    var values = [];
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("aria-pressed") === "true") values.push(buttons[i].getAttribute(attribute));
    }
    return values;
  }

  function hasAny(padded, values) {
    if (values.length === 0) return true;
    for (var i = 0; i < values.length; i++) {
      if (padded.indexOf(" " + values[i] + " ") !== -1) return true;
    }
    return false;
  }

  function setup(form) {
    if (form.getAttribute("data-pf-ready") === "true") return;
    var page = form.closest(".pf-page") || document;
    var results = page.querySelector("[data-pf-results]");
    if (!results) return;
    var query = form.querySelector("input[name=filter]");
    var topicButtons = form.querySelectorAll("[data-pf-topic]");
    var organizationButtons = form.querySelectorAll("[data-pf-organization]");
    var clear = form.querySelector("[data-pf-clear]");
    var statusText = form.querySelector("[data-pf-status-text]");
    var empty = page.querySelector("[data-pf-empty]");
    var template = form.getAttribute("data-pf-status") || "{shown} / {total}";
    var more = page.querySelector("[data-pf-more]");
    var moreTemplate = more ? more.getAttribute("data-pf-more") || "+{count}" : "";
    var pageSize = parseInt(results.getAttribute("data-pf-page-size") || "", 10) || 120;
    var pages = 1;

    // Read every card once: the keystroke path never touches the attributes again.
    var elements = results.querySelectorAll("[data-pf-text]");
    var cards = [];
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      cards.push({
        element: element,
        index: i,
        text: element.getAttribute("data-pf-text") || "",
        topics: " " + (element.getAttribute("data-pf-topics") || "") + " ",
        organizations: " " + (element.getAttribute("data-pf-organizations") || "") + " ",
        shown: !element.hidden,
      });
    }
    var total = cards.length;
    var list = total ? cards[0].element.parentNode : null;
    for (var c = 1; list && c < total; c++) if (cards[c].element.parentNode !== list) list = null;
    var inList = cards.filter(function (card) { return card.shown; });
    var frame = 0;

    function apply() {
      frame = 0;
      var words = fold(query.value).split(" ").filter(Boolean);
      var topics = pressed(topicButtons, "data-pf-topic");
      var organizations = pressed(organizationButtons, "data-pf-organization");
      var limit = pages * pageSize;
      var matches = 0;
      var showing = [];
      for (var i = 0; i < total; i++) {
        var card = cards[i];
        var match = hasAny(card.topics, topics) && hasAny(card.organizations, organizations);
        for (var w = 0; match && w < words.length; w++) {
          if (card.text.indexOf(words[w]) === -1) match = false;
        }
        if (match && ++matches <= limit) showing.push(card);
      }
      place(showing);
      var shown = showing.length;
      var filtering = words.length > 0 || topics.length > 0 || organizations.length > 0;
      results.setAttribute("data-pf-count", String(matches));
      results.setAttribute("data-pf-shown", String(shown));
      if (empty) empty.hidden = matches !== 0;
      if (clear) clear.hidden = !filtering;
      if (more) {
        more.hidden = matches <= shown;
        more.textContent = moreTemplate.replace("{count}", Math.min(pageSize, matches - shown));
      }
      if (statusText) {
        statusText.textContent = filtering ? template.replace("{shown}", matches).replace("{total}", total) : "";
      }
      remember(query.value, topics, organizations);
    }

    // Shows exactly the cards of `showing` (in page order), moving as few as it can. Hiding cards in place
    // with the hidden attribute cost 60-150 ms a keystroke at 10,000 profiles: Material's CSS has sibling
    // selectors on [hidden] ("[hidden] ~ .md-content"), so for every card whose attribute changed the
    // browser checked each of its thousands of following siblings (measured by bench/filter_bench.py).
    // So the cards shown are the only ones in the list; the others wait outside the document.
    function place(showing) {
      var kept = 0;
      var i, j, card;
      for (j = 0; j < showing.length; j++) {
        showing[j].next = true;
        if (showing[j].shown) kept++;
      }
      if (!list) {
        // The cards are not all in one list (a site's own template): show and hide them in place.
        for (j = 0; j < showing.length; j++) if (!showing[j].shown) showing[j].element.hidden = false;
      } else if (inList.length - kept > showing.length) {
        // Most cards leave (the first pass, a narrower query): refilling the list is cheaper.
        list.textContent = "";
        var fragment = document.createDocumentFragment();
        for (j = 0; j < showing.length; j++) {
          showing[j].element.hidden = false;
          fragment.appendChild(showing[j].element);
        }
        list.appendChild(fragment);
      } else {
        // Both are in page order: one merge removes the cards that leave and inserts the new ones.
        i = 0;
        for (j = 0; j < showing.length; j++) {
          card = showing[j];
          while (i < inList.length && inList[i].index < card.index) list.removeChild(inList[i++].element);
          if (i < inList.length && inList[i] === card) {
            i++;
            continue;
          }
          card.element.hidden = false;
          list.insertBefore(card.element, i < inList.length ? inList[i].element : null);
        }
        while (i < inList.length) list.removeChild(inList[i++].element);
      }
      for (i = 0; i < inList.length; i++) {
        if (!inList[i].next) {
          inList[i].shown = false;
          inList[i].element.hidden = true; // out of the document by now, unless in place
        }
      }
      for (j = 0; j < showing.length; j++) {
        showing[j].shown = true;
        showing[j].next = false;
      }
      inList = showing;
    }

    function schedule() {
      pages = 1;
      if (!frame) frame = window.requestAnimationFrame(apply);
    }

    // The filter lives in the address (?filter=...&topic=...&organization=...), so a filtered list can be
    // shared. Not ?q=, which Material's search reads and would open the search dialog with.
    function remember(text, topics, organizations) {
      if (!window.history || !window.history.replaceState || !window.URLSearchParams) return;
      var params = new URLSearchParams(window.location.search);
      params.delete("filter");
      params.delete("topic");
      params.delete("organization");
      if (text.trim()) params.set("filter", text.trim());
      topics.forEach(function (slug) { params.append("topic", slug); });
      organizations.forEach(function (slug) { params.append("organization", slug); });
      var search = params.toString();
      var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", address);
      }
    }

    function restore() {
      if (!window.URLSearchParams) return;
      var params = new URLSearchParams(window.location.search);
      if (params.has("filter")) query.value = params.get("filter");
      var wanted = { "data-pf-topic": params.getAll("topic"), "data-pf-organization": params.getAll("organization") };
      [[topicButtons, "data-pf-topic"], [organizationButtons, "data-pf-organization"]].forEach(function (pair) {
        for (var i = 0; i < pair[0].length; i++) {
          var on = wanted[pair[1]].indexOf(pair[0][i].getAttribute(pair[1])) !== -1;
          pair[0][i].setAttribute("aria-pressed", on ? "true" : "false");
        }
      });
    }

    function toggle(event) {
      var button = event.currentTarget;
      button.setAttribute("aria-pressed", button.getAttribute("aria-pressed") === "true" ? "false" : "true");
      schedule();
    }

    query.addEventListener("input", schedule);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    for (var t = 0; t < topicButtons.length; t++) topicButtons[t].addEventListener("click", toggle);
    for (var o = 0; o < organizationButtons.length; o++) organizationButtons[o].addEventListener("click", toggle);
    if (clear) {
      clear.addEventListener("click", function () {
        query.value = "";
        var all = form.querySelectorAll("[aria-pressed]");
        for (var i = 0; i < all.length; i++) all[i].setAttribute("aria-pressed", "false");
        pages = 1;
        apply();
        query.focus();
      });
    }
    if (more) {
      more.addEventListener("click", function () {
        pages++;
        apply();
      });
    }

    restore();
    form.hidden = false;
    form.setAttribute("data-pf-ready", "true");
    apply();
  }

  function start() {
    var forms = document.querySelectorAll("[data-pf-filter]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  }

  // Material's instant navigation swaps pages without reloading scripts and announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
