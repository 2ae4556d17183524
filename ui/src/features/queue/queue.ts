// The registration queue as an inbox: the user's tabs (their pending work) or all registrations with filters,
// sortable columns, debounced search, a virtualised list, keyboard triage, an age marker and batch accept.
//
// `openQueueFiltered` is the one way into the queue from the dashboard and an import's report. The last tab and the
// filters are kept in local storage per database (`queueFor`).
import * as backend from "../../backend";
import { OUTCOMES, type Inbox, type Outcome, type QueueQuery, type QueueRow, type QueueSort } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, dateInput, debounce, el, field, input, isDate, select, tid } from "../../dom";
import { formatDate, formatNumber, outcomeBadge, outcomeOptions, statusLabel } from "../../format";
import { t, type Key } from "../../i18n";
import { renderProgress } from "../progress/progress";
import { createBatch } from "./batch";
import { initialView, keep, keepFor, loadKept, renderDisputes, renderFirstAdmin, renderTabs, tabQuery, type View } from "./inbox";
import { keysHelp } from "./keys";
import { createVirtualList } from "./virtual-list";

export const ROW_HEIGHT = 36;
export const PAGE_SIZE = 100;

/** The filters and sort, kept while the user visits other screens. */
export interface QueueFilters {
  outcome: string;
  status: string;
  region: string;
  partner: string;
  from: string;
  to: string;
  search: string;
  sort: QueueSort;
  desc: boolean;
  /** Set only by a dashboard drill-down (see `openQueueFiltered`). */
  drill?: Drill;
}
const DEFAULTS: QueueFilters = {
  outcome: "", status: "", region: "", partner: "", from: "", to: "", search: "", sort: "submitted_at", desc: true,
};
let filters: QueueFilters = { ...DEFAULTS };
/** The selected row, restored when the user comes back from a review. */
let selection = -1;
/** Whether the filters were read back from local storage in this run. */
let restored = false;

/** Forgets the kept filters (tests). */
export function resetQueueFilters(): void {
  filters = { ...DEFAULTS };
  selection = -1;
  restored = false;
}

/** The app is on `database` now: the queue opens with the tab and filters last used on it, not another's. */
export function queueFor(database: string): void {
  keepFor(database);
  resetQueueFilters();
}

/** The `queue` command's query for the filters: empty filters are left out. */
export function buildQuery(f: QueueFilters, offset: number, limit: number): QueueQuery {
  const q: QueueQuery = { sort: f.sort, desc: f.desc, offset, limit };
  if (f.outcome) q.outcome = f.outcome as Outcome;
  if (f.status === "pending" || f.status === "decided") q.status = f.status;
  if (f.region) q.region = f.region;
  if (f.partner) q.partner = f.partner;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.search.trim()) q.search = f.search.trim();
  if (f.drill) Object.assign(q, drillQuery(f.drill));
  return q;
}

// ---- Drill-down from the dashboard and an import's report, kept apart from the queue's own filters ----

/** What a dashboard figure counts beyond the filter bar's fields, and how to say it. */
export interface Drill {
  /** Shown above the list, e.g. "华东 · 2026-02 · 重复报备". */
  label: string;
  checked?: boolean;
  person_decided?: boolean;
  protection_from?: string;
  protection_to?: string;
  /** An import's registrations, opened from its report. */
  registration_ids?: string[];
}

function drillQuery(d: Drill): Partial<QueueQuery> {
  const q: Partial<QueueQuery> = {};
  if (d.checked !== undefined) q.checked = d.checked;
  if (d.person_decided !== undefined) q.person_decided = d.person_decided;
  if (d.protection_from) q.protection_from = d.protection_from;
  if (d.protection_to) q.protection_to = d.protection_to;
  if (d.registration_ids) q.registration_ids = d.registration_ids;
  return q;
}

/** Opens the queue on exactly what a figure (or an import) counts: every other filter cleared, then these. */
export function openQueueFiltered(ctx: Ctx, set: Partial<Omit<QueueFilters, "drill">>, drill: Drill): void {
  filters = { ...DEFAULTS, ...set, drill };
  selection = -1;
  keep("view", "all"); // a figure counts every registration, not an inbox tab's share of them
  ctx.navigate("queue");
}

/** The drill-down's label with a button clearing it, or nothing. */
function drillChip(onClear: () => void): HTMLElement {
  const d = filters.drill;
  if (!d) return el("span");
  const chip = tid(el("div", "drill-chip", el("span", undefined, t("queue.drill", { label: d.label }))), "queue-drill");
  chip.append(tid(button(t("queue.drillClear"), () => {
    filters = { ...filters, drill: undefined };
    chip.remove();
    onClear();
  }, "btn small"), "queue-drill-clear"));
  return chip;
}
// ---- end of the drill-down ----

const COLUMNS: { key: Key; sort?: QueueSort; cls: string }[] = [
  { key: "queue.col.id", cls: "c-id" },
  { key: "queue.col.customer", sort: "customer", cls: "c-customer" },
  { key: "queue.col.partner", sort: "partner", cls: "c-partner" },
  { key: "queue.col.region", sort: "region", cls: "c-region" },
  { key: "queue.col.submitted", sort: "submitted_at", cls: "c-submitted" },
  { key: "queue.col.age", sort: "age", cls: "c-age" },
  { key: "queue.col.outcome", sort: "outcome", cls: "c-outcome" },
  { key: "queue.col.match", cls: "c-match" },
  { key: "queue.col.score", sort: "score", cls: "c-score" },
];

/** A small mark that a person has decided (accepted, overridden, ruled) or that protection expired. */
function statusMark(status: NonNullable<QueueRow["status"]>): HTMLElement {
  const mark = el("span", `status-mark status-${status}`, status === "expired" ? "⌛" : "✓");
  mark.title = statusLabel(status);
  return mark;
}

/** A cell whose text may be cut with an ellipsis: its title holds the whole text. */
function titled(cls: string, text: string): HTMLElement {
  const cell = el("span", cls, text);
  cell.title = text;
  return cell;
}

/** The age cell: the settings' unit (hours or working days) and an overdue mark past the limit; plain days without one. */
function ageCell(r: QueueRow): HTMLElement {
  if (!r.sla) return el("span", "c-age num", String(r.age_days));
  const cell = tid(el("span", r.sla.over ? "c-age num sla-over" : "c-age num", t(`sla.${r.sla.unit}`, { n: r.sla.age })), "queue-age");
  cell.dataset.over = String(r.sla.over);
  cell.dataset.unit = r.sla.unit;
  if (r.sla.over) cell.title = t("sla.over");
  return cell;
}

interface Picking {
  picked(): ReadonlySet<string>;
  toggle(id: string): void;
}

function renderRow(
  r: QueueRow | undefined,
  index: number,
  selected: boolean,
  open: (i: number) => void,
  pick: (i: number) => void,
  picking: Picking | null,
): HTMLElement {
  const row = tid(el("div", "queue-row"), "queue-row");
  row.dataset.index = String(index);
  if (selected) row.classList.add("selected");
  row.setAttribute("aria-selected", String(selected));
  if (!r) {
    row.classList.add("loading");
    row.append(el("span", "c-id", "…"));
    return row;
  }
  row.dataset.registrationId = r.registration_id;
  if (picking) {
    const box = tid(el("input", "c-pick"), "queue-pick");
    box.type = "checkbox";
    box.checked = picking.picked().has(r.registration_id);
    box.title = t("batch.pick");
    box.addEventListener("click", (event) => {
      event.stopPropagation();
      picking.toggle(r.registration_id);
    });
    row.append(box);
    row.classList.toggle("picked", box.checked);
  }
  row.append(
    el("span", "c-id mono", r.registration_id),
    titled("c-customer", r.customer_name),
    titled("c-partner", r.partner),
    el("span", "c-region", r.region ?? "—"),
    el("span", "c-submitted", formatDate(r.submitted_at)),
    ageCell(r),
    el("span", "c-outcome", outcomeBadge(r.outcome), ...(r.status && r.status !== "proposed" ? [statusMark(r.status)] : [])),
    titled("c-match", r.top_match_name ?? "—"),
    el("span", "c-score num", r.top_score === null ? "—" : r.top_score.toFixed(2)),
  );
  row.title = r.customer_name;
  row.addEventListener("click", () => pick(index));
  row.addEventListener("dblclick", () => open(index));
  return row;
}

/** The queue screen: the inbox's tabs, or every registration with filters. */
export function queueScreen(ctx: Ctx): Screen {
  if (!restored) {
    filters = { ...DEFAULTS, ...(loadKept<Partial<QueueFilters>>("filters") ?? {}) };
    restored = true;
  }
  let inbox: Inbox | null = null;
  let view: View = "all";
  const tabView = () => inbox?.tabs.find((x) => x.tab === view) ?? null;
  const saveFilters = () => keep("filters", filters);

  const totalText = tid(el("span", "total"), "queue-total");
  const empty = tid(el("p", "empty"), "queue-empty");
  empty.hidden = true;
  const batch = createBatch(
    ctx,
    () => {
      const ids: string[] = [];
      for (let i = 0; i < list.total(); i++) {
        const item = list.item(i);
        if (item) ids.push(item.registration_id);
      }
      return ids;
    },
    () => {
      list.reload();
      void loadInbox();
    },
    () => list.redraw(),
  );
  const picking = (): Picking | null => (view === "proposals" ? batch : null);
  const list = createVirtualList<QueueRow>({
    rowHeight: ROW_HEIGHT,
    pageSize: PAGE_SIZE,
    fetch: (offset, limit) => {
      const tab = tabView();
      return backend.queue(tab?.query ? tabQuery(tab, filters, offset, limit) : buildQuery(filters, offset, limit));
    },
    renderRow: (item, index, selected) => renderRow(item, index, selected, open, (i) => list.select(i), picking()),
    onTotal: (n) => {
      totalText.textContent = t("queue.total", { n: formatNumber(n) });
      empty.hidden = n > 0;
      if (selection >= 0 && list.selected() < 0) list.select(Math.min(selection, n - 1));
    },
    onError: (reason) => ctx.fail(t("queue.title"), reason),
  });
  list.root.classList.add("queue-list");
  totalText.textContent = t("queue.total", { n: 0 });

  function open(index: number, focus?: string): void {
    const item = list.item(index);
    selection = index;
    if (item) ctx.navigate("review", item.registration_id, focus);
  }
  const changed = (keepSelection = false): void => {
    if (!keepSelection) selection = -1;
    saveFilters();
    totalText.textContent = t("queue.total", { n: 0 });
    empty.hidden = true;
    list.reset();
    renderHeader();
  };

  // Filters
  const outcome = tid(select([["", t("common.all")], ...outcomeOptions(OUTCOMES)], filters.outcome), "queue-filter-outcome");
  const status = tid(select([["", t("common.all")], ["pending", t("queue.pending")], ["decided", t("queue.decided")]], filters.status), "queue-filter-status");
  const region = tid(select([["", t("common.all")]], ""), "queue-filter-region");
  const partner = tid(select([["", t("common.all")]], ""), "queue-filter-partner");
  const from = tid(dateInput(filters.from, t("date.placeholder")), "queue-filter-from");
  const to = tid(dateInput(filters.to, t("date.placeholder")), "queue-filter-to");
  const search = tid(input("search", filters.search, t("queue.searchPlaceholder")), "queue-search");
  const bind = (control: HTMLInputElement | HTMLSelectElement, key: "outcome" | "status" | "region" | "partner" | "from" | "to") =>
    control.addEventListener("change", () => {
      if (control instanceof HTMLInputElement && control.classList.contains("date") && control.value.trim() && !isDate(control.value)) {
        control.setCustomValidity(t("date.invalid"));
        control.reportValidity?.();
        return;
      }
      if (control instanceof HTMLInputElement) control.setCustomValidity("");
      filters = { ...filters, [key]: control.value.trim() };
      changed();
    });
  bind(outcome, "outcome");
  bind(status, "status");
  bind(region, "region");
  bind(partner, "partner");
  bind(from, "from");
  bind(to, "to");
  const searchChanged = debounce(() => {
    if (filters.search === search.value) return;
    filters = { ...filters, search: search.value };
    changed();
  }, 250);
  search.addEventListener("input", searchChanged);

  void attempt(ctx, t("queue.title"), backend.queueFacets).then((facets) => {
    if (!facets) return;
    const fill = (s: HTMLSelectElement, values: string[], value: string) => {
      for (const v of values) s.append(Object.assign(el("option", undefined, v), { value: v }));
      s.value = value;
    };
    fill(region, facets.regions, filters.region);
    fill(partner, facets.partners, filters.partner);
  });
  // The fields a tab decides itself (its outcomes and status) are the "all" view's only.
  const allOnly = [field(t("queue.outcome"), outcome), field(t("queue.status"), status), field(t("queue.from"), from), field(t("queue.to"), to)];

  // Column headers
  const header = el("div", "queue-header");
  function renderHeader(): void {
    const inTab = view !== "all";
    header.replaceChildren(
      ...(picking() ? [el("span", "c-pick")] : []),
      ...COLUMNS.map((c) => {
        const cell = el("span", c.cls, t(c.key));
        if (c.sort && !inTab) {
          const sort = c.sort;
          cell.classList.add("sortable");
          cell.dataset.sort = sort;
          if (filters.sort === sort) {
            cell.classList.add("sorted");
            cell.append(filters.desc ? " ▼" : " ▲");
            cell.setAttribute("aria-sort", filters.desc ? "descending" : "ascending");
          }
          cell.addEventListener("click", () => {
            filters = { ...filters, sort, desc: filters.sort === sort ? !filters.desc : false };
            changed();
          });
        }
        return cell;
      }),
    );
  }
  renderHeader();

  // Tabs: the inbox's, then all registrations; the last one chosen is kept.
  const tabsSlot = el("div", "tabs-slot");
  const adminSlot = el("div", "first-admin-slot");
  const disputesSlot = el("div", "disputes-slot");
  const table = el("div", "queue-table", header, list.root);
  const filterRow = el("div", "filters", ...allOnly, field(t("queue.region"), region), field(t("queue.partner"), partner), field(t("common.search"), search, "field grow"));
  const showView = (next: View, first = false): void => {
    view = next;
    keep("view", view);
    tabsSlot.replaceChildren(renderTabs(inbox, view, (v) => showView(v)));
    const disputes = view === "disputes";
    table.hidden = disputes;
    filterRow.hidden = disputes;
    for (const f of allOnly) f.hidden = view !== "all";
    batch.root.hidden = view !== "proposals";
    table.classList.toggle("picking", view === "proposals");
    disputesSlot.hidden = !disputes;
    if (disputes) {
      empty.hidden = true;
      totalText.textContent = "";
      void attempt(ctx, t("inbox.tab.disputes"), backend.inboxDisputes).then((list) => {
        if (list && view === "disputes") disputesSlot.replaceChildren(renderDisputes(ctx, list));
      });
      return;
    }
    empty.textContent = view === "all" ? t("queue.empty") : t(`inbox.empty.${view}`);
    changed(first);
  };
  async function loadInbox(): Promise<void> {
    try {
      inbox = await backend.inbox();
    } catch (reason) {
      ctx.fail(t("queue.title"), reason);
      inbox = null;
    }
    tabsSlot.replaceChildren(renderTabs(inbox, view, (v) => showView(v)));
    adminSlot.replaceChildren(...(inbox?.needs_admin ? [renderFirstAdmin(ctx, () => void loadInbox())] : []));
  }

  // Re-check with progress
  const progressSlot = el("div", "progress-slot");
  const recheck = button(t("queue.recheck"), async () => {
    recheck.disabled = true;
    const bar = renderProgress(() => void attempt(ctx, t("queue.cancel"), backend.cancelJob));
    progressSlot.replaceChildren(bar.root);
    const result = await attempt(ctx, t("queue.recheck"), () => backend.recheck(null, bar.update));
    progressSlot.replaceChildren();
    recheck.disabled = false;
    if (result) {
      ctx.notify(t("queue.recheckDone", { checked: result.checked, skipped: result.skipped_final }));
      list.reload();
      void loadInbox();
    }
  });
  recheck.dataset.testid = "queue-recheck";

  // Keyboard triage
  const help = keysHelp();
  const onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (view === "disputes" && event.key !== "?") return;
    const at = list.selected();
    switch (event.key) {
      case "j":
      case "ArrowDown":
        list.select(at + 1);
        break;
      case "k":
      case "ArrowUp":
        list.select(at <= 0 ? 0 : at - 1);
        break;
      case "PageDown":
        void list.jump(Math.max(0, at) + list.visibleRows());
        break;
      case "PageUp":
        void list.jump(Math.max(0, at - list.visibleRows()));
        break;
      case "Home":
        void list.jump(0);
        break;
      case "End":
        void list.jump(list.total() - 1);
        break;
      case "?":
        help.toggle();
        break;
      case "Escape":
        if (!help.root.hidden) help.toggle();
        else return;
        break;
      case " ": {
        const item = list.item(at);
        if (!item || view !== "proposals") return;
        batch.toggle(item.registration_id);
        break;
      }
      case "Enter":
        open(at);
        break;
      case "a": {
        const item = list.item(at);
        if (!item) return;
        void attempt(ctx, t("review.accept"), () => backend.accept(item.registration_id)).then((d) => {
          if (!d) return;
          ctx.notify(t("queue.accepted", { id: item.registration_id }));
          list.reload();
          list.select(at + 1);
          void loadInbox();
        });
        break;
      }
      case "o":
        open(at, "override");
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  document.addEventListener("keydown", onKey);

  const root = tid(
    el(
      "section",
      "screen queue",
      el("div", "screen-title", el("h2", undefined, t("queue.title")), totalText, el("span", "spacer"), recheck),
      progressSlot,
      adminSlot,
      tabsSlot,
      drillChip(changed),
      filterRow,
      batch.root,
      table,
      empty,
      disputesSlot,
      help.root,
      el("p", "help", t("queue.help"), " · ", t("keys.help")),
    ),
    "screen-queue",
  );
  batch.root.hidden = true;
  disputesSlot.hidden = true;
  void loadInbox().then(() => showView(initialView(inbox, loadKept<View>("view")), true));
  return {
    root,
    dispose: () => {
      batch.flush();
      document.removeEventListener("keydown", onKey);
    },
    refresh: () => {
      list.reload();
      void loadInbox();
    },
  };
}
