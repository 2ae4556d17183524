// The top bar: app name and version, the database in use (with the way to connect elsewhere), who is acting —
// a user switch on the local database, the signed-in login with its role and regions on a team database — and
// the language toggle and the "more" menu (desktop notifications, copy diagnostics).
import type { AppInfo, ConnectionView, User } from "../../backend";
import { button, el, select, tid } from "../../dom";
import { locale, setLocale, t } from "../../i18n";
import { headerMenu } from "./menu";

export interface HeaderHandlers {
  switchUser(name: string): void;
  /** Opens the connect screen. */
  openConnect(): void;
}

/** Who the login is, as the header shows it on a team database: `name · role · regions`. */
export function loginLabel(user: User): string {
  const regions = user.regions.length > 0 ? user.regions.join("、") : t(user.role === "admin" ? "connect.allRegions" : "connect.noRegions");
  return `${user.name} · ${t(`role.${user.role}`)} · ${regions}`;
}

/**
 * The header: on the local database the user `<select>` (`user-switch`); on a team database the login
 * (`team-user`) and no switch. The database in use (`db-label`) opens the connect screen (`connect-open`).
 */
export function createHeader(
  info: AppInfo | null,
  users: User[],
  current: User | null,
  handlers: HeaderHandlers,
  connection: ConnectionView | null = null,
): HTMLElement {
  const team = connection?.mode === "team";
  let who: HTMLElement;
  if (team) {
    who = el(
      "span",
      "user",
      el("span", "caption", t("connect.signedInAs")),
      tid(el("strong", "login", current ? loginLabel(current) : t("app.noUser")), "team-user"),
    );
  } else {
    const options: [string, string][] = users.map((u) => [u.name, `${u.name} · ${t(`role.${u.role}`)}`]);
    if (options.length === 0) options.push(["", t("app.noUser")]);
    const userSelect = tid(select(options, current?.name ?? ""), "user-switch");
    userSelect.addEventListener("change", () => handlers.switchUser(userSelect.value));
    who = el("label", "user", el("span", "caption", t("app.user")), userSelect);
  }
  const database = tid(
    el("span", "db-label", t(team ? "connect.teamDb" : "connect.localDb"), " ", el("code", undefined, connection?.database ?? "")),
    "db-label",
  );
  database.title = connection?.database ?? "";
  const connect = tid(button(t("connect.open"), () => handlers.openConnect(), "btn ghost"), "connect-open");
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
    el("div", "header-tools", database, connect, who, toggle, headerMenu()),
  );
}
