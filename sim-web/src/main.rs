//! The ccsim training game, on the desktop (`cargo run -p sim-web`) and in the browser.

use bevy::prelude::*;

fn main() {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "ccsim: call-center manager training".into(),
                resolution: (1280, 800).into(),
                // In the browser, fill the page.
                fit_canvas_to_parent: cfg!(target_arch = "wasm32"),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(sim_web::plugin)
        .run();
}
