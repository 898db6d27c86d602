/* Progressive enhancements shared by every page. The site works without it.
   - remembers the elder-friendly (large text, high contrast) mode across pages */
(function () {
  "use strict";
  var box = document.getElementById("elder-mode");
  if (!box) return;
  var KEY = "portal-elder-mode";
  try {
    if (window.localStorage.getItem(KEY) === "1") box.checked = true;
  } catch (e) { /* storage disabled: the toggle still works per page */ }
  box.addEventListener("change", function () {
    try { window.localStorage.setItem(KEY, box.checked ? "1" : "0"); } catch (e) { /* ignore */ }
  });
})();
