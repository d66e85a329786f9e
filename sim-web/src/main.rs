//! The ccsim training game, on the desktop (`cargo run -p sim-web`) and in the browser.
//!
//! On the desktop, `sim-web --bench AGENTS [SECONDS]` plays a day with that many agents
//! at 60x and prints the frame rate over SECONDS (default 10) after a 3-second warm-up,
//! then jumps to the end of the day and prints how long that took, then exits: the
//! README's native figures.

use bevy::prelude::*;

fn main() {
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "ccsim: call-center manager training".into(),
            resolution: (1280, 800).into(),
            // In the browser, fill the page.
            fit_canvas_to_parent: cfg!(target_arch = "wasm32"),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(sim_web::plugin);
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bench") {
        let agents = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(500);
        let seconds = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10.0);
        app.insert_resource(Bench {
            agents,
            seconds,
            started: None,
            frames_at_start: 0,
            jumped: false,
        })
        .add_systems(Startup, start_bench)
        .add_systems(Update, measure_bench);
    }
    app.run();
}

#[derive(Resource)]
struct Bench {
    agents: u32,
    seconds: f64,
    started: Option<f64>,
    frames_at_start: u64,
    jumped: bool,
}

const WARM_UP_S: f64 = 3.0;

fn start_bench(bench: Res<Bench>, bridge: Res<sim_web::page::Bridge>) {
    let c = format!(r#"{{"cmd": "bench", "agents": {}}}"#, bench.agents);
    bridge
        .command(&c)
        .expect("the bench command is well-formed");
}

fn measure_bench(
    mut bench: ResMut<Bench>,
    time: Res<Time<Real>>,
    stats: Res<sim_web::page::FrameStats>,
    bridge: Res<sim_web::page::Bridge>,
    day: Option<Res<sim_web::play::Day>>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = time.elapsed_secs_f64();
    if bench.jumped {
        if let Some(day) = day
            && let (Some(jump), Some(end)) = (day.jump_ms, day.debrief_ms)
        {
            println!(
                "sim-web bench: the rest of the day simulated in {jump:.1} ms, drained and scored (with the benchmark day) in {end:.1} ms"
            );
            exit.write(AppExit::Success);
        }
        return;
    }
    match bench.started {
        None if now >= WARM_UP_S => {
            bench.started = Some(now);
            bench.frames_at_start = stats.frames;
        }
        Some(t0) if now - t0 >= bench.seconds => {
            let frames = stats.frames - bench.frames_at_start;
            println!(
                "sim-web bench: {} agents, {frames} frames in {:.1} s: {:.1} frames/s",
                bench.agents,
                now - t0,
                frames as f64 / (now - t0)
            );
            bridge
                .command(r#"{"cmd": "end"}"#)
                .expect("the end command is well-formed");
            bench.jumped = true;
        }
        _ => {}
    }
}
