// The data screen: the last import's report at the top, the sources' freshness and the import panel.
import * as backend from "../../backend";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { el, tid } from "../../dom";
import { t } from "../../i18n";
import { importPanel } from "./import";
import { sourceCards } from "./sources";

export function dataScreen(ctx: Ctx): Screen {
  const cards = el("div", "sources-slot");
  const loadSources = async (): Promise<void> => {
    const list = await attempt(ctx, t("data.title"), backend.sources);
    if (list) cards.replaceChildren(sourceCards(list));
  };
  void loadSources();
  // The last import's report, at the top of the screen where the eye is.
  const report = el("div", "report-slot");
  const show = (node: HTMLElement | null): void => {
    report.replaceChildren(...(node ? [node] : []));
    if (node) report.scrollIntoView?.({ block: "start" });
  };
  return {
    root: tid(
      el("section", "screen data", el("div", "screen-title", el("h2", undefined, t("data.title"))), report, cards, importPanel(ctx, () => void loadSources(), show)),
      "screen-data",
    ),
  };
}
