// The dashboard: every figure defined in words on screen, drawn with ECharts, and every bar, slice and number opening the queue on exactly what it counts.
//
// ECharts (`echarts/core` with only the parts used, `charts.ts`) is a chunk loaded with the screen's data; every
// slice, bar and number opens the queue through `openQueueFiltered` (queue/queue.ts).
import * as backend from "../../backend";
import { OUTCOMES, type Dashboard, type DashboardView, type Outcome } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { el, field, row, select, table, tid } from "../../dom";
import { formatNumber, outcomeLabel } from "../../format";
import { t } from "../../i18n";
import { openQueueFiltered, type Drill, type QueueFilters } from "../queue/queue";
import type { StackSeries } from "./charts";
import { OUTCOME_COLORS } from "./colors";

/** The chart module, loaded with the screen's data: ECharts stays out of the main bundle. */
type Charts = typeof import("./charts");

/** The most partners the partner chart draws (highest duplicate rate first). */
export const PARTNERS_SHOWN = 40;

/** A chart to let go of when the screen is left. */
interface Disposable {
  dispose(): void;
}

/** The queue filters and drill-down of one figure. */
interface Door {
  set: Partial<Omit<QueueFilters, "drill">>;
  drill: Drill;
}

function card(title: string, definition: string, ...body: (Node | string)[]): HTMLElement {
  return el("section", "card", el("h3", undefined, title), el("p", "definition", definition), ...body);
}

/** A number that opens the queue (or another screen) when clicked. */
function door(text: string, open: () => void, testid: string): HTMLButtonElement {
  const b = tid(el("button", "door", text), testid);
  b.type = "button";
  b.addEventListener("click", open);
  return b;
}

function swatch(outcome: Outcome): HTMLElement {
  const i = el("i", "swatch");
  i.style.background = OUTCOME_COLORS[outcome];
  return i;
}

/** `YYYY-MM` → its first and last day. */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, "0")}`];
}

/** Every month from the first to the last given, so a month without registrations shows as empty, not missing. */
export function monthSpan(months: string[]): string[] {
  const sorted = [...new Set(months)].sort();
  if (sorted.length === 0) return [];
  const out: string[] = [];
  let [y, m] = sorted[0]!.split("-").map(Number) as [number, number];
  const end = sorted[sorted.length - 1]!;
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

const label = (...parts: string[]) => parts.filter(Boolean).join(" · ");

function kpis(ctx: Ctx, d: Dashboard, go: (door: Door) => void): HTMLElement {
  const checked = d.by_outcome.reduce((s, o) => s + o.count, 0);
  const median = d.median_hours_to_decision;
  const kpi = (caption: string, def: string, ...body: Node[]) => el("div", "card kpi", el("span", "caption", caption), ...body, el("span", "definition", def));
  return el(
    "div",
    "kpis",
    kpi(
      t("dashboard.checked"),
      t("dashboard.checkedDef"),
      door(formatNumber(checked), () => go({ set: {}, drill: { label: t("dashboard.drill.checked"), checked: true } }), "dashboard-checked"),
      door(t("dashboard.unchecked", { n: formatNumber(d.unchecked) }), () => go({ set: {}, drill: { label: t("dashboard.drill.unchecked"), checked: false } }), "dashboard-unchecked"),
    ),
    kpi(
      t("dashboard.median"),
      t("dashboard.medianDef", { n: formatNumber(d.person_decided) }),
      door(median === null ? "—" : t("dashboard.hours", { n: median.toFixed(1) }), () => go({ set: {}, drill: { label: t("dashboard.drill.decided"), person_decided: true } }), "dashboard-median"),
    ),
    tid(
      kpi(
        t("dashboard.openDisputes"),
        t("dashboard.openDisputesDef"),
        door(String(d.open_disputes), () => ctx.navigate("disputes"), "dashboard-open-disputes"),
        el("span", d.overdue_disputes ? "stale-warning" : "muted", t("dashboard.overdue", { n: d.overdue_disputes })),
      ),
      "dashboard-disputes",
    ),
    kpi(
      t("dashboard.expiring"),
      t("dashboard.expiringDef"),
      door(formatNumber(d.expiring_total), () => go(expiringDoor(d)), "dashboard-expiring"),
    ),
  );
}

function expiringDoor(d: Dashboard): Door {
  return {
    set: {},
    drill: { label: t("dashboard.drill.expiring", { from: d.expiring_from, to: d.expiring_until }), protection_from: d.expiring_from, protection_to: d.expiring_until },
  };
}

function outcomesCard(C: Charts, d: Dashboard, go: (door: Door) => void, charts: Disposable[]): HTMLElement {
  if (d.by_outcome.length === 0) return card(t("dashboard.byOutcome"), t("dashboard.byOutcomeDef"), el("p", "empty", t("dashboard.noData")));
  const slices = d.by_outcome.map((o) => ({ outcome: o.outcome, label: outcomeLabel(o.outcome), count: o.count }));
  const open = (o: Outcome) => go({ set: { outcome: o }, drill: { label: outcomeLabel(o) } });
  const chart = C.mountChart({ ...C.outcomePie(slices), legend: { show: false } }, 260, (hit) => {
    if (hit.kind === "item") open(slices[hit.index]!.outcome);
  });
  charts.push(chart);
  const list = el(
    "ul",
    "outcome-list",
    ...slices.map((s) => {
      const b = door(formatNumber(s.count), () => open(s.outcome), "dashboard-outcome");
      b.dataset.outcome = s.outcome;
      return el("li", undefined, swatch(s.outcome), el("span", undefined, s.label), b);
    }),
  );
  return tid(card(t("dashboard.byOutcome"), t("dashboard.byOutcomeDef"), el("div", "outcome-split", tid(chart.root, "dashboard-outcome-chart"), list)), "dashboard-outcomes");
}

function monthsCard(C: Charts, d: Dashboard, go: (door: Door) => void, charts: Disposable[]): HTMLElement {
  const regions = [...new Set(d.by_region_month.map((r) => r.region))].filter(Boolean).sort();
  const months = monthSpan(d.by_region_month.map((r) => r.month));
  const region = tid(select([["", t("common.all")], ...regions.map((r): [string, string] => [r, r])], ""), "dashboard-region");
  const slot = tid(el("div", "chart-slot"), "dashboard-months");
  let chart: ReturnType<Charts["mountChart"]> | undefined;
  const draw = () => {
    chart?.dispose();
    chart = undefined;
    if (months.length === 0) return slot.replaceChildren(el("p", "empty", t("dashboard.noData")));
    const rows = d.by_region_month.filter((r) => !region.value || r.region === region.value);
    const series: StackSeries[] = OUTCOMES.filter((o) => rows.some((r) => r.outcome === o)).map((o) => ({
      outcome: o,
      label: outcomeLabel(o),
      values: months.map((m) => rows.filter((r) => r.month === m && r.outcome === o).reduce((s, r) => s + r.count, 0)),
    }));
    const inMonth = (m: string, o?: Outcome): Door => {
      const [from, to] = monthRange(m);
      return { set: { region: region.value, from, to, ...(o ? { outcome: o } : {}) }, drill: { label: label(region.value, m, o ? outcomeLabel(o) : ""), checked: true } };
    };
    chart = C.mountChart(C.stackedColumns(months, series), 320, (hit) => {
      if (hit.kind === "item") go(inMonth(months[hit.index]!, series[hit.series]!.outcome));
      else go(inMonth(hit.value));
    });
    slot.dataset.totals = months.map((m, i) => `${m}=${series.reduce((s, x) => s + (x.values[i] ?? 0), 0)}`).join(",");
    slot.replaceChildren(chart.root);
  };
  region.addEventListener("change", draw);
  draw();
  charts.push({ dispose: () => chart?.dispose() });
  return card(t("dashboard.byRegion"), t("dashboard.byRegionDef"), el("div", "form-row", field(t("queue.region"), region)), slot);
}

function partnersCard(C: Charts, d: Dashboard, go: (door: Door) => void, charts: Disposable[]): HTMLElement {
  const def = t("dashboard.byPartnerDef", { n: PARTNERS_SHOWN });
  if (d.by_partner.length === 0) return card(t("dashboard.byPartner"), def, el("p", "empty", t("dashboard.noData")));
  const shown = d.by_partner.slice(0, PARTNERS_SHOWN);
  const rate = (p: (typeof shown)[number]) => `${(p.duplicate_rate * 100).toFixed(1)}%`;
  const count = (p: (typeof shown)[number], o: Outcome) => p.by_outcome.find((c) => c.outcome === o)?.count ?? 0;
  const series: StackSeries[] = OUTCOMES.filter((o) => shown.some((p) => count(p, o) > 0)).map((o) => ({
    outcome: o,
    label: outcomeLabel(o),
    values: shown.map((p) => count(p, o)),
  }));
  const partnerDoor = (partner: string, o?: Outcome): Door =>
    o ? { set: { partner, outcome: o }, drill: { label: label(partner, outcomeLabel(o)) } } : { set: { partner }, drill: { label: label(partner, t("dashboard.drill.checked")), checked: true } };
  const byName = new Map(shown.map((p) => [p.partner, p]));
  const chart = C.mountChart(
    C.stackedBars(shown.map((p) => p.partner), series, (name) => `${name}  ${byName.has(name) ? rate(byName.get(name)!) : ""}`),
    64 + shown.length * 24,
    (hit) => {
      if (hit.kind === "item") go(partnerDoor(shown[hit.index]!.partner, series[hit.series]!.outcome));
      else go(partnerDoor(hit.value));
    },
  );
  charts.push(chart);
  const rows = shown.map((p) => {
    const tr = row(
      door(p.partner, () => go(partnerDoor(p.partner)), "dashboard-partner-name"),
      door(formatNumber(p.checked), () => go(partnerDoor(p.partner)), "dashboard-partner-checked"),
      door(formatNumber(p.duplicates), () => go(partnerDoor(p.partner, "duplicate")), "dashboard-partner-duplicates"),
      rate(p),
    );
    tr.dataset.partner = p.partner;
    return tid(tr, "dashboard-partner");
  });
  return tid(
    card(
      t("dashboard.byPartner"),
      def,
      ...(d.by_partner.length > shown.length ? [el("p", "muted", t("dashboard.partnersShown", { shown: shown.length, total: d.by_partner.length }))] : []),
      tid(chart.root, "dashboard-partner-chart"),
      el("div", "partner-table", table([t("dashboard.col.partner"), t("dashboard.col.checked"), t("dashboard.col.duplicates"), t("dashboard.col.rate")], rows)),
    ),
    "dashboard-partners",
  );
}

function expiringCard(ctx: Ctx, d: Dashboard): HTMLElement {
  const rows = d.expiring_soon.map((e) => {
    const tr = row(e.registration_id, e.customer_name, e.partner, e.protection_until);
    tr.classList.add("clickable");
    tr.addEventListener("click", () => ctx.navigate("review", e.registration_id));
    return tr;
  });
  return card(
    t("dashboard.expiring"),
    t("dashboard.expiringDef"),
    rows.length ? table([t("queue.col.id"), t("queue.col.customer"), t("queue.col.partner"), t("review.protection")], rows) : el("p", "empty", t("common.none")),
  );
}

function render(C: Charts, ctx: Ctx, d: Dashboard, charts: Disposable[]): HTMLElement[] {
  const go = (x: Door) => openQueueFiltered(ctx, x.set, x.drill);
  return [
    el("p", "help", t("dashboard.clickHint")),
    kpis(ctx, d, go),
    el("div", "dash-grid", outcomesCard(C, d, go, charts), expiringCard(ctx, d)),
    monthsCard(C, d, go, charts),
    partnersCard(C, d, go, charts),
  ];
}

/** The command's nested figures as one flat record (a flat answer passes through). */
export function flattenDashboard(view: DashboardView | Dashboard): Dashboard {
  if (!("figures" in view)) return view;
  const { figures, ...rest } = view;
  return { ...figures, ...rest };
}

export function dashboardScreen(ctx: Ctx): Screen {
  const body = el("div", "dashboard-body", el("p", "loading", t("app.loading")));
  const charts: Disposable[] = [];
  void attempt(ctx, t("dashboard.title"), () => Promise.all([backend.dashboard(), import("./charts")])).then((got) => {
    if (got) body.replaceChildren(...render(got[1], ctx, flattenDashboard(got[0]), charts));
    else body.replaceChildren();
  });
  return {
    root: tid(el("section", "screen dashboard", el("div", "screen-title", el("h2", undefined, t("dashboard.title"))), body), "screen-dashboard"),
    dispose: () => charts.forEach((c) => c.dispose()),
  };
}
