// Cold start: the desktop app (DEALGATE_APP, e.g. the release build) opened on a copy of a database, timed from
// its process start to the first queue rows drawn; prints each run and the median. Usage: node bench/cold-start.js DB [RUNS]
//
// The first queue rows are the UI's `dealgate:queue-ready` performance mark (ui/src/main.ts).
import { coldStartMs, startApp } from "../lib/harness.js";

const [db, runsArg] = process.argv.slice(2);
if (!db) {
  console.error("usage: node bench/cold-start.js DATABASE [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg || 5);
const times = [];
for (let i = 0; i < runs; i++) {
  const ctx = await startApp("cold-start", { db });
  try {
    const ms = await coldStartMs(ctx);
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
  } finally {
    await ctx.close();
  }
}
times.sort((a, b) => a - b);
console.log(`cold start to a usable queue, ${runs} runs: median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[runs - 1].toFixed(0)} ms`);
