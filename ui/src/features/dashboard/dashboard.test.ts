// Dashboard tests: each figure against a hand-counted fixture, its definition on screen, and every number, slice and bar opening the queue filtered to it.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import * as echarts from "echarts/core";
import type { DashboardView, QueueQuery } from "../../backend";
import { all, baseHandlers, byId, edit, start, waitFor, type Call } from "../../testing";
import { monthRange, monthSpan, PARTNERS_SHOWN } from "./dashboard";
import { OUTCOME_COLORS } from "./colors";

afterEach(() => clearMocks());

const A = "甲伙伴";
const B = "乙伙伴";
const C = "丙伙伴";

/**
 * Hand-counted: eight registrations, seven checked.
 * A: approved 1, co_sell 1, direct_retained 1 → checked 3, duplicates 0 (0%; "conflicts" once said 67%).
 * B: duplicate 2, approved 1 → checked 3, duplicates 2 (66.7%).   C: review 1 → checked 1, 0%.
 * Months: 华东 2026-01 approved 1 co_sell 1; 华北 2026-02 direct_retained 1 duplicate 1; 华东 2026-02 duplicate 1;
 * 华东 2026-03 approved 1; 华北 2026-03 review 1 (2026-01..03 → 2, 3, 2).
 */
const DASH: DashboardView = {
  figures: {
    by_outcome: [
      { outcome: "approved", count: 2 },
      { outcome: "co_sell", count: 1 },
      { outcome: "direct_retained", count: 1 },
      { outcome: "duplicate", count: 2 },
      { outcome: "review", count: 1 },
    ],
    unchecked: 1,
    by_region_month: [
      { region: "华东", month: "2026-01", outcome: "approved", count: 1 },
      { region: "华东", month: "2026-01", outcome: "co_sell", count: 1 },
      { region: "华东", month: "2026-02", outcome: "duplicate", count: 1 },
      { region: "华东", month: "2026-03", outcome: "approved", count: 1 },
      { region: "华北", month: "2026-02", outcome: "direct_retained", count: 1 },
      { region: "华北", month: "2026-02", outcome: "duplicate", count: 1 },
      { region: "华北", month: "2026-03", outcome: "review", count: 1 },
    ],
    by_partner: [
      { partner: B, checked: 3, by_outcome: [{ outcome: "approved", count: 1 }, { outcome: "duplicate", count: 2 }], duplicates: 2, duplicate_rate: 2 / 3 },
      { partner: A, checked: 3, by_outcome: [{ outcome: "approved", count: 1 }, { outcome: "co_sell", count: 1 }, { outcome: "direct_retained", count: 1 }], duplicates: 0, duplicate_rate: 0 },
      { partner: C, checked: 1, by_outcome: [{ outcome: "review", count: 1 }], duplicates: 0, duplicate_rate: 0 },
    ],
    median_hours_to_decision: 23,
    person_decided: 3,
    expiring_soon: [{ registration_id: "D1", customer_name: "某某科技", partner: A, protection_until: "2026-04-10" }],
    expiring_total: 2,
  },
  open_disputes: 3,
  overdue_disputes: 1,
  expiring_from: "2026-04-01",
  expiring_until: "2026-05-01",
};

async function open(view: DashboardView = DASH): Promise<{ root: HTMLElement; calls: Call[] }> {
  const started = await start({ ...baseHandlers(), dashboard: () => view, disputes: () => [], dispute_views: () => [], review: () => new Promise(() => {}) });
  byId(started.root, "nav-dashboard").click();
  // The first open loads the chart chunk (ECharts): give it time.
  await waitFor(() => byId(started.root, "dashboard-checked"), { timeout: 15000 });
  return started;
}

/** The last queue query, without paging and sort. */
function lastQuery(calls: Call[]): Partial<QueueQuery> {
  const q = { ...(calls.filter((c) => c.command === "queue").at(-1)!.payload.query as QueueQuery) } as Partial<QueueQuery>;
  delete q.sort;
  delete q.desc;
  delete q.offset;
  delete q.limit;
  return q;
}

async function expectQueue(root: HTMLElement, calls: Call[], query: Partial<QueueQuery>): Promise<void> {
  await waitFor(() => byId(root, "screen-queue"));
  await waitFor(() => expect(lastQuery(calls)).toEqual(query));
  expect(byId(root, "queue-drill").textContent).toContain("来自概览");
}

function chartOf(root: HTMLElement, id: string): echarts.ECharts {
  const box = byId(root, id);
  const chart = echarts.getInstanceByDom(box.classList.contains("chart-box") ? box : box.querySelector<HTMLElement>(".chart-box")!);
  if (!chart) throw new Error(`no chart in ${id}`);
  return chart;
}

/** Clicks a chart's data item the way ECharts reports it. */
function clickItem(chart: echarts.ECharts, seriesIndex: number, dataIndex: number): void {
  (chart as unknown as { trigger(name: string, e: unknown): void }).trigger("click", { componentType: "series", seriesIndex, dataIndex });
}

type Series = { name: string; data: number[]; itemStyle: { color: string } };

describe("the dashboard", () => {
  it("shows each figure as hand-counted, with its definition in words", async () => {
    const { root } = await open();
    expect(byId(root, "dashboard-checked").textContent).toBe("7");
    expect(byId(root, "dashboard-unchecked").textContent).toBe("未查重 1");
    expect(byId(root, "dashboard-median").textContent).toBe("23.0 小时");
    expect(root.textContent).toContain("取 3 条的中位数");
    expect(byId(root, "dashboard-expiring").textContent).toBe("2");
    expect(byId(root, "dashboard-open-disputes").textContent).toBe("3");
    expect(byId(root, "dashboard-disputes").textContent).toContain("其中超期 1");
    expect(all(root, "dashboard-outcome").map((b) => [b.dataset.outcome, b.textContent])).toEqual([
      ["approved", "2"], ["co_sell", "1"], ["direct_retained", "1"], ["duplicate", "2"], ["review", "1"],
    ]);
    // The duplicate rate counts only duplicates: A met direct twice and has none.
    const partners = all(root, "dashboard-partner").map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(partners).toEqual([[B, "3", "2", "66.7%"], [A, "3", "0", "0.0%"], [C, "1", "0", "0.0%"]]);
    const text = root.textContent ?? "";
    for (const words of ["撞单率 = 当前结果为“撞单”", "项目合作与直销保留是伙伴与直销相遇，不算撞单", "每条已查重报备按其当前结果计一次", "按报备月份", "保护期截止日在今天到 30 天后之间"]) {
      expect(text).toContain(words);
    }
  });

  it("draws the charts with ECharts: a slice per outcome, months stacked by outcome, partners by outcome", async () => {
    const { root } = await open();
    const pie = chartOf(root, "dashboard-outcome-chart").getOption() as { series: { data: { name: string; value: number }[] }[] };
    expect(pie.series[0]!.data.map((d) => [d.name, d.value])).toEqual([["通过（转伙伴）", 2], ["项目合作", 1], ["直销保留", 1], ["撞单", 2], ["人工复核", 1]]);
    const months = chartOf(root, "dashboard-months").getOption() as { xAxis: { data: string[] }[]; series: Series[] };
    expect(months.xAxis[0]!.data).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(byId(root, "dashboard-months").dataset.totals).toBe("2026-01=2,2026-02=3,2026-03=2");
    edit(byId<HTMLSelectElement>(root, "dashboard-region"), "华北");
    expect(byId(root, "dashboard-months").dataset.totals).toBe("2026-01=0,2026-02=2,2026-03=1");
    const bars = chartOf(root, "dashboard-partner-chart").getOption() as { yAxis: { data: string[] }[]; series: Series[] };
    expect(bars.yAxis[0]!.data).toEqual([B, A, C]);
    const duplicate = bars.series.find((s) => s.name === "撞单")!;
    expect(duplicate.data).toEqual([2, 0, 0]);
  });

  it("opens the queue filtered to the number clicked", async () => {
    let { root, calls } = await open();
    byId(root, "dashboard-checked").click();
    await expectQueue(root, calls, { checked: true });

    ({ root, calls } = await open());
    all(root, "dashboard-outcome").find((b) => b.dataset.outcome === "duplicate")!.click();
    await expectQueue(root, calls, { outcome: "duplicate" });
    expect(byId<HTMLSelectElement>(root, "queue-filter-outcome").value).toBe("duplicate");

    ({ root, calls } = await open());
    all(root, "dashboard-partner-duplicates")[0]!.click();
    await expectQueue(root, calls, { partner: B, outcome: "duplicate" });

    ({ root, calls } = await open());
    all(root, "dashboard-partner-checked")[2]!.click();
    await expectQueue(root, calls, { partner: C, checked: true });

    ({ root, calls } = await open());
    byId(root, "dashboard-median").click();
    await expectQueue(root, calls, { person_decided: true });

    ({ root, calls } = await open());
    byId(root, "dashboard-expiring").click();
    await expectQueue(root, calls, { protection_from: "2026-04-01", protection_to: "2026-05-01" });
    // Clearing the drill-down leaves the plain queue.
    byId(root, "queue-drill-clear").click();
    await waitFor(() => expect(lastQuery(calls)).toEqual({}));

    ({ root, calls } = await open());
    byId(root, "dashboard-unchecked").click();
    await expectQueue(root, calls, { checked: false });

    ({ root } = await open());
    byId(root, "dashboard-open-disputes").click();
    await waitFor(() => byId(root, "screen-disputes"));
  });

  it("opens the queue filtered to the slice, segment or bar clicked", async () => {
    let { root, calls } = await open();
    clickItem(chartOf(root, "dashboard-outcome-chart"), 0, 3);
    await expectQueue(root, calls, { outcome: "duplicate" });

    ({ root, calls } = await open());
    edit(byId<HTMLSelectElement>(root, "dashboard-region"), "华北");
    // 华北's series: direct_retained (0), duplicate (1), review (2); month 2026-02 is index 1.
    const months = chartOf(root, "dashboard-months");
    expect((months.getOption() as { series: Series[] }).series.map((s) => s.name)).toEqual(["直销保留", "撞单", "人工复核"]);
    clickItem(months, 1, 1);
    await expectQueue(root, calls, { region: "华北", from: "2026-02-01", to: "2026-02-28", outcome: "duplicate", checked: true });

    ({ root, calls } = await open());
    const partners = chartOf(root, "dashboard-partner-chart");
    const names = (partners.getOption() as { series: Series[] }).series.map((s) => s.name);
    clickItem(partners, names.indexOf("项目合作"), 1);
    await expectQueue(root, calls, { partner: A, outcome: "co_sell" });
  });

  it("stays readable at 24 months and 40 partners: every month and partner labelled, colours that differ", async () => {
    const months = Array.from({ length: 24 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
    const partners = Array.from({ length: 45 }, (_, i) => `伙伴${String(i).padStart(2, "0")}号科技有限公司`);
    const big: DashboardView = {
      ...DASH,
      figures: {
        ...DASH.figures,
        by_region_month: months.flatMap((month, i) => [
          { region: "华东", month, outcome: "approved" as const, count: i + 1 },
          { region: "华东", month, outcome: "duplicate" as const, count: 1 },
          { region: "华东", month, outcome: "review" as const, count: 2 },
          { region: "华东", month, outcome: "needs_info" as const, count: 1 },
        ]).filter((r) => r.month !== "2025-06"),
        by_partner: partners.map((partner, i) => ({ partner, checked: 10, by_outcome: [{ outcome: "approved" as const, count: 10 - (i % 5) }, { outcome: "duplicate" as const, count: i % 5 }], duplicates: i % 5, duplicate_rate: (i % 5) / 10 })),
      },
    };
    const { root } = await open(big);
    const m = chartOf(root, "dashboard-months").getOption() as { xAxis: { data: string[]; axisLabel: { interval: number; rotate: number } }[]; series: Series[]; legend: unknown[] };
    expect(m.xAxis[0]!.data).toEqual(months); // a month without registrations (2025-06) still has its place
    expect(m.xAxis[0]!.axisLabel).toMatchObject({ interval: 0, rotate: 45 });
    expect(m.legend.length).toBe(1);
    const colours = m.series.map((s) => s.itemStyle.color);
    expect(new Set(colours).size).toBe(colours.length);
    const p = chartOf(root, "dashboard-partner-chart").getOption() as { yAxis: { data: string[]; axisLabel: { interval: number } }[] };
    expect(p.yAxis[0]!.data).toHaveLength(PARTNERS_SHOWN);
    expect(p.yAxis[0]!.axisLabel.interval).toBe(0);
    expect(all(root, "dashboard-partner")).toHaveLength(PARTNERS_SHOWN);
    expect(byId(root, "dashboard-partners").textContent).toContain(`显示 ${PARTNERS_SHOWN} / 45 个伙伴`);
    expect(parseInt(byId(root, "dashboard-partner-chart").style.height, 10)).toBeGreaterThanOrEqual(PARTNERS_SHOWN * 20);
  });

  it("gives every outcome its own colour and fills month gaps", () => {
    expect(new Set(Object.values(OUTCOME_COLORS)).size).toBe(6);
    expect(monthSpan(["2025-11", "2026-02"])).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthRange("2024-02")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(monthRange("2026-12")).toEqual(["2026-12-01", "2026-12-31"]);
  });

  it("an expiring protection opens its review", async () => {
    const { root } = await open();
    root.querySelector<HTMLElement>(".dashboard-body tr.clickable")!.click();
    expect(root.querySelector('[data-testid="screen-review"]')).not.toBeNull();
  });
});
