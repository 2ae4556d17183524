// The registration queue: filters, sortable columns, debounced search, a virtualised list and keyboard triage.
import * as backend from "../../backend";
import { OUTCOMES, type Outcome, type QueueQuery, type QueueRow, type QueueSort } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, dateInput, debounce, el, field, input, isDate, select, tid } from "../../dom";
import { formatDate, formatNumber, outcomeBadge, outcomeOptions, statusLabel } from "../../format";
import { t, type Key } from "../../i18n";
import { renderProgress } from "../progress/progress";
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

/** Forgets the kept filters (tests). */
export function resetQueueFilters(): void {
  filters = { ...DEFAULTS };
  selection = -1;
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

function renderRow(r: QueueRow | undefined, index: number, selected: boolean, open: (i: number) => void, pick: (i: number) => void): HTMLElement {
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
  row.append(
    el("span", "c-id mono", r.registration_id),
    titled("c-customer", r.customer_name),
    titled("c-partner", r.partner),
    el("span", "c-region", r.region ?? "—"),
    el("span", "c-submitted", formatDate(r.submitted_at)),
    el("span", "c-age num", String(r.age_days)),
    el("span", "c-outcome", outcomeBadge(r.outcome), ...(r.status && r.status !== "proposed" ? [statusMark(r.status)] : [])),
    titled("c-match", r.top_match_name ?? "—"),
    el("span", "c-score num", r.top_score === null ? "—" : r.top_score.toFixed(2)),
  );
  row.title = r.customer_name;
  row.addEventListener("click", () => pick(index));
  row.addEventListener("dblclick", () => open(index));
  return row;
}

/** The queue screen. */
export function queueScreen(ctx: Ctx): Screen {
  const totalText = tid(el("span", "total"), "queue-total");
  const list = createVirtualList<QueueRow>({
    rowHeight: ROW_HEIGHT,
    pageSize: PAGE_SIZE,
    fetch: (offset, limit) => backend.queue(buildQuery(filters, offset, limit)),
    renderRow: (item, index, selected) => renderRow(item, index, selected, open, (i) => list.select(i)),
    onTotal: (n) => {
      totalText.textContent = t("queue.total", { n: formatNumber(n) });
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
  const changed = (): void => {
    selection = -1;
    totalText.textContent = t("queue.total", { n: 0 });
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

  // Column headers
  const header = el("div", "queue-header");
  function renderHeader(): void {
    header.replaceChildren(
      ...COLUMNS.map((c) => {
        const cell = el("span", c.cls, t(c.key));
        if (c.sort) {
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
    }
  });
  recheck.dataset.testid = "queue-recheck";

  // Keyboard triage
  const onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
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
      drillChip(changed),
      el(
        "div",
        "filters",
        field(t("queue.outcome"), outcome),
        field(t("queue.status"), status),
        field(t("queue.region"), region),
        field(t("queue.partner"), partner),
        field(t("queue.from"), from),
        field(t("queue.to"), to),
        field(t("common.search"), search, "field grow"),
      ),
      el("div", "queue-table", header, list.root),
      el("p", "help", t("queue.help")),
    ),
    "screen-queue",
  );
  list.reset();
  return { root, dispose: () => document.removeEventListener("keydown", onKey), refresh: () => list.reload() };
}
