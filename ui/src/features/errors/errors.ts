// The error banner: backend errors shown to the user as "[kind] message" with what was being done, never swallowed.
import { toShellError } from "../../backend";
import { button, el, tid } from "../../dom";
import { lookup, t } from "../../i18n";

/** The (initially hidden) banner where errors appear. */
export function createErrorArea(): HTMLElement {
  const area = tid(el("div", "errors"), "error-banner");
  area.setAttribute("role", "alert");
  area.hidden = true;
  return area;
}

/** Adds the error to the banner; `reason` may be a ShellError or anything thrown. */
export function showError(area: HTMLElement, doing: string, reason: unknown): void {
  const error = toShellError(reason);
  const item = el(
    "div",
    "error",
    el("strong", undefined, `${t("error.title")} `),
    // The kind of error in words ("数据库出错"); the code stays on `data-code` for tests and styling.
    el("span", "error-code", `[${lookup(`errorCode.${error.code}`) ?? error.code}]`),
    " ",
    el("span", "error-message", error.message),
    el("span", "error-doing", ` — ${t("error.doing", { doing })}`),
  );
  item.dataset.code = error.code;
  const close = button("×", () => {
    item.remove();
    if (area.childElementCount === 0) area.hidden = true;
  }, "close");
  close.title = t("app.close");
  item.append(close);
  area.append(item);
  area.hidden = false;
}

/** Removes all errors. */
export function clearErrors(area: HTMLElement): void {
  area.replaceChildren();
  area.hidden = true;
}
