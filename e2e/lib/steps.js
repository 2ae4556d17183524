// Steps shared by the E2E tests: load the demo, read and filter the queue, switch user, open a review, navigate.
import { byTestId, waitTestId } from "./harness.js";

/** Queue rows that have loaded (placeholder rows of the virtual list carry no registration id). */
export const LOADED_ROW = '[data-testid="queue-row"][data-registration-id]';

/**
 * Clicks `demo-load` on the first-run offer and waits until the queue shows loaded rows, then shows all
 * registrations (the queue opens on the user's inbox; the view chosen is kept, so later visits show all too).
 */
export async function loadDemo(browser) {
  await (await waitTestId(browser, "demo-load")).click();
  await browser.waitUntil(async () => (await browser.$$(LOADED_ROW)).length > 0, {
    timeout: 60000,
    timeoutMsg: "the queue never filled after loading the demo",
  });
  await showAll(browser);
  await browser.waitUntil(async () => (await queueTotal(browser)) > 0, { timeout: 10000, timeoutMsg: "queue-total stayed 0" });
}

/**
 * Clicks the element `selector` finds, looking it up afresh for each try: a screen that redraws (the queue after
 * the demo's db-changed, a row the virtual list re-renders) leaves a held element stale.
 */
export async function clickFresh(browser, selector, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await browser.$(selector).click();
    } catch (e) {
      if (attempt >= tries || !/stale element|not found/i.test(e.message)) throw e;
      await browser.pause(100);
    }
  }
}

/** Chooses the queue's "all registrations" view (a no-op where the tabs are not shown). */
export async function showAll(browser) {
  await pickTab(browser, "all", false);
}

/** Chooses inbox tab `name` (review, disputes, proposals, quiet, ending, all) and returns its count (NaN for all). */
export async function showTab(browser, name) {
  await pickTab(browser, name, true);
  return tabCount(browser, name);
}

/** Clicks tab `name` (when `always`, even if it is chosen already) and waits until it is the chosen one. */
async function pickTab(browser, name, always) {
  const sel = `[data-testid="inbox-tab"][data-tab="${name}"]`;
  await browser.$(sel).waitForExist({ timeout: 10000, timeoutMsg: `the inbox shows no tab ${name}` });
  // Looked up afresh each time: the tab bar is redrawn when the database changes (the demo's load, a save).
  const selected = async () => (await browser.$(sel).getAttribute("aria-selected")) === "true";
  if (always || !(await selected())) await clickFresh(browser, sel);
  await browser.waitUntil(selected, { timeout: 5000, timeoutMsg: `tab ${name} was not selected` });
}

/** The count on inbox tab `name`, or NaN. */
export async function tabCount(browser, name) {
  const badge = browser.$(`[data-testid="inbox-tab"][data-tab="${name}"] [data-testid="inbox-count"]`);
  if (!(await badge.isExisting())) return NaN;
  return Number((await badge.getText()).replace(/[,\s]/g, ""));
}

/** The number in `queue-total` (digits only, so "1,234" reads as 1234), or NaN. */
export async function queueTotal(browser) {
  const text = await byTestId(browser, "queue-total").getText();
  const m = text.replace(/[,\s]/g, "").match(/\d+/);
  return m ? Number(m[0]) : NaN;
}

/** Registration ids and outcomes (from the badge's data-outcome) of the loaded queue rows. */
export async function queueRows(browser) {
  return browser.execute((sel) => Array.from(document.querySelectorAll(sel)).map((r) => ({
    id: r.getAttribute("data-registration-id"),
    outcome: r.querySelector("[data-outcome]")?.getAttribute("data-outcome") ?? null,
    text: r.textContent,
  })), LOADED_ROW);
}

/** The loaded queue rows, waiting until there are some (a live refresh may be redrawing the list). */
export async function loadedQueueRows(browser, timeout = 10000) {
  let rows = [];
  await browser.waitUntil(async () => (rows = await queueRows(browser)).length > 0, {
    timeout, timeoutMsg: "the queue shows no loaded rows",
  });
  return rows;
}

/** Chooses the option with `value` in the <select> with data-testid `id`. */
export async function choose(browser, id, value) {
  const sel = await waitTestId(browser, id);
  await browser.waitUntil(async () => (await sel.$(`option[value="${value}"]`).isExisting()), {
    timeout: 10000,
    timeoutMsg: `[data-testid="${id}"] has no option "${value}"`,
  });
  await sel.selectByAttribute("value", value);
  await browser.waitUntil(async () => (await sel.getValue()) === value, { timeout: 5000, timeoutMsg: `${id} did not take ${value}` });
}

/** Acts as user `name` through the header's user switch, and waits until the switch shows it. */
export async function switchUser(browser, name) {
  await choose(browser, "user-switch", name);
  await browser.pause(500); // the shell re-renders its chrome after switch_user
  await browser.waitUntil(async () => (await byTestId(browser, "user-switch").getValue()) === name, {
    timeout: 10000,
    timeoutMsg: `user-switch never showed ${name}`,
  });
}

/**
 * Clicks nav-<screen> and waits for screen-<screen>. A click that lands while the shell redraws the navigation
 * (a live refresh) can go to the element being replaced: then the screen never comes, and the click is made
 * again on the navigation as it is now (CI once waited 15 s on the head accounts after one such click).
 */
export async function go(browser, screen) {
  await waitTestId(browser, `nav-${screen}`);
  for (let attempt = 1; attempt < 3; attempt++) {
    await clickFresh(browser, `[data-testid="nav-${screen}"]`);
    try {
      return await waitTestId(browser, `screen-${screen}`, 5000);
    } catch {
      // not shown yet: click again below
    }
  }
  await clickFresh(browser, `[data-testid="nav-${screen}"]`);
  return waitTestId(browser, `screen-${screen}`);
}

/** Types a value into the input with data-testid `id` (clearing it first). */
export async function type(browser, id, value) {
  const input = await waitTestId(browser, id);
  await input.clearValue();
  await input.setValue(value);
  return input;
}

/** Finds registration `id` in the queue (by searching for it) and opens its review screen. */
export async function openReview(browser, id) {
  await go(browser, "queue");
  await showAll(browser);
  await type(browser, "queue-search", id);
  const row = browser.$(`[data-testid="queue-row"][data-registration-id="${id}"]`);
  await browser.waitUntil(async () => (await browser.$$(LOADED_ROW)).length === 1 && (await row.isExisting()), {
    timeout: 15000,
    timeoutMsg: `searching the queue for ${id} did not leave exactly that row`,
  });
  // A click selects the row and the virtual list re-renders it, which can leave a held reference stale
  // mid-double-click; select it first, then double-click the freshly found row (retrying once or twice).
  await clickFresh(browser, `[data-testid="queue-row"][data-registration-id="${id}"]`);
  for (let attempt = 1; ; attempt++) {
    try {
      await browser.$(`[data-testid="queue-row"][data-registration-id="${id}"]`).doubleClick();
      return await waitTestId(browser, "screen-review", 5000);
    } catch (e) {
      if (process.env.E2E_DEBUG) console.error(`openReview ${id}: attempt ${attempt}: ${e.message.split("\n")[0]}`);
      if (attempt >= 3 || (await byTestId(browser, "screen-review").isExisting())) {
        if (await byTestId(browser, "screen-review").isExisting()) return byTestId(browser, "screen-review");
        throw e;
      }
    }
  }
}
