// Pointing at or clicking a summary sentence highlights its source spans in every
// article (their ids are in the sentence's data-sources); a click also scrolls to the
// first. Text is never inserted: only classes change.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const sentences = document.querySelectorAll(".summary li[data-sources]");
  const show = (item, scroll) => {
    document.querySelectorAll("mark.lit").forEach((m) => m.classList.remove("lit"));
    sentences.forEach((s) => s.classList.remove("active"));
    item.classList.add("active");
    let first = null;
    for (const id of item.dataset.sources.split(" ")) {
      const mark = id && document.getElementById(id);
      if (mark) {
        mark.classList.add("lit");
        first = first || mark;
      }
    }
    if (scroll && first) first.scrollIntoView({ block: "center" });
  };
  sentences.forEach((item) => {
    item.tabIndex = 0;
    item.addEventListener("mouseenter", () => show(item, false));
    item.addEventListener("focus", () => show(item, false));
    item.addEventListener("click", (event) => {
      if (event.target.closest("a")) return; // an outlet tag jumps by itself
      show(item, true);
    });
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter") show(item, true);
    });
  });
});
