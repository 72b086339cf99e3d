// The web edition's only script on most pages. Everything it remembers stays in this
// browser (localStorage): nothing is sent anywhere. Without it the page still works: the
// text-size switch and the tick boxes work by themselves, they are only not remembered.
(function () {
  "use strict";
  var LARGE = "guide-large-text";
  var store = null;
  try {
    store = window.localStorage;
    store.getItem(LARGE);
  } catch (error) {
    store = null; // storage turned off: nothing is remembered, everything still works
  }
  function read(key) {
    return store ? store.getItem(key) : null;
  }
  function write(key, value) {
    if (!store) return;
    try {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    } catch (error) {
      // A full or refused storage only means the choice is not remembered.
    }
  }
  // Set before the page is drawn, so a large-text reader never sees the small text first.
  if (read(LARGE) === "1") document.documentElement.classList.add("large-text");

  document.addEventListener("DOMContentLoaded", function () {
    // Opened from a disk, a browser runs no search (it loads no module from a file): say so
    // rather than wait for one.
    var search = document.getElementById("search");
    if (search && window.location.protocol === "file:") {
      document.getElementById("search-status").textContent = search.getAttribute("data-failed");
    }
    var large = document.getElementById("large-text");
    if (large) {
      large.checked = read(LARGE) === "1";
      large.addEventListener("change", function () {
        document.documentElement.classList.toggle("large-text", large.checked);
        write(LARGE, large.checked ? "1" : null);
      });
    }
    var steps = document.querySelector("[data-ticks]");
    if (!steps) return;
    // Ticks belong to one version of one guide: a new version starts with empty boxes.
    var key = "guide-ticks:" + steps.getAttribute("data-ticks");
    var ticked = (read(key) || "").split(" ").filter(Boolean);
    var boxes = steps.querySelectorAll('.tick input[type="checkbox"]');
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.id) !== -1;
      box.addEventListener("change", function () {
        var now = [];
        boxes.forEach(function (each) {
          if (each.checked) now.push(each.id);
        });
        write(key, now.length ? now.join(" ") : null);
      });
    });
  });
})();
