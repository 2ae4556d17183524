// E2E 1: on a fresh database the app offers the demo data; loading it fills the queue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { LOADED_ROW, loadDemo, queueRows, queueTotal } from "../lib/steps.js";

test("demo data loads on first run and fills the queue", { timeout: 120000 }, async () => {
  await withApp("demo", async ({ browser, shot }) => {
    const offer = await waitTestId(browser, "demo-offer");
    assert.match(await offer.getText(), /\S/);
    assert.equal((await browser.$$(LOADED_ROW)).length, 0, "an empty database shows no queue rows");
    await shot("first-run");

    await loadDemo(browser);
    const total = await queueTotal(browser);
    assert.ok(total >= 10, `expected the demo's registrations in the queue, total ${total}`);
    // The virtual list renders only the visible window; the demo's own writes reach the app as a change
    // (live refresh) a moment later, and the list is drawn again then: read it once it has settled.
    let rows = [];
    await browser.waitUntil(async () => {
      rows = await queueRows(browser);
      return rows.length >= 5;
    }, { timeout: 10000, timeoutMsg: "the queue never showed the demo's rows" });
    assert.ok(rows.length >= 5 && rows.length <= total, `${rows.length} rows shown of ${total}`);
    for (const r of rows) assert.match(r.id ?? "", /^R\d{4}$/, "queue rows name their registration");
    assert.ok(rows.every((r) => r.outcome), "every demo registration has a proposed outcome");
    assert.equal(await byTestId(browser, "demo-offer").isExisting(), false, "the demo offer goes away");
    assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "no error banner");
    await shot("queue");
  });
});
