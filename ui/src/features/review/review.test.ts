// Review tests: evidence cards with both names and reasons, accept, override refused without a reason, backend refusal shown.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { ReviewView } from "../../backend";
import { all, baseHandlers, byId, decisionOf, edit, queueRow, REGISTRATION, rights, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

const VIEW: ReviewView = {
  registration: REGISTRATION,
  decision: decisionOf({
    matches: [
      {
        source: "follow_up",
        record_id: "F0042",
        name: "云帆数据（杭州）有限公司",
        score: 0.912,
        band: "match",
        evidence: {
          query_normalized: "云帆数据",
          candidate_normalized: "云帆数据",
          query_core: "云帆",
          candidate_core: "云帆",
          reasons: [
            { feature: "name", agreed: true, detail: "same stem", contribution: 0.8 },
            { feature: "region", agreed: false, detail: "华东 vs 华北", contribution: -0.05 },
          ],
          context: { owner: "张三", activity_date: "2026-11-02", activity_type: "visit", stage: "方案" },
        },
      },
    ],
  }),
  history: [decisionOf({ id: 1 }), decisionOf({ id: 2, outcome: "approved", status: "overridden", reason: "客户确认" })],
  disputes: [],
  rights: rights(),
  counterpart: null,
};

/** Starts the app and opens the review of R0001 from the queue. */
async function openReview(extra: Record<string, Handler> = {}) {
  const ctx = await start({
    ...baseHandlers(),
    queue: () => ({ total: 1, rows: [queueRow(1, { registration_id: "R0001" })] }),
    review: () => VIEW,
    ...extra,
  });
  await waitFor(() => expect(all(ctx.root, "queue-row")).toHaveLength(1));
  all(ctx.root, "queue-row")[0]!.dispatchEvent(new MouseEvent("dblclick"));
  await waitFor(() => expect(all(ctx.root, "evidence-card")).toHaveLength(1));
  return ctx;
}

describe("the review", () => {
  it("shows each match as a card with both normalised names, agreed and disagreed reasons, owner and last activity", async () => {
    const { root } = await openReview();
    const card = all(root, "evidence-card")[0]!;
    expect(card.dataset.source).toBe("follow_up");
    expect(card.textContent).toContain("0.912");
    expect([...card.querySelectorAll(".norm")].map((n) => n.textContent)).toEqual(["云帆数据", "云帆数据"]);
    const reasons = [...card.querySelectorAll<HTMLElement>(".reason")];
    expect(reasons.map((r) => r.querySelector(".mark")?.textContent)).toEqual(["✓", "✗"]);
    expect(reasons[1]?.querySelector(".contribution")?.textContent).toBe("−0.05");
    expect(card.textContent).toContain("张三");
    expect(card.textContent).toContain("2026-11-02 · 拜访");
    expect(byId(root, "review-outcome").dataset.outcome).toBe("direct_retained");
    expect(byId(root, "review-outcome").textContent).toContain("直销保留");
    expect(byId(root, "review-outcome").textContent).not.toContain("direct_retained");
    expect(root.querySelectorAll(".history tbody tr")).toHaveLength(2);
    expect(root.querySelector(".decision .rule")?.textContent).toBe("区域直营头部客户，归直销");
    // No rule id is shown, in the decision or in its history.
    expect(root.textContent).not.toContain("1-head-account");
    expect(reasons[1]?.querySelector(".feature")?.textContent).toBe("地区");
  });

  it("keeps override and ask-for-info disabled until a reason is typed, then sends outcome and reason", async () => {
    const { root, calls } = await openReview({ override_decision: () => decisionOf({ outcome: "approved" }) });
    const submit = byId<HTMLButtonElement>(root, "review-override-submit");
    expect(submit.disabled).toBe(true);
    expect(byId<HTMLButtonElement>(root, "review-request-info").disabled).toBe(true);
    edit(byId<HTMLTextAreaElement>(root, "review-override-reason"), "   ");
    expect(submit.disabled).toBe(true);
    submit.click();
    expect(calls.some((c) => c.command === "override_decision")).toBe(false);
    edit(byId<HTMLSelectElement>(root, "review-override-outcome"), "co_sell");
    edit(byId<HTMLTextAreaElement>(root, "review-override-reason"), " 直销已放弃 ");
    expect(submit.disabled).toBe(false);
    submit.click();
    await waitFor(() => expect(calls.find((c) => c.command === "override_decision")?.payload).toEqual({
      registrationId: "R0001", outcome: "co_sell", reason: "直销已放弃",
    }));
  });

  it("asks for information as an override to needs_info", async () => {
    const { root, calls } = await openReview({ override_decision: () => decisionOf({ outcome: "needs_info" }) });
    edit(byId<HTMLTextAreaElement>(root, "review-override-reason"), "缺少联系人");
    byId(root, "review-request-info").click();
    await waitFor(() => expect(calls.find((c) => c.command === "override_decision")?.payload.outcome).toBe("needs_info"));
  });

  it("shows the backend's refusal of an override in the error banner", async () => {
    const { root } = await openReview({
      override_decision: () => {
        throw { code: "forbidden", message: "王经理 does not cover 华北" };
      },
    });
    edit(byId<HTMLTextAreaElement>(root, "review-override-reason"), "理由");
    byId(root, "review-override-submit").click();
    await waitFor(() => expect(byId(root, "error-banner").textContent).toContain("[无权操作] 王经理 does not cover 华北"));
    expect(byId<HTMLButtonElement>(root, "review-override-submit").disabled).toBe(false);
  });

  it("accepts, extends protection by the typed days, and opens a dispute with the claim", async () => {
    const { root, calls } = await openReview({
      accept: () => decisionOf({ status: "accepted" }),
      extend_protection: () => decisionOf(),
      open_dispute: () => ({ id: 7 }),
    });
    byId(root, "review-accept").click();
    await waitFor(() => expect(calls.some((c) => c.command === "accept" && c.payload.registrationId === "R0001")).toBe(true));
    await waitFor(() => expect(all(root, "evidence-card")).toHaveLength(1));
    edit(byId<HTMLInputElement>(root, "review-extend-days"), "45");
    expect(byId<HTMLButtonElement>(root, "review-extend-submit").disabled).toBe(true);
    edit(byId<HTMLInputElement>(root, "review-extend-reason"), "客户延期签约");
    byId(root, "review-extend-submit").click();
    await waitFor(() => expect(calls.find((c) => c.command === "extend_protection")?.payload).toEqual({ registrationId: "R0001", days: 45, reason: "客户延期签约" }));
    await waitFor(() => expect(all(root, "evidence-card")).toHaveLength(1));
    byId(root, "review-open-dispute").click();
    expect(byId<HTMLButtonElement>(root, "dispute-submit").disabled).toBe(true);
    edit(byId<HTMLTextAreaElement>(root, "dispute-claim"), "我们先跟进的");
    byId(root, "dispute-submit").click();
    await waitFor(() => expect(calls.find((c) => c.command === "open_dispute")?.payload).toEqual({ registrationId: "R0001", claim: "我们先跟进的" }));
  });

  it("remembers a card's record as a different company or the same one, then shows what is remembered", async () => {
    const labels: Record<string, unknown>[] = [];
    const { root, calls } = await openReview({
      pair_labels: () => labels,
      label_pair: (p) => {
        const label = { id: 3, verdict: p.verdict, registration_id: p.registrationId, source: p.source, record_id: p.recordId };
        labels.push(label);
        return label;
      },
    });
    const card = () => all(root, "evidence-card")[0]!;
    expect(byId<HTMLButtonElement>(card(), "evidence-same").disabled).toBe(false);
    byId(card(), "evidence-different").click();
    await waitFor(() => expect(calls.find((c) => c.command === "label_pair")?.payload).toEqual({
      registrationId: "R0001", source: "follow_up", recordId: "F0042", verdict: "different",
    }));
    await waitFor(() => expect(byId(card(), "evidence-pair").dataset.remembered).toBe("different"));
    expect(card().textContent).toContain("已记住：不是同一公司");
    expect(byId<HTMLButtonElement>(card(), "evidence-different").disabled).toBe(true);
    expect(byId<HTMLButtonElement>(card(), "evidence-same").disabled).toBe(false);
    expect(document.body.textContent).toContain("已记住");
  });

  it("refuses an extension outside 1–365 days in the UI without calling the backend", async () => {
    const { root, calls } = await openReview({ extend_protection: () => decisionOf() });
    edit(byId<HTMLInputElement>(root, "review-extend-days"), "400");
    edit(byId<HTMLInputElement>(root, "review-extend-reason"), "理由");
    byId(root, "review-extend-submit").click();
    expect(byId(root, "error-banner").hidden).toBe(false);
    expect(calls.some((c) => c.command === "extend_protection")).toBe(false);
  });
});

describe("keyboard triage into the review", () => {
  it("o opens the selected registration's review with the cursor in the override reason; back keeps the selection", async () => {
    const { root, calls } = await start({
      ...baseHandlers(),
      queue: () => ({ total: 3, rows: [queueRow(1), queueRow(2, { registration_id: "R0001" }), queueRow(3)] }),
      review: () => VIEW,
    });
    await waitFor(() => expect(all(root, "queue-row")).toHaveLength(3));
    const key = (k: string) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("j");
    key("j");
    key("o");
    await waitFor(() => expect(document.activeElement).toBe(byId(root, "review-override-reason")));
    expect(byId(root, "screen-review").textContent).toContain("R0001");
    key("Enter");
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.filter((c) => c.command === "review")).toHaveLength(1);
    byId(root, "nav-queue").click();
    await waitFor(() => expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R0001"));
  });
});
