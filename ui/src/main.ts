// Page entry: mounts the app into <main id="app">, and marks when the first queue rows are drawn (cold-start timing).
import "./style.css";
import { startApp } from "./app";

const root = document.getElementById("app");
if (root) {
  markWhenQueueReady(root);
  void startApp(root);
}

/** Sets the performance mark `dealgate:queue-ready` once a loaded queue row (or the first-run offer) is in the page. */
function markWhenQueueReady(root: HTMLElement): void {
  const ready = '[data-testid="queue-row"][data-registration-id], [data-testid="demo-load"]';
  const observer = new MutationObserver(() => {
    if (!root.querySelector(ready)) return;
    performance.mark("dealgate:queue-ready");
    observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
}
