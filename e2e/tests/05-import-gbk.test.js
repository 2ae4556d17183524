// E2E 5: importing a GBK-encoded registrations CSV with two bad rows imports the good rows and lists the bad ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { withApp, waitTestId, byTestId } from "../lib/harness.js";
import { choose, go, loadDemo, type } from "../lib/steps.js";

// Invented companies and partners. Line 3 has an impossible date, line 5 an amount in words.
const CSV = [
  "报备编号,伙伴名称,伙伴等级,报备时间,客户名称,统一社会信用代码,网站,联系人,联系电话,联系人邮箱,区域,产品,金额,预计成交日期",
  "E2E01,青石桥伙伴,gold,2026-06-11 09:00,杭州绿萝湾测试科技有限公司,,,赵总,13900000101,,华东,CRM,100000,2026-09-30",
  "E2E02,青石桥伙伴,gold,2026-13-45,苏州白鹭洲测试软件有限公司,,,钱经理,13900000102,,华东,CRM,80000,2026-09-30",
  "E2E03,松风伙伴,silver,2026-06-12 10:30,广州木樨巷测试电子有限公司,,,孙工,13900000103,,华南,CRM,120000,2026-10-15",
  "E2E04,松风伙伴,silver,2026-06-13 14:00,成都竹影测试物流有限公司,,,李主任,13900000104,,西南,CRM,五万元,2026-10-30",
  "E2E05,云岫伙伴,registered,2026-06-14 16:45,武汉桂花台测试食品有限公司,,,周经理,13900000105,,华中,CRM,64000,2026-11-20",
].join("\r\n") + "\r\n";

test("a GBK CSV with bad rows shows the error report", { timeout: 120000 }, async () => {
  await withApp("import-gbk", async ({ browser, shot, tmp }) => {
    const file = path.join(tmp, "伙伴报备_gbk.csv");
    const bytes = iconv.encode(CSV, "gbk");
    assert.notDeepEqual(bytes, Buffer.from(CSV, "utf8"), "the fixture really is GBK, not UTF-8");
    writeFileSync(file, bytes);

    await loadDemo(browser); // the first run shows only the demo offer
    await go(browser, "data");
    await choose(browser, "import-kind", "registration");
    await type(browser, "import-path", file);
    await (await waitTestId(browser, "import-preview-button")).click();
    await browser.waitUntil(async () => /GBK|GB18030/i.test(await byTestId(browser, "screen-data").getText()), {
      timeout: 15000,
      timeoutMsg: "the preview did not detect the GBK encoding",
    });
    assert.ok((await byTestId(browser, "screen-data").getText()).includes("杭州绿萝湾测试科技有限公司"),
      "the preview shows the decoded Chinese sample");
    await shot("data-preview");

    await (await waitTestId(browser, "import-run")).click();
    const report = await waitTestId(browser, "import-report", 30000);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="import-error-row"]').length) > 0, {
      timeout: 30000,
      timeoutMsg: "the import report lists no bad rows",
    });
    const errors = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="import-error-row"]')).map((r) => r.textContent ?? ""));
    const lines = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="import-error-row"] > :first-child')).map((c) => c.textContent?.trim()));
    assert.equal(errors.length, 2, `two bad rows expected:\n${errors.join("\n")}`);
    assert.deepEqual(lines.sort(), ["3", "5"], "the bad rows are reported by their file line");
    assert.ok(errors.some((e) => e.includes("2026-13-45")), `the bad date is named:\n${errors.join("\n")}`);
    assert.ok(errors.some((e) => e.includes("五万元")), `the bad amount is named:\n${errors.join("\n")}`);
    const summary = await report.$(".summary").getText();
    assert.match(summary, /\b3\b\D+\b0\b\D+\b2\b/, `3 new, 0 updated, 2 rejected: ${summary}`);
    await report.scrollIntoView();
    await shot("data-report");
  });
});
