//! sim-web's integration tests, one binary: each test binary links Bevy, so one link
//! instead of three keeps test builds small and fast.

mod app;
mod missions;
mod page;

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

/// A headless game with `plugins`: Bevy's minimal plugins and states, each update
/// advancing the game clock by 250 ms, after one first update.
fn headless_app<M>(plugins: impl bevy::app::Plugins<M>) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            250,
        )))
        .add_plugins(plugins);
    app.update();
    app
}
