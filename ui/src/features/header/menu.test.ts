// The header's "more" menu: the notification switch reads and saves the shell's setting; "copy
// diagnostics" shows the text it copies.
import { describe, expect, it } from "vitest";
import { baseHandlers, start } from "../../testing";

describe("header menu", () => {
  it("turns desktop notifications off and shows the diagnostics it copies", async () => {
    let enabled = true;
    const { root, calls } = await start({
      ...baseHandlers(),
      notifications_enabled: () => enabled,
      set_notifications: (args) => (enabled = args.enabled as boolean),
      diagnostics: () => ({
        version: "0.1.0",
        database: "Local: /home/u/dealgate.db",
        problem: null,
        os: "linux",
        locale: "zh_CN (window: zh)",
        log_dir: "/home/u/.local/share/com.dealgate.desktop/logs",
        text: "DealGate 0.1.0\ndatabase: Local: /home/u/dealgate.db\n",
      }),
    });
    const q = <E extends Element>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`)!;
    expect(calls.some((c) => c.command === "notifications_enabled")).toBe(false);
    expect(q<HTMLElement>("header-menu-panel").hidden).toBe(true);
    q<HTMLButtonElement>("header-menu").click();
    await new Promise((r) => setTimeout(r, 0));
    const toggle = q<HTMLInputElement>("notify-toggle");
    expect(toggle.checked).toBe(true);
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    await new Promise((r) => setTimeout(r, 0));
    expect(enabled).toBe(false);
    expect(q("menu-status").textContent).toBe("已关闭桌面通知");
    q<HTMLButtonElement>("copy-diagnostics").click();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(q<HTMLTextAreaElement>("diagnostics-text").value).toContain("database: Local: /home/u/dealgate.db");
    expect(q("menu-status").textContent).toMatch(/诊断信息已复制|无法自动复制/);
  });
});
