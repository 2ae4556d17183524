// Shell tests against mocked IPC: language from app_info and the toggle, error banner, demo offer, user switch, nav.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { all, baseHandlers, byId, start, waitFor, FILLED, USERS } from "./testing";

afterEach(() => clearMocks());

describe("the shell", () => {
  it("speaks Chinese when app_info's locale is zh, and the toggle switches every string to English and back", async () => {
    const { root } = await start(baseHandlers("zh"));
    expect(byId(root, "nav-queue").textContent).toBe("报备队列");
    expect(byId(root, "nav-heads").textContent).toBe("头部客户");
    expect(byId(root, "screen-queue").querySelector("h2")?.textContent).toBe("报备队列");
    byId(root, "language-toggle").click();
    await waitFor(() => expect(byId(root, "screen-queue").querySelector("h2")?.textContent).toBe("Registration queue"));
    expect(byId(root, "nav-queue").textContent).toBe("Queue");
    expect(byId(root, "nav-heads").textContent).toBe("Head accounts");
    expect(byId(root, "screen-queue").querySelector("h2")?.textContent).toBe("Registration queue");
    expect(document.documentElement.lang).toBe("en");
    byId(root, "language-toggle").click();
    await waitFor(() => expect(byId(root, "nav-audit").textContent).toBe("审计日志"));
  });

  it("tells the backend the language at start and on every switch, and remembers the user's choice", async () => {
    const { root, calls } = await start(baseHandlers("zh"));
    const told = () => calls.filter((c) => c.command === "set_language").map((c) => (c.payload as { lang: string }).lang);
    expect(told()).toEqual(["zh"]);
    byId(root, "language-toggle").click();
    await waitFor(() => expect(told().at(-1)).toBe("en"));
    // Next start: the system says Chinese, but the user chose English.
    const again = await start(baseHandlers("zh"), true);
    expect(byId(again.root, "nav-queue").textContent).toBe("Queue");
    expect(again.calls.filter((c) => c.command === "set_language").at(-1)?.payload).toEqual({ lang: "en" });
  });

  it("speaks English when app_info's locale is not zh", async () => {
    const { root } = await start(baseHandlers("en"));
    expect(byId(root, "nav-disputes").textContent).toBe("Disputes");
  });

  it("shows a failing command's {code, message} in the error banner", async () => {
    const { root } = await start({
      ...baseHandlers(),
      queue: () => {
        throw { code: "storage", message: "database is locked" };
      },
    });
    const banner = byId(root, "error-banner");
    await waitFor(() => expect(banner.hidden).toBe(false));
    expect(banner.textContent).toContain("[数据库出错]");
    expect(banner.textContent).not.toContain("[storage]");
    expect(banner.textContent).toContain("database is locked");
    expect(banner.querySelector<HTMLElement>(".error")?.dataset.code).toBe("storage");
  });

  it("offers the demo on an empty database; loading it runs run_demo once and shows the queue", async () => {
    let filled = false;
    const { root, calls } = await start({
      ...baseHandlers(),
      sources: () => (filled ? FILLED : FILLED.map((s) => ({ ...s, rows: 0 }))),
      run_demo: () => {
        filled = true;
        return { imported: [["follow_up", 309]], checked: 12, users: ["admin"] };
      },
    });
    expect(root.querySelector('[data-testid="screen-queue"]')).toBeNull();
    byId(root, "demo-load").click();
    await waitFor(() => expect(root.querySelector('[data-testid="screen-queue"]')).not.toBeNull());
    expect(calls.filter((c) => c.command === "run_demo")).toHaveLength(1);
    expect(root.querySelector('[data-testid="demo-offer"]')).toBeNull();
    expect(root.textContent).toContain("12");
  });

  it("keeps the demo offer and shows the error when run_demo fails", async () => {
    const { root } = await start({
      ...baseHandlers(),
      sources: () => FILLED.map((s) => ({ ...s, rows: 0 })),
      run_demo: () => {
        throw { code: "conflict", message: "this database already holds data" };
      },
    });
    byId(root, "demo-load").click();
    await waitFor(() => expect(byId(root, "error-banner").textContent).toContain("[操作冲突] this database already holds data"));
    await waitFor(() => expect(byId<HTMLButtonElement>(root, "demo-load").disabled).toBe(false));
  });

  it("lists users in the switch and switches the acting user through switch_user", async () => {
    const { root, calls } = await start({ ...baseHandlers(), switch_user: (p) => USERS.find((u) => u.name === p.name) });
    const sw = byId<HTMLSelectElement>(root, "user-switch");
    expect([...sw.options].map((o) => o.value)).toEqual(["admin", "王经理"]);
    expect(sw.value).toBe("admin");
    sw.value = "王经理";
    sw.dispatchEvent(new Event("change"));
    await waitFor(() => expect(calls.some((c) => c.command === "switch_user" && c.payload.name === "王经理")).toBe(true));
    await waitFor(() => expect(byId<HTMLSelectElement>(root, "user-switch").value).toBe("王经理"));
  });

  it("has a nav button per screen, each showing its screen", async () => {
    const { root } = await start(baseHandlers());
    expect(all(root, "nav-queue")).toHaveLength(1);
    byId(root, "nav-disputes").click();
    expect(root.querySelector('[data-testid="screen-disputes"]')).not.toBeNull();
    expect(byId(root, "nav-disputes").getAttribute("aria-current")).toBe("page");
  });
});

describe("errors and navigation", () => {
  it("clears the last screen's errors when the user moves to another screen", async () => {
    const { root } = await start({
      ...baseHandlers(),
      queue: () => {
        throw { code: "storage", message: "locked" };
      },
      disputes: () => [],
    });
    await waitFor(() => expect(byId(root, "error-banner").hidden).toBe(false));
    byId(root, "nav-disputes").click();
    expect(byId(root, "error-banner").hidden).toBe(true);
  });
});

describe("first run", () => {
  it("keeps the other screens usable before the demo, and drops the offer once data was imported", async () => {
    let rows = 0;
    const { root } = await start({
      ...baseHandlers(),
      sources: () => FILLED.map((s) => ({ ...s, rows })),
    });
    expect(root.querySelector('[data-testid="demo-offer"]')).not.toBeNull();
    byId(root, "nav-data").click();
    expect(root.querySelector('[data-testid="screen-data"]')).not.toBeNull();
    rows = 5;
    byId(root, "nav-queue").click();
    await waitFor(() => expect(root.querySelector('[data-testid="screen-queue"]')).not.toBeNull());
    expect(root.querySelector('[data-testid="demo-offer"]')).toBeNull();
  });
});
