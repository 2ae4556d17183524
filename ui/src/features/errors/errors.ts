// Backend errors shown to the user as "code: message", never swallowed.
import type { ShellError } from "../../backend";
import { el } from "../../dom";

/** The (initially hidden) area where errors appear. */
export function createErrorArea(): HTMLElement {
  const area = el("div", "errors");
  area.setAttribute("role", "alert");
  area.hidden = true;
  return area;
}

/** Adds `error` to the area, saying what was being done when it happened. */
export function showError(area: HTMLElement, doing: string, error: ShellError): void {
  area.append(
    el("p", "error", el("strong", undefined, `错误 / Error — ${doing}`), ` [${error.code}] ${error.message}`),
  );
  area.hidden = false;
}

/** Removes all errors (before a refresh). */
export function clearErrors(area: HTMLElement): void {
  area.replaceChildren();
  area.hidden = true;
}
