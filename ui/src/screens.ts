// The table of screens the shell can show, by name.
import type { Ctx, Screen, ScreenName } from "./ctx";
import { auditScreen } from "./features/audit/audit";
import { dashboardScreen } from "./features/dashboard/dashboard";
import { dataScreen } from "./features/data/data";
import { disputesScreen } from "./features/disputes/disputes";
import { headsScreen } from "./features/heads/heads";
import { intakeScreen } from "./features/intake/intake";
import { queueScreen } from "./features/queue/queue";
import { reviewScreen } from "./features/review/review";
import { settingsScreen } from "./features/settings/settings";

export const SCREENS: Record<ScreenName, (ctx: Ctx, arg?: string, focus?: string) => Screen> = {
  queue: queueScreen,
  review: reviewScreen,
  disputes: disputesScreen,
  intake: intakeScreen,
  data: dataScreen,
  heads: headsScreen,
  settings: settingsScreen,
  audit: auditScreen,
  dashboard: dashboardScreen,
};
