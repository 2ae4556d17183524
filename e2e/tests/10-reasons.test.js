// E2E 10: an uncertain match's review speaks the UI's language: its summary and every match reason (Chinese
// under a Chinese locale, English under an English one), not codes. Also the screenshot of a review with reasons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { uiLang, waitTestId, withApp } from "../lib/harness.js";
import { loadDemo, loadedQueueRows, openReview } from "../lib/steps.js";

const HAN = /[\u4e00-\u9fff]/;

test("a review's summary and match reasons are worded in the UI's language", { timeout: 120000 }, async () => {
  await withApp("reasons", async ({ browser, shot }) => {
    await loadDemo(browser);
    const review = (await loadedQueueRows(browser)).find((r) => r.outcome === "review");
    assert.ok(review, "the demo has a registration in review");
    await openReview(browser, review.id);
    await browser.$('[data-testid="evidence-card"]').waitForExist({ timeout: 15000, timeoutMsg: "no evidence card" });
    const said = await browser.execute(() => ({
      summary: document.querySelector(".card.decision .summary")?.textContent ?? "",
      reasons: [...document.querySelectorAll("ul.reasons .detail")].map((d) => d.textContent ?? ""),
    }));
    assert.ok(said.reasons.length > 0, "the evidence lists its reasons");
    for (const text of [said.summary, ...said.reasons]) {
      assert.ok(text.trim().length > 0, "no empty wording");
      assert.doesNotMatch(text, /\b[a-z]+\.[a-z_]+\b/, `a code is shown instead of words: ${text}`);
      if (uiLang() === "zh") assert.match(text, HAN, `not Chinese: ${text}`);
      else assert.doesNotMatch(text.replace(/[\u4e00-\u9fff（）]+/g, ""), HAN, `not English: ${text}`);
    }
    await waitTestId(browser, "review-outcome");
    await shot("review-reasons");
  });
});
