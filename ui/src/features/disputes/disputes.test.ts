// Disputes tests: both sides shown, overdue rows flagged, ruling sends outcome and rationale, open-only filter.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { DisputeView } from "../../backend";
import { all, baseHandlers, byId, decisionOf, edit, REGISTRATION, start, waitFor } from "../../testing";

afterEach(() => clearMocks());

function dispute(id: number, overdue: boolean): DisputeView {
  return {
    dispute: {
    id,
    registration_id: `R000${id}`,
    decision_id: 1,
    region: "华东",
    opened_by: "wang.qudao",
    claim: `claim ${id}: 我们先接触的客户`,
    opened_at: "2026-11-10T09:00:00",
    due_at: "2026-11-15T09:00:00",
    status: "open",
    ruled_by: null,
    ruling: null,
    rationale: null,
    ruled_at: null,
    },
    overdue,
    days_open: overdue ? 13 : 1,
    registration: { ...REGISTRATION, registration_id: `R000${id}` },
    decision: decisionOf({ registration_id: `R000${id}`, summary: "华东头部客户" }),
    escalated: false,
    contested: null,
    contested_version: null,
    counterpart: null,
  };
}

describe("the disputes screen", () => {
  it("lists disputes with both sides and marks only the overdue ones", async () => {
    const { root, calls } = await start({ ...baseHandlers(), disputes: () => [dispute(1, true), dispute(2, false)] });
    byId(root, "nav-disputes").click();
    await waitFor(() => expect(all(root, "dispute-row")).toHaveLength(2));
    const [first, second] = all(root, "dispute-row");
    expect(first?.dataset.disputeId).toBe("1");
    expect(first?.dataset.overdue).toBe("true");
    expect(second?.hasAttribute("data-overdue")).toBe(false);
    expect(first?.textContent).toContain("claim 1");
    expect(first?.textContent).toContain("华东头部客户");
    expect(first?.textContent).toContain("区域直营头部客户，归直销");
    expect(first?.textContent).not.toContain("1-head-account");
    expect(calls.find((c) => c.command === "disputes")?.payload).toEqual({ openOnly: true });
  });

  it("rules the clicked dispute with the chosen outcome and a required rationale", async () => {
    const { root, calls } = await start({ ...baseHandlers(), disputes: () => [dispute(1, true), dispute(2, false)], rule_dispute: () => ({}) });
    byId(root, "nav-disputes").click();
    await waitFor(() => expect(all(root, "dispute-row")).toHaveLength(2));
    all(root, "dispute-row")[1]!.click();
    expect(all(root, "dispute-rule-submit")).toHaveLength(1);
    expect(all(root, "dispute-row")[1]!.contains(byId(root, "dispute-rule-submit"))).toBe(true);
    expect(byId<HTMLButtonElement>(root, "dispute-rule-submit").disabled).toBe(true);
    edit(byId<HTMLSelectElement>(root, "dispute-rule-outcome"), "co_sell");
    edit(byId<HTMLTextAreaElement>(root, "dispute-rationale"), "双方一起更能打赢");
    byId(root, "dispute-rule-submit").click();
    await waitFor(() => expect(calls.find((c) => c.command === "rule_dispute")?.payload).toEqual({
      disputeId: 2, outcome: "co_sell", rationale: "双方一起更能打赢",
    }));
    await waitFor(() => expect(calls.filter((c) => c.command === "disputes")).toHaveLength(2));
    // The notice names the ruling, not an empty outcome.
    expect(root.textContent).toContain("已裁决：项目合作");
  });

  it("asks for every dispute when 'open only' is cleared", async () => {
    const { root, calls } = await start({ ...baseHandlers(), disputes: () => [] });
    byId(root, "nav-disputes").click();
    const box = byId<HTMLInputElement>(root, "disputes-open-only");
    box.checked = false;
    box.dispatchEvent(new Event("change"));
    await waitFor(() => expect(calls.filter((c) => c.command === "disputes").map((c) => c.payload.openOnly)).toEqual([true, false]));
  });
});
