//! sim-web: the ccsim training game, in the browser (wasm32) and on the desktop.
//!
//! The game runs sim-core's `Simulation` and never re-implements model logic: it steps the
//! simulation with the game clock, draws its snapshots, turns the player's levers into
//! `Intervention`s and scores the finished day. [`game`] holds the rules (missions,
//! debrief) as plain Rust, tested without a window.

pub mod game;
pub mod play;
