// The page: header, errors, then either the demo offer (empty database) or the sources and decisions.
import * as backend from "./backend";
import { el } from "./dom";
import { renderDecisions } from "./features/decisions/decisions";
import { renderDemoOffer } from "./features/demo/demo";
import { clearErrors, createErrorArea, showError } from "./features/errors/errors";
import { createHeader, showAppInfo } from "./features/header/header";
import { isEmpty, renderSources } from "./features/sources/sources";

/** Builds the page inside `root` and loads it; resolves once the first load has finished. */
export async function startApp(root: HTMLElement): Promise<void> {
  const header = createHeader();
  const errors = createErrorArea();
  const content = el("div", "content");
  root.replaceChildren(header, errors, content);

  const refresh = async (): Promise<void> => {
    const [list, decided] = await Promise.allSettled([backend.sources(), backend.decisions()]);
    const parts: HTMLElement[] = [];
    if (list.status === "rejected") showError(errors, "读取数据源 / loading sources", backend.toShellError(list.reason));
    if (decided.status === "rejected") {
      showError(errors, "读取决定 / loading decisions", backend.toShellError(decided.reason));
    }
    if (list.status === "fulfilled") {
      parts.push(renderSources(list.value));
      if (isEmpty(list.value)) parts.push(renderDemoOffer(loadDemo));
    }
    if (decided.status === "fulfilled" && !(list.status === "fulfilled" && isEmpty(list.value))) {
      parts.push(renderDecisions(decided.value));
    }
    content.replaceChildren(...parts);
  };

  const loadDemo = async (): Promise<void> => {
    clearErrors(errors);
    try {
      await backend.runDemo();
    } catch (reason) {
      showError(errors, "载入演示数据 / loading demo data", backend.toShellError(reason));
      return;
    }
    await refresh();
  };

  const info = backend.appInfo().then(
    (value) => showAppInfo(header, value),
    (reason) => showError(errors, "读取版本 / loading app info", backend.toShellError(reason)),
  );
  await Promise.all([info, refresh()]);
}
