//! The screens' controls and dashboards (egui): the mission list with class codes, the
//! dashboard, levers and trainer panel during a day, and the debrief. Every button sends
//! a [`Command`](crate::play::Command); nothing here changes the simulation directly.

mod dashboard;
mod debrief;
mod menu;
mod people;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::play::Screen;

/// Adds the egui screens (needs `EguiPlugin`).
pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            menu::menu.run_if(in_state(Screen::Menu)),
            dashboard::dashboard.run_if(in_state(Screen::Playing)),
            debrief::debrief.run_if(in_state(Screen::Debrief)),
        ),
    );
}

fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

const RED: egui::Color32 = egui::Color32::from_rgb(220, 60, 60);
const GREEN: egui::Color32 = egui::Color32::from_rgb(40, 150, 70);

/// The last notice (a file loaded, a command refused), if any.
fn notice(ui: &mut egui::Ui, notice: &crate::play::Notice) {
    if !notice.text.is_empty() {
        let colour = if notice.error { RED } else { GREEN };
        ui.colored_label(colour, notice.text.as_str());
    }
}

fn stars(n: u8) -> String {
    (0..3).map(|i| if i < n { '★' } else { '☆' }).collect()
}
