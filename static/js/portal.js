// Behaviour every page may use. No inline script or handler exists anywhere (the
// Content-Security-Policy forbids them): elements ask for behaviour with data- attributes.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
