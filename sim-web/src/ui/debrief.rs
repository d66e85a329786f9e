//! The debrief: stars and objectives, the day's KPIs, Erlang's plan on the same day as the
//! benchmark, service level per interval (and per branch), the player's agents against
//! Erlang's, the lesson, saving results, rewinding, and playing again.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{HLine, Line, Plot, PlotPoints};

use super::{pct, root, stars};
use crate::play::{Command, Day, LastDebrief, Missions, clock_at};

#[allow(clippy::too_many_arguments)]
pub(super) fn debrief(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
    last: Option<Res<LastDebrief>>,
    day: Option<Res<Day>>,
    mut out: MessageWriter<Command>,
    mut player: Local<String>,
    mut saved: Local<String>,
    mut rewind_to: Local<f64>,
    mut copied: Local<String>,
) -> Result {
    let Some(last) = last else { return Ok(()) };
    let d = &last.debrief;
    let mission = missions.0.iter().find(|m| m.id == d.mission);
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(format!("End of day: {}  {} points", stars(d.stars), d.score));
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
                Some(b) => ui.label(format!("Labour cost {:.0} against a budget of {b:.0}", d.cost)),
                None => ui.label(format!("Labour cost {:.0}", d.cost)),
            };
            if let Some(b) = &d.benchmark {
                let diff = d.score as i64 - b.score as i64;
                ui.label(format!(
                    "Erlang's plan on the same day, same callers: {} {} points, service level {}, abandonment {}, cost {:.0}. You: {diff:+} points, cost {:+.0}.",
                    stars(b.stars),
                    b.score,
                    pct(b.service_level),
                    pct(b.abandon_rate),
                    b.cost,
                    d.cost - b.cost
                ));
            }
            let per = |f: &dyn Fn(usize, &crate::game::score::IntervalLine) -> f64| -> PlotPoints<'static> {
                d.intervals.iter().enumerate().map(|(i, l)| [i as f64, f(i, l)]).collect()
            };
            let target = mission.map_or(0.8, |m| m.scenario.service_level.target) * 100.0;
            ui.columns(2, |cols| {
                Plot::new("sl")
                    .height(180.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("interval")
                    .show(&mut cols[0], |p| {
                        if let Some(day) = &day {
                            for (i, b) in day.branches.iter().enumerate() {
                                if let Some(sl) = &b.service_levels {
                                    let pts: PlotPoints = sl.iter().enumerate().map(|(i, s)| [i as f64, s * 100.0]).collect();
                                    p.line(Line::new(format!("branch {} ({})", i + 1, b.label), pts));
                                }
                            }
                        }
                        p.line(Line::new("service level %", per(&|_, l| l.service_level * 100.0)));
                        p.hline(HLine::new("target", target));
                    });
                Plot::new("staff")
                    .height(180.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("interval")
                    .show(&mut cols[1], |p| {
                        p.line(Line::new("your agents", per(&|_, l| l.agents)));
                        p.line(Line::new("Erlang's agents", per(&|_, l| l.erlang_agents as f64)));
                    });
            });
            egui::Grid::new("intervals").striped(true).show(ui, |ui| {
                for h in ["time", "calls", "service level", "", "your agents", "Erlang"] {
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
                        Some(r) if !player.trim().is_empty() => crate::storage::save_results(&r),
                        Some(_) => "Type your name first".into(),
                        None => "Unknown mission".into(),
                    };
                }
                ui.label(saved.as_str());
            });
            if let Some(m) = mission {
                let fragment = crate::play::share_fragment(&crate::play::class_code(m, last.seed), &last.log);
                let link = crate::storage::page_url().map_or(fragment.clone(), |u| format!("{u}{fragment}"));
                ui.horizontal(|ui| {
                    ui.label("Share this day (the link replays it):");
                    ui.add(egui::TextEdit::singleline(&mut link.as_str()).desired_width(420.0));
                    if ui.button("Copy link").clicked() {
                        *copied = crate::storage::copy_to_clipboard(&link);
                    }
                    ui.label(copied.as_str());
                });
            }
            if let Some(m) = mission {
                ui.horizontal(|ui| {
                    let end = m.scenario.horizon.as_secs_f64() / 60.0;
                    ui.add(egui::Slider::new(&mut *rewind_to, 0.0..=end).text("minutes in").step_by(15.0));
                    if ui.button(format!("Rewind to {} and branch", clock_at(m, *rewind_to))).clicked() {
                        out.write(Command::Rewind { minute: *rewind_to });
                    }
                });
            }
            ui.horizontal(|ui| {
                if let Some(day) = &day
                    && ui.button("Play this day again").clicked()
                {
                    out.write(Command::Start { mission: day.mission, seed: last.seed });
                }
                if ui.button("Missions").clicked() {
                    out.write(Command::Menu);
                }
            });
        });
    });
    Ok(())
}
