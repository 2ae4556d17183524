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

  it("shows the opener's claim beside the contested version and its evidence, and links to the review", async () => {
    const contested = decisionOf({ id: 11, registration_id: "R0001", outcome: "co_sell", rule: "4-direct-follow-up", summary: "直营 10 天前拜访过" });
    const ruledNow = decisionOf({ id: 12, registration_id: "R0001", outcome: "approved", rule: "ruling", status: "ruled" });
    const view: DisputeView = {
      ...dispute(1, false),
      dispute: { ...dispute(1, false).dispute, registration_id: "R0001", decision_id: 11, opened_by: "wang.qudao" },
      registration: REGISTRATION,
      decision: ruledNow,
      contested,
      contested_version: 1,
      counterpart: {
        source: "follow_up", record_id: "F0042", score: 0.93, band: "match", decides: true, found: true,
        customer_name: "云帆数据（杭州）有限公司", partner: null, partner_tier: null, owner: "张三", region: "华东",
        amount: null, product: null, stage: "方案", activity_type: "visit", submitted_at: null, engaged_on: "2026-10-22",
        expected_close: null, outcome: null, status: null, protection_until: null,
        first: { first: "counterpart", days: 10, hours: 0 },
      },
    };
    const { root, calls } = await start({ ...baseHandlers(), disputes: () => [view], review: () => { throw { code: "not_found", message: "stop here" }; } });
    byId(root, "nav-disputes").click();
    await waitFor(() => expect(all(root, "dispute-row")).toHaveLength(1));
    expect(byId(root, "dispute-opener").textContent).toContain("申诉方（wang.qudao）的理由");
    expect(byId(root, "dispute-card-claim").textContent).toBe("claim 1: 我们先接触的客户");
    const side = byId(root, "dispute-decision");
    expect(byId(side, "dispute-contested-version").textContent).toBe("被申诉的决定：v1");
    // The contested decision (co-sell), not the ruling that replaced it.
    expect(side.querySelector<HTMLElement>("[data-outcome]")?.dataset.outcome).toBe("co_sell");
    expect(side.textContent).toContain("直营 10 天前拜访过");
    const evidence = byId(side, "dispute-counterpart");
    expect(evidence.dataset.source).toBe("follow_up");
    expect(evidence.textContent).toContain("F0042");
    expect(evidence.textContent).toContain("张三");
    expect(byId(evidence, "side-first").textContent).toBe("直营早 10 天：直营 2026年10月22日 已跟进，伙伴 2026年11月1日 才报备");
    byId(root, "dispute-open-review").click();
    await waitFor(() => expect(calls.find((c) => c.command === "review")?.payload).toEqual({ registrationId: "R0001" }));
    await waitFor(() => expect(all(root, "screen-review")).toHaveLength(1));
  });
});
