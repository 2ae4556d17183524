// Test support: a mocked backend (one handler per command, calls recorded) and small fixtures.
import { vi } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Decision, QueueRow, Registration, SourceStatus, User } from "./backend";
import { startApp } from "./app";
import { setLocale } from "./i18n";
import { resetQueueFilters } from "./features/queue/queue";

export type Handler = (payload: Record<string, unknown>) => unknown;
export interface Call {
  command: string;
  payload: Record<string, unknown>;
}

export const USERS: User[] = [
  { name: "admin", role: "admin", regions: [] },
  { name: "王经理", role: "channel_manager", regions: ["华东"] },
];
export const FILLED: SourceStatus[] = [
  { kind: "follow_up", rows: 309, last_import_at: "2026-11-20T08:05:00Z", last_file: "fu.csv", stale: false },
  { kind: "head_account", rows: 4, last_import_at: "2026-01-20T08:05:01Z", last_file: "ha.csv", stale: true },
  { kind: "registration", rows: 2, last_import_at: "2026-11-20T08:05:02Z", last_file: "rg.csv", stale: false },
];

/** The handlers every app start needs; `locale` picks the language app_info reports. */
export function baseHandlers(locale = "zh"): Record<string, Handler> {
  return {
    app_info: () => ({ name: "DealGate", version: "0.1.0", locale }),
    users: () => USERS,
    current_user: () => USERS[0],
    sources: () => FILLED,
    queue: () => ({ total: 0, rows: [] }),
    queue_facets: () => ({ regions: ["华东", "华北"], partners: ["甲伙伴", "乙伙伴"] }),
  };
}

/** Mocks IPC with `handlers`; unknown commands reject like a backend error. Returns the recorded calls. */
export function backend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, payload: args });
    const handler = handlers[command];
    if (!handler) throw { code: "unknown_command", message: `unexpected command ${command}` };
    return handler(args);
  });
  return calls;
}

/** Fresh root, default language and filters, then starts the app. */
export async function start(handlers: Record<string, Handler>): Promise<{ root: HTMLElement; calls: Call[] }> {
  const root = document.createElement("main");
  document.body.replaceChildren(root);
  setLocale("zh");
  resetQueueFilters();
  const calls = backend(handlers);
  await startApp(root);
  return { root, calls };
}

/** The element with `data-testid=id`, failing the test when absent. */
export function byId<E extends HTMLElement = HTMLElement>(root: ParentNode, id: string): E {
  const found = root.querySelector<E>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no element with data-testid=${id}`);
  return found;
}

export function all(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}

/** Sets a control's value and fires the events a person's edit would. */
export function edit(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
}

export const waitFor = vi.waitFor;

export function queueRow(i: number, overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    registration_id: `R${String(i).padStart(6, "0")}`,
    customer_name: `客户${i}科技有限公司`,
    partner: "甲伙伴",
    region: "华东",
    submitted_at: "2026-11-01T09:00:00Z",
    age_days: 3,
    outcome: "review",
    status: "proposed",
    top_match_name: null,
    top_match_source: null,
    top_score: null,
    protection_until: null,
    ...overrides,
  };
}

export const REGISTRATION: Registration = {
  registration_id: "R0001",
  partner: "甲伙伴",
  partner_tier: "gold",
  submitted_at: "2026-11-01T09:00:00",
  customer_name: "杭州云帆数据科技有限公司",
  uscc: null,
  website: "yunfan.example.cn",
  contact_name: "李四",
  contact_phone: null,
  contact_email: null,
  region: "华东",
  product: "CRM",
  amount: 120000,
  expected_close: "2026-12-31",
  warnings: [],
};

export function decisionOf(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 1,
    registration_id: "R0001",
    outcome: "direct_retained",
    rule: "1-head-account",
    summary: "head account of 华东",
    protection_until: null,
    matches: [],
    as_of: "2026-11-20",
    status: "proposed",
    actor: "system",
    reason: null,
    created_at: "2026-11-20T10:00:00",
    ...overrides,
  };
}
