//! sim-web: the training game, in the browser (wasm32) and on the desktop.
//!
//! Not built yet: this crate is a placeholder in the workspace until issue 4 ("sim-web:
//! the Bevy training game") lands. It will drive [`sim_core::Simulation`] through its
//! stepping API (`run_until`, `snapshot`, `apply`) and never re-implement model logic.
