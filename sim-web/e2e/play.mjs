// The browser end-to-end test of the game (run by `cargo xtask e2e`, which serves dist/,
// then checks what this prints against `ccsim run`).
//
// Usage: node play.mjs URL OUT_DIR MISSION SEED
//
// Drives Debian's headless chromium (playwright-core; no browser download) through the
// page API: waits for the first frame, plays mission MISSION on SEED (two more agents at
// 10:00, then the end of the day), reads the debrief and the results file, measures the
// frame rate with 500 agents on the floor, saves screenshots in OUT_DIR, and prints one
// JSON object. Exits 1 on any console error or page error.

import { launch } from "./browser.mjs";

const [url, outDir, mission, seed] = process.argv.slice(2);
if (!url || !outDir || !mission || !seed) {
  console.error("usage: node play.mjs URL OUT_DIR MISSION SEED");
  process.exit(2);
}

const browser = await launch();
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e}`));

  const state = () => page.evaluate(() => window.ccsim.state());
  const command = (c) => page.evaluate((c) => window.ccsim.command(c), c);
  const until = (what, predicate, timeout = 180_000) =>
    page
      .waitForFunction(predicate, null, { timeout, polling: 100 })
      .catch((e) => {
        throw new Error(`waiting for ${what}: ${e.message}`);
      });

  // Frames drawn per second of wall time over the next `ms`.
  const framesPerSecond = async (ms) => {
    const f0 = (await state()).frames;
    const t0 = Date.now();
    await page.waitForTimeout(ms);
    return (((await state()).frames - f0) * 1000) / (Date.now() - t0);
  };

  const started = Date.now();
  await page.goto(url);
  await until("the first frame", () => window.ccsim?.state()?.frames > 0);
  const firstFrameMs = (await state()).first_frame_ms;
  const loadedMs = Date.now() - started;
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${outDir}/web-menu.png` });

  await command({ cmd: "start", mission: Number(mission), seed: Number(seed) });
  await until("the day", () => window.ccsim.state().screen === "playing");
  await command({ cmd: "speed", value: "600x" });
  await until("10:00", () => window.ccsim.state().day.minute >= 60);
  await command({ cmd: "speed", value: "pause" });
  await command({ cmd: "agents", group: 0, delta: 2 });
  await command({ cmd: "speed", value: "60x" });
  const dayFps = await framesPerSecond(3000);
  await page.screenshot({ path: `${outDir}/web-floor.png` });

  const ff = await page.evaluate(() => performance.now());
  await command({ cmd: "end" });
  await until("the debrief", () => window.ccsim.state().screen === "debrief");
  const fastForwardMs = (await page.evaluate(() => performance.now())) - ff;
  const { jump_ms: jumpMs, debrief_ms: debriefMs } = (await state()).day;
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${outDir}/web-debrief.png` });
  const end = await state();

  // A share link opens the same day's debrief in a fresh page (index.html reads the
  // fragment and replays the decisions).
  const shared = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shared.on("pageerror", (e) => errors.push(`shared page: ${e}`));
  await shared.goto(`${url}${end.share}`);
  await shared
    .waitForFunction(() => window.ccsim?.state()?.screen === "debrief", null, {
      timeout: 180_000,
      polling: 100,
    })
    .catch((e) => {
      throw new Error(`waiting for the shared day's debrief: ${e.message}`);
    });
  const sharedDebrief = (await shared.evaluate(() => window.ccsim.state())).debrief;
  if (JSON.stringify(sharedDebrief) !== JSON.stringify(end.debrief)) {
    errors.push("the share link's debrief differs from the played day's");
  }
  await shared.close();

  // A bad scenario file is refused with its validation message, not a crash.
  await command({ cmd: "load", name: "mine.toml", text: 'name = "x"\nhorizon = "8 hours"\n' });
  await until("the validation message", () => window.ccsim.state().notice !== null);
  const notice = (await state()).notice;
  if (!notice.startsWith("mine.toml:2:") || !(await state()).notice_is_error) {
    errors.push(`a bad file gave the notice ${JSON.stringify(notice)}`);
  }

  // Frame rate with 500 agents on the floor, at 60x: the mean over 10 s after 3 s.
  await command({ cmd: "bench", agents: 500 });
  await until("the bench day", () => window.ccsim.state().day?.agents_on_floor === 500);
  await command({ cmd: "speed", value: "60x" });
  await page.waitForTimeout(3000);
  const fps = await framesPerSecond(10_000);
  await page.screenshot({ path: `${outDir}/web-500-agents.png` });

  console.log(
    JSON.stringify({
      first_frame_ms: firstFrameMs,
      loaded_ms: loadedMs,
      fast_forward_ms: fastForwardMs,
      jump_ms: jumpMs,
      debrief_ms: debriefMs,
      fps_mission_1: dayFps,
      fps_500_agents: fps,
      debrief: end.debrief,
      bad_file_notice: notice,
      results: end.results,
      errors,
    }),
  );
} finally {
  await browser.close();
}
if (errors.length > 0) {
  console.error(errors.join("\n"));
  process.exit(1);
}
