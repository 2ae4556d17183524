// What every screen gets from the shell: navigation, the error banner, notices and the acting user.
import type { User } from "./backend";

export type ScreenName = "queue" | "review" | "disputes" | "intake" | "data" | "heads" | "settings" | "audit" | "dashboard";

export interface Ctx {
  /** Shows another screen; `arg` is e.g. the registration id for review. */
  navigate(screen: ScreenName, arg?: string, focus?: string): void;
  /** Shows `reason` (a ShellError or anything thrown) in the error banner, saying what was being done. */
  fail(doing: string, reason: unknown): void;
  /** A short success notice. */
  notify(text: string): void;
  /** The acting user (null before any user exists). */
  user(): User | null;
}

export interface Screen {
  root: HTMLElement;
  /** Called when the screen is left (listeners, timers). */
  dispose?(): void;
  /** Reads what it shows again, keeping the person's place (the database changed); without it, the shell shows the screen anew. */
  refresh?(): void;
}

/** Runs `work`; on failure reports it through `ctx.fail` and resolves to undefined. */
export async function attempt<R>(ctx: Ctx, doing: string, work: () => Promise<R>): Promise<R | undefined> {
  try {
    return await work();
  } catch (reason) {
    ctx.fail(doing, reason);
    return undefined;
  }
}
