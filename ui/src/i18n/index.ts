// The UI's language: Chinese or English dictionaries, `t(key, params)`, and listeners for a switch.
//
// zh.ts and en.ts have the same keys (the compiler checks); inbox-*.ts and side-*.ts hold the inbox's and the
// side-by-side's strings. The chosen language is kept in local storage, else the system's from `app_info`, and told to
// the shell by `set_language`.
import { en } from "./en";
import { inboxEn } from "./inbox-en";
import { inboxZh } from "./inbox-zh";
import { sideEn } from "./side-en";
import { sideZh } from "./side-zh";
import { zh } from "./zh";

/** Every string's key: the main dictionary's, the inbox's and the side-by-side's (kept in their own files). */
export type Key = keyof typeof zh | keyof typeof inboxZh | keyof typeof sideZh;
export type Locale = "zh" | "en";

const dictionaries: Record<Locale, Record<Key, string>> = {
  zh: { ...zh, ...inboxZh, ...sideZh },
  en: { ...en, ...inboxEn, ...sideEn },
};
let current: Locale = "zh";
const listeners = new Set<() => void>();

/** The language strings are shown in. */
export function locale(): Locale {
  return current;
}

/** "zh…" → Chinese, anything else → English. */
export function localeFrom(system: string | undefined | null): Locale {
  return system && system.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const SAVED = "dealgate.locale";

/** The language the user chose last time (kept in the webview's local storage), if any. */
export function savedLocale(): Locale | null {
  try {
    const saved = globalThis.localStorage?.getItem(SAVED);
    return saved === "zh" || saved === "en" ? saved : null;
  } catch {
    return null;
  }
}

/** Switches the language and tells every listener; `remember` keeps it for the next start (a user's choice). */
export function setLocale(next: Locale, remember = false): void {
  if (remember) {
    try {
      globalThis.localStorage?.setItem(SAVED, next);
    } catch {
      // Storage refused (private mode): the choice lasts this session.
    }
  }
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

/** Calls `listener` after every switch; returns a function that stops it. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string for a key built at run time (a rule or feature name from the backend), or null if none. */
export function lookup(key: string): string | null {
  return (dictionaries[current] as Record<string, string>)[key] ?? null;
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
