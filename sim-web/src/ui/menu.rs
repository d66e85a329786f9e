//! The mission list: class codes, best results so far, and loading a scenario file.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{RED, notice, root, stars};
use crate::play::{Command, Missions, Notice, Progress, parse_class_code};

pub(super) fn menu(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
    progress: Res<Progress>,
    note: Res<Notice>,
    mut out: MessageWriter<Command>,
    mut code: Local<String>,
    mut error: Local<String>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("ccsim: run a call center for a day");
        ui.label("Each mission is a day at a call center. Staff it well: answer calls fast, keep callers from hanging up, and stay within budget.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label("Class code from your trainer:");
            ui.text_edit_singleline(&mut *code);
            if ui.button("Join").clicked() {
                match parse_class_code(&code, &missions.0) {
                    Some((mission, seed)) => {
                        error.clear();
                        out.write(Command::Start { mission, seed });
                    }
                    None => *error = format!("\"{}\" is not a class code (it looks like 1-4711)", code.trim()),
                }
            }
            ui.separator();
            if ui.button("Load a scenario file…").clicked()
                && let Err(e) = crate::storage::pick_scenario_file()
            {
                *error = e;
            }
        });
        if !error.is_empty() {
            ui.colored_label(RED, error.as_str());
        }
        notice(ui, &note);
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, m) in missions.0.iter().enumerate() {
                ui.group(|ui| {
                    ui.horizontal(|ui| {
                        let number = if m.order == 0 || m.order >= crate::game::mission::FREE_PLAY_ORDER { String::new() } else { format!("{}. ", m.order) };
                        ui.strong(format!("{number}{}", m.title));
                        if ui.button("Play").clicked() {
                            out.write(Command::Start { mission: i, seed: m.scenario.seed });
                        }
                        if let Some(&(s, score)) = progress.best.get(&m.id) {
                            ui.label(format!("best: {} {score} points", stars(s)));
                        }
                    });
                    ui.label(&m.briefing);
                    let sl = m.scenario.service_level;
                    for o in &m.objectives {
                        ui.label(format!("• {}", o.describe(sl.target, sl.threshold.as_secs_f64())));
                    }
                });
            }
        });
    });
    Ok(())
}
