// Settings: the routing settings form (saved as a new version with a reason), the inbox's age marker and working-day
// calendar, regions without a regional head flagged, its history, the users list and the remembered pairs.
//
// "Preview this change" replays the edited settings (nothing written) before they are saved.
import * as backend from "../../backend";
import type { MaturityField, Settings, SettingsChange } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { el, field, input, row, select, table, tid, button } from "../../dom";
import { formatTime, ruleLabel, settingCodes, settingList, settingValue, splitList } from "../../format";
import { lookup, t, type Key } from "../../i18n";
import { pairsSection } from "./pairs";
import { usersSection } from "./users";

type NumberKey = "match_threshold" | "review_threshold" | "followup_window_days" | "protection_days" | "dispute_days";
type ListKey = "effective_activity_types" | "maturity_fields" | "channel_only_regions";
const NUMBERS: NumberKey[] = ["match_threshold", "review_threshold", "followup_window_days", "protection_days", "dispute_days"];
const LISTS: ListKey[] = ["effective_activity_types", "maturity_fields", "channel_only_regions"];

/** A setting's name without the form's hint ("有效跟进类型（逗号分隔）" → "有效跟进类型"), or the key itself. */
const settingLabel = (key: string): string => (lookup(`settings.${key}`) ?? key).replace(/[（(][^）)]*[）)]$/, "");

function historyTable(list: SettingsChange[]): HTMLElement {
  return table(
    [t("review.version"), t("settings.changedBy"), t("review.at"), t("settings.changes")],
    list.map((h) =>
      row(`v${h.version}`, h.changed_by, formatTime(h.changed_at), el("ul", "changes", ...h.changes.map((c) => el("li", undefined, `${settingLabel(c.field)}: ${settingValue(c.from)} → ${settingValue(c.to)}`)))),
    ),
  );
}

export function settingsScreen(ctx: Ctx): Screen {
  const version = el("span", "muted");
  const numbers = new Map<NumberKey, HTMLInputElement>(NUMBERS.map((k) => [k, tid(input("number"), `settings-${k}`)]));
  const lists = new Map<ListKey, HTMLInputElement>(LISTS.map((k) => [k, tid(input("text"), `settings-${k}`)]));
  for (const [k, i] of numbers) i.step = k.endsWith("threshold") ? "0.01" : "1";
  const reason = tid(input("text", "", t("settings.reason")), "settings-reason");
  const history = el("div", "settings-history");
  let loaded: Settings | null = null;
  // The inbox's age marker: hours, or working days by the holiday / make-up day table (extended here).
  const slaUnit = tid(select([["working_days", t("settings.slaWorkingDays")], ["hours", t("settings.slaHours")]]), "settings-sla_unit");
  const slaLimit = tid(input("number"), "settings-sla_limit");
  const calendar = tid(el("textarea", "calendar"), "settings-calendar_extra");
  calendar.rows = 3;
  calendar.placeholder = "2028-01-01 off\n2028-01-02 work";
  // Regions whose disputes no regional head would see: flagged, they go to an admin.
  const heads = tid(el("p", "muted"), "settings-no-head");
  void attempt(ctx, t("settings.title"), backend.regionsWithoutHead).then((regions) => {
    if (!regions) return;
    heads.className = regions.length > 0 ? "no-head-flag" : "muted";
    heads.dataset.regions = regions.join(",");
    heads.textContent = regions.length > 0 ? t("settings.noHead", { regions: regions.join("、") }) : t("settings.allHeads");
  });

  const load = async (): Promise<void> => {
    const [current, changes] = await Promise.all([
      attempt(ctx, t("settings.title"), backend.settings),
      attempt(ctx, t("settings.history"), backend.settingsHistory),
    ]);
    if (current) {
      loaded = current.settings;
      version.textContent = t("settings.version", { n: current.version });
      for (const [k, i] of numbers) i.value = String(current.settings[k]);
      // Activity types and maturity fields by name ("拜访、演示、报价"), read back to codes on save.
      for (const [k, i] of lists) i.value = settingList(current.settings[k]);
      slaUnit.value = current.settings.sla_unit ?? "working_days";
      slaLimit.value = String(current.settings.sla_limit ?? 2);
      calendar.value = (current.settings.calendar_extra ?? []).join("\n");
    }
    if (changes) history.replaceChildren(historyTable(changes));
  };

  /** The form's settings, or null (with the error shown) when a number is not one. */
  const collect = (doing: string): Settings | null => {
    if (!loaded) return null;
    const next: Settings = { ...loaded };
    for (const [k, i] of numbers) {
      const n = Number(i.value);
      if (i.value.trim() === "" || !Number.isFinite(n)) {
        ctx.fail(doing, { code: "invalid_input", message: `${t(`settings.${k}` as Key)}: "${i.value}"` });
        return null;
      }
      next[k] = n;
    }
    next.effective_activity_types = settingCodes(lists.get("effective_activity_types")?.value ?? "", "activity");
    next.channel_only_regions = splitList(lists.get("channel_only_regions")?.value ?? "");
    // The backend refuses a field it does not know, naming it.
    next.maturity_fields = settingCodes(lists.get("maturity_fields")?.value ?? "", "maturity") as MaturityField[];
    next.sla_unit = slaUnit.value === "hours" ? "hours" : "working_days";
    const limit = Number(slaLimit.value);
    if (!Number.isInteger(limit) || limit < 1) {
      ctx.fail(doing, { code: "invalid_input", message: `${t("settings.slaLimit")}: "${slaLimit.value}"` });
      return null;
    }
    next.sla_limit = limit;
    next.calendar_extra = calendar.value.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    return next;
  };

  const save = tid(button(t("common.save"), async () => {
    const next = collect(t("common.save"));
    if (!next) return;
    save.disabled = true;
    const v = await attempt(ctx, t("common.save"), () => backend.saveSettings(next, reason.value.trim() || null));
    save.disabled = false;
    if (v === undefined) return;
    ctx.notify(t("settings.saved", { n: v }));
    reason.value = "";
    preview.replaceChildren();
    await load();
  }, "btn primary"), "settings-save");

  // "Preview this change": the check replayed under the form's settings, nothing saved.
  const preview = tid(el("div", "settings-preview"), "settings-preview");
  const previewButton = tid(button(t("settings.preview"), async () => {
    const next = collect(t("settings.preview"));
    if (!next) return;
    previewButton.disabled = true;
    const r = await attempt(ctx, t("settings.preview"), () => backend.previewSettings(next));
    previewButton.disabled = false;
    if (r === undefined) return;
    const summary = t("settings.previewSummary", { n: r.replayed, changed: r.changed, contradicted: r.contradicted });
    const rows = r.rows.slice(0, 100).map((x) =>
      tid(row(x.registration_id, x.current_outcome ? t(`outcome.${x.current_outcome}` as Key) : "—", t(`outcome.${x.replayed_outcome}` as Key), ruleLabel(x.rule)), "preview-row"),
    );
    // Relations a threshold change moves wholesale: said before saving, not done silently.
    const moved = r.bands_moved.map((m) =>
      tid(el("li", undefined, t("settings.bandMove", {
        feature: t(`feature.${m.feature}` as Key), n: m.levels.length, score: m.score.toFixed(2),
        before: t(`band.${m.before}` as Key), after: t(`band.${m.after}` as Key),
      })), "preview-band-move"),
    );
    const moves = moved.length > 0 ? [tid(el("div", "band-moves", el("p", undefined, t("settings.bandMoves")), el("ul", undefined, ...moved)), "preview-band-moves")] : [];
    preview.replaceChildren(
      tid(el("p", "muted", summary), "preview-summary"),
      ...moves,
      table([t("review.registration" as Key), t("settings.previewCurrent"), t("settings.previewReplayed"), t("review.rule" as Key)], rows),
    );
  }), "settings-preview-button");

  void load();
  return {
    root: tid(
      el(
        "section",
        "screen settings",
        el("div", "screen-title", el("h2", undefined, t("settings.title")), version),
        el(
          "section",
          "card settings-form",
          el("div", "form-row", ...[...numbers].map(([k, i]) => field(t(`settings.${k}`), i))),
          el("div", "form-row", ...[...lists].map(([k, i]) => field(t(`settings.${k}`), i, "field grow"))),
          el("h4", undefined, t("settings.sla")),
          el("div", "form-row", field(t("settings.slaUnit"), slaUnit), field(t("settings.slaLimit"), slaLimit, "field narrow"), field(t("settings.calendarExtra"), calendar, "field grow")),
          el("div", "form-row", field(t("settings.reason"), reason, "field grow"), previewButton, save),
          preview,
        ),
        heads,
        el("section", "card", el("h3", undefined, t("settings.history")), history),
        usersSection(ctx),
        pairsSection(ctx),
      ),
      "screen-settings",
    ),
  };
}
