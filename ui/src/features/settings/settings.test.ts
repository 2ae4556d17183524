// Settings tests: the form shows the current version, saving sends edited settings with the reason, bad numbers refused.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { Settings } from "../../backend";
import { baseHandlers, byId, edit, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

const SETTINGS: Settings = {
  match_threshold: 0.88, review_threshold: 0.75, followup_window_days: 90, effective_activity_types: ["visit", "demo", "quote"],
  protection_days: 90, maturity_fields: ["amount", "expected_close", "contact"], channel_only_regions: [], dispute_days: 5,
  expiry_warning_days: 14, webhook_url: "", webhook_kind: "wecom", sla_unit: "working_days", sla_limit: 2, calendar_extra: [],
};

async function openSettings(extra: Record<string, Handler> = {}) {
  const ctx = await start({
    ...baseHandlers(),
    settings: () => ({ version: 3, settings: SETTINGS }),
    settings_history: () => [{ version: 3, changed_by: "admin", changed_at: "2026-11-20T10:00:00", changes: [{ field: "protection_days", from: 60, to: 90 }] }],
    ...extra,
  });
  byId(ctx.root, "nav-settings").click();
  await waitFor(() => expect(byId<HTMLInputElement>(ctx.root, "settings-protection_days").value).toBe("90"));
  return ctx;
}

describe("the settings screen", () => {
  it("shows the version, the history and the users", async () => {
    const { root } = await openSettings();
    const screen = byId(root, "screen-settings");
    expect(screen.textContent).toContain("v3");
    expect(screen.textContent).toContain("保护期: 60 → 90");
    expect(screen.textContent).not.toContain("protection_days");
    await waitFor(() => expect(screen.querySelectorAll('[data-testid="user-row"]')).toHaveLength(2));
  });

  it("saves the edited settings with the reason (lists split on either comma)", async () => {
    const { root, calls } = await openSettings({ save_settings: () => 4 });
    edit(byId<HTMLInputElement>(root, "settings-protection_days"), "120");
    edit(byId<HTMLInputElement>(root, "settings-channel_only_regions"), "西北，东北");
    edit(byId<HTMLInputElement>(root, "settings-reason"), "Q4 政策");
    byId(root, "settings-save").click();
    await waitFor(() => expect(calls.find((c) => c.command === "save_settings")?.payload).toEqual({
      settings: { ...SETTINGS, protection_days: 120, channel_only_regions: ["西北", "东北"] },
      reason: "Q4 政策",
    }));
  });

  it("flags regions without a regional head and saves the age marker's unit, limit and extra calendar days", async () => {
    const { root, calls } = await openSettings({ save_settings: () => 4, regions_without_head: () => ["西南", "西北"] });
    await waitFor(() => expect(byId(root, "settings-no-head").dataset.regions).toBe("西南,西北"));
    expect(byId(root, "settings-no-head").textContent).toBe("以下区域没有区域负责人，其申诉将上报管理员：西南、西北");
    expect(byId<HTMLSelectElement>(root, "settings-sla_unit").value).toBe("working_days");
    edit(byId<HTMLSelectElement>(root, "settings-sla_unit"), "hours");
    edit(byId<HTMLInputElement>(root, "settings-sla_limit"), "24");
    edit(byId<HTMLTextAreaElement>(root, "settings-calendar_extra"), "2028-01-01 off\n\n 2028-01-02 work ");
    byId(root, "settings-save").click();
    await waitFor(() => expect(calls.find((c) => c.command === "save_settings")?.payload).toEqual({
      settings: { ...SETTINGS, sla_unit: "hours", sla_limit: 24, calendar_extra: ["2028-01-01 off", "2028-01-02 work"] },
      reason: null,
    }));
  });

  it("lists the remembered pairs and undoes one, which leaves the list", async () => {
    let pairs = [
      { id: 1, verdict: "different", pair_key: "k1", left_name: "星澜", right_name: "深圳星澜医疗器械股份有限公司", source: "head_account", record_id: "H02",
        registration_id: "R08", region: "华南", actor: "王经理", created_at: "2026-11-20T10:00:00" },
      { id: 2, verdict: "same", pair_key: "k2", left_name: "云帆数据", right_name: "杭州云帆数据科技有限公司", source: "follow_up", record_id: "F01",
        registration_id: "R01", region: "华东", actor: "王经理", created_at: "2026-11-21T10:00:00" },
    ];
    const { root, calls } = await openSettings({
      pair_labels: () => pairs,
      forget_pair: (p) => {
        const gone = pairs.find((x) => x.id === p.id);
        pairs = pairs.filter((x) => x.id !== p.id);
        return gone;
      },
    });
    await waitFor(() => expect(root.querySelectorAll('[data-testid="pairs-row"]')).toHaveLength(2));
    const rows = () => [...root.querySelectorAll<HTMLElement>('[data-testid="pairs-row"]')];
    expect(rows().map((r) => r.dataset.verdict)).toEqual(["different", "same"]);
    expect(rows()[0]!.textContent).toContain("不是同一公司");
    expect(rows()[0]!.textContent).toContain("深圳星澜医疗器械股份有限公司");
    byId(rows()[0]!, "pairs-forget").click();
    await waitFor(() => expect(calls.find((c) => c.command === "forget_pair")?.payload).toEqual({ id: 1 }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.dataset.verdict).toBe("same");
  });

  it("shows activity types and maturity fields by name and saves them back as codes", async () => {
    const { root, calls } = await openSettings({ save_settings: () => 4 });
    const activities = byId<HTMLInputElement>(root, "settings-effective_activity_types");
    expect(activities.value).toBe("拜访、演示、报价");
    expect(byId<HTMLInputElement>(root, "settings-maturity_fields").value).toBe("金额、预计成交日期、联系电话或邮箱");
    edit(activities, "拜访，报价、投标");
    byId(root, "settings-save").click();
    await waitFor(() => expect(calls.find((c) => c.command === "save_settings")?.payload.settings).toEqual({
      ...SETTINGS, effective_activity_types: ["visit", "quote", "投标"],
    }));
  });

  it("previews the edited settings' effect before anything is saved", async () => {
    const report = {
      settings_version: 3, draft: SETTINGS, changes: ["followup_window_days=60"], as_of: "2026-12-06", replayed: 10, changed: 1, contradicted: 1,
      by_outcome: [], by_region: [], by_partner: [], bands_moved: [],
      rows: [
        { registration_id: "R06", partner: "丙方伙伴", region: "西南", current_outcome: "co_sell", current_status: "proposed", current_actor: "system",
          replayed_outcome: "approved", rule: "5-approve", summary: "", protection_until: null, matches: [], changed: true, contradicts_person: false },
      ],
    };
    const { root, calls } = await openSettings({ preview_settings: () => report, save_settings: () => 4 });
    edit(byId<HTMLInputElement>(root, "settings-followup_window_days"), "60");
    byId(root, "settings-preview-button").click();
    await waitFor(() => expect(byId(root, "preview-summary").textContent).toContain("10"));
    expect(calls.find((c) => c.command === "preview_settings")?.payload).toEqual({ settings: { ...SETTINGS, followup_window_days: 60 } });
    expect(calls.some((c) => c.command === "save_settings")).toBe(false);
    const rows = root.querySelectorAll('[data-testid="preview-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("R06");
    expect(root.querySelector('[data-testid="preview-band-moves"]')).toBeNull();
    byId(root, "settings-save").click();
    await waitFor(() => expect(calls.find((c) => c.command === "save_settings")?.payload).toMatchObject({ settings: { followup_window_days: 60 } }));
  });

  it("says which relations a threshold change moves wholesale, in the user's words", async () => {
    const report = {
      settings_version: 3, draft: { ...SETTINGS, match_threshold: 0.91 }, changes: ["match_threshold=0.91"], as_of: "2026-12-06", replayed: 10, changed: 0,
      contradicted: 0, by_outcome: [], by_region: [], by_partner: [], rows: [],
      bands_moved: [
        { feature: "core_name", score: 0.9, before: "match", after: "review", levels: ["abbrev.initials", "abbrev.listed", "typo.in_brand_sure"] },
        { feature: "phone", score: 0.9, before: "match", after: "review", levels: ["phone.shared"] },
      ],
    };
    const { root } = await openSettings({ preview_settings: () => report });
    edit(byId<HTMLInputElement>(root, "settings-match_threshold"), "0.91");
    byId(root, "settings-preview-button").click();
    await waitFor(() => expect(root.querySelectorAll('[data-testid="preview-band-move"]')).toHaveLength(2));
    const moves = Array.from(root.querySelectorAll('[data-testid="preview-band-move"]')).map((li) => li.textContent);
    expect(moves[0]).toBe("名称主干的 3 种关系（固定得分 0.90）：匹配 → 待复核");
    expect(moves[1]).toBe("电话的 1 种关系（固定得分 0.90）：匹配 → 待复核");
  });

  it("refuses a non-numeric threshold without calling the backend", async () => {
    const { root, calls } = await openSettings({ save_settings: () => 4 });
    edit(byId<HTMLInputElement>(root, "settings-match_threshold"), "");
    byId(root, "settings-save").click();
    expect(byId(root, "error-banner").hidden).toBe(false);
    expect(calls.some((c) => c.command === "save_settings")).toBe(false);
  });
});
