// The UI's only door to the Tauri backend: the sole importer of @tauri-apps/api, so tests can mock IPC here.
import { invoke } from "@tauri-apps/api/core";

/** Name and version of the running app (Rust: `commands::AppInfo`). */
export interface AppInfo {
  name: string;
  version: string;
}

/** The error every command returns (Rust: `error::ShellError`). */
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
