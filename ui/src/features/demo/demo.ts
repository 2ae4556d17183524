// The "load demo data" offer shown when the database is empty.
import { el } from "../../dom";

/** A note and a button; `load` runs when it is clicked (the button is disabled while it runs). */
export function renderDemoOffer(load: () => Promise<void>): HTMLElement {
  const button = el("button", "demo-button", "载入演示数据 / Load demo data");
  button.type = "button";
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "正在载入… / Loading…";
    try {
      await load();
    } finally {
      button.disabled = false;
      button.textContent = "载入演示数据 / Load demo data";
    }
  });
  return el(
    "section",
    "demo",
    el("p", undefined, "数据库是空的 / The database is empty."),
    button,
  );
}
