// A progress bar for long jobs fed by ProgressEvents (stage, done/total, rate, ETA), with an optional cancel.
import type { ProgressEvent } from "../../backend";
import { button, el, tid } from "../../dom";
import { stageLabel } from "../../format";
import { t } from "../../i18n";

export interface ProgressView {
  root: HTMLElement;
  update(event: ProgressEvent): void;
}

/** A `<progress>` with a caption; `cancel`, if given, adds a cancel button. */
export function renderProgress(cancel?: () => void, testid = "progress"): ProgressView {
  const bar = el("progress");
  bar.max = 1;
  bar.value = 0;
  const caption = el("span", "progress-caption", t("app.loading"));
  const root = tid(el("div", "progress", bar, caption), testid);
  if (cancel) root.append(button(t("common.cancel"), cancel, "btn small"));
  return {
    root,
    update(event) {
      bar.max = Math.max(1, event.total);
      bar.value = event.done;
      root.dataset.done = String(event.done);
      root.dataset.total = String(event.total);
      const eta = event.eta_secs === null || event.eta_secs === undefined ? "" : ` · ${t("progress.eta", { s: Math.round(event.eta_secs) })}`;
      caption.textContent = `${stageLabel(event.stage)} ${event.done}/${event.total}${eta}`;
    },
  };
}
