// E2E 9: a registration taken by hand shows its head-account conflict as the customer name is typed, before
// anything is saved; a settings change is previewed (what would change) and then saved.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { go, loadDemo, queueTotal, switchUser, type } from "../lib/steps.js";

const HEAD = "北京溪谷网络科技有限公司"; // the demo's 华北 head account H004

test("the intake form shows a head account's conflict while typing; a settings change is previewed, then saved", { timeout: 180000 }, async () => {
  await withApp("intake", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "admin");
    const total = await queueTotal(browser);

    await go(browser, "intake");
    await type(browser, "intake-partner", "E2E 伙伴");
    await type(browser, "intake-customer_name", HEAD);
    const outcome = await waitTestId(browser, "intake-outcome");
    await browser.waitUntil(async () => /direct_retained/.test((await outcome.getAttribute("class")) ?? ""), {
      timeout: 15000,
      timeoutMsg: `typing ${HEAD} never showed the head-account conflict`,
    });
    assert.ok((await byTestId(browser, "intake-match").getText()).includes("H004"), "the matched head account is named");
    await shot("intake-conflict");
    await go(browser, "queue");
    assert.equal(await queueTotal(browser), total, "typing stores nothing: the queue holds as many as before");

    await go(browser, "settings");
    const before = await byTestId(browser, "settings-followup_window_days").getValue();
    await type(browser, "settings-followup_window_days", "1");
    await (await waitTestId(browser, "settings-preview-button")).click();
    const summary = await waitTestId(browser, "preview-summary");
    await browser.waitUntil(async () => /\d/.test(await summary.getText()), {
      timeout: 60000,
      timeoutMsg: "the preview never reported",
    });
    const rows = await browser.$$('[data-testid="preview-row"]');
    assert.ok(rows.length >= 1, `a one-day follow-up window changes some demo decisions: ${await summary.getText()}`);
    await shot("settings-preview");

    await (await waitTestId(browser, "settings-save")).click();
    await browser.pause(1000);
    assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "saving the previewed change works");
    await go(browser, "queue");
    await go(browser, "settings");
    const after = await byTestId(browser, "settings-followup_window_days").getValue();
    assert.equal(after, "1", `the saved window (was ${before}) is shown again`);
    await shot("settings-saved");

    // A stricter match threshold moves whole relations: the preview says which, before anything is saved.
    await type(browser, "settings-match_threshold", "0.91");
    await (await waitTestId(browser, "settings-preview-button")).click();
    const moves = await waitTestId(browser, "preview-band-moves", 60000);
    const lines = await browser.$$('[data-testid="preview-band-move"]');
    assert.ok(lines.length >= 1, `the 0.90 relations move from match to review: ${await moves.getText()}`);
    await shot("settings-band-moves");
  });
});
