// E2E 7: the screens the other tests do not visit (dashboard, head accounts, settings) render the demo's data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp, bodyText, waitTestId } from "../lib/harness.js";
import { go, loadDemo } from "../lib/steps.js";

test("dashboard, head accounts and settings show the demo data", { timeout: 120000 }, async () => {
  await withApp("screens", async ({ browser, shot }) => {
    await loadDemo(browser);

    await go(browser, "dashboard");
    await waitTestId(browser, "dashboard-disputes");
    await browser.waitUntil(async () => (await browser.$$("[data-testid='screen-dashboard'] svg")).length > 0, {
      timeout: 15000, timeoutMsg: "the dashboard drew no chart",
    });
    await shot("dashboard");

    await go(browser, "heads");
    await browser.waitUntil(async () => (await browser.$$("[data-testid='heads-row']")).length > 0, {
      timeout: 15000, timeoutMsg: "the demo's head accounts are not listed",
    });
    const heads = await bodyText(browser);
    assert.match(heads, /H0\d\d/, "head accounts show their ids");
    await shot("heads");

    await go(browser, "settings");
    // The routing settings are form fields: the defaults hold a 90-day follow-up window and protection.
    await browser.waitUntil(
      async () => browser.execute(() =>
        [...document.querySelectorAll('[data-testid="screen-settings"] input')].some((i) => i.value === "90")),
      { timeout: 15000, timeoutMsg: "the settings form never showed the 90-day defaults" },
    );
    await shot("settings");
  });
});
