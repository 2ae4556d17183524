// Head accounts (头部客户): a region's named-account list with search, paging, add, and remove with a reason.
import * as backend from "../../backend";
import type { HeadAccount, User } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, debounce, el, field, input, select, table, tid } from "../../dom";
import { formatNumber } from "../../format";
import { locale, t } from "../../i18n";

export const HEADS_PAGE = 50;

/** Whether `user` may change `region`'s list (the server checks again): an admin anywhere, a regional head in
 * their regions; nobody else. */
export function mayEditHeads(user: User | null, region: string): boolean {
  return user?.role === "admin" || (user?.role === "regional_head" && user.regions.includes(region));
}

/** Why `user` is offered no remove on an account of `region`, in their language. */
export function whyNoRemove(user: User | null, region: string): string {
  if (!user) return t("why.no_user");
  if (user.role === "regional_head") return t("heads.noRemoveRegion", { region });
  return t("heads.noRemoveRole", { role: t(`role.${user.role}`) });
}

/** In place of remove: a muted mark whose title says why (`heads-no-remove`). */
function noRemove(user: User | null, region: string): HTMLElement {
  const mark = tid(el("span", "muted no-remove", "—"), "heads-no-remove");
  mark.title = whyNoRemove(user, region);
  mark.setAttribute("aria-label", mark.title);
  return mark;
}

function removeCell(ctx: Ctx, a: HeadAccount, done: () => void): HTMLElement {
  const cell = el("div", "remove-cell");
  const start = tid(
    button(t("heads.remove"), () => {
      const reason = tid(input("text", "", t("heads.removeReason")), "heads-remove-reason");
      const confirm = tid(button(t("heads.remove"), async () => {
        confirm.disabled = true;
        const ok = await attempt(ctx, t("heads.remove"), async () => {
          await backend.removeHeadAccount(a.account_id, reason.value.trim());
          return true;
        });
        confirm.disabled = false;
        if (ok) {
          ctx.notify(t("heads.removed", { name: a.account_name }));
          done();
        }
      }, "btn small danger"), "heads-remove-confirm");
      confirm.disabled = true;
      reason.addEventListener("input", () => (confirm.disabled = reason.value.trim() === ""));
      cell.replaceChildren(reason, confirm, button(t("common.cancel"), () => cell.replaceChildren(start), "btn small ghost"));
      reason.focus();
    }, "btn small danger"),
    "heads-remove",
  );
  cell.append(start);
  return cell;
}

function addForm(ctx: Ctx, regions: () => string[], done: () => void): HTMLElement {
  const id = tid(input("text"), "heads-add-id");
  const region = tid(input("text"), "heads-add-region");
  const name = tid(input("text"), "heads-add-name");
  const owner = tid(input("text"), "heads-add-owner");
  const uscc = tid(input("text"), "heads-add-uscc");
  const website = tid(input("text"), "heads-add-website");
  region.setAttribute("list", "head-regions");
  const datalist = el("datalist");
  datalist.id = "head-regions";
  const submit = tid(button(t("heads.add"), async () => {
    const account: HeadAccount = {
      account_id: id.value.trim(),
      region: region.value.trim(),
      account_name: name.value.trim(),
      owner: owner.value.trim() || null,
      uscc: uscc.value.trim() || null,
      website: website.value.trim() || null,
      former_names: [],
      warnings: [],
    };
    submit.disabled = true;
    const added = await attempt(ctx, t("heads.add"), () => backend.addHeadAccount(account));
    check();
    if (!added) return;
    ctx.notify(t("heads.added", { name: added.account_name }));
    for (const i of [id, name, owner, uscc, website]) i.value = "";
    check();
    done();
  }, "btn primary"), "heads-add-submit");
  const check = () => (submit.disabled = [id, region, name].some((i) => i.value.trim() === ""));
  for (const i of [id, region, name]) i.addEventListener("input", check);
  check();
  const form = el(
    "section",
    "card add-head",
    el("h3", undefined, t("heads.add")),
    el(
      "div",
      "form-row",
      field(t("heads.id"), id),
      field(t("heads.region"), region),
      field(t("heads.name"), name, "field grow"),
      field(t("heads.owner"), owner),
      field(t("heads.uscc"), uscc),
      field(t("heads.website"), website),
      submit,
      datalist,
    ),
  );
  form.addEventListener("focusin", () => datalist.replaceChildren(...regions().map((r) => Object.assign(el("option"), { value: r }))));
  return form;
}

/** The head-accounts screen. */
export function headsScreen(ctx: Ctx): Screen {
  const region = tid(select([["", t("common.all")]], ""), "heads-region");
  const search = tid(input("search", "", t("common.search")), "heads-search");
  const body = el("div", "heads-table");
  const pageText = el("span");
  const note = tid(el("p", "muted heads-note"), "heads-note");
  note.hidden = true;
  let offset = 0;
  let regions: string[] = [];

  const load = async (): Promise<void> => {
    const page = await attempt(ctx, t("heads.title"), () =>
      backend.headAccounts(region.value || null, search.value.trim() || null, offset, HEADS_PAGE),
    );
    if (!page) return;
    const user = ctx.user();
    const rows = page.rows.map((a) => {
      const action = mayEditHeads(user, a.region) ? removeCell(ctx, a, () => void load()) : noRemove(user, a.region);
      const tr = tid(el("tr", undefined, ...[a.account_id, a.region, a.account_name, a.owner ?? "", a.uscc ?? "", a.website ?? ""].map((c) => el("td", undefined, c)), el("td", undefined, action)), "heads-row");
      tr.dataset.accountId = a.account_id;
      tr.dataset.region = a.region;
      return tr;
    });
    // Say once, in words, why some rows (or all) offer no remove.
    const hidden = page.rows.some((a) => !mayEditHeads(user, a.region));
    const why = user?.role === "regional_head"
      ? t("heads.readOnly", { regions: user.regions.join(locale() === "zh" ? "、" : ", ") || "—" })
      : whyNoRemove(user, "");
    note.textContent = hidden ? why : "";
    note.hidden = !hidden;
    body.replaceChildren(
      rows.length
        ? table([t("heads.id"), t("heads.region"), t("heads.name"), t("heads.owner"), t("heads.uscc"), t("heads.website"), ""], rows)
        : el("p", "empty", t("heads.empty")),
    );
    pageText.textContent = t("common.page", { from: page.total ? offset + 1 : 0, to: offset + page.rows.length, total: formatNumber(page.total) });
    prev.disabled = offset === 0;
    next.disabled = offset + HEADS_PAGE >= page.total;
  };
  const prev = button(t("common.prev"), () => {
    offset = Math.max(0, offset - HEADS_PAGE);
    void load();
  }, "btn small");
  const next = button(t("common.next"), () => {
    offset += HEADS_PAGE;
    void load();
  }, "btn small");
  const refilter = () => {
    offset = 0;
    void load();
  };
  region.addEventListener("change", refilter);
  search.addEventListener("input", debounce(refilter, 250));

  void attempt(ctx, t("heads.region"), backend.queueFacets).then((f) => {
    if (!f) return;
    regions = f.regions;
    for (const r of regions) region.append(Object.assign(el("option", undefined, r), { value: r }));
  });
  void load();
  return {
    root: tid(
      el(
        "section",
        "screen heads",
        el("div", "screen-title", el("h2", undefined, t("heads.title"))),
        el("div", "filters", field(t("heads.region"), region), field(t("common.search"), search, "field grow")),
        note,
        body,
        el("div", "pager", prev, pageText, next),
        addForm(ctx, () => regions, () => void load()),
      ),
      "screen-heads",
    ),
  };
}
