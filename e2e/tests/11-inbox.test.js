// E2E 11 (in Chinese): a channel manager's inbox — tabs in order with counts, oldest first, an age marker, the
// last tab kept; j/k timed in the page; a batch accept undone (nothing written), then done (each one written).
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { go, LOADED_ROW, loadDemo, queueRows, showTab, switchUser, tabCount } from "../lib/steps.js";

/** Presses `key` in the page and returns the ms until the next frame after the selection moved. */
async function timedKey(browser, key) {
  return browser.executeAsync((k, done) => {
    const t0 = performance.now();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    requestAnimationFrame(() => done(performance.now() - t0));
  }, key);
}

test("a channel manager's inbox and a batch accept with undo", { timeout: 240000 }, async () => {
  await withApp("inbox", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "wang.qudao");
    await go(browser, "queue");
    // The tabs come with the inbox's first read: wait for them (a loaded machine draws late).
    let tabs = [];
    await browser.waitUntil(async () => {
      tabs = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="inbox-tab"]')).map((b) => b.getAttribute("data-tab")));
      return tabs.length > 0;
    }, { timeout: 15000, timeoutMsg: "the inbox shows no tabs" });
    assert.deepEqual(tabs, ["review", "proposals", "quiet", "ending", "all"], "a channel manager's tabs, what needs a person first");

    // Review: oldest first, each row with an age marker in working days.
    const reviews = await showTab(browser, "review");
    assert.ok(reviews > 0, `the demo leaves review items (${reviews})`);
    await browser.waitUntil(async () => (await browser.$$(LOADED_ROW)).length > 0, { timeout: 15000, timeoutMsg: "no review rows" });
    const submitted = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="queue-row"][data-registration-id] .c-submitted')).map((c) => c.textContent));
    assert.deepEqual([...submitted].sort(), submitted, "oldest first within the tab");
    const rows = await queueRows(browser);
    assert.ok(rows.every((r) => r.outcome === "review"), "only review items in the review tab");
    const age = byTestId(browser, "queue-age");
    assert.equal(await age.getAttribute("data-unit"), "working_days", `the age marker is in working days: ${await age.getText()}`);
    await shot("inbox-review");

    // j/k within one frame (measured in the page: keydown to the next animation frame).
    await browser.execute(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
    const times = [];
    for (let i = 0; i < 8; i++) times.push(await timedKey(browser, i % 2 ? "k" : "j"));
    times.sort((a, b) => a - b);
    console.log(`j/k keydown to next frame, ms: median ${times[4].toFixed(1)}, max ${times[7].toFixed(1)} (${times.map((t) => t.toFixed(1)).join(", ")})`);
    assert.ok(times[4] < 50, `j/k median ${times[4]} ms`);
    await timedKey(browser, "?");
    await waitTestId(browser, "keys-help");
    await shot("inbox-keys-help");
    await timedKey(browser, "?");

    // Batch accept: three proposals picked, undone (nothing written), picked again and accepted.
    const before = await showTab(browser, "proposals");
    assert.ok(before >= 3, `at least three proposals to accept (${before})`);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="queue-pick"]')).length >= 3, { timeout: 15000, timeoutMsg: "no checkboxes" });
    const pick3 = async () => {
      for (let i = 0; i < 3; i++) await (await browser.$$('[data-testid="queue-pick"]'))[i].click();
    };
    await pick3();
    const picked = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="queue-row"].picked')).map((r) => r.getAttribute("data-registration-id")));
    assert.equal(picked.length, 3);
    await (await waitTestId(browser, "batch-accept")).click();
    await waitTestId(browser, "batch-undo-bar");
    await shot("batch-undo");
    await (await waitTestId(browser, "batch-undo")).click();
    await browser.pause(6000);
    assert.equal(await tabCount(browser, "proposals"), before, "undo wrote nothing");
    await (await waitTestId(browser, "batch-accept")).click();
    await browser.waitUntil(async () => (await tabCount(browser, "proposals")) === before - 3, {
      timeout: 20000,
      timeoutMsg: "the batch was not written after the undo window",
    });
    const toast = await byTestId(browser, "toast").getText();
    assert.match(toast, /\b3\b/, `the toast counts the three accepted: ${toast}`);
    await shot("batch-accepted");
    for (const id of picked) {
      const still = await browser.$(`[data-testid="queue-row"][data-registration-id="${id}"]`).isExisting();
      assert.equal(still, false, `${id} left the proposals tab`);
    }
    // The last tab is kept: back from another screen, the proposals tab is open again.
    await go(browser, "audit");
    await go(browser, "queue");
    const selected = await browser.$('[data-testid="inbox-tab"][data-tab="proposals"]').getAttribute("aria-selected");
    assert.equal(selected, "true");
    await go(browser, "audit");
    const log = await byTestId(browser, "screen-audit").getText();
    for (const id of picked) assert.ok(log.includes(id), `the audit log has ${id}'s accept`);
    await shot("audit-after-batch");
  });
});
