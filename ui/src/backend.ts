// The UI's only door to the Tauri backend: the sole importer of @tauri-apps/api, so tests can mock IPC here.
import { invoke } from "@tauri-apps/api/core";

/** Name and version of the running app (Rust: `commands::app::AppInfo`). */
export interface AppInfo {
  name: string;
  version: string;
}

/** Which imported source (Rust: `domain::RecordKind`). */
export type RecordKind = "follow_up" | "head_account" | "registration";

/** Row count and freshness of one source (Rust: `dealgate_api::SourceStatus`). */
export interface SourceStatus {
  kind: RecordKind;
  rows: number;
  /** RFC 3339, or null if never imported. */
  last_import_at: string | null;
  last_file: string | null;
}

/** Routing outcome (Rust: `domain::Outcome`). */
export type Outcome = "approved" | "co_sell" | "direct_retained" | "duplicate" | "needs_info" | "review";

/** A matched record and its score (Rust: `domain::MatchEvidence`; the explanation is not used here). */
export interface MatchEvidence {
  source: RecordKind;
  record_id: string;
  name: string;
  /** In [0, 1]. */
  score: number;
  band: "match" | "review" | "none";
}

/** The current decision on a registration (Rust: `domain::Decision`; fields the UI uses). */
export interface Decision {
  id: number;
  registration_id: string;
  outcome: Outcome;
  rule: string;
  summary: string;
  /** Evidence, strongest first. */
  matches: MatchEvidence[];
  status: string;
  protection_until: string | null;
  as_of: string;
}

/** What `run_demo` created (Rust: `dealgate_api::demo::DemoSummary`). */
export interface DemoSummary {
  imported: [RecordKind, number][];
  checked: number;
  users: string[];
}

/** The error every command returns (Rust: `error::ShellError`; `code` is the API's snake_case error code). */
export interface ShellError {
  code: string;
  message: string;
}

/** True if `value` has the `{ code, message }` shape of a {@link ShellError}. */
export function isShellError(value: unknown): value is ShellError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === "string" && typeof record.message === "string";
}

/** Turns whatever a failed `invoke` rejected with into a {@link ShellError}. */
export function toShellError(reason: unknown): ShellError {
  if (isShellError(reason)) return { code: reason.code, message: reason.message };
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: "ipc", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toShellError(reason);
  }
}

/** Fetches the app's name and version; rejects with a {@link ShellError}. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** Row counts and last import of each source; rejects with a {@link ShellError}. */
export function sources(): Promise<SourceStatus[]> {
  return call<SourceStatus[]>("sources");
}

/** The current decision of every decided registration; rejects with a {@link ShellError}. */
export function decisions(): Promise<Decision[]> {
  return call<Decision[]>("decisions");
}

/** Fills an empty database with demo data and checks it; rejects with a {@link ShellError}. */
export function runDemo(): Promise<DemoSummary> {
  return call<DemoSummary>("run_demo");
}
