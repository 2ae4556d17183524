// The table of screens the shell can show, by name.
import type { Ctx, Screen, ScreenName } from "./ctx";
import { el, tid } from "./dom";
import { queueScreen } from "./features/queue/queue";
import { reviewScreen } from "./features/review/review";
import { disputesScreen } from "./features/disputes/disputes";
import { auditScreen } from "./features/audit/audit";
import { dataScreen } from "./features/data/data";
import { headsScreen } from "./features/heads/heads";
import { settingsScreen } from "./features/settings/settings";
import { t } from "./i18n";

function placeholder(name: ScreenName): (ctx: Ctx) => Screen {
  return () => ({ root: tid(el("section", "screen", el("h2", undefined, t(`nav.${name}`))), `screen-${name}`) });
}

export const SCREENS: Record<ScreenName, (ctx: Ctx, arg?: string, focus?: string) => Screen> = {
  queue: queueScreen,
  review: reviewScreen,
  disputes: disputesScreen,
  data: dataScreen,
  heads: headsScreen,
  settings: settingsScreen,
  audit: auditScreen,
  dashboard: placeholder("dashboard"),
};
