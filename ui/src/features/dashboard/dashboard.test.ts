// Dashboard tests: bars per outcome and partner, monthly columns filtered by region, KPIs, expiring protections open the review.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { DashboardView } from "../../backend";
import { baseHandlers, byId, edit, start, waitFor } from "../../testing";

afterEach(() => clearMocks());

const DASH: DashboardView = {
  figures: {
  by_outcome: [{ outcome: "approved", count: 40 }, { outcome: "co_sell", count: 10 }],
  by_region_month: [
    { region: "华东", month: "2026-10", outcome: "approved", count: 5 },
    { region: "华北", month: "2026-10", outcome: "approved", count: 2 },
    { region: "华东", month: "2026-11", outcome: "co_sell", count: 3 },
  ],
  conflict_rate_by_partner: [
    { partner: "甲伙伴", registrations: 10, conflicts: 1, rate: 0.1 },
    { partner: "乙伙伴", registrations: 4, conflicts: 2, rate: 0.5 },
  ],
  median_hours_to_decision: 5.25,
  expiring_soon: [{ registration_id: "R0009", customer_name: "某某科技", partner: "甲伙伴", protection_until: "2026-12-01" }],
  },
  open_disputes: 3,
  overdue_disputes: 1,
};

describe("the dashboard", () => {
  it("draws the charts and figures from the dashboard command", async () => {
    const { root } = await start({ ...baseHandlers(), dashboard: () => DASH, review: () => new Promise(() => {}) });
    byId(root, "nav-dashboard").click();
    await waitFor(() => expect(root.querySelectorAll("svg.chart")).toHaveLength(3));
    const bars = [...root.querySelectorAll<SVGGElement>("svg.bars g")];
    expect(bars.map((g) => g.getAttribute("data-label"))).toEqual(["通过（转伙伴）", "项目合作", "乙伙伴", "甲伙伴"]);
    expect(root.textContent).toContain("50.0% (2/4)");
    const months = () => [...root.querySelectorAll<SVGGElement>("svg.columns g")].map((g) => [g.getAttribute("data-month"), g.getAttribute("data-total")]);
    expect(months()).toEqual([["2026-10", "7"], ["2026-11", "3"]]);
    edit(byId<HTMLSelectElement>(root, "dashboard-region"), "华北");
    expect(months()).toEqual([["2026-10", "2"], ["2026-11", "0"]]);
    expect(root.textContent).toContain("5.3 小时");
    expect(byId(root, "dashboard-disputes").textContent).toContain("其中超期 1");
    root.querySelector<HTMLElement>(".dashboard-body tr.clickable")!.click();
    expect(root.querySelector('[data-testid="screen-review"]')).not.toBeNull();
  });
});
