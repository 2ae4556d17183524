// The top bar: app name and version, the acting-user switch and the language toggle.
import type { AppInfo, User } from "../../backend";
import { button, el, select, tid } from "../../dom";
import { locale, setLocale, t } from "../../i18n";

export interface HeaderHandlers {
  switchUser(name: string): void;
}

/** The header with the user `<select>` (`user-switch`) and the language toggle (`language-toggle`). */
export function createHeader(
  info: AppInfo | null,
  users: User[],
  current: User | null,
  handlers: HeaderHandlers,
): HTMLElement {
  const options: [string, string][] = users.map((u) => [u.name, `${u.name} · ${t(`role.${u.role}`)}`]);
  if (options.length === 0) options.push(["", t("app.noUser")]);
  const userSelect = tid(select(options, current?.name ?? ""), "user-switch");
  userSelect.addEventListener("change", () => handlers.switchUser(userSelect.value));
  const toggle = tid(
    button(t("app.language"), () => setLocale(locale() === "zh" ? "en" : "zh", true), "btn ghost"),
    "language-toggle",
  );
  return el(
    "header",
    "app-header",
    el(
      "div",
      "title",
      el("h1", undefined, el("span", "name", info?.name ?? "DealGate"), el("small", "version", info ? `v${info.version}` : "")),
      el("p", "subtitle", t("app.subtitle")),
    ),
    el("div", "header-tools", el("label", "user", el("span", "caption", t("app.user")), userSelect), toggle),
  );
}
