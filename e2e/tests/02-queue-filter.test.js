// E2E 2: filtering the queue by outcome leaves only rows with that outcome and changes the total.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "../lib/harness.js";
import { choose, loadDemo, queueRows, queueTotal, loadedQueueRows } from "../lib/steps.js";

test("the queue filters by outcome", { timeout: 120000 }, async () => {
  await withApp("queue-filter", async ({ browser, shot }) => {
    await loadDemo(browser);
    const all = await queueTotal(browser);
    const before = await loadedQueueRows(browser);
    assert.ok(all >= 10, `the demo queue should hold many registrations, total ${all}`);
    assert.ok(before.some((r) => r.outcome !== "co_sell"), `the unfiltered queue mixes outcomes: ${before.map((r) => r.outcome)}`);
    await shot("queue-all");

    await choose(browser, "queue-filter-outcome", "co_sell");
    await browser.waitUntil(async () => {
      const n = await queueTotal(browser);
      return n > 0 && n < all && (await queueRows(browser)).length === n;
    }, { timeout: 15000, timeoutMsg: "the total did not drop to the co_sell rows" });
    const total = await queueTotal(browser);
    const rows = await queueRows(browser);
    assert.equal(rows.length, total, "every filtered row is shown");
    for (const r of rows) assert.equal(r.outcome, "co_sell", `row ${r.id} has outcome ${r.outcome}`);
    await shot("queue-co-sell");

    await choose(browser, "queue-filter-outcome", "");
    await browser.waitUntil(async () => (await queueTotal(browser)) === all, {
      timeout: 15000, timeoutMsg: "clearing the filter did not restore the total",
    });
  });
});
