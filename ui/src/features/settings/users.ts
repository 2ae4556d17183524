// The users list on the settings screen, with a form to add or change a user (admin only; the backend decides).
import * as backend from "../../backend";
import type { Role, User } from "../../types";
import { attempt, type Ctx } from "../../ctx";
import { button, el, field, input, row, select, table, tid } from "../../dom";
import { t } from "../../i18n";
import { splitList } from "../../format";

const ROLES: Role[] = ["channel_manager", "regional_head", "sales_ops", "admin"];

export function usersSection(ctx: Ctx): HTMLElement {
  const list = el("div", "users-table");
  const load = async (): Promise<void> => {
    const users = await attempt(ctx, t("settings.users"), backend.users);
    if (!users) return;
    list.replaceChildren(
      table([t("settings.userName"), t("settings.role"), t("settings.regions")], users.map((u) => tid(row(u.name, t(`role.${u.role}`), u.regions.join(", ")), "user-row"))),
    );
  };
  const name = tid(input("text"), "user-name");
  const role = tid(select(ROLES.map((r): [string, string] => [r, t(`role.${r}`)]), "channel_manager"), "user-role");
  const regions = tid(input("text", "", "华东, 华北"), "user-regions");
  const submit = tid(button(t("settings.addUser"), async () => {
    if (!name.value.trim()) return;
    const user: User = { name: name.value.trim(), role: role.value as Role, regions: splitList(regions.value) };
    const saved = await attempt(ctx, t("settings.addUser"), () => backend.saveUser(user));
    if (!saved) return;
    ctx.notify(`${t("settings.addUser")}: ${saved.name}`);
    name.value = "";
    regions.value = "";
    await load();
  }), "user-save");
  void load();
  return el(
    "section",
    "card users",
    el("h3", undefined, t("settings.users")),
    list,
    el("div", "form-row", field(t("settings.userName"), name), field(t("settings.role"), role), field(t("settings.regions"), regions, "field grow"), submit),
  );
}
