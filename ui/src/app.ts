// The shell: sidebar navigation, header, error banner and the current screen; an empty database offers the demo
// or a team database; the connect screen when asked or when the database did not open; lists refreshed when
// the database changes (another person's work).
//
// On `db-changed` the queue, disputes and dashboard are shown again, unless the person is typing there.
import * as backend from "./backend";
import type { AppInfo, ConnectionView, User } from "./backend";
import type { Ctx, Screen, ScreenName } from "./ctx";
import { el, tid } from "./dom";
import { connectScreen } from "./features/connect/connect";
import { renderDemoOffer } from "./features/demo/demo";
import { clearErrors, createErrorArea, showError } from "./features/errors/errors";
import { createHeader } from "./features/header/header";
import { queueFor } from "./features/queue/queue";
import { SCREENS } from "./screens";
import { locale, localeFrom, onLocaleChange, savedLocale, setLocale, t } from "./i18n";

/** How long a notice shows before it fades, and how long the fade takes. */
export const TOAST_MS = 4000;
const TOAST_FADE_MS = 600;

const NAV: ScreenName[] = ["queue", "disputes", "intake", "data", "heads", "settings", "audit", "dashboard"];
/** Screens shown again when the database changes, unless the person is typing in them. */
const LIVE: ScreenName[] = ["queue", "disputes", "dashboard"];

interface Route {
  screen: ScreenName;
  arg?: string;
  focus?: string;
}

/** Builds the app inside `root`; resolves once the first screen has been shown. */
export async function startApp(root: HTMLElement): Promise<void> {
  let info: AppInfo | null = null;
  let users: User[] = [];
  let current: User | null = null;
  let route: Route = { screen: "queue" };
  let screen: Screen | null = null;
  let firstRun = false;
  let connection: ConnectionView | null = null;
  let connecting = false;

  const errors = createErrorArea();
  // Feedback is a toast over the screen that fades (it never pushes the table down); errors stay in their area.
  const notice = tid(el("div", "notice toast"), "toast");
  notice.setAttribute("role", "status");
  notice.hidden = true;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const host = el("div", "screen-host");
  const nav = el("nav", "sidebar-nav");
  const headerSlot = el("div", "header-slot");
  root.replaceChildren(
    el("div", "shell", el("aside", "sidebar", el("div", "brand", "DealGate"), nav), el("div", "main-col", headerSlot, errors, notice, host)),
  );

  const ctx: Ctx = {
    navigate: (name, arg, focus) => go({ screen: name, arg, focus }),
    fail: (doing, reason) => showError(errors, doing, reason),
    notify: (text) => {
      notice.textContent = text;
      notice.hidden = false;
      notice.classList.remove("fading");
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => {
        notice.classList.add("fading");
        noticeTimer = setTimeout(() => (notice.hidden = true), TOAST_FADE_MS);
      }, TOAST_MS);
    },
    user: () => current,
  };

  const renderChrome = (): void => {
    headerSlot.replaceChildren(createHeader(info, users, current, { switchUser, openConnect }, connection));
    nav.replaceChildren(
      ...NAV.map((name) => {
        const b = tid(el("button", "nav-item", t(`nav.${name}`)), `nav-${name}`);
        b.type = "button";
        const active = route.screen === name || (route.screen === "review" && name === "queue");
        b.classList.toggle("active", active);
        if (active) b.setAttribute("aria-current", "page");
        b.addEventListener("click", () => go({ screen: name }));
        return b;
      }),
    );
  };

  const show = (next: Route): void => {
    screen?.dispose?.();
    route = next;
    notice.hidden = true;
    renderChrome();
    if (connecting) {
      screen = null;
      host.replaceChildren(connectScreen(connection, { connected, cancel: () => go(route, false) }));
      return;
    }
    if (firstRun && next.screen === "queue") {
      // Empty database: the queue's place holds the demo offer; the other screens (e.g. import) stay usable.
      screen = null;
      host.replaceChildren(renderDemoOffer(loadDemo, openConnect));
      void backend.sources().then(
        (list) => {
          if (list.some((s) => s.rows > 0) && firstRun && route === next) {
            firstRun = false;
            show(next);
          }
        },
        () => undefined,
      );
      return;
    }
    screen = SCREENS[next.screen](ctx, next.arg, next.focus);
    host.replaceChildren(screen.root);
  };

  /** A person's move to another screen: errors of the last one are cleared first (and the connect screen left). */
  const go = (next: Route, stayConnecting = false): void => {
    clearErrors(errors);
    connecting = stayConnecting;
    show(next);
  };

  function openConnect(): void {
    go(route, true);
  }

  /** The app is on another database now: everything is read again from it. */
  async function connected(view: ConnectionView): Promise<void> {
    connection = view;
    queueFor(view.database);
    connecting = false;
    clearErrors(errors);
    current = null;
    users = [];
    await loadSession();
    try {
      firstRun = (await backend.sources()).every((s) => s.rows === 0);
    } catch (reason) {
      ctx.fail(t("nav.data"), reason);
    }
    show({ screen: "queue" });
    const note = view.mode === "team" && view.keyring === "unavailable" ? ` ${t("connect.keyringAbsent")}` : "";
    ctx.notify(t("connect.connected", { database: view.database }) + note);
  }

  /** Shows a live screen again with what the database holds now (in place where it can), unless the person is typing in it. */
  const refresh = (): void => {
    if (connecting) return;
    void refreshSession();
    if (!LIVE.includes(route.screen)) return;
    if (screen?.refresh) {
      screen.refresh();
      return;
    }
    const active = document.activeElement;
    if (active && host.contains(active) && active.matches("input, textarea, select")) return;
    const shown = notice.hidden;
    const text = notice.textContent;
    show(route);
    notice.textContent = text;
    notice.hidden = shown;
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const stopWatching = backend.onDatabaseChanged(() => {
    if (!root.contains(host)) {
      void stopWatching.then((stop) => stop());
      return;
    }
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(refresh, 200);
  });

  const loadSession = async (): Promise<void> => {
    const [u, c] = await Promise.allSettled([backend.users(), backend.currentUser()]);
    if (u.status === "fulfilled") users = u.value;
    else ctx.fail(t("app.user"), u.reason);
    if (c.status === "fulfilled") current = c.value;
    else ctx.fail(t("app.user"), c.reason);
  };

  /** Reads the users and who is acting again (an admin may have changed a role or regions); quiet on failure. */
  async function refreshSession(): Promise<void> {
    const [u, c] = await Promise.allSettled([backend.users(), backend.currentUser()]);
    if (u.status === "fulfilled") users = u.value;
    if (c.status === "fulfilled") current = c.value;
    if (!connecting && !headerSlot.contains(document.activeElement)) renderChrome();
  }

  async function switchUser(name: string): Promise<void> {
    try {
      current = await backend.switchUser(name);
    } catch (reason) {
      ctx.fail(t("app.user"), reason);
    }
    show(route);
  }

  /** Asks the backend for text in the UI's language; an older backend without the command is ignored. */
  async function tellBackend(): Promise<void> {
    try {
      await backend.setLanguage(locale());
    } catch {
      // The UI's own strings still switch; the backend keeps its language.
    }
  }

  async function loadDemo(): Promise<void> {
    clearErrors(errors);
    try {
      const summary = await backend.runDemo();
      firstRun = false;
      await loadSession();
      show({ screen: "queue" });
      ctx.notify(t("demo.loaded", { n: summary.checked }));
    } catch (reason) {
      ctx.fail(t("demo.load"), reason);
    }
  }

  const [infoResult, sourcesResult, connectionResult] = await Promise.allSettled([
    backend.appInfo(),
    backend.sources(),
    backend.connection(),
    loadSession(),
  ]);
  if (connectionResult.status === "fulfilled") {
    connection = connectionResult.value;
    queueFor(connection.database);
    // The database did not open (a team database without its password, an unreachable server): the connect
    // screen says why and takes the password, instead of every screen failing.
    connecting = connection.problem !== null;
  }
  if (infoResult.status === "fulfilled") {
    info = infoResult.value;
    // The user's last choice, else the system's language.
    setLocale(savedLocale() ?? localeFrom(info.locale));
  } else ctx.fail("app_info", infoResult.reason);
  await tellBackend();
  if (sourcesResult.status === "fulfilled") firstRun = sourcesResult.value.every((s) => s.rows === 0);
  else if (!connecting) ctx.fail(t("nav.data"), sourcesResult.reason);
  if (connecting) clearErrors(errors);
  const stop = onLocaleChange(() => {
    if (!root.contains(host)) return stop();
    // What the backend words (summaries, errors) follows the switch; then the screen is drawn again.
    void tellBackend().then(() => show(route));
  });
  show(route);
}
