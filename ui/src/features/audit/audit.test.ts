// Audit tests: search pages through audit_log, the verify badge shows intact/tampered, export sends path and format.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { AuditEntry, AuditFilter } from "../../backend";
import { all, baseHandlers, byId, edit, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

function entry(seq: number): AuditEntry {
  return {
    seq, at: "2026-11-20T10:00:00", actor: "wang.qudao", action: "override", subject: `R${seq}`,
    region: "华东", partner: "甲伙伴", outcome: "co_sell", rule: null, payload: {}, prev_hash: "0", hash: "abcdef0123456789",
  };
}
const log: Handler = (p) => {
  const f = p.filter as AuditFilter;
  return { total: 120, rows: Array.from({ length: Math.min(f.limit, 120 - f.offset) }, (_, i) => entry(f.offset + i + 1)) };
};

async function openAudit(extra: Record<string, Handler> = {}) {
  const ctx = await start({ ...baseHandlers(), audit_log: log, verify_audit: () => ({ intact: true, entries_checked: 120, problems: [], anchor: `120:${"ab".repeat(32)}` }), ...extra });
  byId(ctx.root, "nav-audit").click();
  await waitFor(() => expect(all(ctx.root, "audit-row").length).toBeGreaterThan(0));
  return ctx;
}

describe("the audit screen", () => {
  it("shows a page of entries, pages on, and searches from the first page", async () => {
    const { root, calls } = await openAudit();
    expect(all(root, "audit-row")).toHaveLength(50);
    expect(all(root, "audit-row")[0]?.textContent).toContain("wang.qudao");
    root.querySelector<HTMLButtonElement>(".pager button:last-child")!.click();
    await waitFor(() => expect(all(root, "audit-row")[0]?.dataset.seq).toBe("51"));
    edit(byId<HTMLInputElement>(root, "audit-search"), "R17");
    await waitFor(() => expect(calls.filter((c) => c.command === "audit_log").at(-1)?.payload.filter).toEqual({ offset: 0, limit: 50, search: "R17" }));
  });

  it("names actions and rules in words and shows the details as readable lines, never codes or JSON", async () => {
    const proposal: AuditEntry = {
      ...entry(1), action: "check.propose", rule: "4-direct-follow-up",
      payload: { summary: "直销（陈静）正在跟进 星澜医疗", status: "proposed", protection_until: "2026-09-28", evidence: [{ record_id: "F1", name: "星澜医疗", score: 0.912 }] },
    };
    const { root } = await openAudit({ audit_log: () => ({ total: 1, rows: [proposal] }) });
    const row = all(root, "audit-row")[0]!;
    expect(row.textContent).toContain("查重建议");
    expect(row.textContent).toContain("直销有有效跟进，转项目合作");
    expect(row.textContent).not.toContain("check.propose");
    expect(row.textContent).not.toContain("4-direct-follow-up");
    expect(row.title).toBe("摘要：直销（陈静）正在跟进 星澜医疗\n状态：建议\n保护期至：2026-09-28\n证据：F1 星澜医疗 (0.91)");
    const action = byId<HTMLSelectElement>(root, "audit-action");
    expect([...action.options].map((o) => o.textContent)).toContain("改判");
    expect(byId<HTMLInputElement>(root, "audit-from").type).toBe("text");
  });

  it("shows the chain as intact, or the number of tampered entries", async () => {
    const { root } = await openAudit();
    await waitFor(() => expect(byId(root, "audit-verify-status").dataset.status).toBe("intact"));
    expect(byId(root, "audit-verify-status").textContent).toContain("120");
    clearMocks();
    await waitFor(() => expect(byId(root, "audit-anchor").textContent).toBe(`120:${"ab".repeat(32)}`));
    const broken = await openAudit({ verify_audit: () => ({ intact: false, entries_checked: 120, problems: [{ seq: 7, kind: "edited", detail: "hash differs" }], anchor: null }) });
    await waitFor(() => expect(byId(broken.root, "audit-verify-status").dataset.status).toBe("broken"));
    expect(broken.root.textContent).toContain("#7 被修改: hash differs");
  });

  it("exports to the typed path in the chosen format and shows the written file and count", async () => {
    const { root, calls } = await openAudit({
      export_audit: (p) => ({ format: p.format, path: p.path, entries: 120, first_seq: 1, last_seq: 120, bytes: 999 }),
    });
    edit(byId<HTMLSelectElement>(root, "audit-export-format"), "json");
    edit(byId<HTMLInputElement>(root, "audit-export-path"), "/tmp/审计 audit.json");
    byId(root, "audit-export-run").click();
    await waitFor(() => expect(byId(root, "audit-export-result").textContent).toContain("/tmp/审计 audit.json"));
    expect(byId(root, "audit-export-result").textContent).toContain("120");
    const call = calls.find((c) => c.command === "export_audit")!;
    expect(call.payload).toMatchObject({ path: "/tmp/审计 audit.json", format: "json", filter: { offset: 0 } });
  });

  it("fills the path from the save dialog", async () => {
    const { root } = await openAudit({ "plugin:dialog|save": () => "/home/u/导出.csv" });
    root.querySelector<HTMLButtonElement>(".export .form-row button")!.click();
    await waitFor(() => expect(byId<HTMLInputElement>(root, "audit-export-path").value).toBe("/home/u/导出.csv"));
  });

  it("shows an export refusal in the error banner", async () => {
    const { root } = await openAudit({
      export_audit: () => {
        throw { code: "io", message: "cannot write /nope/a.csv: permission denied" };
      },
    });
    edit(byId<HTMLInputElement>(root, "audit-export-path"), "/nope/a.csv");
    byId(root, "audit-export-run").click();
    await waitFor(() => expect(byId(root, "error-banner").textContent).toContain("[io] cannot write /nope/a.csv"));
    expect(byId(root, "audit-export-result").textContent).toBe("");
  });
});
