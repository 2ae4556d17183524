// E2E 1: on a fresh database the app offers the demo data; loading it fills the queue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "../lib/harness.js";

// Until the UI's contract testids land, the first shell's classes are accepted as well.
const OFFER = '[data-testid="demo-offer"], section.demo';
const LOAD = '[data-testid="demo-load"], .demo-button';
const ROW = '[data-testid="queue-row"], tr[data-registration]';

test("demo data loads on first run and fills the queue", { timeout: 120000 }, async () => {
  await withApp("demo", async ({ browser, shot }) => {
    const offer = browser.$(OFFER);
    await offer.waitForDisplayed({ timeout: 15000, timeoutMsg: "no demo offer on a fresh database" });
    assert.match(await offer.getText(), /\S/);
    assert.equal((await browser.$$(ROW)).length, 0, "an empty database shows no queue rows");
    await shot("first-run");

    await browser.$(LOAD).click();
    await browser.waitUntil(async () => (await browser.$$(ROW)).length > 0, {
      timeout: 60000,
      timeoutMsg: "the queue never filled after loading the demo",
    });
    const rows = await browser.$$(ROW);
    assert.ok(rows.length >= 5, `expected several queue rows, got ${rows.length}`);
    const id = (await rows[0].getAttribute("data-registration-id")) ?? (await rows[0].getAttribute("data-registration"));
    assert.match(id ?? "", /^R\d+/, "queue rows name their registration");
    assert.equal(await browser.$(OFFER).isExisting(), false, "the demo offer goes away");
    await shot("queue");
  });
});
