// The inbox's tabs (the signed-in user's work, in the order the API gives: review, disputes, proposals, gone quiet,
// protections ending) with counts, the "all registrations" view, what is kept across restarts, and the disputes tab.
import type { DisputeView, Inbox, InboxTab, InboxTabView, QueueQuery } from "../../types";
import * as backend from "../../backend";
import { attempt, type Ctx } from "../../ctx";
import { button, el, field, input, tid } from "../../dom";
import { formatDate, formatNumber, outcomeBadge } from "../../format";
import { t, type Key } from "../../i18n";

/** A tab of the inbox, or every registration with the filters. */
export type View = InboxTab | "all";

const VIEW_KEY = "dealgate.queue.view";
const FILTERS_KEY = "dealgate.queue.filters";
/** The database the kept values belong to: a team database's filters are not a local file's. */
let scope = "";

/** Keeps and reads the tab and filters of `database` (as `ConnectionView.database` names it) from now on. */
export function keepFor(database: string): void {
  scope = database;
}

const storageKey = (key: "view" | "filters"): string => `${key === "view" ? VIEW_KEY : FILTERS_KEY}@${scope}`;

/** Reads a kept value from the webview's local storage; null when absent or unreadable. */
export function loadKept<T>(key: "view" | "filters"): T | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(key));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Keeps `value` for the next start (storage refused: it lasts this session). */
export function keep(key: "view" | "filters", value: unknown): void {
  try {
    globalThis.localStorage?.setItem(storageKey(key), JSON.stringify(value));
  } catch {
    // Private mode or a full store: nothing to do.
  }
}

/** The view to open: the one kept if the user still has it, else the first tab with work, else the first tab, else all. */
export function initialView(inbox: Inbox | null, kept: View | null): View {
  const tabs = inbox?.tabs ?? [];
  if (kept === "all" || (kept && tabs.some((x) => x.tab === kept))) return kept;
  return (tabs.find((x) => x.count > 0) ?? tabs[0])?.tab ?? "all";
}

/** The tab's query for one page, narrowed by the region, partner and search the person chose. */
export function tabQuery(
  tab: InboxTabView,
  narrow: { region: string; partner: string; search: string },
  offset: number,
  limit: number,
): QueueQuery {
  const q: QueueQuery = { ...(tab.query as QueueQuery), offset, limit };
  if (narrow.region) q.region = narrow.region;
  if (narrow.partner) q.partner = narrow.partner;
  if (narrow.search.trim()) q.search = narrow.search.trim();
  return q;
}

/** The tab bar; `pick` is called with the view chosen. */
export function renderTabs(inbox: Inbox | null, current: View, pick: (view: View) => void): HTMLElement {
  const bar = tid(el("div", "inbox-tabs"), "inbox-tabs");
  bar.setAttribute("role", "tablist");
  const tab = (view: View, label: string, count: number | null): HTMLElement => {
    const b = tid(el("button", "inbox-tab", label), "inbox-tab");
    b.type = "button";
    b.dataset.tab = view;
    b.setAttribute("role", "tab");
    b.setAttribute("aria-selected", String(view === current));
    if (view === current) b.classList.add("active");
    if (count !== null) {
      const badge = tid(el("span", count > 0 ? "count has-work" : "count", formatNumber(count)), "inbox-count");
      b.append(" ", badge);
    }
    b.addEventListener("click", () => pick(view));
    return b;
  };
  for (const x of inbox?.tabs ?? []) bar.append(tab(x.tab, t(`inbox.tab.${x.tab}` as Key), x.count));
  bar.append(tab("all", t("inbox.tab.all"), null));
  return bar;
}

/** The disputes awaiting the user, oldest first, each opening its review; an empty list says so. */
export function renderDisputes(ctx: Ctx, disputes: DisputeView[]): HTMLElement {
  const list = tid(el("div", "inbox-disputes"), "inbox-disputes");
  if (disputes.length === 0) {
    list.append(tid(el("p", "empty", t("inbox.empty.disputes")), "queue-empty"));
    return list;
  }
  for (const d of disputes) {
    const row = tid(el("div", "inbox-dispute-row"), "inbox-dispute-row");
    row.dataset.disputeId = String(d.dispute.id);
    row.dataset.registrationId = d.dispute.registration_id;
    row.dataset.escalated = String(d.escalated);
    const open = tid(el("button", "btn link", t("inbox.openDispute")), "inbox-dispute-open");
    open.type = "button";
    open.addEventListener("click", () => ctx.navigate("review", d.dispute.registration_id));
    row.append(
      el("span", "c-id mono", d.dispute.registration_id),
      el("span", "c-customer", d.registration?.customer_name ?? "—"),
      el("span", "c-region", d.dispute.region ?? "—"),
      el("span", "c-outcome", outcomeBadge(d.decision?.outcome ?? null)),
      el("span", "c-claim", d.dispute.claim),
      el("span", d.overdue ? "c-age sla-over" : "c-age", `${formatDate(d.dispute.opened_at)} · ${t("inbox.daysOpen", { n: d.days_open })}`),
      ...(d.escalated ? [tid(el("span", "escalated", t("inbox.escalated")), "dispute-escalated")] : []),
      open,
    );
    list.append(row);
  }
  return list;
}

/** A database without an admin: asks for the first one (anyone may add it then; afterwards only admins add users). */
export function renderFirstAdmin(ctx: Ctx, done: () => void): HTMLElement {
  const name = tid(input("text", "", t("firstAdmin.name")), "first-admin-name");
  const create = tid(
    button(t("firstAdmin.create"), async () => {
      const value = name.value.trim();
      if (!value) return;
      create.disabled = true;
      const user = await attempt(ctx, t("firstAdmin.create"), () => backend.saveUser({ name: value, role: "admin", regions: [] }));
      create.disabled = false;
      if (!user) return;
      await attempt(ctx, t("firstAdmin.create"), () => backend.switchUser(user.name));
      ctx.notify(t("firstAdmin.created", { name: user.name }));
      done();
    }, "btn primary"),
    "first-admin-create",
  );
  return tid(
    el("section", "card first-admin", el("h3", undefined, t("firstAdmin.title")), el("p", "muted", t("firstAdmin.help")), el("div", "form-row", field(t("firstAdmin.name"), name, "field grow"), create)),
    "first-admin",
  );
}
