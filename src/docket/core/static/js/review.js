/* Review page keys: j/k move between claims, a accept, r reject, e edit, ? help.
   Every key presses a real button or link of the page, so nothing here is needed to
   review: without JavaScript the forms post and the server focuses the next claim. */
(function () {
  "use strict";

  var ACTIONS = { a: true, r: true, e: true };

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  }

  function current() {
    return document.querySelector("[data-review-item].current");
  }

  function select(item) {
    if (!item) {
      return;
    }
    items().forEach(function (el) {
      el.classList.remove("current");
    });
    item.classList.add("current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = items();
    if (!all.length) {
      return;
    }
    var at = all.indexOf(current());
    var next = at < 0 ? 0 : Math.min(all.length - 1, Math.max(0, at + step));
    select(all[next]);
  }

  function press(key) {
    var item = current();
    var target = item && item.querySelector('[data-key="' + key + '"]');
    if (target) {
      target.click();
    }
  }

  function toggleHelp() {
    var help = document.getElementById("review-help");
    if (help) {
      help.hidden = !help.hidden;
    }
  }

  function typing(target) {
    return (
      target &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ""))
    );
  }

  function start() {
    if (!document.getElementById("review")) {
      return;
    }
    var first = current();
    if (!first) {
      first = items().filter(function (el) {
        return el.getAttribute("data-status") === "suggested";
      })[0];
    }
    select(first);
  }

  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("review")) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (ACTIONS[event.key]) {
      press(event.key);
    } else if (event.key === "?") {
      toggleHelp();
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-help-toggle]")) {
      toggleHelp();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // After htmx swapped in the page that answered a boosted form: focus its next claim.
  document.addEventListener("htmx:afterSettle", start);
})();
