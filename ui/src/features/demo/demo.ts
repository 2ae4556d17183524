// The first-run offer to load demo data, shown when every source is empty.
import { el, tid } from "../../dom";
import { t } from "../../i18n";

/** A note and a button (`demo-load`); `load` runs on click (the button is disabled while it runs). */
export function renderDemoOffer(load: () => Promise<void>): HTMLElement {
  const b = tid(el("button", "btn primary", t("demo.load")), "demo-load");
  b.type = "button";
  b.addEventListener("click", async () => {
    b.disabled = true;
    b.textContent = t("demo.loading");
    try {
      await load();
    } finally {
      b.disabled = false;
      b.textContent = t("demo.load");
    }
  });
  return tid(el("section", "card demo", el("h2", undefined, t("demo.title")), el("p", undefined, t("demo.text")), b), "demo-offer");
}
