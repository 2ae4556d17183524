// The keyboard shortcuts' help, shown and hidden with `?` (and closed with Escape or its button).
import { button, el, tid } from "../../dom";
import { t, type Key } from "../../i18n";

const KEYS: Key[] = ["keys.jk", "keys.page", "keys.homeEnd", "keys.enter", "keys.accept", "keys.override", "keys.space", "keys.help"];

export function keysHelp(): { root: HTMLElement; toggle(): void } {
  const root = tid(el("div", "keys-help card"), "keys-help");
  root.setAttribute("role", "dialog");
  root.setAttribute("aria-label", t("keys.title"));
  const toggle = () => (root.hidden = !root.hidden);
  root.append(el("h3", undefined, t("keys.title")), el("ul", undefined, ...KEYS.map((k) => el("li", undefined, t(k)))), button(t("keys.close"), toggle));
  root.hidden = true;
  return { root, toggle };
}
