// The data screen: the sources' freshness and the import panel.
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
  return {
    root: tid(
      el("section", "screen data", el("div", "screen-title", el("h2", undefined, t("data.title"))), cards, importPanel(ctx, () => void loadSources())),
      "screen-data",
    ),
  };
}
