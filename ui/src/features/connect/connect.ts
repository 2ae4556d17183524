// The "connect to a team database" screen: host, port, database, user, password, sslmode; checked before
// it is sent, and a refused connection shown as what to fix. Also the way back to the local database.
//
// A refused connection is told by its code. Reached from the header's **Switch database…** and the first-run offer,
// and shown at start when the database did not open.
import * as backend from "../../backend";
import type { ConnectionView, ShellError, TeamSettings } from "../../backend";
import { button, el, field, input, select, tid } from "../../dom";
import { t, type Key } from "../../i18n";

export interface ConnectHandlers {
  /** The app now works on another database: reload everything. */
  connected(view: ConnectionView): void;
  /** The user left the screen without connecting. */
  cancel(): void;
}

const SSL_MODES = ["", "disable", "prefer", "require", "verify-ca", "verify-full"];

/** Problems with the form as filled in, by field (none: it may be sent). */
export function checkForm(values: { host: string; port: string; database: string; user: string }): Partial<Record<string, Key>> {
  const problems: Partial<Record<string, Key>> = {};
  if (!values.host.trim()) problems.host = "connect.required";
  if (!values.database.trim()) problems.database = "connect.required";
  if (!values.user.trim()) problems.user = "connect.required";
  else if (/\s/.test(values.user.trim())) problems.user = "connect.noSpaces";
  const port = Number(values.port.trim());
  if (!/^\d+$/.test(values.port.trim()) || port < 1 || port > 65535) problems.port = "connect.badPort";
  return problems;
}

/** The headline of a refused connection in the user's language, by the error's code. */
export function problemTitle(error: ShellError): string {
  switch (error.code) {
    case "storage":
      return t("connect.problem.unreachable");
    case "forbidden":
      return t("connect.problem.refused");
    case "not_found":
      return t("connect.problem.notDealgate");
    case "invalid_input":
      return t("connect.problem.invalid");
    default:
      return t("connect.problem.other");
  }
}

/** The connect screen (`screen-connect`), filled from what this machine remembers. */
export function connectScreen(view: ConnectionView | null, handlers: ConnectHandlers): HTMLElement {
  const remembered = view?.team ?? null;
  const host = tid(input("text", remembered?.host ?? "", "db.example.internal"), "connect-host");
  const port = tid(input("text", String(remembered?.port ?? 5432)), "connect-port");
  const database = tid(input("text", remembered?.database ?? "dealgate"), "connect-database");
  const user = tid(input("text", remembered?.user ?? ""), "connect-user");
  const password = tid(input("password"), "connect-password");
  const sslmode = tid(
    select(SSL_MODES.map((m) => [m, m || t("connect.sslDefault")]), remembered?.sslmode ?? ""),
    "connect-sslmode",
  );
  const remember = tid(input("checkbox"), "connect-remember");
  const keyringAbsent = view?.keyring === "unavailable";
  remember.checked = !keyringAbsent;
  remember.disabled = keyringAbsent;
  const controls: Record<string, HTMLInputElement> = { host, port, database, user };
  const hints: Record<string, HTMLElement> = {};
  const withHint = (name: string, caption: string, control: HTMLInputElement): HTMLElement => {
    hints[name] = tid(el("span", "field-problem"), `connect-invalid-${name}`);
    hints[name].hidden = true;
    return el("div", "connect-field", field(caption, control), hints[name]);
  };
  const problem = tid(el("div", "error connect-problem"), "connect-error");
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  const submit = tid(el("button", "btn primary", t("connect.submit")), "connect-submit");
  submit.type = "submit";

  const showProblem = (error: ShellError): void => {
    problem.replaceChildren(
      el("strong", "connect-problem-title", problemTitle(error)),
      el("code", "error-code", ` [${error.code}] `),
      el("span", "error-message", error.message),
    );
    problem.dataset.code = error.code;
    problem.hidden = false;
  };

  const form = el(
    "form",
    "connect-form",
    withHint("host", t("connect.host"), host),
    withHint("port", t("connect.port"), port),
    withHint("database", t("connect.database"), database),
    withHint("user", t("connect.user"), user),
    el("div", "connect-field", field(t("connect.password"), password)),
    el("div", "connect-field", field(t("connect.sslmode"), sslmode)),
    el("label", "connect-remember", remember, " ", t(keyringAbsent ? "connect.noKeyring" : "connect.remember")),
    problem,
    el("div", "actions", submit, button(t("connect.cancel"), () => handlers.cancel())),
  );
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    const problems = checkForm({ host: host.value, port: port.value, database: database.value, user: user.value });
    for (const [name, hint] of Object.entries(hints)) {
      const key = problems[name];
      hint.hidden = !key;
      hint.textContent = key ? t(key) : "";
      controls[name]?.setAttribute("aria-invalid", key ? "true" : "false");
    }
    if (Object.keys(problems).length > 0) return;
    const settings: TeamSettings = {
      host: host.value.trim(),
      port: Number(port.value.trim()),
      database: database.value.trim(),
      user: user.value.trim(),
      sslmode: sslmode.value || null,
    };
    submit.disabled = true;
    submit.textContent = t("connect.connecting");
    try {
      handlers.connected(await backend.connectTeam(settings, password.value, remember.checked));
    } catch (reason) {
      showProblem(backend.toShellError(reason));
    } finally {
      submit.disabled = false;
      submit.textContent = t("connect.submit");
    }
  });

  const children: HTMLElement[] = [el("h2", undefined, t("connect.title")), el("p", "muted", t("connect.text"))];
  if (view?.problem) {
    const why = tid(el("p", "connect-why"), "connect-why");
    why.append(el("strong", undefined, problemTitle(view.problem)), " ", el("span", undefined, view.problem.message));
    children.push(why);
  }
  if (keyringAbsent) children.push(tid(el("p", "muted", t("connect.keyringAbsent")), "connect-keyring-absent"));
  children.push(form);
  if (view?.mode === "team" || view?.problem) {
    const local = tid(
      button(t("connect.useLocal"), async () => {
        local.disabled = true;
        try {
          handlers.connected(await backend.useLocalDatabase());
        } catch (reason) {
          showProblem(backend.toShellError(reason));
        } finally {
          local.disabled = false;
        }
      }),
      "connect-use-local",
    );
    children.push(el("p", "connect-local", local));
  }
  return tid(el("section", "card connect", ...children), "screen-connect");
}
