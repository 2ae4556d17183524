// E2E 8: a reviewer says a review's record is a different company; the next check of that pair decides
// without review, the evidence shows the reviewer's word, and Settings lists the pair with an undo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp, byTestId, waitTestId, uiLang } from "../lib/harness.js";
import { go, loadDemo, openReview, queueRows, switchUser, loadedQueueRows } from "../lib/steps.js";

test("a pair marked as different companies is decided without review at the next check", { timeout: 180000 }, async () => {
  await withApp("pairs", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "wang.qudao");
    const review = (await loadedQueueRows(browser)).find((r) => r.outcome === "review");
    assert.ok(review, "the demo has a registration in review");
    await openReview(browser, review.id);
    const outcome = await waitTestId(browser, "review-outcome");
    assert.equal(await outcome.getAttribute("data-outcome"), "review");
    const card = byTestId(browser, "evidence-card");
    const record = await card.$(".record").getText();
    await (await card.$('[data-testid="evidence-different"]')).click();
    await browser.$('[data-testid="evidence-pair"][data-remembered="different"]').waitForExist({
      timeout: 15000,
      timeoutMsg: "the card never showed the pair as remembered",
    });
    assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "no error after marking the pair");
    await shot("marked");

    // The next check of the same pair: no question this time.
    await go(browser, "queue");
    await (await waitTestId(browser, "queue-recheck")).click();
    await browser.waitUntil(async () => {
      const rows = await queueRows(browser);
      return rows.some((r) => r.id === review.id && r.outcome && r.outcome !== "review");
    }, { timeout: 60000, timeoutMsg: `${review.id} stayed in review after the re-check` });
    await openReview(browser, review.id);
    await browser.waitUntil(async () => (await byTestId(browser, "review-outcome").getAttribute("data-outcome")) !== "review", {
      timeout: 15000,
      timeoutMsg: "the review screen still shows review",
    });
    const text = await byTestId(browser, "screen-review").getText();
    const setAside = uiLang() === "zh" ? "复核人认定为不同公司" : "set aside as a different company";
    assert.ok(text.includes(setAside), `the summary names the record set aside:\n${text.slice(0, 600)}`);
    assert.ok(text.includes(record), `the set-aside record ${record} is still shown`);
    await shot("rechecked");

    await go(browser, "settings");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="pairs-row"]')).length === 1, {
      timeout: 15000,
      timeoutMsg: "Settings does not list the remembered pair",
    });
    assert.equal(await byTestId(browser, "pairs-row").getAttribute("data-verdict"), "different");
    await byTestId(browser, "pairs-row").scrollIntoView();
    await shot("settings-pairs");
  });
});
