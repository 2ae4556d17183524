// Test harness: starts tauri-driver + the real DealGate desktop app on a fresh database per test, and checks screenshots.
//
// Runs under `node --test` with webdriverio, through tauri-driver and WebKitWebDriver under Xvfb (scripts/e2e.sh). One
// fresh database per test, or a copy of a given one. Screenshots go to
// `target/e2e-screenshots/<test>-<zh|en>-<screen>.png`, with a blank-screen guard and a clipped-text guard: an element
// whose own text does not fit its box fails the test, unless cut with an ellipsis under a `title` holding the whole
// text. Tests find elements by test id and code (`data-testid`, `data-outcome`), never by English words.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshotDir = path.join(repoRoot, "target", "e2e-screenshots");
const targetDir = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), ".cache", "dealgate", "target");
export const appBinary = process.env.DEALGATE_APP || path.join(targetDir, "debug", "dealgate-desktop");
const CONVERT = "/usr/bin/convert"; // /usr/local/bin/convert may be a stand-in; use ImageMagick's own

/** A free TCP port on localhost. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => { s.end(); resolve(true); });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on port ${port} within ${ms} ms`);
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once `child` has exited, or false after `ms`. */
function waitExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Pids of processes whose environment holds DEALGATE_DB=`dbPath` (the app this harness started for one test). */
function appPids(dbPath) {
  const needle = Buffer.from(`DEALGATE_DB=${dbPath}\0`);
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry));
    } catch { /* gone, or not ours to read */ }
  }
  return pids;
}

/**
 * Starts tauri-driver with DEALGATE_DB pointing into a new temporary directory (the env reaches the app through
 * WebKitWebDriver, which launches it), opens a WebDriver session on the app and waits for the UI to render.
 * `options.db`: a database file copied there first (else the app starts on an empty one).
 * Returns { browser, tmp, dbPath, name, shot(screen), died, close() }; `died` rejects if tauri-driver exits early.
 */
export async function startApp(name, options = {}) {
  if (!existsSync(appBinary)) throw new Error(`desktop app not built: ${appBinary}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), `dealgate-e2e-${name}-`));
  const dbPath = path.join(tmp, "x.db");
  if (options.db) copyFileSync(options.db, dbPath);
  const [port, nativePort] = [await freePort(), await freePort()];
  const driverLog = [];
  const driver = spawn(process.env.TAURI_DRIVER || "tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    // Chinese UI by default, as most users have it (the app reads LANG itself, so the locale need not be
    // generated); E2E_LANG=C.UTF-8 for English. The webview's local storage (the queue's kept tab and
    // filters) goes to the test's own folder: each test starts as a first run, whatever an earlier test left.
    env: { ...process.env, DEALGATE_DB: dbPath, XDG_DATA_HOME: path.join(tmp, "data"), LANG: e2eLang(), LC_ALL: e2eLang() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  driver.stdout.on("data", (d) => driverLog.push(String(d)));
  driver.stderr.on("data", (d) => driverLog.push(String(d)));
  let closing = false;
  const died = new Promise((_, reject) => {
    driver.once("exit", (code, signal) => {
      if (!closing) reject(new Error(`tauri-driver exited during the test (code ${code}, signal ${signal})\n${driverLog.join("").slice(-2000)}`));
    });
  });
  died.catch(() => {}); // observed by withApp; not an unhandled rejection when nobody races it

  const close = async (browser) => {
    closing = true;
    if (browser && !exited(driver)) {
      try { await browser.deleteSession(); } catch { /* the app may already be gone */ }
    }
    if (!exited(driver)) {
      driver.kill("SIGTERM");
      if (!(await waitExit(driver, 5000))) driver.kill("SIGKILL");
    }
    // The app outlives its drivers when they die abruptly: end exactly the one started for this test.
    for (const pid of appPids(dbPath)) {
      try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ }
    }
    if (!process.env.E2E_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  };

  let browser;
  try {
    await waitForPort(port, 15000);
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "error",
      connectionRetryCount: 1,
      connectionRetryTimeout: 30000,
      capabilities: {
        browserName: "wry",
        "wdio:enforceWebDriverClassic": true,
        "tauri:options": { application: appBinary },
      },
    });
    await browser.waitUntil(async () => (await bodyText(browser)).length > 0, {
      timeout: 20000,
      timeoutMsg: "the app's page never showed any text",
    });
  } catch (e) {
    await close(browser);
    e.message += `\n--- tauri-driver output ---\n${driverLog.join("").slice(-4000)}`;
    throw e;
  }
  return {
    browser, tmp, dbPath, name, driverLog, died,
    shot: (screen) => screenshot(browser, name, screen),
    close: () => close(browser),
  };
}

/**
 * Milliseconds from the app's process start (its start time in /proc, 10 ms steps) to the moment the UI marked
 * `dealgate:queue-ready` (the first queue rows drawn), waiting up to `timeout` for the mark.
 */
export async function coldStartMs(ctx, timeout = 60000) {
  const { browser, dbPath } = ctx;
  await browser.waitUntil(async () => browser.execute(() => performance.getEntriesByName("dealgate:queue-ready").length > 0), {
    timeout, timeoutMsg: "the queue never marked itself ready",
  });
  const readyAt = await browser.execute(() => performance.timeOrigin + performance.getEntriesByName("dealgate:queue-ready")[0].startTime);
  const pid = appPids(dbPath).find((p) => readFileSync(`/proc/${p}/cmdline`).toString().includes("dealgate-desktop"));
  if (!pid) throw new Error("the app's process was not found");
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
  // Boot time from the uptime (10 ms steps; /proc/stat's btime is whole seconds).
  const bootMs = Date.now() - Number(readFileSync("/proc/uptime").toString().split(" ")[0]) * 1000;
  const stat = readFileSync(`/proc/${pid}/stat`).toString();
  const startTicks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return readyAt - (bootMs + (startTicks * 1000) / ticks);
}

/** The visible text of the page body, trimmed. */
export async function bodyText(browser) {
  return String(await browser.execute(() => (document.body ? document.body.innerText : "")) ?? "").trim();
}

/** The locale the apps under test run in: `E2E_LANG`, else Chinese. */
export function e2eLang() {
  return process.env.E2E_LANG || "zh_CN.UTF-8";
}

/** `zh` or `en`: the language of the UI under test (screenshots carry it in their names). */
export function uiLang() {
  return /^zh/i.test(e2eLang()) ? "zh" : "en";
}

/**
 * Elements on screen whose own text does not fit their box: cut off (overflow hidden/clip, an ellipsis
 * without a `title` holding the full text) or spilling out over its neighbours. Scrolling boxes, inline
 * elements (measured through their block) and form fields are not judged.
 */
export async function clippedText(browser) {
  return browser.execute(() => {
    const found = [];
    for (const el of document.querySelectorAll("body *")) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!own) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "inline" || cs.display === "contents" || cs.visibility === "hidden") continue;
      if (["INPUT", "SELECT", "TEXTAREA", "OPTION", "SCRIPT", "STYLE"].includes(el.tagName)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (["auto", "scroll"].includes(cs.overflowX)) continue;
      const over = el.scrollWidth - el.clientWidth;
      if (over <= 1) continue;
      if (cs.textOverflow === "ellipsis" && el.getAttribute("title")) continue; // cut on purpose, full text on hover
      found.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}.${el.className} "${own.slice(0, 40)}" needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
    }
    return found;
  });
}

/**
 * Saves target/e2e-screenshots/<test>-<lang>-<screen>.png and fails when the screen is blank (the body shows
 * no text, or the image is (nearly) a single colour according to ImageMagick) or shows clipped text.
 */
export async function screenshot(browser, test, screen) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${test}-${uiLang()}-${screen}.png`);
  await browser.saveScreenshot(file);
  const text = await bodyText(browser);
  if (text.length === 0) throw new Error(`blank screen ${test}-${screen}: the page shows no text`);
  const clipped = await clippedText(browser);
  if (clipped.length > 0) throw new Error(`clipped text on ${test}-${screen} (${uiLang()}):\n  ${clipped.join("\n  ")}`);
  if (!existsSync(file) || statSync(file).size === 0) throw new Error(`screenshot ${file} was not written`);
  const colours = Number(execFileSync(CONVERT, [file, "-format", "%k", "info:"]).toString().trim());
  if (!(colours > 8)) throw new Error(`blank screen ${test}-${screen}: the screenshot has only ${colours} colour(s)`);
  return file;
}

/** The element with data-testid `id` (a WebdriverIO chainable). */
export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/** Waits until the element with data-testid `id` is displayed and returns it. */
export async function waitTestId(browser, id, timeout = 15000) {
  // Looked up afresh each time: a screen that redraws (a live refresh) replaces the element under a held handle.
  await browser.waitUntil(async () => {
    try {
      return await byTestId(browser, id).isDisplayed();
    } catch {
      return false; // stale while the screen redrew
    }
  }, { timeout, timeoutMsg: `[data-testid="${id}"] never appeared` });
  return byTestId(browser, id);
}

/** Runs `body` with a started app, always closing it; the test name names the screenshots. */
export async function withApp(name, body) {
  const ctx = await startApp(name);
  try {
    await Promise.race([body(ctx), ctx.died]);
  } finally {
    await ctx.close();
  }
}
