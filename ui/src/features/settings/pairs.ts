// Remembered pairs on the settings screen: what reviewers called the same company or not, each with an undo.
import * as backend from "../../backend";
import type { PairLabel } from "../../types";
import { attempt, type Ctx } from "../../ctx";
import { button, el, row, table, tid } from "../../dom";
import { formatTime, kindLabel } from "../../format";
import { t } from "../../i18n";

export function pairsSection(ctx: Ctx): HTMLElement {
  const list = el("div", "pairs-table");
  const load = async (): Promise<void> => {
    const pairs = await attempt(ctx, t("pairs.title"), backend.pairLabels);
    if (!pairs) return;
    list.replaceChildren(
      pairs.length
        ? table(
            ["#", t("pairs.verdict"), t("pairs.customer"), t("pairs.record"), t("pairs.by"), ""],
            pairs.map((p) => pairRow(p)),
          )
        : el("p", "empty", t("pairs.none")),
    );
  };
  const pairRow = (p: PairLabel): HTMLTableRowElement => {
    const undo = tid(button(t("pairs.undo"), async () => {
      undo.disabled = true;
      const gone = await attempt(ctx, t("pairs.undo"), () => backend.forgetPair(p.id));
      undo.disabled = false;
      if (gone === undefined) return;
      ctx.notify(t("pairs.undone", { n: p.id }));
      await load();
    }, "btn small"), "pairs-forget");
    const r = tid(
      row(
        `#${p.id}`,
        t(`pairs.${p.verdict}`),
        `${p.left_name} (${p.registration_id})`,
        `${p.right_name} · ${kindLabel(p.source)} ${p.record_id}`,
        `${p.actor} · ${formatTime(p.created_at)}`,
        undo,
      ),
      "pairs-row",
    );
    r.dataset.verdict = p.verdict;
    return r;
  };
  void load();
  return el("section", "card pairs", el("h3", undefined, t("pairs.title")), el("p", "muted", t("pairs.hint")), list);
}
