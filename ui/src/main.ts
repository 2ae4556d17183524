// Page entry: asks the backend for app_info and fills in the panel, or shows the error.
import "./style.css";
import { appInfo, toShellError } from "./backend";

function setField(name: string, value: string): void {
  const element = document.querySelector<HTMLElement>(`[data-field="${name}"]`);
  if (element) element.textContent = value;
}

async function start(): Promise<void> {
  try {
    const info = await appInfo();
    setField("name", info.name);
    setField("version", info.version);
  } catch (reason) {
    const error = toShellError(reason);
    const box = document.getElementById("error");
    if (box) {
      box.textContent = `错误 / Error (${error.code}): ${error.message}`;
      box.hidden = false;
    }
  }
}

void start();
