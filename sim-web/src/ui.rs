//! The screens' controls and dashboards (egui): the mission list with class codes, the
//! dashboard and levers during a day, and the debrief. Every button sends a
//! [`Command`]; nothing here changes the simulation directly.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{HLine, Line, Plot, PlotPoints};
use sim_core::scenario::GroupId;
use sim_core::time::clock_label;

use crate::play::{
    Command, Day, LastDebrief, Lever, Missions, Screen, Speed, class_code, parse_class_code,
};

/// Adds the egui screens (needs `EguiPlugin`).
pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            menu.run_if(in_state(Screen::Menu)),
            dashboard.run_if(in_state(Screen::Playing)),
            debrief.run_if(in_state(Screen::Debrief)),
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

fn menu(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
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
        });
        if !error.is_empty() {
            ui.colored_label(egui::Color32::from_rgb(220, 60, 60), error.as_str());
        }
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, m) in missions.0.iter().enumerate() {
                ui.group(|ui| {
                    ui.horizontal(|ui| {
                        ui.strong(format!("{}. {}", m.order, m.title));
                        if ui.button("Play").clicked() {
                            out.write(Command::Start { mission: i, seed: m.scenario.seed });
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

fn dashboard(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
    day: Option<Res<Day>>,
    mut out: MessageWriter<Command>,
) -> Result {
    let Some(day) = day else { return Ok(()) };
    let Some(sim) = day.sim.as_ref() else {
        return Ok(());
    };
    let mission = &missions.0[day.mission];
    let scenario = sim.scenario();
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let snap = sim.snapshot();
    let k = snap.kpis();
    let (start, _) = sim.window();
    let since = sim.now().since(start).as_secs_f64() as u64;
    let clock = clock_label(scenario.day_start.unwrap_or(0) as u64 + since);
    egui::Panel::top("controls").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(&mission.title);
            ui.label(format!("class code {}", class_code(mission, day.seed)));
            ui.separator();
            ui.heading(clock);
            for s in Speed::ALL {
                if ui.selectable_label(day.speed == s, s.label()).clicked() {
                    out.write(Command::SetSpeed(s));
                }
            }
            if ui.button("end of day").clicked() {
                out.write(Command::JumpToEnd);
            }
        });
    });
    egui::Panel::right("kpis").min_size(240.0).show(&mut ui, |ui| {
        let target = scenario.service_level.target;
        ui.heading("Today so far");
        ui.label(format!("Service level {}  (target {})", pct(k.service_level), pct(target)));
        ui.label(format!("ASA {:.1} s", k.asa_s));
        ui.label(format!("Abandoned {} of {} ({})", k.abandoned, k.offered, pct(k.abandon_rate)));
        ui.label(format!("Waiting now {}", k.waiting));
        let occupancy = if k.agents_on_duty > 0 { k.agents_busy as f64 / k.agents_on_duty as f64 } else { 0.0 };
        ui.label(format!("Busy {} of {} agents ({})", k.agents_busy, k.agents_on_duty, pct(occupancy)));
        let cost = day.samples.last().map_or(0.0, |s| s.cost);
        match mission.budget {
            Some(b) => ui.label(format!("Cost {cost:.0} of a {b:.0} budget")),
            None => ui.label(format!("Cost {cost:.0}")),
        };
        ui.separator();
        ui.heading("Staffing");
        for (g, group) in scenario.agent_groups.iter().enumerate() {
            let id = GroupId(g as u16);
            ui.horizontal(|ui| {
                ui.label(format!("{}: {} on duty (wage {:.0}/h)", group.name, snap.on_duty(id), group.wage_per_hour));
                if ui.button("−1").clicked() {
                    out.write(Command::Pull(Lever::Agents { group: id, delta: -1 }));
                }
                if ui.button("+1").clicked() {
                    out.write(Command::Pull(Lever::Agents { group: id, delta: 1 }));
                }
            });
        }
        ui.separator();
        ui.small("Desks: green idle, blue talking, purple wrap-up, orange leaving, grey off. Callers: green just arrived, yellow at the threshold, red long waits.");
    });
    egui::Panel::bottom("charts")
        .min_size(170.0)
        .show(&mut ui, |ui| {
            let queue: PlotPoints = day
                .samples
                .iter()
                .map(|s| [s.minute / 60.0, s.queue as f64])
                .collect();
            let agents: PlotPoints = day
                .samples
                .iter()
                .map(|s| [s.minute / 60.0, s.agents as f64])
                .collect();
            Plot::new("day")
                .height(150.0)
                .legend(egui_plot::Legend::default())
                .x_axis_label("hours into the day")
                .show(ui, |p| {
                    p.line(Line::new("callers waiting", queue));
                    p.line(Line::new("agents on duty", agents));
                });
        });
    Ok(())
}

/// Writes the results file next to the game (the browser download comes with the web build).
#[cfg(not(target_arch = "wasm32"))]
fn save_results(results: &crate::game::results::Results) -> String {
    let safe: String = results
        .player
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let path = format!("ccsim-results-{}-{safe}.json", results.class_code);
    match serde_json::to_string_pretty(results).map(|j| std::fs::write(&path, j)) {
        Ok(Ok(())) => format!("Saved {path}"),
        Ok(Err(e)) => format!("Could not save {path}: {e}"),
        Err(e) => format!("Could not save: {e}"),
    }
}

#[cfg(target_arch = "wasm32")]
fn save_results(_: &crate::game::results::Results) -> String {
    "Saving results is not available in the browser yet".into()
}

#[allow(clippy::too_many_arguments)]
fn debrief(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
    last: Option<Res<LastDebrief>>,
    day: Option<Res<Day>>,
    mut out: MessageWriter<Command>,
    mut player: Local<String>,
    mut saved: Local<String>,
) -> Result {
    let Some(last) = last else { return Ok(()) };
    let d = &last.debrief;
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let stars: String = (0..3)
                .map(|i| if i < d.stars { '★' } else { '☆' })
                .collect();
            ui.heading(format!("End of day: {stars}  {} points", d.score));
            for o in &d.objectives {
                let mark = if o.met { "✔" } else { "✖" };
                ui.label(format!("{mark} {} — {}", o.text, o.actual));
            }
            ui.separator();
            ui.label(format!(
                "{} calls; service level {}, ASA {:.1} s, abandonment {}, occupancy {}",
                d.offered,
                pct(d.service_level),
                d.asa_s,
                pct(d.abandon_rate),
                pct(d.occupancy)
            ));
            match d.budget {
                Some(b) => ui.label(format!(
                    "Labour cost {:.0} against a budget of {b:.0}",
                    d.cost
                )),
                None => ui.label(format!("Labour cost {:.0}", d.cost)),
            };
            let sl: PlotPoints = d
                .intervals
                .iter()
                .enumerate()
                .map(|(i, l)| [i as f64, l.service_level * 100.0])
                .collect();
            let mine: PlotPoints = d
                .intervals
                .iter()
                .enumerate()
                .map(|(i, l)| [i as f64, l.agents])
                .collect();
            let erlang: PlotPoints = d
                .intervals
                .iter()
                .enumerate()
                .map(|(i, l)| [i as f64, l.erlang_agents as f64])
                .collect();
            let target = d.intervals.first().map_or(80.0, |_| {
                day.as_ref().map_or(80.0, |day| {
                    missions.0[day.mission].scenario.service_level.target * 100.0
                })
            });
            ui.columns(2, |cols| {
                Plot::new("sl")
                    .height(180.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("half hour")
                    .show(&mut cols[0], |p| {
                        p.line(Line::new("service level %", sl));
                        p.hline(HLine::new("target", target));
                    });
                Plot::new("staff")
                    .height(180.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("half hour")
                    .show(&mut cols[1], |p| {
                        p.line(Line::new("your agents", mine));
                        p.line(Line::new("Erlang's agents", erlang));
                    });
            });
            egui::Grid::new("intervals").striped(true).show(ui, |ui| {
                for h in [
                    "time",
                    "calls",
                    "service level",
                    "",
                    "your agents",
                    "Erlang",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for l in &d.intervals {
                    ui.label(&l.label);
                    ui.label(format!("{:.0}", l.offered));
                    ui.label(pct(l.service_level));
                    ui.label(if l.met { "✔" } else { "✖" });
                    ui.label(format!("{:.1}", l.agents));
                    ui.label(l.erlang_agents.to_string());
                    ui.end_row();
                }
            });
            ui.separator();
            ui.strong("The lesson");
            ui.label(&d.lesson);
            ui.horizontal(|ui| {
                ui.label("Your name:");
                ui.text_edit_singleline(&mut *player);
                if ui.button("Save results").clicked() {
                    *saved = match last.results(&missions, player.trim()) {
                        Some(r) if !player.trim().is_empty() => save_results(&r),
                        Some(_) => "Type your name first".into(),
                        None => "Unknown mission".into(),
                    };
                }
                ui.label(saved.as_str());
            });
            ui.horizontal(|ui| {
                if let Some(day) = &day
                    && ui.button("Play this day again").clicked()
                {
                    out.write(Command::Start {
                        mission: day.mission,
                        seed: last.seed,
                    });
                }
                if ui.button("Missions").clicked() {
                    out.write(Command::Menu);
                }
            });
        });
    });
    Ok(())
}
