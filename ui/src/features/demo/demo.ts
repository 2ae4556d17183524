// The first-run offer, shown when every source is empty: load demo data, or connect to a team database instead.
import { button, el, tid } from "../../dom";
import { t } from "../../i18n";

/**
 * A note and a button (`demo-load`); `load` runs on click (the button is disabled while it runs). With
 * `connect`, a second button (`demo-connect`) offers a team database instead of this machine's.
 */
export function renderDemoOffer(load: () => Promise<void>, connect?: () => void): HTMLElement {
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
  const actions = el("div", "actions", b);
  if (connect) actions.append(tid(button(t("connect.instead"), connect), "demo-connect"));
  return tid(el("section", "card demo", el("h2", undefined, t("demo.title")), el("p", undefined, t("demo.text")), actions), "demo-offer");
}
