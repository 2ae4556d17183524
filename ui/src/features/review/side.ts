// The review's side-by-side: the registration and the record its decision rests on (another partner's
// registration, a direct follow-up or a head account), field by field, under a line saying who engaged first.
import type { Counterpart, Decision, Registration } from "../../backend";
import { el, tid } from "../../dom";
import { formatDay, formatMoney, kindLabel, outcomeLabel, settingValue, statusLabel, tierLabel } from "../../format";
import { t, type Key } from "../../i18n";

/** The sentence on who engaged the customer first (`data-first`: registration, counterpart, same or head). */
export function firstEngagedLine(reg: Registration, c: Counterpart): HTMLElement {
  const line = tid(el("p", "first-engaged"), "side-first");
  const ours = formatDay(reg.submitted_at);
  const theirs = formatDay(c.engaged_on);
  const f = c.first;
  let key: Key;
  let n = 0;
  if (!f) {
    line.dataset.first = "head";
    line.textContent = t("first.head", { region: c.region ?? "—", owner: c.owner ?? "—" });
    return line;
  }
  line.dataset.first = f.first;
  line.dataset.days = String(f.days);
  const ourFirst = f.first === "registration";
  if (c.source === "follow_up") {
    key = f.first === "same" ? "first.sameDayDirect" : ourFirst ? "first.partnerBeforeDirect" : "first.directBeforePartner";
    n = f.days;
  } else if (f.first === "same") {
    key = "first.sameTime";
  } else if (f.days > 0) {
    key = ourFirst ? "first.oursBeforeOther" : "first.otherBeforeOurs";
    n = f.days;
  } else if (f.hours > 0) {
    key = ourFirst ? "first.oursHours" : "first.otherHours";
    n = f.hours;
  } else {
    key = ourFirst ? "first.oursMinutes" : "first.otherMinutes";
  }
  line.classList.add(f.first === "counterpart" ? "them" : "us");
  line.textContent = t(key, { n, ours, theirs });
  return line;
}

type Cell = string | Node;

function stack(...lines: (string | null | undefined)[]): Cell {
  const shown = lines.filter((l): l is string => !!l);
  return shown.length ? el("span", "stack", ...shown.flatMap((l, i) => (i ? [el("br"), l] : [l]))) : "—";
}

/** What the two columns say per field: [label, this registration, the other record]. */
function rows(reg: Registration, decision: Decision | null, c: Counterpart): [Key, Cell, Cell, string][] {
  const who =
    c.source === "registration"
      ? [c.partner, c.partner_tier ? tierLabel(c.partner_tier) : null].filter(Boolean).join(" · ") || null
      : c.owner ? t("side.direct", { owner: c.owner }) : null;
  const standing = (outcome: Decision["outcome"] | null, status: Decision["status"] | null) =>
    outcome ? `${outcomeLabel(outcome)} · ${statusLabel(status)}` : null;
  const theirStage =
    c.source === "follow_up"
      ? [c.stage, c.activity_type ? settingValue(c.activity_type) : null].filter(Boolean).join(" · ") || null
      : c.source === "registration"
        ? standing(c.outcome, c.status)
        : t("side.headList", { region: c.region ?? "—" });
  const theirDates =
    c.source === "follow_up"
      ? stack(c.engaged_on ? t("side.followedOn", { date: formatDay(c.engaged_on) }) : null)
      : c.source === "registration"
        ? stack(
            c.engaged_on ? t("side.submittedOn", { date: formatDay(c.submitted_at ?? c.engaged_on) }) : null,
            c.expected_close ? t("side.closeOn", { date: formatDay(c.expected_close) }) : null,
            c.protection_until ? t("side.protectedUntil", { date: formatDay(c.protection_until) }) : null,
          )
        : "—";
  return [
    ["side.customer", reg.customer_name, c.customer_name, "customer"],
    ["side.who", `${reg.partner} · ${tierLabel(reg.partner_tier)}`, who ?? "—", "who"],
    ["side.region", reg.region ?? "—", c.region ?? "—", "region"],
    ["side.amount", reg.amount === null ? "—" : formatMoney(reg.amount), c.amount === null ? "—" : formatMoney(c.amount), "amount"],
    ["side.stage", standing(decision?.outcome ?? null, decision?.status ?? null) ?? t("review.notChecked"), theirStage ?? "—", "stage"],
    [
      "side.dates",
      stack(
        t("side.submittedOn", { date: formatDay(reg.submitted_at) }),
        reg.expected_close ? t("side.closeOn", { date: formatDay(reg.expected_close) }) : null,
        decision?.protection_until ? t("side.protectedUntil", { date: formatDay(decision.protection_until) }) : null,
      ),
      theirDates,
      "dates",
    ],
  ];
}

/** The side-by-side card (`review-side`, `data-source`): a first-engaged line over a three-column table. */
export function sideBySide(reg: Registration, decision: Decision | null, c: Counterpart): HTMLElement {
  const head = el(
    "tr",
    undefined,
    el("th", undefined, t("side.field")),
    el("th", "ours", t("side.this", { id: reg.registration_id })),
    el(
      "th",
      "theirs",
      el("span", `source-tag source-${c.source}`, kindLabel(c.source)),
      " ",
      el("span", "mono", c.record_id),
      " ",
      el("span", c.decides ? "decides-tag" : "muted", t(c.decides ? "side.decides" : "side.strongest")),
    ),
  );
  const body = rows(reg, decision, c).map(([label, ours, theirs, field]) => {
    const tr = el("tr", undefined, el("th", undefined, t(label)), el("td", "ours", ours), el("td", "theirs", theirs));
    tr.dataset.field = field;
    return tr;
  });
  const card = tid(
    el(
      "section",
      "card side-by-side",
      el("h3", undefined, t("side.title")),
      firstEngagedLine(reg, c),
      el("table", "side-table", el("thead", undefined, head), el("tbody", undefined, ...body)),
    ),
    "review-side",
  );
  if (!c.found) card.append(el("p", "muted", t("side.notFound")));
  card.dataset.source = c.source;
  return card;
}
