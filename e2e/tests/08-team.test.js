// E2E 8: team mode. The app connects to a PostgreSQL database (scripts/pg.sh's server) through its connect screen
// as a regional head; a channel manager opens a dispute with the CLI in another process; the head's Disputes
// screen shows it without a restart. Skipped, saying so, without DEALGATE_TEST_PG.
//
// The app's connection file goes to `DEALGATE_CONFIG_DIR`, a temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withApp, waitTestId, byTestId, repoRoot, uiLang } from "../lib/harness.js";
import { go, type } from "../lib/steps.js";

const SERVER = process.env.DEALGATE_TEST_PG || "";
const targetDir = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), ".cache", "dealgate", "target");
const CLI = process.env.DEALGATE_CLI || path.join(targetDir, "debug", "dealgate");
const TAG = `${process.pid}_${Date.now() % 100000}`;
const DB = `dg_e2e_${TAG}`;
const login = (who) => `${who}_${TAG}`;
const CLAIM = "E2E: our partner met this customer first";

/** Runs the CLI on the team database as `who` (or the server's superuser, the database's owner here). */
function cli(who, password, args, stdin = "") {
  const url = new URL(SERVER);
  url.pathname = `/${DB}`;
  if (who) {
    url.username = login(who);
    url.password = password;
  }
  const env = { ...process.env };
  delete env.DEALGATE_DB;
  delete env.PGPASSWORD;
  return execFileSync(CLI, ["--db", url.toString(), ...args], { input: stdin, env }).toString();
}

function psql(sql) {
  execFileSync("psql", [SERVER, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]);
}

test("a dispute opened by a channel manager elsewhere appears in the regional head's app", { timeout: 180000, skip: SERVER ? false : "DEALGATE_TEST_PG is unset: source scripts/pg.sh; pg_start" }, async () => {
  psql(`CREATE DATABASE ${DB}`);
  try {
    // The owner adds an admin; the admin adds a channel manager and the regional head of 华东, imports, checks.
    cli(null, null, ["user", "add", login("ada"), "--role", "admin", "--password-stdin"], "pw-ada\n");
    cli("ada", "pw-ada", ["user", "add", login("cm"), "--role", "channel_manager", "--regions", "华东", "--password-stdin"], "pw-cm\n");
    cli("ada", "pw-ada", ["user", "add", login("head"), "--role", "regional_head", "--regions", "华东", "--password-stdin"], "pw-head\n");
    for (const kind of ["follow-ups", "head-accounts", "registrations"]) {
      cli("ada", "pw-ada", ["import", kind, path.join(repoRoot, "tests", "fixtures", `${kind.replace("-", "_")}.csv`)]);
    }
    cli("ada", "pw-ada", ["check", "--all", "--as-of", "2026-06-30", "--format", "jsonl"]);

    // The app's remembered connection goes to a folder of this test's, never the user's.
    process.env.DEALGATE_CONFIG_DIR = mkdtempSync(path.join(os.tmpdir(), "dealgate-e2e-config-"));
    await withApp("team", async ({ browser, shot }) => {
      await (await waitTestId(browser, "connect-open")).click();
      await waitTestId(browser, "screen-connect");
      const server = new URL(SERVER);
      await type(browser, "connect-host", server.hostname);
      await type(browser, "connect-port", server.port || "5432");
      await type(browser, "connect-database", DB);
      await type(browser, "connect-user", login("head"));

      // A wrong password is refused as what to fix, and nothing changes.
      await type(browser, "connect-password", "not-the-password");
      await (await waitTestId(browser, "connect-submit")).click();
      const problem = await waitTestId(browser, "connect-error", 20000);
      assert.equal(await problem.getAttribute("data-code"), "forbidden");
      assert.match(await problem.getText(), uiLang() === "zh" ? /密码/ : /password/);
      await shot("connect-refused");

      // The server's superuser signs in, but is no DealGate user: said so, naming what to do.
      await type(browser, "connect-user", decodeURIComponent(server.username));
      await type(browser, "connect-password", decodeURIComponent(server.password));
      await (await waitTestId(browser, "connect-submit")).click();
      await browser.waitUntil(async () => (await byTestId(browser, "connect-error").getAttribute("data-code")) === "not_found", {
        timeout: 20000,
        timeoutMsg: "a login that is no DealGate user was not refused as not_found",
      });
      assert.match(await byTestId(browser, "connect-error").getText(), uiLang() === "zh" ? /不是 .* 的 DealGate 用户/ : /not a DealGate user/);

      await type(browser, "connect-user", login("head"));
      await type(browser, "connect-password", "pw-head");
      await (await waitTestId(browser, "connect-submit")).click();
      await waitTestId(browser, "team-user", 30000);
      const signedIn = new RegExp(`${login("head")} · ${uiLang() === "zh" ? "区域负责人" : "Regional head"} · 华东`, "i");
      const shown = async () => String(await browser.execute(() => document.querySelector('[data-testid="team-user"]')?.textContent ?? ""));
      await browser.waitUntil(async () => signedIn.test(await shown()), {
        timeout: 15000,
        timeoutMsg: "the header does not show the login with its role and region",
      }).catch(async (e) => {
        await shot("signed-in-missing");
        throw new Error(`${e.message}: it shows ${JSON.stringify(await shown())}`);
      });
      assert.equal(await byTestId(browser, "user-switch").isExisting(), false, "no user switch in team mode");
      assert.match(await byTestId(browser, "db-label").getText(), new RegExp(DB));
      await shot("connected");

      await go(browser, "disputes");
      await waitTestId(browser, "screen-disputes");
      assert.equal(await browser.$('[data-testid="dispute-row"]').isExisting(), false, "no dispute yet");
      await shot("disputes-empty");

      // Another person, another process: the channel manager opens a dispute with the CLI.
      cli("cm", "pw-cm", ["dispute", "open", "R01", "--claim", CLAIM]);
      const row = browser.$('[data-testid="dispute-row"]');
      await row.waitForDisplayed({ timeout: 20000, timeoutMsg: "the dispute opened elsewhere never appeared" });
      assert.ok((await row.getText()).includes("R01"), await row.getText());
      assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "no error");
      await shot("disputes-live");
    });
  } finally {
    const drops = [`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, ...["ada", "cm", "head"].map((w) => `DROP ROLE IF EXISTS ${login(w)}`)];
    for (const sql of drops) {
      try { psql(sql); } catch { /* best effort */ }
    }
  }
});
