// Inbox tests: tabs in the API's order with counts, the first tab with work opened, the tab's query sent, the age
// marker, the last tab and filters kept across restarts, the empty message, batch accept with undo, keys and timing.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { Inbox, QueueQuery } from "../../backend";
import { all, baseHandlers, byId, edit, queueRow, start, waitFor, type Call } from "../../testing";
import { TEAM } from "../../testing-fixtures";
import { setUndoMs } from "./batch";
import { zh } from "../../i18n/zh";
import { inboxZh } from "../../i18n/inbox-zh";

afterEach(() => {
  clearMocks();
  setUndoMs(5000);
});

const queries = (calls: Call[]) => calls.filter((c) => c.command === "queue").map((c) => c.payload.query as QueueQuery);
const key = (k: string) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));

const REVIEW_Q: QueueQuery = { regions: ["华东"], outcomes: ["review"], status: "pending", sort: "submitted_at", desc: false, offset: 0, limit: 0 };
const PROPOSALS_Q: QueueQuery = { ...REVIEW_Q, outcomes: ["approved", "co_sell", "direct_retained", "duplicate"] };
const INBOX: Inbox = {
  tabs: [
    { tab: "review", count: 0, query: REVIEW_Q },
    { tab: "proposals", count: 3, query: PROPOSALS_Q },
    { tab: "quiet", count: 1, query: { ...REVIEW_Q, outcomes: ["needs_info"], status: null, to: "2026-11-29" } },
    { tab: "ending", count: 0, query: { ...REVIEW_Q, outcomes: null, status: null, ending_by: "2026-12-20", sort: "protection_end" } },
  ],
  regions_without_head: [],
  needs_admin: false,
};

/** A backend answering each tab's query with rows of its own (proposals: three approved rows, oldest first). */
function handlers(extra: Record<string, (p: Record<string, unknown>) => unknown> = {}) {
  return {
    ...baseHandlers(),
    inbox: () => INBOX,
    queue: (p: Record<string, unknown>) => {
      const q = p.query as QueueQuery;
      if (q.outcomes?.includes("approved")) {
        const rows = [0, 1, 2].map((i) =>
          queueRow(i, { outcome: "approved", sla: { age: 5 - i * 2, unit: "working_days", over: 5 - i * 2 > 2 } }),
        );
        return { total: 3, rows };
      }
      if (q.outcomes?.includes("needs_info")) return { total: 1, rows: [queueRow(7, { outcome: "needs_info", sla: { age: 30, unit: "hours", over: true } })] };
      return { total: 0, rows: [] };
    },
    ...extra,
  };
}

describe("the inbox", () => {
  it("shows the user's tabs in the API's order with counts and opens the first one with work", async () => {
    const { root, calls } = await start(handlers());
    await waitFor(() => expect(all(root, "inbox-tab").length).toBe(5));
    expect(all(root, "inbox-tab").map((b) => b.dataset.tab)).toEqual(["review", "proposals", "quiet", "ending", "all"]);
    expect(all(root, "inbox-count").map((c) => c.textContent)).toEqual(["0", "3", "1", "0"]);
    await waitFor(() => expect(all(root, "queue-row")).toHaveLength(3));
    expect(root.querySelector<HTMLElement>('[data-tab="proposals"]')!.getAttribute("aria-selected")).toBe("true");
    // The tab's own query (the user's regions, oldest first), not the "all" view's filters.
    expect(queries(calls).at(-1)).toMatchObject({ regions: ["华东"], outcomes: PROPOSALS_Q.outcomes, status: "pending", sort: "submitted_at", desc: false, offset: 0 });
    const ages = all(root, "queue-age");
    expect(ages.map((a) => a.textContent)).toEqual(["5 个工作日", "3 个工作日", "1 个工作日"]);
    expect(ages.map((a) => a.dataset.over)).toEqual(["true", "true", "false"]);
  });

  it("shows the total again when a new query has as many rows as the last one", async () => {
    const { root } = await start({ ...handlers(), queue: () => ({ total: 3, rows: [0, 1, 2].map((i) => queueRow(i)) }) });
    await waitFor(() => expect(byId(root, "queue-total").textContent).toBe("共 3 条报备"));
    root.querySelector<HTMLElement>('[data-tab="quiet"]')!.click();
    await waitFor(() => expect(byId(root, "queue-total").textContent).toBe("共 3 条报备"));
    root.querySelector<HTMLElement>('[data-tab="all"]')!.click();
    await waitFor(() => expect(byId(root, "queue-total").textContent).toBe("共 3 条报备"));
    expect(byId(root, "queue-empty").hidden).toBe(true);
  });

  it("says so when a tab is empty, and keeps the last tab and the filters across a restart", async () => {
    const first = await start(handlers());
    await waitFor(() => expect(all(first.root, "inbox-tab").length).toBe(5));
    first.root.querySelector<HTMLElement>('[data-tab="review"]')!.click();
    await waitFor(() => expect(byId(first.root, "queue-empty").hidden).toBe(false));
    expect(byId(first.root, "queue-empty").textContent).toBe("没有待复核的报备");
    first.root.querySelector<HTMLElement>('[data-tab="all"]')!.click();
    edit(byId<HTMLInputElement>(first.root, "queue-search"), "云帆");
    await waitFor(() => expect(queries(first.calls).at(-1)?.search).toBe("云帆"));
    await waitFor(() => expect(byId(first.root, "queue-empty").textContent).toBe("没有符合条件的报备"));
    clearMocks();
    // A restart: the module's state forgotten, local storage kept.
    const second = await start(handlers(), true);
    await waitFor(() => expect(second.root.querySelector('[data-tab="all"]')?.getAttribute("aria-selected")).toBe("true"));
    expect(byId<HTMLInputElement>(second.root, "queue-search").value).toBe("云帆");
    await waitFor(() => expect(queries(second.calls).at(-1)).toMatchObject({ search: "云帆" }));
  });

  it("keeps the tab and filters per database: another database opens on its own", async () => {
    const first = await start(handlers());
    await waitFor(() => expect(all(first.root, "inbox-tab").length).toBe(5));
    first.root.querySelector<HTMLElement>('[data-tab="all"]')!.click();
    edit(byId<HTMLInputElement>(first.root, "queue-search"), "云帆");
    await waitFor(() => expect(queries(first.calls).at(-1)?.search).toBe("云帆"));
    clearMocks();
    // A restart on the team database: the local file's tab and search are not carried over.
    const team = await start({ ...handlers(), connection: () => TEAM }, true);
    await waitFor(() => expect(team.root.querySelector('[data-tab="proposals"]')?.getAttribute("aria-selected")).toBe("true"));
    expect(byId<HTMLInputElement>(team.root, "queue-search").value).toBe("");
    clearMocks();
    // Back on the local file: its own are.
    const local = await start(handlers(), true);
    await waitFor(() => expect(local.root.querySelector('[data-tab="all"]')?.getAttribute("aria-selected")).toBe("true"));
    expect(byId<HTMLInputElement>(local.root, "queue-search").value).toBe("云帆");
  });

  it("accepts the picked proposals in one call after the undo window; undo writes nothing; refusals are named", async () => {
    setUndoMs(40);
    const refused = { code: "conflict", message: "R000001 已由 王经理 确认" };
    const { root, calls } = await start(
      handlers({
        accept_many: (p) =>
          (p.registrationIds as string[]).map((id) =>
            id === "R000001" ? { registration_id: id, decision: null, error: refused } : { registration_id: id, decision: {}, error: null },
          ),
      }),
    );
    await waitFor(() => expect(all(root, "queue-pick")).toHaveLength(3));
    all(root, "queue-pick")[0]!.click();
    all(root, "queue-pick")[1]!.click();
    expect(byId(root, "batch-accept").textContent).toContain("2");
    byId(root, "batch-accept").click();
    expect(byId(root, "batch-undo-bar").hidden).toBe(false);
    byId(root, "batch-undo").click();
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.some((c) => c.command === "accept_many")).toBe(false);
    expect(byId(root, "batch-accept").textContent).toContain("2");
    byId(root, "batch-accept").click();
    await waitFor(() => expect(calls.filter((c) => c.command === "accept_many")).toHaveLength(1));
    expect(calls.find((c) => c.command === "accept_many")!.payload.registrationIds).toEqual(["R000000", "R000001"]);
    await waitFor(() => expect(byId(root, "toast").textContent).toBe("已确认 1 条，1 条被拒绝"));
    expect(root.textContent).toContain("R000001 已由 王经理 确认");
    expect(byId(root, "batch-undo-bar").hidden).toBe(true);
  });

  it("shows the shortcuts with ?, moves with j/k within a frame, and lands End/Home on drawn rows", async () => {
    const total = 100_000;
    const { root } = await start({
      ...baseHandlers(),
      queue: (p: Record<string, unknown>) => {
        const q = p.query as QueueQuery;
        const n = Math.max(0, Math.min(q.limit, total - q.offset));
        return new Promise((resolve) =>
          setTimeout(() => resolve({ total, rows: Array.from({ length: n }, (_, i) => queueRow(q.offset + i)) }), 20),
        );
      },
    });
    await waitFor(() => expect(all(root, "queue-row").length).toBeGreaterThan(5));
    expect(byId(root, "keys-help").hidden).toBe(true);
    key("?");
    expect(byId(root, "keys-help").hidden).toBe(false);
    key("?");
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      key("j");
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    if ((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.DEALGATE_PRINT_TIMES) console.log(`j/k in the component: median ${times[5]!.toFixed(2)} ms, max ${times[9]!.toFixed(2)} ms`);
    expect(times[5]).toBeLessThan(16);
    expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000009");
    key("End");
    await waitFor(() => expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R099999"));
    expect(root.querySelectorAll(".queue-row.loading")).toHaveLength(0);
    key("Home");
    await waitFor(() => expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000000"));
    expect(root.querySelectorAll(".queue-row.loading")).toHaveLength(0);
  });

  it("asks for the first admin when the database has none, and creates one as an admin", async () => {
    let needs = true;
    const { root, calls } = await start({
      ...handlers(),
      current_user: () => null,
      inbox: () => ({ ...INBOX, needs_admin: needs }),
      save_user: (p) => {
        needs = false;
        return p.user;
      },
      switch_user: (p) => ({ name: p.name, role: "admin", regions: [] }),
    });
    await waitFor(() => byId(root, "first-admin"));
    edit(byId<HTMLInputElement>(root, "first-admin-name"), "李管理");
    byId(root, "first-admin-create").click();
    await waitFor(() => expect(calls.find((c) => c.command === "save_user")?.payload.user).toEqual({ name: "李管理", role: "admin", regions: [] }));
    await waitFor(() => expect(root.querySelector('[data-testid="first-admin"]')).toBeNull());
    expect(calls.find((c) => c.command === "switch_user")?.payload.name).toBe("李管理");
  });
});

describe("the inbox's strings", () => {
  it("shadow none of the main dictionary's", () => {
    expect(Object.keys(inboxZh).filter((k) => k in zh)).toEqual([]);
  });
});
