// Tests of the backend wrapper against mocked Tauri IPC: results pass through, errors become ShellError.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { appInfo, chooseOpenPath, importFile, isShellError, overrideDecision, toShellError } from "./backend";

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

describe("the generated wrappers", () => {
  it("send each argument under the name the Rust command declares", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((command, payload) => {
      calls.push([command, payload]);
      return command === "plugin:dialog|open" ? "/home/u/报备.xlsx" : null;
    });
    await overrideDecision("R0007", "co_sell", "直销在跟");
    await expect(chooseOpenPath([{ name: "Excel", extensions: ["xlsx"] }])).resolves.toBe("/home/u/报备.xlsx");
    await importFile("/home/u/报备.xlsx", "registration", null, () => undefined, false);
    expect(calls[0]).toEqual(["override_decision", { registrationId: "R0007", outcome: "co_sell", reason: "直销在跟" }]);
    expect(calls[1]).toEqual([
      "plugin:dialog|open",
      { options: { multiple: false, directory: false, filters: [{ name: "Excel", extensions: ["xlsx"] }] } },
    ]);
    const [name, args] = calls[2] as [string, Record<string, unknown>];
    expect(name).toBe("import_file");
    expect(args).toMatchObject({ path: "/home/u/报备.xlsx", kind: "registration", mapping: null, check: false });
    expect(typeof args.onProgress).toBe("object");
  });
});

describe("toShellError", () => {
  it("wraps errors that are not ShellErrors under the ipc code", () => {
    expect(toShellError(new Error("no backend"))).toEqual({ code: "ipc", message: "no backend" });
    expect(toShellError("plain text")).toEqual({ code: "ipc", message: "plain text" });
    expect(isShellError({ code: 1, message: "x" })).toBe(false);
  });
});
