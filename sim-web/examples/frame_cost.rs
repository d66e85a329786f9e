//! The game's own work per frame, without rendering: the simulation stepped at 60x, the
//! floor's sprites synced from the snapshot (500 desks), the charts' samples and the page
//! state, for 600 frames of 1/60 s. What is left of a 16.7 ms frame is the renderer's.
//!
//! `cargo run --release -p sim-web --example frame_cost [AGENTS]`

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

fn main() {
    let agents: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_micros(
            16_667,
        )))
        .add_plugins((
            sim_web::play::plugin,
            sim_web::page::plugin,
            sim_web::floor::plugin,
        ));
    app.update();
    let bridge = app.world().resource::<sim_web::page::Bridge>().clone();
    bridge
        .command(&format!(r#"{{"cmd": "bench", "agents": {agents}}}"#))
        .expect("a well-formed command");
    for _ in 0..60 {
        app.update();
    }
    let frames = 600;
    let t0 = Instant::now();
    for _ in 0..frames {
        app.update();
    }
    let per_frame = t0.elapsed().as_secs_f64() * 1e3 / frames as f64;
    let desks = app
        .world_mut()
        .query::<&sim_web::floor::Desk>()
        .iter(app.world())
        .count();
    println!(
        "frame_cost: {agents} agents ({desks} desks), {frames} frames at 60x: {per_frame:.3} ms of game work per frame"
    );
}
