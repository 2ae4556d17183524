// Head-account tests: region filter and search reach head_accounts, add sends the account, remove needs a reason.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { HeadAccount } from "../../backend";
import { all, baseHandlers, byId, edit, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

const ACCOUNT: HeadAccount = {
  account_id: "H001", region: "华东", account_name: "杭州云帆数据科技有限公司", uscc: null, website: null, owner: "张三", former_names: [], warnings: [],
};

async function openHeads(extra: Record<string, Handler> = {}) {
  const ctx = await start({ ...baseHandlers(), head_accounts: () => ({ total: 1, rows: [ACCOUNT] }), ...extra });
  byId(ctx.root, "nav-heads").click();
  await waitFor(() => expect(all(ctx.root, "heads-row")).toHaveLength(1));
  return ctx;
}

describe("the head-accounts screen", () => {
  it("filters by region and search", async () => {
    const { root, calls } = await openHeads();
    await waitFor(() => expect(byId<HTMLSelectElement>(root, "heads-region").options.length).toBe(3));
    edit(byId<HTMLSelectElement>(root, "heads-region"), "华北");
    edit(byId<HTMLInputElement>(root, "heads-search"), "云帆");
    await waitFor(() =>
      expect(calls.filter((c) => c.command === "head_accounts").at(-1)?.payload).toEqual({ region: "华北", search: "云帆", offset: 0, limit: 50 }),
    );
  });

  it("adds an account once id, region and name are given", async () => {
    const { root, calls } = await openHeads({ add_head_account: (p) => p.account });
    const submit = byId<HTMLButtonElement>(root, "heads-add-submit");
    expect(submit.disabled).toBe(true);
    edit(byId<HTMLInputElement>(root, "heads-add-id"), "H009");
    edit(byId<HTMLInputElement>(root, "heads-add-region"), "华南");
    expect(submit.disabled).toBe(true);
    edit(byId<HTMLInputElement>(root, "heads-add-name"), "广州木樨巷电子有限公司");
    submit.click();
    await waitFor(() => expect(calls.find((c) => c.command === "add_head_account")?.payload.account).toEqual({
      account_id: "H009", region: "华南", account_name: "广州木樨巷电子有限公司", owner: null, uscc: null, website: null, former_names: [], warnings: [],
    }));
    await waitFor(() => expect(calls.filter((c) => c.command === "head_accounts")).toHaveLength(2));
  });

  it("removes an account only with a reason", async () => {
    const { root, calls } = await openHeads({ remove_head_account: () => null });
    byId(root, "heads-remove").click();
    const confirm = byId<HTMLButtonElement>(root, "heads-remove-confirm");
    expect(confirm.disabled).toBe(true);
    edit(byId<HTMLInputElement>(root, "heads-remove-reason"), "已转渠道");
    confirm.click();
    await waitFor(() => expect(calls.find((c) => c.command === "remove_head_account")?.payload).toEqual({ accountId: "H001", reason: "已转渠道" }));
  });

  it("offers remove only on accounts of the signed-in user's regions and says why elsewhere", async () => {
    const north: HeadAccount = { ...ACCOUNT, account_id: "H002", region: "华北", account_name: "北京栖霞山软件有限公司" };
    const head = { name: "华东负责人", role: "regional_head" as const, regions: ["华东"] };
    const ctx = await start({
      ...baseHandlers(),
      users: () => [head],
      current_user: () => head,
      head_accounts: () => ({ total: 2, rows: [ACCOUNT, north] }),
    });
    byId(ctx.root, "nav-heads").click();
    await waitFor(() => expect(all(ctx.root, "heads-row")).toHaveLength(2));
    const [east, other] = all(ctx.root, "heads-row");
    expect(all(east!, "heads-remove")).toHaveLength(1);
    expect(all(other!, "heads-remove")).toHaveLength(0);
    expect(byId(other!, "heads-no-remove").title).toBe("华北 不在您的区域内，不能移除");
    expect(byId(ctx.root, "heads-note").hidden).toBe(false);
    expect(byId(ctx.root, "heads-note").textContent).toContain("华东");
  });

  it("offers no remove to a channel manager, and every region's to an admin", async () => {
    const north: HeadAccount = { ...ACCOUNT, account_id: "H002", region: "华北" };
    const manager = { name: "王经理", role: "channel_manager" as const, regions: ["华东"] };
    const ctx = await start({ ...baseHandlers(), users: () => [manager], current_user: () => manager, head_accounts: () => ({ total: 2, rows: [ACCOUNT, north] }) });
    byId(ctx.root, "nav-heads").click();
    await waitFor(() => expect(all(ctx.root, "heads-row")).toHaveLength(2));
    expect(all(ctx.root, "heads-remove")).toHaveLength(0);
    expect(all(ctx.root, "heads-no-remove").map((m) => m.title)).toEqual(["渠道经理不能修改头部客户名单", "渠道经理不能修改头部客户名单"]);

    const admin = await start({ ...baseHandlers(), head_accounts: () => ({ total: 2, rows: [ACCOUNT, north] }) });
    byId(admin.root, "nav-heads").click();
    await waitFor(() => expect(all(admin.root, "heads-row")).toHaveLength(2));
    expect(all(admin.root, "heads-remove")).toHaveLength(2);
    expect(byId(admin.root, "heads-note").hidden).toBe(true);
  });
});
