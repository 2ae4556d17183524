// The shell: sidebar navigation, header, error banner and the current screen; an empty database offers the demo.
import * as backend from "./backend";
import type { AppInfo, User } from "./backend";
import type { Ctx, Screen, ScreenName } from "./ctx";
import { el, tid } from "./dom";
import { renderDemoOffer } from "./features/demo/demo";
import { clearErrors, createErrorArea, showError } from "./features/errors/errors";
import { createHeader } from "./features/header/header";
import { SCREENS } from "./screens";
import { localeFrom, onLocaleChange, setLocale, t } from "./i18n";

const NAV: ScreenName[] = ["queue", "disputes", "intake", "data", "heads", "settings", "audit", "dashboard"];

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

  const errors = createErrorArea();
  const notice = el("div", "notice");
  notice.setAttribute("role", "status");
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
    },
    user: () => current,
  };

  const renderChrome = (): void => {
    headerSlot.replaceChildren(createHeader(info, users, current, { switchUser }));
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
    if (firstRun && next.screen === "queue") {
      // Empty database: the queue's place holds the demo offer; the other screens (e.g. import) stay usable.
      screen = null;
      host.replaceChildren(renderDemoOffer(loadDemo));
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

  /** A person's move to another screen: errors of the last one are cleared first. */
  const go = (next: Route): void => {
    clearErrors(errors);
    show(next);
  };

  const loadSession = async (): Promise<void> => {
    const [u, c] = await Promise.allSettled([backend.users(), backend.currentUser()]);
    if (u.status === "fulfilled") users = u.value;
    else ctx.fail(t("app.user"), u.reason);
    if (c.status === "fulfilled") current = c.value;
    else ctx.fail(t("app.user"), c.reason);
  };

  async function switchUser(name: string): Promise<void> {
    try {
      current = await backend.switchUser(name);
    } catch (reason) {
      ctx.fail(t("app.user"), reason);
    }
    show(route);
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

  const [infoResult, sourcesResult] = await Promise.allSettled([backend.appInfo(), backend.sources(), loadSession()]);
  if (infoResult.status === "fulfilled") {
    info = infoResult.value;
    setLocale(localeFrom(info.locale));
  } else ctx.fail("app_info", infoResult.reason);
  if (sourcesResult.status === "fulfilled") firstRun = sourcesResult.value.every((s) => s.rows === 0);
  else ctx.fail(t("nav.data"), sourcesResult.reason);
  const stop = onLocaleChange(() => (root.contains(host) ? show(route) : stop()));
  show(route);
}
