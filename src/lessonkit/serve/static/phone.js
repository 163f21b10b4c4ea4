// Improves the participant's forms; every form works without it.
(function () {
  "use strict";
  // Dots left, as the participant types.
  document.querySelectorAll("form.kind-dots").forEach(function (form) {
    var budget = parseInt(form.getAttribute("data-budget"), 10);
    var shown = form.parentNode.querySelector(".dots-left");
    if (!shown || isNaN(budget)) { return; }
    var template = shown.textContent;
    var first = template.match(/[0-9\u0E50-\u0E59]+/);
    function update() {
      var spent = 0;
      form.querySelectorAll("input[type=number]").forEach(function (input) {
        var n = parseInt(input.value, 10);
        if (!isNaN(n) && n > 0) { spent += n; }
      });
      var left = budget - spent;
      if (first) {
        var text = String(left);
        if (/[\u0E50-\u0E59]/.test(first[0])) {
          text = text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0E50 + Number(d)); });
        }
        shown.textContent = template.replace(first[0], text);
      }
      shown.classList.toggle("error", left < 0);
    }
    form.addEventListener("input", update);
  });
})();
