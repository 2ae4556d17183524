// The header's "more" menu: desktop notifications on or off, and "copy diagnostics" (version, database
// without password, OS, locale, log folder) for a support request. It asks the backend only when opened.
import * as backend from "../../backend";
import { button, el, tid } from "../../dom";
import { t } from "../../i18n";

/** Copies `text`: the clipboard API where the webview grants it, else a selected text area's copy. */
async function copy(text: string, area: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    area.focus();
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** The menu button (`header-menu`) and its panel (`header-menu-panel`), closed at first. */
export function headerMenu(): HTMLElement {
  const panel = tid(el("div", "header-menu-panel"), "header-menu-panel");
  panel.hidden = true;
  const status = tid(el("p", "menu-status"), "menu-status");
  const toggle = tid(el("input", undefined), "notify-toggle");
  toggle.type = "checkbox";
  toggle.addEventListener("change", async () => {
    try {
      toggle.checked = await backend.setNotifications(toggle.checked);
      status.textContent = t(toggle.checked ? "menu.notifyOn" : "menu.notifyOff");
    } catch (e) {
      status.textContent = backend.toShellError(e).message;
    }
  });
  const area = tid(el("textarea", "diagnostics-text"), "diagnostics-text");
  area.readOnly = true;
  area.hidden = true;
  area.rows = 6;
  const copyButton = tid(
    button(t("menu.copyDiagnostics"), async () => {
      try {
        const d = await backend.diagnostics();
        area.value = d.text;
        area.hidden = false;
        status.textContent = t((await copy(d.text, area)) ? "menu.copied" : "menu.copyByHand");
      } catch (e) {
        status.textContent = backend.toShellError(e).message;
      }
    }, "btn ghost"),
    "copy-diagnostics",
  );
  panel.append(
    el("label", "menu-item", toggle, el("span", undefined, t("menu.notifications"))),
    el("p", "hint", t("menu.notificationsHint")),
    copyButton,
    area,
    status,
  );
  const open = tid(
    button(t("menu.more"), async () => {
      panel.hidden = !panel.hidden;
      if (panel.hidden) return;
      status.textContent = "";
      try {
        toggle.checked = await backend.notificationsEnabled();
      } catch (e) {
        status.textContent = backend.toShellError(e).message;
      }
    }, "btn ghost"),
    "header-menu",
  );
  return el("div", "header-menu", open, panel);
}
