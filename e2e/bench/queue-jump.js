// End / Home on a large queue in the real window: the desktop app (DEALGATE_APP) opened on a copy of a database, the
// "all" tab shown, then End and Home pressed in turn; each timed from keydown to the frame where the selected row is
// the last (first) one and every visible row is drawn (no placeholder). The first End is timed at once (its page
// not yet fetched, the index building in the background); the presses after SETTLE seconds.
// Usage: node bench/queue-jump.js DB [PRESSES] [SETTLE]
import { startApp } from "../lib/harness.js";
import { queueTotal, showAll } from "../lib/steps.js";

const [db, pressesArg] = process.argv.slice(2);
if (!db) {
  console.error("usage: node bench/queue-jump.js DATABASE [PRESSES]");
  process.exit(2);
}
const presses = Number(pressesArg || 5);
const settleSeconds = Number(process.argv[4] || 20);

/** Presses `key` in the page; resolves to ms until a frame shows the selection on index `want` with no blank row. */
async function timedJump(browser, key, want) {
  return browser.executeAsync((k, target, done) => {
    const t0 = performance.now();
    const landed = () => {
      const rows = Array.from(document.querySelectorAll('[data-testid="queue-row"]'));
      const selected = document.querySelector('[data-testid="queue-row"].selected');
      const blank = rows.some((r) => !r.hasAttribute("data-registration-id"));
      return selected && Number(selected.getAttribute("data-index")) === target && !blank;
    };
    const poll = () => (landed() ? done(performance.now() - t0) : performance.now() - t0 > 20000 ? done(-1) : requestAnimationFrame(poll));
    document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    requestAnimationFrame(poll);
  }, key, want);
}

const ctx = await startApp("queue-jump", { db });
try {
  const { browser } = ctx;
  await browser.waitUntil(async () => browser.execute(() => performance.getEntriesByName("dealgate:queue-ready").length > 0), {
    timeout: 60000, timeoutMsg: "the queue never marked itself ready",
  });
  await showAll(browser);
  await browser.waitUntil(async () => (await queueTotal(browser)) > 0, { timeout: 20000, timeoutMsg: "queue-total stayed 0" });
  const total = await queueTotal(browser);
  await browser.execute(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
  const first = await timedJump(browser, "End", total - 1);
  console.log(`first End on ${total.toLocaleString("en")} rows, at start: ${first.toFixed(0)} ms`);
  await timedJump(browser, "Home", 0);
  await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
  const times = { End: [], Home: [] };
  for (let i = 0; i < presses; i++) {
    for (const [key, want] of [["End", total - 1], ["Home", 0]]) {
      const ms = await timedJump(browser, key, want);
      if (ms < 0) throw new Error(`${key} never landed on row ${want} of ${total} with every row drawn`);
      times[key].push(ms);
    }
  }
  for (const key of ["End", "Home"]) {
    const t = [...times[key]].sort((a, b) => a - b);
    console.log(`${key} on ${total.toLocaleString("en")} rows, keydown to landed and drawn, ${presses} presses after ${settleSeconds} s: median ${t[Math.floor(presses / 2)].toFixed(0)} ms, min ${t[0].toFixed(0)}, max ${t[presses - 1].toFixed(0)} (${times[key].map((x) => x.toFixed(0)).join(", ")})`);
  }
} finally {
  await ctx.close();
}
