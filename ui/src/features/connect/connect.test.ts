// The connect screen and team mode against mocked IPC: form checks, refused connections shown as what to fix,
// the header without the user switch on a team database, and lists refreshed when the database changes.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { all, baseHandlers, byId, decisionOf, edit, queueRow, REGISTRATION, start, waitFor, LOCAL, TEAM, USERS } from "../../testing";
import type { DisputeView, User } from "../../backend";
import { checkForm } from "./connect";

afterEach(() => clearMocks());

const MANAGER: User = { name: "wang.qudao", role: "channel_manager", regions: ["华东", "华南"] };

function fill(root: HTMLElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) edit(byId<HTMLInputElement>(root, `connect-${name}`), value);
}

async function openConnect(root: HTMLElement): Promise<void> {
  byId(root, "connect-open").click();
  await waitFor(() => byId(root, "screen-connect"));
}

describe("the connect form", () => {
  it("checks required fields and the port before anything is sent", () => {
    expect(checkForm({ host: "db", port: "5432", database: "dealgate", user: "wang" })).toEqual({});
    expect(checkForm({ host: " ", port: "0", database: "", user: "wang qudao" })).toEqual({
      host: "connect.required",
      port: "connect.badPort",
      database: "connect.required",
      user: "connect.noSpaces",
    });
    expect(checkForm({ host: "db", port: "65536", database: "d", user: "u" }).port).toBe("connect.badPort");
    expect(checkForm({ host: "db", port: "54x", database: "d", user: "u" }).port).toBe("connect.badPort");
  });

  it("shows what is missing next to the field and does not call connect_team", async () => {
    const { root, calls } = await start(baseHandlers());
    await openConnect(root);
    fill(root, { host: "", port: "99999", user: "wang.qudao" });
    byId(root, "connect-submit").click();
    await waitFor(() => expect(byId(root, "connect-invalid-host").hidden).toBe(false));
    expect(byId(root, "connect-invalid-host").textContent).toBe("必填");
    expect(byId(root, "connect-invalid-port").textContent).toContain("1–65535");
    expect(byId(root, "connect-invalid-user").hidden).toBe(true);
    expect(byId(root, "connect-host").getAttribute("aria-invalid")).toBe("true");
    expect(calls.some((c) => c.command === "connect_team")).toBe(false);
  });

  it("shows a refused sign-in as what to fix, in the user's language, and stays on the form", async () => {
    const { root, calls } = await start({
      ...baseHandlers(),
      connect_team: () => {
        throw { code: "forbidden", message: "cannot sign in to postgres://wang.qudao@db:5432/dealgate: check the user name and password" };
      },
    });
    await openConnect(root);
    fill(root, { host: "db", port: "5432", database: "dealgate", user: "wang.qudao", password: "wrong" });
    byId(root, "connect-submit").click();
    const problem = byId(root, "connect-error");
    await waitFor(() => expect(problem.hidden).toBe(false));
    expect(problem.dataset.code).toBe("forbidden");
    expect(problem.textContent).toContain("数据库拒绝登录");
    expect(problem.textContent).toContain("check the user name and password");
    const sent = calls.find((c) => c.command === "connect_team")!.payload;
    expect(sent).toEqual({
      settings: { host: "db", port: 5432, database: "dealgate", user: "wang.qudao", sslmode: null },
      password: "wrong",
      remember: true,
    });
    expect(byId(root, "screen-connect")).toBeTruthy();
    byId(root, "language-toggle").click();
    // The switch tells the backend first, then draws the screen again: let it settle.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await openConnect(root);
    fill(root, { host: "db", user: "wang.qudao" });
    byId(root, "connect-submit").click();
    await waitFor(() => expect(byId(root, "connect-error").textContent).toContain("The database refused the sign-in"));
  });

  it("names an unreachable server and a database that is not DealGate's differently", async () => {
    let answer = { code: "storage", message: "cannot reach the server at db:5433" };
    const { root } = await start({
      ...baseHandlers(),
      connect_team: () => {
        throw answer;
      },
    });
    await openConnect(root);
    fill(root, { host: "db", port: "5433", user: "wang.qudao" });
    byId(root, "connect-submit").click();
    await waitFor(() => expect(byId(root, "connect-error").textContent).toContain("连接不到数据库服务器"));
    answer = { code: "not_found", message: "wang.qudao signed in, but is not a DealGate user" };
    byId(root, "connect-submit").click();
    await waitFor(() => expect(byId(root, "connect-error").textContent).toContain("不是可用的 DealGate 数据库或用户"));
  });

  it("says when no keyring keeps the password and does not offer to remember it", async () => {
    const { root } = await start({ ...baseHandlers(), connection: () => ({ ...TEAM, keyring: "unavailable" }), current_user: () => MANAGER });
    await openConnect(root);
    expect(byId(root, "connect-keyring-absent").textContent).toContain("钥匙串");
    expect(byId<HTMLInputElement>(root, "connect-remember").disabled).toBe(true);
    expect(byId<HTMLInputElement>(root, "connect-user").value).toBe("wang.qudao");
  });
});

describe("team mode", () => {
  it("shows the login with its role and regions instead of the user switch", async () => {
    const { root } = await start({ ...baseHandlers(), connection: () => TEAM, current_user: () => MANAGER });
    expect(all(root, "user-switch")).toHaveLength(0);
    expect(byId(root, "team-user").textContent).toBe("wang.qudao · 渠道经理 · 华东、华南");
    expect(byId(root, "db-label").textContent).toContain("postgres://wang.qudao@db.team.internal:5432/dealgate");
    expect(byId(root, "db-label").textContent).toContain("团队数据库");
  });

  it("shows the login's regions anew when an admin changed them elsewhere", async () => {
    let me = MANAGER;
    const { root } = await start({ ...baseHandlers(), connection: () => TEAM, current_user: () => me });
    expect(byId(root, "team-user").textContent).toContain("华东、华南");
    me = { ...MANAGER, regions: ["西南"] };
    await emit("db-changed", 8);
    await waitFor(() => expect(byId(root, "team-user").textContent).toBe("wang.qudao · 渠道经理 · 西南"));
  });

  it("keeps the user switch on the local database", async () => {
    const { root } = await start(baseHandlers());
    expect(byId<HTMLSelectElement>(root, "user-switch").options).toHaveLength(USERS.length);
    expect(all(root, "team-user")).toHaveLength(0);
    expect(byId(root, "db-label").textContent).toContain("本机数据库");
  });

  it("connecting reloads the app on the team database, and the way back is offered", async () => {
    let view = LOCAL;
    const { root, calls } = await start({
      ...baseHandlers(),
      connection: () => view,
      current_user: () => (view.mode === "team" ? MANAGER : USERS[0]),
      connect_team: () => {
        view = TEAM;
        return TEAM;
      },
      use_local_database: () => {
        view = LOCAL;
        return LOCAL;
      },
    });
    await openConnect(root);
    expect(all(root, "connect-use-local")).toHaveLength(0);
    fill(root, { host: "db.team.internal", user: "wang.qudao", password: "s3cret" });
    byId(root, "connect-submit").click();
    await waitFor(() => expect(byId(root, "team-user").textContent).toContain("wang.qudao"));
    expect(byId(root, "screen-queue")).toBeTruthy();
    expect(root.textContent).toContain("已连接");
    await openConnect(root);
    byId(root, "connect-use-local").click();
    await waitFor(() => expect(all(root, "user-switch")).toHaveLength(1));
    expect(calls.filter((c) => c.command === "use_local_database")).toHaveLength(1);
  });

  it("says after connecting when no keyring kept the password", async () => {
    const { root } = await start({
      ...baseHandlers(),
      connect_team: () => ({ ...TEAM, keyring: "unavailable" }),
      current_user: () => MANAGER,
    });
    await openConnect(root);
    fill(root, { host: "db.team.internal", user: "wang.qudao", password: "s3cret" });
    byId(root, "connect-submit").click();
    await waitFor(() => expect(root.textContent).toContain("已连接"));
    expect(root.querySelector(".notice")?.textContent).toContain("钥匙串");
  });

  it("opens on the connect screen when the remembered team database needs its password", async () => {
    const problem = { code: "forbidden" as const, message: "enter the password for postgres://wang.qudao@db.team.internal:5432/dealgate" };
    const { root } = await start({
      ...baseHandlers(),
      connection: () => ({ ...TEAM, problem }),
      users: () => {
        throw problem;
      },
      current_user: () => {
        throw problem;
      },
    });
    expect(byId(root, "connect-why").textContent).toContain("enter the password");
    expect(byId<HTMLInputElement>(root, "connect-host").value).toBe("db.team.internal");
    expect(byId(root, "error-banner").hidden).toBe(true);
  });

  it("reads the queue again in place when the database changed, keeping the selected row", async () => {
    let rows = [queueRow(0), queueRow(1), queueRow(2)];
    const { root, calls } = await start({ ...baseHandlers(), queue: () => ({ total: rows.length, rows }) });
    await waitFor(() => expect(all(root, "queue-row")).toHaveLength(3));
    const key = (k: string) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("j");
    key("j");
    expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000001");
    const before = calls.filter((c) => c.command === "queue").length;
    rows = [queueRow(0), queueRow(1, { outcome: "co_sell" }), queueRow(2)];
    await emit("db-changed", 7);
    await waitFor(() => expect(calls.filter((c) => c.command === "queue").length).toBeGreaterThan(before));
    await waitFor(() => expect(root.querySelector('[data-registration-id="R000001"]')?.textContent).toContain("项目合作"));
    expect(root.querySelector<HTMLElement>(".queue-row.selected")?.dataset.registrationId).toBe("R000001");
  });

  it("shows a dispute opened by someone else when the database says it changed", async () => {
    const head: User = { name: "zhao.huanan", role: "regional_head", regions: ["华南"] };
    let open: DisputeView[] = [];
    const { root } = await start({
      ...baseHandlers(),
      connection: () => TEAM,
      current_user: () => head,
      disputes: () => open,
    });
    byId(root, "nav-disputes").click();
    await waitFor(() => byId(root, "screen-disputes"));
    expect(root.textContent).not.toContain("REG-77");
    open = [
      {
        dispute: {
          id: 9,
          registration_id: "REG-77",
          decision_id: 3,
          region: "华南",
          opened_by: "wang.qudao",
          claim: "客户去年已由我方跟进",
          opened_at: "2026-12-06T09:00:00",
          due_at: "2026-12-11T09:00:00",
          status: "open",
          ruled_by: null,
          ruling: null,
          rationale: null,
          ruled_at: null,
        },
        overdue: false,
        days_open: 0,
        registration: { ...REGISTRATION, registration_id: "REG-77" },
        decision: decisionOf({ registration_id: "REG-77", summary: "华南头部客户" }),
        escalated: false,
        contested: null,
        contested_version: null,
        counterpart: null,
      },
    ];
    await emit("db-changed", 42);
    await waitFor(() => expect(root.textContent).toContain("REG-77"));
  });
});
