// Data tests: stale sources warned, preview shows encoding/sample/mapping, import sends the mapping, shows progress and bad rows, checks registrations as part of the import and reports at the top.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import type { ImportPreview, ImportReport as ImportOutcome, ProgressEvent } from "../../backend";
import { all, baseHandlers, byId, edit, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

const PREVIEW: ImportPreview = {
  encoding: "GBK",
  format: { type: "csv", encoding: "GBK", delimiter: 44 },
  header_line: 1,
  missing: [],
  headers: ["报备编号", "客户名称", "备注X"],
  mapping: [
    { header: "报备编号", field: "registration_id" },
    { header: "客户名称", field: "customer_name" },
    { header: "备注X", field: null },
  ],
  fields: [
    { field: "registration_id", required: true },
    { field: "customer_name", required: true },
    { field: "product", required: false },
  ],
  sample: [["E2E01", "杭州绿萝湾测试科技有限公司", "x"]],
  rows_estimate: 5,
};
const REPORT = {
  file: "/tmp/r.csv", kind: "registration", format: "csv", rows_read: 5, inserted: 3, updated: 0, rejected_rows: 2, warnings: [], unknown_columns: [],
  registration_ids: ["E2E01", "E2E02", "E2E04"], check: null,
  errors: [
    { file: "/tmp/r.csv", line: 3, column: "报备时间", column_number: 4, value: "2026-13-45", problem: "not a date", expected: "YYYY-MM-DD" },
    { file: "/tmp/r.csv", line: 5, column: "金额", column_number: 13, value: "五万元", problem: "not a number", expected: "a number" },
  ],
};

async function openData(extra: Record<string, Handler> = {}) {
  const ctx = await start({ ...baseHandlers(), import_preview: () => PREVIEW, ...extra });
  byId(ctx.root, "nav-data").click();
  await waitFor(() => expect(ctx.root.querySelectorAll(".source-card")).toHaveLength(3));
  return ctx;
}

describe("the data screen", () => {
  it("warns on stale sources only", async () => {
    const { root } = await openData();
    const cards = [...root.querySelectorAll<HTMLElement>(".source-card")];
    expect(cards.map((c) => c.dataset.stale ?? "")).toEqual(["", "true", ""]);
    expect(cards[1]?.querySelector(".stale-warning")).not.toBeNull();
    expect(cards[0]?.textContent).toContain("309");
  });

  it("previews the typed file: encoding, sample, and a mapping select for the unknown header", async () => {
    const { root, calls } = await openData();
    edit(byId<HTMLSelectElement>(root, "import-kind"), "registration");
    edit(byId<HTMLInputElement>(root, "import-path"), "/tmp/伙伴报备.csv");
    byId(root, "import-preview-button").click();
    await waitFor(() => expect(root.querySelector('[data-testid="import-preview"]')).not.toBeNull());
    expect(calls.find((c) => c.command === "import_preview")?.payload).toEqual({ path: "/tmp/伙伴报备.csv", kind: "registration" });
    const preview = byId(root, "import-preview");
    expect(preview.textContent).toContain("GBK");
    expect(preview.textContent).toContain("杭州绿萝湾测试科技有限公司");
    const selects = all(root, "import-mapping") as HTMLSelectElement[];
    expect(selects.map((s) => s.value)).toEqual(["registration_id", "customer_name", ""]);
  });

  it("imports with the edited mapping, shows progress while it runs, then the bad rows with line, column, value, expected", async () => {
    let finish: (v: unknown) => void = () => {};
    let channel: Channel<ProgressEvent> | undefined;
    const { root, calls } = await openData({
      import_file: (p) => {
        channel = p.onProgress as Channel<ProgressEvent>;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    edit(byId<HTMLInputElement>(root, "import-path"), "/tmp/r.csv");
    byId(root, "import-preview-button").click();
    await waitFor(() => expect(all(root, "import-mapping")).toHaveLength(3));
    const targets = [...(all(root, "import-mapping")[1] as HTMLSelectElement).options].map((o) => o.textContent);
    expect(targets).toContain("客户名称（必填）");
    expect(targets.join(" ")).not.toMatch(/customer_name|\*/);
    edit(all(root, "import-mapping")[2] as HTMLSelectElement, "product");
    byId(root, "import-run").click();
    await waitFor(() => expect(channel).toBeDefined());
    expect(calls.find((c) => c.command === "import_file")?.payload.mapping).toEqual([
      { header: "报备编号", field: "registration_id" },
      { header: "客户名称", field: "customer_name" },
      { header: "备注X", field: "product" },
    ]);
    channel!.onmessage({ stage: "saving", done: 2, total: 5, rate: 100, eta_secs: 1 });
    const progress = byId(root, "import-progress");
    expect(progress.querySelector("progress")?.value).toBe(2);
    expect(progress.textContent).toContain("保存 2/5 · 剩余约 1 秒");
    expect(progress.textContent).not.toContain("saving");
    expect(byId<HTMLButtonElement>(root, "import-run").disabled).toBe(true);
    finish(REPORT);
    await waitFor(() => expect(all(root, "import-error-row")).toHaveLength(2));
    expect(root.querySelector('[data-testid="import-progress"]')).toBeNull();
    expect(byId(root, "import-report").textContent).toMatch(/\b3\b/);
    const first = [...all(root, "import-error-row")[0]!.querySelectorAll("td")].map((td) => td.textContent);
    expect(first).toEqual(["3", "报备时间", "2026-13-45", "not a date", "YYYY-MM-DD"]);
  });

  it("imports without a mapping when no preview was made, and shows the backend's refusal", async () => {
    const { root, calls } = await openData({
      import_file: () => {
        throw { code: "not_found", message: "/tmp/none.csv: no such file" };
      },
    });
    edit(byId<HTMLInputElement>(root, "import-path"), "/tmp/none.csv");
    byId(root, "import-run").click();
    await waitFor(() => expect(byId(root, "error-banner").textContent).toContain("[未找到] /tmp/none.csv: no such file"));
    expect(calls.find((c) => c.command === "import_file")?.payload.mapping).toBeNull();
    expect(byId<HTMLButtonElement>(root, "import-run").disabled).toBe(false);
  });

  it("fills the path from the open dialog", async () => {
    const { root } = await openData({ "plugin:dialog|open": () => "/home/u/跟进.xlsx" });
    [...root.querySelectorAll<HTMLButtonElement>(".import button")].find((b) => b.textContent === "选择文件…")!.click();
    await waitFor(() => expect(byId<HTMLInputElement>(root, "import-path").value).toBe("/home/u/跟进.xlsx"));
  });

  it("checks imported registrations unless told not to, reports at the top what changed and what a person's decision kept, and links to the rows", async () => {
    const checked: ImportOutcome = {
      ...(REPORT as unknown as ImportOutcome),
      rejected_rows: 0,
      errors: [],
      registration_ids: ["R1", "R2", "R3"],
      check: {
        checked: 2,
        by_outcome: [{ outcome: "approved", count: 1 }, { outcome: "duplicate", count: 1 }],
        changed_total: 1,
        changed: [{ registration_id: "R2", before: "approved", after: "duplicate", why: "另一伙伴更早报备" }],
        kept_total: 1,
        kept: [{ registration_id: "R3", outcome: "approved", status: "accepted", by: "王经理", would_be: "duplicate", why: "另一伙伴更早报备" }],
      },
    };
    const { root, calls } = await openData({ import_file: () => checked });
    expect(byId<HTMLInputElement>(root, "import-check-box").checked).toBe(true);
    edit(byId<HTMLInputElement>(root, "import-path"), "/tmp/r.csv");
    byId(root, "import-run").click();
    await waitFor(() => byId(root, "import-check"));
    expect(calls.find((c) => c.command === "import_file")?.payload.check).toBe(true);
    // The report is the screen's first block after the title, above the sources and the panel.
    const screen = byId(root, "screen-data");
    const report = byId(root, "import-report");
    expect(screen.children[1]!.contains(report)).toBe(true);
    expect(byId(root, "import-check").textContent).toContain("已查重 2 条：通过（转伙伴） 1，撞单 1");
    const change = byId(root, "import-changed");
    expect([change.dataset.registrationId, change.dataset.before, change.dataset.after]).toEqual(["R2", "approved", "duplicate"]);
    expect(change.textContent).toContain("通过（转伙伴） → 撞单（另一伙伴更早报备）");
    const kept = byId(root, "import-kept");
    expect([kept.dataset.outcome, kept.dataset.wouldBe]).toEqual(["approved", "duplicate"]);
    expect(kept.textContent).toContain("已确认");
    expect(kept.textContent).toContain("现在查重会是 撞单");
    byId(root, "import-open-queue").click();
    await waitFor(() => byId(root, "screen-queue"));
    await waitFor(() => expect(calls.filter((c) => c.command === "queue").at(-1)?.payload.query).toMatchObject({ registration_ids: ["R1", "R2", "R3"] }));
    expect(byId(root, "queue-drill").textContent).toContain("/tmp/r.csv");
  });

  it("imports registrations without the check when the box is cleared, and says so", async () => {
    const { root, calls } = await openData({ import_file: () => ({ ...REPORT, rejected_rows: 0, errors: [] }) });
    edit(byId<HTMLInputElement>(root, "import-path"), "/tmp/r.csv");
    byId<HTMLInputElement>(root, "import-check-box").click();
    byId(root, "import-run").click();
    await waitFor(() => byId(root, "import-report"));
    expect(calls.find((c) => c.command === "import_file")?.payload.check).toBe(false);
    expect(byId(root, "import-report").textContent).toContain("未查重");
    // Other kinds are never checked: the box is hidden for them.
    edit(byId<HTMLSelectElement>(root, "import-kind"), "follow_up");
    expect(byId(root, "import-check-box").closest("label")!.hidden).toBe(true);
  });
});
