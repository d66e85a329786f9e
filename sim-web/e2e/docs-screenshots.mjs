// Regenerates the README's screenshots of the game (docs/game-floor.png and
// docs/game-debrief.png) from the browser build.
//
// Usage: cargo xtask web && (cargo xtask serve 8099 &) && node docs-screenshots.mjs http://127.0.0.1:8099/ ../../docs
//
// The lunch-peak mission on the seed of its class code 2-202: the floor at 12:20 with the
// queue of the peak, then the debrief of a day rewound to 11:00 and replayed with three
// agents called in, drawn over the first day.

import { launch } from "./browser.mjs";

const [url, outDir] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const command = (c) => page.evaluate((c) => window.ccsim.command(c), c);
  const until = (predicate) =>
    page.waitForFunction(predicate, null, { timeout: 300_000, polling: 100 });
  await page.goto(url);
  await until(() => window.ccsim?.state()?.frames > 0);
  await command({ cmd: "join", code: "2-202" });
  await until(() => window.ccsim.state().screen === "playing");
  await command({ cmd: "speed", value: "600x" });
  await until(() => window.ccsim.state().day.minute >= 200);
  await command({ cmd: "speed", value: "10x" });
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${outDir}/game-floor.png` });
  await command({ cmd: "end" });
  await until(() => window.ccsim.state().screen === "debrief");
  await command({ cmd: "rewind", minute: 120 });
  await until(() => window.ccsim.state().screen === "playing");
  await command({ cmd: "call_in", group: 0, agents: 3 });
  await command({ cmd: "end" });
  await until(() => window.ccsim.state().screen === "debrief");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${outDir}/game-debrief.png` });
} finally {
  await browser.close();
}
