// A tiny element builder and form-control helpers so features build DOM without a framework (text only, never HTML).
//
// Dates are text fields reading `2026-06-30` (`dateInput`), never the locale's date picker.

/** Creates `<tag>` with the given class (if any) and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

/** Sets `data-testid` (the hook the end-to-end suite uses) and returns the element. */
export function tid<E extends HTMLElement>(element: E, id: string): E {
  element.dataset.testid = id;
  return element;
}

/** A `type=button` button that runs `onClick`. */
export function button(text: string, onClick: () => void, className = "btn"): HTMLButtonElement {
  const b = el("button", className, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/** A text-like `<input>`. */
export function input(type: string, value = "", placeholder = ""): HTMLInputElement {
  const i = el("input");
  i.type = type;
  i.value = value;
  if (placeholder) i.placeholder = placeholder;
  return i;
}

/** A date field that always reads and shows `2026-06-30`: a text input with a pattern, never the browser's
 * date picker (which follows the system locale, month/day/year under C). */
export function dateInput(value: string, placeholder: string): HTMLInputElement {
  const i = input("text", value, placeholder);
  i.pattern = "\\d{4}-\\d{2}-\\d{2}";
  i.inputMode = "numeric";
  i.maxLength = 10;
  i.classList.add("date");
  return i;
}

/** Whether `text` is a whole date `2026-06-30` (blank is not). */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

/** A `<select>` of `[value, label]` pairs. */
export function select(options: [string, string][], value = ""): HTMLSelectElement {
  const s = el("select");
  for (const [v, label] of options) {
    const o = el("option", undefined, label);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  return s;
}

/** A `<label>` holding its caption and control. */
export function field(caption: string, control: HTMLElement, className = "field"): HTMLLabelElement {
  return el("label", className, el("span", "caption", caption), control);
}

/** A table with a header row and body rows (cells are nodes or text). */
export function table(headers: string[], rows: HTMLTableRowElement[], className = "grid"): HTMLTableElement {
  const head = el("thead", undefined, el("tr", undefined, ...headers.map((h) => el("th", undefined, h))));
  return el("table", className, head, el("tbody", undefined, ...rows));
}

/** A body row from cell contents. */
export function row(...cells: (Node | string)[]): HTMLTableRowElement {
  return el("tr", undefined, ...cells.map((c) => el("td", undefined, c)));
}

/** Calls `fn` once input has paused for `ms` milliseconds. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
