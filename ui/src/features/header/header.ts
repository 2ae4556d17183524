// The window's header: app name and version from app_info.
import type { AppInfo } from "../../backend";
import { el } from "../../dom";

/** The header, with placeholders until {@link showAppInfo} fills them. */
export function createHeader(): HTMLElement {
  return el(
    "header",
    "app-header",
    el("h1", undefined, el("span", undefined, "DealGate"), el("small", "version", "")),
    el("p", "subtitle", "报备查重 · Deal registration check"),
  );
}

/** Shows the app's name and version in `header`. */
export function showAppInfo(header: HTMLElement, info: AppInfo): void {
  const name = header.querySelector("h1 span");
  const version = header.querySelector(".version");
  if (name) name.textContent = info.name;
  if (version) version.textContent = `v${info.version}`;
}
