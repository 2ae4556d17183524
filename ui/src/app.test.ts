// Page tests against mocked Tauri IPC: decisions as table rows, backend errors shown, the demo button.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { startApp } from "./app";
import type { Decision, SourceStatus } from "./backend";

const FILLED: SourceStatus[] = [
  { kind: "follow_up", rows: 309, last_import_at: "2026-11-20T08:05:00Z", last_file: "fu.csv" },
  { kind: "head_account", rows: 4, last_import_at: "2026-11-20T08:05:01Z", last_file: "ha.csv" },
  { kind: "registration", rows: 2, last_import_at: "2026-11-20T08:05:02Z", last_file: "rg.csv" },
];
const EMPTY: SourceStatus[] = FILLED.map((s) => ({ ...s, rows: 0, last_import_at: null, last_file: null }));

function decision(id: string, outcome: Decision["outcome"], matches: Decision["matches"] = []): Decision {
  return {
    id: 1,
    registration_id: id,
    outcome,
    rule: outcome === "direct_retained" ? "1-head-account" : "5-approve",
    summary: `summary of ${id}`,
    matches,
    status: "proposed",
    protection_until: null,
    as_of: "2026-11-20",
  };
}
const DECISIONS: Decision[] = [
  decision("R0001", "direct_retained", [
    { source: "head_account", record_id: "H001", name: "杭州云帆数据科技有限公司", score: 0.934, band: "match" },
  ]),
  decision("R0008", "approved"),
];

type Handler = (payload: unknown) => unknown;

/** Mocks IPC with one handler per command; records the commands called. Unknown commands fail the test. */
function backend(handlers: Record<string, Handler>): string[] {
  const calls: string[] = [];
  mockIPC((command, payload) => {
    calls.push(command);
    const handler = handlers[command];
    if (!handler) throw new Error(`unexpected command ${command}`);
    return handler(payload);
  });
  return calls;
}

const appInfo = () => ({ name: "DealGate", version: "0.1.0" });
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement("main");
  document.body.replaceChildren(root);
});
afterEach(() => clearMocks());

describe("the page", () => {
  it("shows the app name and version and the three sources", async () => {
    backend({ app_info: appInfo, sources: () => FILLED, decisions: () => DECISIONS });
    await startApp(root);
    expect(root.querySelector("h1")?.textContent).toBe("DealGatev0.1.0");
    const cards = [...root.querySelectorAll<HTMLElement>(".source")];
    expect(cards.map((c) => c.dataset.kind)).toEqual(["follow_up", "head_account", "registration"]);
    expect(cards[0]?.textContent).toContain("直销跟进 / Follow-ups");
    expect(cards[0]?.textContent).toContain("309 行 / rows");
    expect(cards[0]?.querySelector(".last-import")?.textContent).toMatch(/^最近导入 \/ Last import: 2026-11-2\d \d\d:\d5$/);
  });

  it("renders each decision as a table row with its outcome, rule, summary and top match", async () => {
    backend({ app_info: appInfo, sources: () => FILLED, decisions: () => DECISIONS });
    await startApp(root);
    const rows = [...root.querySelectorAll("tbody tr")];
    expect(rows).toHaveLength(2);
    const cells = (i: number) => [...(rows[i]?.querySelectorAll("td") ?? [])].map((td) => td.textContent);
    expect(cells(0)).toEqual([
      "R0001",
      "直销保留 / Direct retained",
      "1-head-account",
      "summary of R0001",
      "杭州云帆数据科技有限公司 0.93",
    ]);
    expect(cells(1)).toEqual(["R0008", "通过 / Approved", "5-approve", "summary of R0008", "—"]);
    expect(rows[1]?.querySelector(".badge")?.classList.contains("outcome-approved")).toBe(true);
    expect(root.querySelector("[role=alert]")?.hasAttribute("hidden")).toBe(true);
    expect(root.querySelector(".demo-button")).toBeNull();
  });

  it("shows a backend error's code and message", async () => {
    backend({
      app_info: appInfo,
      sources: () => FILLED,
      decisions: () => {
        throw { code: "storage", message: "database is locked" };
      },
    });
    await startApp(root);
    const alert = root.querySelector<HTMLElement>("[role=alert]");
    expect(alert?.hidden).toBe(false);
    expect(alert?.textContent).toContain("[storage] database is locked");
    expect(alert?.textContent).toContain("loading decisions");
    expect(root.querySelectorAll("tbody tr")).toHaveLength(0);
  });

  it("offers the demo on an empty database; the button calls run_demo and then shows the data", async () => {
    let filled = false;
    const calls = backend({
      app_info: appInfo,
      sources: () => (filled ? FILLED : EMPTY),
      decisions: () => (filled ? DECISIONS : []),
      run_demo: () => {
        filled = true;
        return { imported: [["follow_up", 309]], checked: 2, users: ["admin"] };
      },
    });
    await startApp(root);
    expect(root.querySelector("table")).toBeNull();
    const button = root.querySelector<HTMLButtonElement>(".demo-button");
    expect(button?.textContent).toBe("载入演示数据 / Load demo data");

    button?.click();
    await vi.waitFor(() => expect(root.querySelectorAll("tbody tr")).toHaveLength(2));
    expect(calls.filter((c) => c === "run_demo")).toHaveLength(1);
    expect(calls.indexOf("run_demo")).toBeLessThan(calls.lastIndexOf("decisions"));
    expect(root.querySelector(".demo-button")).toBeNull();
  });

  it("shows run_demo's error and keeps the button", async () => {
    backend({
      app_info: appInfo,
      sources: () => EMPTY,
      decisions: () => [],
      run_demo: () => {
        throw { code: "conflict", message: "this database already holds data" };
      },
    });
    await startApp(root);
    root.querySelector<HTMLButtonElement>(".demo-button")?.click();
    await vi.waitFor(() =>
      expect(root.querySelector("[role=alert]")?.textContent).toContain("[conflict] this database already holds data"),
    );
    await vi.waitFor(() => expect(root.querySelector<HTMLButtonElement>(".demo-button")?.disabled).toBe(false));
  });
});
