// Reader page: select a statement (click, or Enter/Space on its first highlighted piece) to show its details.
// Article text is never written here: the server renders it escaped; this only toggles classes and `hidden`.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  if (!text) return;
  const none = document.getElementById("no-selection");

  function clear() {
    document.querySelectorAll(".detail").forEach((d) => { d.hidden = true; });
    document.querySelectorAll(".selected").forEach((e) => e.classList.remove("selected"));
    document.querySelectorAll(".mention-hl").forEach((e) => e.classList.remove("mention-hl"));
    if (none) none.hidden = false;
  }

  function select(n) {
    const detail = document.getElementById("detail-" + n);
    if (!detail) return;
    clear();
    detail.hidden = false;
    if (none) none.hidden = true;
    const entity = detail.dataset.entity;
    text.querySelectorAll("[data-stmts]").forEach((e) => {
      if (e.dataset.stmts.split(" ").includes(String(n))) e.classList.add("selected");
    });
    text.querySelectorAll("[data-entity], [data-spk]").forEach((e) => {
      const ents = (e.dataset.entity || "").split(" ");
      const spk = (e.dataset.spk || "").split(" ");
      if ((entity && ents.includes(entity)) || spk.includes(String(n))) e.classList.add("mention-hl");
    });
  }

  text.addEventListener("click", (event) => {
    const mark = event.target.closest("[data-stmt]");
    if (mark) select(mark.dataset.stmt);
  });
  text.addEventListener("keydown", (event) => {
    const mark = event.target.closest("[data-stmt]");
    if (!mark) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select(mark.dataset.stmt);
    } else if (event.key === "Escape") {
      clear();
    }
  });
  document.querySelectorAll("button.speaker").forEach((button) => {
    button.addEventListener("click", () => {
      const n = button.dataset.first;
      select(n);
      const first = text.querySelector('[data-stmt="' + Number(n) + '"][tabindex]');
      if (first) first.focus();
    });
  });
})();
