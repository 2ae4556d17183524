// The dashboard: decisions by outcome and by region over time, conflict rate by partner, time to decision, expiring protections, disputes.
import * as backend from "../../backend";
import { OUTCOMES, type Dashboard, type DashboardView } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { el, field, row, select, table, tid } from "../../dom";
import { formatNumber, outcomeLabel } from "../../format";
import { t } from "../../i18n";
import { barChart, OUTCOME_COLORS, stackedColumns } from "./charts";

function card(title: string, ...body: (Node | string)[]): HTMLElement {
  return el("section", "card", el("h3", undefined, title), ...body);
}

function legend(): HTMLElement {
  return el("div", "legend", ...OUTCOMES.map((o) => {
    const swatch = el("i");
    swatch.style.background = OUTCOME_COLORS[o] ?? "#999";
    return el("span", undefined, swatch, outcomeLabel(o));
  }));
}

function byRegionCard(d: Dashboard): HTMLElement {
  const regions = [...new Set(d.by_region_month.map((r) => r.region))].sort();
  const months = [...new Set(d.by_region_month.map((r) => r.month))].sort();
  const region = tid(select([["", t("common.all")], ...regions.map((r): [string, string] => [r, r])], ""), "dashboard-region");
  const slot = el("div", "chart-slot");
  const draw = () => {
    if (months.length === 0) return slot.replaceChildren(el("p", "empty", t("dashboard.noData")));
    const value = (month: string, outcome: string) =>
      d.by_region_month.filter((r) => r.month === month && r.outcome === outcome && (!region.value || r.region === region.value)).reduce((s, r) => s + r.count, 0);
    slot.replaceChildren(stackedColumns(months, OUTCOMES.map((o) => ({ key: o, color: OUTCOME_COLORS[o] ?? "#999" })), value));
  };
  region.addEventListener("change", draw);
  draw();
  return card(t("dashboard.byRegion"), el("div", "form-row", field(t("queue.region"), region)), slot, legend());
}

function render(ctx: Ctx, d: Dashboard): HTMLElement[] {
  const median = d.median_hours_to_decision;
  const kpis = el(
    "div",
    "kpis",
    el("div", "card kpi", el("span", "caption", t("dashboard.median")), el("strong", undefined, median === null ? "—" : t("dashboard.hours", { n: median.toFixed(1) }))),
    tid(el("div", "card kpi", el("span", "caption", t("dashboard.openDisputes")), el("strong", undefined, String(d.open_disputes)), el("span", d.overdue_disputes ? "stale-warning" : "muted", t("dashboard.overdue", { n: d.overdue_disputes }))), "dashboard-disputes"),
    el("div", "card kpi", el("span", "caption", t("dashboard.expiring")), el("strong", undefined, String(d.expiring_soon.length))),
  );
  const outcomes = d.by_outcome.length
    ? barChart(d.by_outcome.map((o) => ({ label: outcomeLabel(o.outcome), value: o.count, text: formatNumber(o.count), color: OUTCOME_COLORS[o.outcome] })))
    : el("p", "empty", t("dashboard.noData"));
  const conflicts = d.conflict_rate_by_partner.length
    ? barChart(
        [...d.conflict_rate_by_partner].sort((a, b) => b.rate - a.rate).slice(0, 15).map((p) => ({
          label: p.partner,
          value: p.rate,
          text: `${(p.rate * 100).toFixed(1)}% (${p.conflicts}/${p.registrations})`,
          color: "#dc2626",
        })),
        1,
      )
    : el("p", "empty", t("dashboard.noData"));
  const expiring = d.expiring_soon.map((e) => {
    const tr = row(e.registration_id, e.customer_name, e.partner, e.protection_until);
    tr.classList.add("clickable");
    tr.addEventListener("click", () => ctx.navigate("review", e.registration_id));
    return tr;
  });
  return [
    kpis,
    el(
      "div",
      "dash-grid",
      card(t("dashboard.byOutcome"), outcomes),
      byRegionCard(d),
      card(t("dashboard.conflict"), conflicts),
      card(
        t("dashboard.expiring"),
        expiring.length ? table([t("queue.col.id"), t("queue.col.customer"), t("queue.col.partner"), t("review.protection")], expiring) : el("p", "empty", t("common.none")),
      ),
    ),
  ];
}

/** The command's nested figures as one flat record (a flat answer passes through). */
export function flattenDashboard(view: DashboardView | Dashboard): Dashboard {
  return "figures" in view ? { ...view.figures, open_disputes: view.open_disputes, overdue_disputes: view.overdue_disputes } : view;
}

export function dashboardScreen(ctx: Ctx): Screen {
  const body = el("div", "dashboard-body", el("p", "loading", t("app.loading")));
  void attempt(ctx, t("dashboard.title"), backend.dashboard).then((d) => body.replaceChildren(...(d ? render(ctx, flattenDashboard(d)) : [])));
  return { root: tid(el("section", "screen dashboard", el("div", "screen-title", el("h2", undefined, t("dashboard.title"))), body), "screen-dashboard") };
}
