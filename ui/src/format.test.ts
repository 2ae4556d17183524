// Display helpers: money with 万 in Chinese, settings values and record fields in words.
import { afterEach, describe, expect, it } from "vitest";
import { fieldLabel, formatMoney, settingValue } from "./format";
import { setLocale } from "./i18n";

afterEach(() => setLocale("zh"));

describe("display helpers", () => {
  it("writes amounts as ¥ with 万 for Chinese and grouped yuan for English", () => {
    setLocale("zh");
    expect(formatMoney(125_000)).toBe("¥12.5万");
    expect(formatMoney(1_000_000)).toBe("¥100万");
    expect(formatMoney(9_800)).toBe("¥9,800");
    setLocale("en");
    expect(formatMoney(125_000)).toBe("¥125,000");
  });

  it("names activity types, maturity fields and record fields instead of showing codes", () => {
    setLocale("zh");
    expect(settingValue(["visit", "demo", "quote"])).toBe("拜访、演示、报价");
    expect(settingValue(["amount", "contact"])).toBe("金额、联系电话或邮箱");
    expect(settingValue("西北")).toBe("西北");
    expect(fieldLabel("customer_name")).toBe("客户名称");
    setLocale("en");
    expect(settingValue(["visit", "demo"])).toBe("Visit, Demo");
  });
});
