//! sim-web: the ccsim training game, in the browser (wasm32) and on the desktop.
//!
//! The game runs sim-core's `Simulation` and never re-implements model logic: it steps the
//! simulation with the game clock, draws its snapshots, turns the player's levers into
//! `Intervention`s and scores the finished day. [`game`] holds the rules (missions,
//! debrief) as plain Rust, tested without a window.

pub mod floor;
pub mod page;
/// The rules of the game (missions, scoring), from sim-core.
pub use sim_core::training as game;
pub mod play;
pub mod storage;
pub mod ui;

use bevy::prelude::*;

/// The whole game: logic, floor and screens. Add it to an `App` with `DefaultPlugins`.
pub fn plugin(app: &mut App) {
    app.add_plugins(bevy_egui::EguiPlugin::default())
        .insert_resource(ClearColor(Color::srgb(0.93, 0.93, 0.95)))
        .add_plugins((
            play::plugin,
            page::plugin,
            storage::plugin,
            floor::plugin,
            ui::plugin,
        ));
}
