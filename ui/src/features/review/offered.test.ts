// Offered actions per role: the review shows only what the API's rights allow, says why the rest are not offered
// (in Chinese), and the disputes screen gives the ruling form only to who may rule.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { DisputeView, ItemRights, ReviewView, User } from "../../backend";
import { all, baseHandlers, byId, decisionOf, queueRow, REGISTRATION, rights, start, USERS, waitFor } from "../../testing";

afterEach(() => clearMocks());

function view(r: ItemRights): ReviewView {
  return { registration: REGISTRATION, decision: decisionOf({ outcome: "review", status: "proposed" }), history: [], disputes: [], rights: r, counterpart: null };
}

async function openReview(user: User, r: ItemRights) {
  const ctx = await start({
    ...baseHandlers(),
    current_user: () => user,
    queue: () => ({ total: 1, rows: [queueRow(1, { registration_id: "R0001" })] }),
    review: () => view(r),
  });
  await waitFor(() => expect(all(ctx.root, "queue-row")).toHaveLength(1));
  all(ctx.root, "queue-row")[0]!.dispatchEvent(new MouseEvent("dblclick"));
  await waitFor(() => byId(ctx.root, "review-actions"));
  return ctx;
}

const why = (root: HTMLElement) => Object.fromEntries(all(root, "not-offered").map((li) => [li.dataset.action, li.dataset.why]));

describe("offered actions", () => {
  it("a channel manager on a review item: no accept (it has no proposal), overriding offered, no ruling", async () => {
    const cm = USERS[1]!;
    const { root } = await openReview(cm, rights({ accept: "review_item", rule_dispute: "role" }));
    expect(root.querySelector('[data-testid="review-accept"]')).toBeNull();
    expect(root.querySelector('[data-testid="review-rule"]')).toBeNull();
    expect(byId(root, "review-override-submit")).toBeTruthy();
    expect(why(root)).toEqual({ accept: "review_item", rule_dispute: "role" });
    const text = all(root, "not-offered").map((li) => li.textContent).join("\n");
    expect(text).toContain("复核项没有可确认的建议");
    expect(text).toContain("您的角色（渠道经理）不能执行此操作");
  });

  it("a regional head: extend, dispute and ruling offered; accepting and overriding explained, not offered", async () => {
    const head: User = { name: "华东负责人", role: "regional_head", regions: ["华东"] };
    const { root } = await openReview(head, rights({ accept: "role", override_decision: "role", open_dispute: "dispute_open" }));
    expect(root.querySelector('[data-testid="review-accept"]')).toBeNull();
    expect(root.querySelector('[data-testid="review-override-submit"]')).toBeNull();
    expect(root.querySelector('[data-testid="review-open-dispute"]')).toBeNull();
    expect(byId(root, "review-extend-submit")).toBeTruthy();
    expect(byId(root, "review-rule")).toBeTruthy();
    expect(why(root)).toEqual({ accept: "role", override_decision: "role", open_dispute: "dispute_open" });
    expect(root.textContent).toContain("您的角色（区域负责人）不能执行此操作");
  });

  it("a decided item offers no accept to the channel manager either, saying a person decided it", async () => {
    const { root } = await openReview(USERS[1]!, rights({ accept: "decided", rule_dispute: "role" }));
    expect(root.querySelector('[data-testid="review-accept"]')).toBeNull();
    expect(why(root).accept).toBe("decided");
  });

  it("the disputes screen shows the ruling form to the region's head and not to a channel manager", async () => {
    const d: DisputeView = {
      dispute: {
        id: 4, registration_id: "R0004", decision_id: 1, region: "华东", opened_by: "王经理", claim: "我方先接触客户",
        opened_at: "2026-11-10T09:00:00", due_at: "2026-11-15T09:00:00", status: "open", ruled_by: null, ruling: null, rationale: null, ruled_at: null,
      },
      overdue: false, days_open: 1, registration: REGISTRATION, decision: decisionOf(), escalated: false, contested: null, contested_version: null, counterpart: null,
    };
    for (const [user, form] of [
      [USERS[1]!, false],
      [{ name: "华东负责人", role: "regional_head", regions: ["华东"] } as User, true],
      [{ name: "华南负责人", role: "regional_head", regions: ["华南"] } as User, false],
    ] as const) {
      clearMocks();
      const { root } = await start({ ...baseHandlers(), current_user: () => user, disputes: () => [d] });
      byId(root, "nav-disputes").click();
      await waitFor(() => expect(all(root, "dispute-row")).toHaveLength(1));
      all(root, "dispute-row")[0]!.click();
      await waitFor(() => expect(!!root.querySelector('[data-testid="dispute-rule-submit"]') || !!root.querySelector('[data-testid="dispute-not-offered"]')).toBe(true));
      expect(!!root.querySelector('[data-testid="dispute-rule-submit"]')).toBe(form);
    }
  });
});

describe("evidence order", () => {
  it("puts the match the rule rests on first, then by strength, and says a strong match elsewhere did not decide", async () => {
    const { orderEvidence } = await import("./evidence");
    const m = (source: "head_account" | "follow_up" | "registration", score: number, band: "match" | "review" | "none") =>
      ({ source, record_id: `${source}-${score}`, name: "云帆", score, band, evidence: null }) as never;
    const matches = [m("registration", 0.8, "review"), m("head_account", 0.95, "match"), m("follow_up", 0.9, "match")];
    const { ordered, decides } = orderEvidence(matches, "4-direct-follow-up");
    expect(ordered.map((x: { record_id: string }) => x.record_id)).toEqual(["follow_up-0.9", "head_account-0.95", "registration-0.8"]);
    expect(decides).toBe(0);
    const plain = orderEvidence(matches, "5-approve");
    expect(plain.ordered.map((x: { score: number }) => x.score)).toEqual([0.95, 0.9, 0.8]);
    expect(plain.decides).toBe(-1);
  });
});
