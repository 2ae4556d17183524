// Side-by-side tests: the deciding record's fields beside the registration's, the first-engaged line in both
// languages, versions by number, and no empty evidence column when nothing matched.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { Counterpart, ReviewView } from "../../backend";
import { setLocale } from "../../i18n";
import { all, baseHandlers, byId, decisionOf, queueRow, REGISTRATION, rights, start, waitFor } from "../../testing";
import { orderEvidence, stateText } from "./evidence";
import { firstEngagedLine, sideBySide } from "./side";

afterEach(() => {
  clearMocks();
  setLocale("zh");
});

/** Direct's visit (F0042) 12 days before the partner registered R0001 on 2026-11-01. */
const FOLLOW_UP: Counterpart = {
  source: "follow_up",
  record_id: "F0042",
  score: 0.912,
  band: "match",
  decides: true,
  found: true,
  customer_name: "云帆数据（杭州）有限公司",
  partner: null,
  partner_tier: null,
  owner: "张三",
  region: "华东",
  amount: null,
  product: null,
  stage: "方案",
  activity_type: "visit",
  submitted_at: null,
  engaged_on: "2026-10-20",
  expected_close: null,
  outcome: null,
  status: null,
  protection_until: null,
  first: { first: "counterpart", days: 12, hours: 0 },
};

/** Another partner's registration 3 hours after this one, the same day. */
const LATER_PARTNER: Counterpart = {
  ...FOLLOW_UP,
  source: "registration",
  record_id: "R0007",
  owner: null,
  stage: null,
  activity_type: null,
  partner: "乙伙伴",
  partner_tier: "silver",
  amount: 95000,
  submitted_at: "2026-11-01T12:30:00",
  engaged_on: "2026-11-01",
  expected_close: "2027-01-15",
  outcome: "duplicate",
  status: "proposed",
  first: { first: "registration", days: 0, hours: 3 },
};

function cells(card: HTMLElement, field: string): [string, string] {
  const tr = card.querySelector<HTMLElement>(`tr[data-field="${field}"]`)!;
  return [tr.querySelector(".ours")!.textContent ?? "", tr.querySelector(".theirs")!.textContent ?? ""];
}

describe("the side-by-side", () => {
  it("sets a direct follow-up's fields beside the registration's, under who engaged first", () => {
    const card = sideBySide(REGISTRATION, decisionOf({ outcome: "co_sell", rule: "4-direct-follow-up" }), FOLLOW_UP);
    expect(card.dataset.source).toBe("follow_up");
    expect(cells(card, "customer")).toEqual(["杭州云帆数据科技有限公司", "云帆数据（杭州）有限公司"]);
    expect(cells(card, "who")).toEqual(["甲伙伴 · 金牌伙伴", "直营 · 张三"]);
    expect(cells(card, "region")).toEqual(["华东", "华东"]);
    expect(cells(card, "amount")).toEqual(["¥12万", "—"]);
    expect(cells(card, "stage")[1]).toBe("方案 · 拜访");
    expect(cells(card, "stage")[0]).toContain("项目合作");
    expect(cells(card, "dates")).toEqual(["报备 2026年11月1日预计成交 2026年12月31日", "跟进 2026年10月20日"]);
    const line = byId(card, "side-first");
    expect(line.dataset.first).toBe("counterpart");
    expect(line.textContent).toBe("直营早 12 天：直营 2026年10月20日 已跟进，伙伴 2026年11月1日 才报备");
    expect(card.querySelector("thead")!.textContent).toContain("决定依据");
  });

  it("says it in English with English dates", () => {
    setLocale("en");
    const line = firstEngagedLine(REGISTRATION, FOLLOW_UP);
    expect(line.textContent).toBe("Direct followed up 12 days before: 20 Oct 2026, the partner registered 1 Nov 2026");
    const later = firstEngagedLine(REGISTRATION, { ...FOLLOW_UP, first: { first: "registration", days: 8, hours: 0 }, engaged_on: "2026-11-09" });
    expect(later.textContent).toBe("Partner first by 8 days: registered 1 Nov 2026, direct followed up 9 Nov 2026");
  });

  it("shows another partner's registration with its standing, and a same-day lead in hours", () => {
    const card = sideBySide(REGISTRATION, decisionOf(), LATER_PARTNER);
    expect(cells(card, "who")[1]).toBe("乙伙伴 · 银牌伙伴");
    expect(cells(card, "amount")[1]).toBe("¥9.5万");
    expect(cells(card, "stage")[1]).toBe("撞单 · 建议");
    expect(cells(card, "dates")[1]).toBe("报备 2026年11月1日预计成交 2027年1月15日");
    expect(byId(card, "side-first").textContent).toBe("本报备早 3 小时（同在 2026年11月1日）");
    const head = firstEngagedLine(REGISTRATION, { ...FOLLOW_UP, source: "head_account", first: null });
    expect(head.dataset.first).toBe("head");
    expect(head.textContent).toContain("华东");
    expect(head.textContent).toContain("张三");
  });
});

const VIEW: ReviewView = {
  registration: REGISTRATION,
  decision: decisionOf({ id: 7, outcome: "approved", rule: "5-approve", status: "accepted" }),
  history: [decisionOf({ id: 3, outcome: "approved", rule: "5-approve" }), decisionOf({ id: 7, outcome: "approved", rule: "5-approve", status: "accepted" })],
  disputes: [],
  rights: rights(),
  counterpart: null,
};

async function openReview(view: ReviewView) {
  const ctx = await start({
    ...baseHandlers(),
    queue: () => ({ total: 1, rows: [queueRow(1, { registration_id: "R0001" })] }),
    review: () => view,
  });
  await waitFor(() => expect(all(ctx.root, "queue-row")).toHaveLength(1));
  all(ctx.root, "queue-row")[0]!.dispatchEvent(new MouseEvent("dblclick"));
  await waitFor(() => expect(all(ctx.root, "review-outcome")).toHaveLength(1));
  return ctx;
}

describe("the review around it", () => {
  it("numbers versions within the registration and leaves no empty half when nothing matched", async () => {
    const { root } = await openReview(VIEW);
    expect(all(root, "history-row").map((r) => r.querySelector("td")!.textContent)).toEqual(["v1", "v2 · 当前"]);
    expect(byId(root, "review-version").textContent).toBe("v2");
    expect(all(root, "review-side")).toHaveLength(0);
    expect(all(root, "evidence-card")).toHaveLength(0);
    expect(root.querySelector(".evidence-list")).toBeNull();
    expect(byId(root, "review-no-evidence").textContent).toContain("没有匹配记录");
    // Both halves hold something: the registration on one side, the decision and actions on the other.
    const grid = root.querySelector(".review-grid.compact")!;
    expect(grid.querySelector(".review-left .registration")).not.toBeNull();
    expect(grid.querySelector(".review-right .decision")).not.toBeNull();
  });

  it("puts the side-by-side on top when the decision rests on a record", async () => {
    const matched = { ...VIEW, decision: decisionOf({ outcome: "co_sell", rule: "4-direct-follow-up" }), counterpart: FOLLOW_UP };
    const { root } = await openReview(matched);
    await waitFor(() => expect(all(root, "review-side")).toHaveLength(1));
    const body = root.querySelector(".review-body")!;
    expect(body.firstElementChild).toBe(byId(root, "review-side"));
    expect(byId(root, "side-first").dataset.days).toBe("12");
  });
});

describe("the evidence list beside it", () => {
  it("marks the record the server says the decision rests on, even when a call on the account scores higher", () => {
    const m = (record_id: string, score: number) => ({ source: "follow_up", record_id, name: "云帆", score, band: "match", evidence: null }) as never;
    const matches = [m("F-visit", 0.91), m("F-call", 0.97)];
    // Without the server's word the strongest follow-up is taken; with it, the visit the rule fired on.
    expect(orderEvidence(matches, "4-direct-follow-up").ordered.map((x: { record_id: string }) => x.record_id)).toEqual(["F-call", "F-visit"]);
    const named = orderEvidence(matches, "4-direct-follow-up", { source: "follow_up", record_id: "F-visit" });
    expect(named.ordered.map((x: { record_id: string }) => x.record_id)).toEqual(["F-visit", "F-call"]);
    expect(named.decides).toBe(0);
  });
});

describe("another registration's standing on its evidence card", () => {
  it("is worded, not the check's codes", () => {
    expect(stateText("approved (proposed)")).toBe("通过（转伙伴） · 建议");
    expect(stateText("pending")).toBe("尚未查重");
    setLocale("en");
    expect(stateText("duplicate (accepted)")).not.toContain("(accepted)");
  });
});
