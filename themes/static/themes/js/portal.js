// The reader's large-type choice is kept in localStorage; base.html applies it
// before the first paint, this wires up the button.
document.addEventListener("DOMContentLoaded", function () {
  var root = document.documentElement;
  document.querySelectorAll("[data-elderly-toggle]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(root.classList.contains("elderly")));
    button.addEventListener("click", function () {
      var on = !root.classList.contains("elderly");
      root.classList.toggle("elderly", on);
      localStorage.setItem("elderly-mode", on ? "1" : "0");
      button.setAttribute("aria-pressed", String(on));
    });
  });
});
