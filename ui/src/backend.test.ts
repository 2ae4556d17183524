// Tests of the backend wrapper against mocked Tauri IPC: results pass through, errors become ShellError.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { appInfo, isShellError, toShellError } from "./backend";

afterEach(() => clearMocks());

describe("appInfo", () => {
  it("returns what the app_info command returns", async () => {
    const calls: string[] = [];
    mockIPC((command) => {
      calls.push(command);
      if (command === "app_info") return { name: "DealGate", version: "0.1.0" };
      throw new Error(`unexpected command ${command}`);
    });
    await expect(appInfo()).resolves.toEqual({ name: "DealGate", version: "0.1.0" });
    expect(calls).toEqual(["app_info"]);
  });

  it("rejects with the command's {code, message} error", async () => {
    mockIPC(() => {
      throw { code: "internal", message: "database is locked" };
    });
    await expect(appInfo()).rejects.toEqual({ code: "internal", message: "database is locked" });
  });
});

describe("toShellError", () => {
  it("wraps errors that are not ShellErrors under the ipc code", () => {
    expect(toShellError(new Error("no backend"))).toEqual({ code: "ipc", message: "no backend" });
    expect(toShellError("plain text")).toEqual({ code: "ipc", message: "plain text" });
    expect(isShellError({ code: 1, message: "x" })).toBe(false);
  });
});
