// Test support: a mocked backend (one handler per command, calls recorded) and small fixtures.
//
// Component tests sit beside each screen (Vitest + `mockIPC`).
import { vi } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { FILLED, LOCAL, USERS } from "./testing-fixtures";
import { startApp } from "./app";
import { setLocale } from "./i18n";
import { resetQueueFilters } from "./features/queue/queue";

export * from "./testing-fixtures";

export type Handler = (payload: Record<string, unknown>) => unknown;
export interface Call {
  command: string;
  payload: Record<string, unknown>;
}

/** The handlers every app start needs; `locale` picks the language app_info reports. */
export function baseHandlers(locale = "zh"): Record<string, Handler> {
  return {
    app_info: () => ({ name: "DealGate", version: "0.1.0", locale }),
    set_language: () => null,
    users: () => USERS,
    current_user: () => USERS[0],
    connection: () => LOCAL,
    sources: () => FILLED,
    queue: () => ({ total: 0, rows: [] }),
    inbox: () => ({ tabs: [], regions_without_head: [], needs_admin: false }),
    regions_without_head: () => [],
    queue_facets: () => ({ regions: ["华东", "华北"], partners: ["甲伙伴", "乙伙伴"] }),
    pair_labels: () => [],
  };
}

/**
 * Mocks IPC with `handlers`; unknown commands reject like a backend error. Events are mocked too, so a test
 * can `emit` what the shell would. Returns the recorded calls.
 */
export function backend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, payload: args });
    const handler = handlers[command];
    if (!handler) throw { code: "unknown_command", message: `unexpected command ${command}` };
    return handler(args);
  }, { shouldMockEvents: true });
  return calls;
}

/** Fresh root, default language and filters, then starts the app. */
export async function start(
  handlers: Record<string, Handler>,
  keepSavedLocale = false,
): Promise<{ root: HTMLElement; calls: Call[] }> {
  const root = document.createElement("main");
  document.body.replaceChildren(root);
  // A fresh app: no language chosen earlier (a test that wants one saves it before calling start).
  if (!keepSavedLocale) globalThis.localStorage?.clear();
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

