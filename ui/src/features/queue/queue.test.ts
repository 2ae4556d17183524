// Queue tests: filters, search and sort send the right query; only a window of 100,000 rows is drawn; keyboard triage.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { QueueQuery } from "../../backend";
import { all, baseHandlers, byId, edit, queueRow, start, waitFor, type Call } from "../../testing";
import { buildQuery, ROW_HEIGHT } from "./queue";

afterEach(() => clearMocks());

const queries = (calls: Call[]) => calls.filter((c) => c.command === "queue").map((c) => c.payload.query as QueueQuery);

/** A backend holding `total` rows, paged like the real one. */
function paged(total: number) {
  return (p: Record<string, unknown>) => {
    const q = p.query as QueueQuery;
    const n = Math.max(0, Math.min(q.limit, total - q.offset));
    return { total, rows: Array.from({ length: n }, (_, i) => queueRow(q.offset + i)) };
  };
}

describe("the queue", () => {
  it("draws only a window of rows for 100,000 registrations and fetches one page, not all", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(100_000) });
    await waitFor(() => expect(all(root, "queue-row").length).toBeGreaterThan(0));
    const rows = all(root, "queue-row");
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.dataset.registrationId).toBe("R000000");
    expect(byId(root, "queue-total").textContent).toContain("100,000");
    expect(queries(calls).every((q) => q.limit <= 100)).toBe(true);
    expect(queries(calls).map((q) => q.offset)).toEqual([0]);
  });

  it("fetches the page under the scroll position and draws those rows", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(100_000) });
    await waitFor(() => expect(all(root, "queue-row").length).toBeGreaterThan(0));
    const viewport = root.querySelector<HTMLElement>(".vlist-viewport")!;
    viewport.scrollTop = 50_000 * ROW_HEIGHT;
    viewport.dispatchEvent(new Event("scroll"));
    await waitFor(() => expect(all(root, "queue-row").some((r) => r.dataset.registrationId === "R050000")).toBe(true));
    expect(queries(calls).map((q) => q.offset)).toContain(50_000);
    expect(all(root, "queue-row").length).toBeLessThan(60);
    expect(all(root, "queue-row").some((r) => r.dataset.registrationId === "R000000")).toBe(false);
  });

  it("sends the outcome, region, date and debounced search filters in the query, leaving empty ones out", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(3) });
    await waitFor(() => expect(byId<HTMLSelectElement>(root, "queue-filter-region").options.length).toBe(3));
    expect(queries(calls)[0]).toEqual({ sort: "submitted_at", desc: true, offset: 0, limit: 100 });
    edit(byId<HTMLSelectElement>(root, "queue-filter-outcome"), "co_sell");
    edit(byId<HTMLSelectElement>(root, "queue-filter-region"), "华北");
    edit(byId<HTMLInputElement>(root, "queue-filter-from"), "2026-10-01");
    edit(byId<HTMLInputElement>(root, "queue-search"), "云帆");
    await waitFor(() => expect(queries(calls).at(-1)?.search).toBe("云帆"));
    expect(queries(calls).at(-1)).toEqual({
      outcome: "co_sell", region: "华北", from: "2026-10-01", search: "云帆",
      sort: "submitted_at", desc: true, offset: 0, limit: 100,
    });
  });

  it("takes dates as 2026-06-30 in a text field, never a month/day/year picker, and refuses other forms", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(3) });
    const from = byId<HTMLInputElement>(root, "queue-filter-from");
    expect(from.type).toBe("text");
    expect(from.pattern).toBe("\\d{4}-\\d{2}-\\d{2}");
    expect(from.placeholder).toContain("2026-06-30");
    await waitFor(() => expect(queries(calls).length).toBeGreaterThan(0));
    const before = queries(calls).length;
    edit(from, "06/30/2026");
    expect(from.validationMessage).toBe("日期应写成 2026-06-30");
    expect(queries(calls).length).toBe(before);
    edit(from, "2026-06-30");
    await waitFor(() => expect(queries(calls).at(-1)?.from).toBe("2026-06-30"));
    expect(from.validationMessage).toBe("");
  });

  it("sorts by a clicked column header, and a second click reverses it", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(3) });
    const score = root.querySelector<HTMLElement>('.queue-header [data-sort="score"]')!;
    score.click();
    expect(queries(calls).at(-1)).toMatchObject({ sort: "score", desc: false });
    root.querySelector<HTMLElement>('.queue-header [data-sort="score"]')!.click();
    expect(queries(calls).at(-1)).toMatchObject({ sort: "score", desc: true });
  });

  it("moves the selection with j/k, accepts with a, opens the review with Enter", async () => {
    const { root, calls } = await start({
      ...baseHandlers(),
      queue: paged(5),
      accept: () => ({}),
      review: () => {
        throw { code: "not_found", message: "stub" };
      },
    });
    await waitFor(() => expect(all(root, "queue-row")).toHaveLength(5));
    const key = (k: string) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("j");
    key("j");
    key("ArrowDown");
    key("k");
    expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000001");
    key("a");
    await waitFor(() => expect(calls.find((c) => c.command === "accept")?.payload.registrationId).toBe("R000001"));
    await waitFor(() => expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000002"));
    key("Enter");
    await waitFor(() => expect(calls.some((c) => c.command === "review" && c.payload.registrationId === "R000002")).toBe(true));
    expect(root.querySelector('[data-testid="screen-review"]')).not.toBeNull();
  });

  it("ignores triage keys typed into the search box", async () => {
    const { root, calls } = await start({ ...baseHandlers(), queue: paged(5), accept: () => ({}) });
    await waitFor(() => expect(all(root, "queue-row")).toHaveLength(5));
    const search = byId(root, "queue-search");
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    expect(root.querySelector(".queue-row.selected")).toBeNull();
    expect(calls.some((c) => c.command === "accept")).toBe(false);
  });
});

describe("buildQuery", () => {
  it("trims the search and drops blank filters", () => {
    const q = buildQuery({ outcome: "", status: "pending", region: "", partner: "乙", from: "", to: "", search: "  ", sort: "age", desc: false }, 200, 100);
    expect(q).toEqual({ status: "pending", partner: "乙", sort: "age", desc: false, offset: 200, limit: 100 });
  });
});
