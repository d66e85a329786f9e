//! The dashboard during a day: clock and speed, KPIs against the targets, Erlang beside
//! the simulation, the manager's levers, the trainer's incidents, rewinding, the
//! tutorial, and the charts.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Line, Plot, PlotPoints};
use sim_core::Intervention;
use sim_core::routing::Routing;
use sim_core::scenario::GroupId;

use super::{RED, notice, pct, root};
use crate::game::live::erlang_now;
use crate::play::{
    Command, Day, Incident, Lever, Missions, Notice, Sample, Speed, class_code, clock_at,
};

#[allow(clippy::too_many_arguments)]
pub(super) fn dashboard(
    mut contexts: EguiContexts,
    missions: Res<Missions>,
    day: Option<Res<Day>>,
    note: Res<Notice>,
    mut out: MessageWriter<Command>,
    mut rewind_to: Local<f64>,
    mut trainer: Local<TrainerInputs>,
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
    let minute = sim.now().since(start).as_secs_f64() / 60.0;
    let clock = |m: f64| clock_at(mission, m);
    egui::Panel::top("controls").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(&mission.title);
            ui.label(format!("class code {}", class_code(mission, day.seed)));
            ui.separator();
            ui.heading(clock(minute));
            for s in Speed::ALL {
                if ui.selectable_label(day.speed == s, s.label()).clicked() {
                    out.write(Command::SetSpeed(s));
                }
            }
            if ui.button("end of day").clicked() {
                out.write(Command::JumpToEnd);
            }
            if ui.button("missions").clicked() {
                out.write(Command::Menu);
            }
            if let Some(until) = snap.outage_until() {
                let m = until.since(start).as_secs_f64() / 60.0;
                ui.colored_label(RED, format!("PHONE SYSTEM DOWN until {}", clock(m)));
            }
            let f = snap.arrival_factor();
            if f != 1.0 {
                ui.colored_label(RED, format!("calls at {:.0}% of plan", f * 100.0));
            }
        });
        notice(ui, &note);
    });
    egui::Panel::right("kpis").min_size(300.0).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let target = scenario.service_level.target;
            ui.heading("Today so far");
            ui.label(format!("Service level {}  (target {})", pct(k.service_level), pct(target)));
            ui.label(format!("ASA {:.1} s", k.asa_s));
            ui.label(format!("Abandoned {} of {} ({})", k.abandoned, k.offered, pct(k.abandon_rate)));
            ui.label(format!("Waiting now {}", k.waiting));
            if k.in_ivr + k.ivr_resolved > 0 {
                ui.label(format!("In the IVR now {}; {} served themselves there", k.in_ivr, k.ivr_resolved));
            }
            if k.callbacks + k.callbacks_pending > 0 {
                ui.label(format!("Callbacks made {}, promised and waiting {}", k.callbacks, k.callbacks_pending));
            }
            if k.balked > 0 {
                ui.label(format!("Hung up at once on a long queue {}", k.balked));
            }
            let occupancy = if k.agents_on_duty > 0 { k.agents_busy as f64 / k.agents_on_duty as f64 } else { 0.0 };
            ui.label(format!("Busy {} of {} agents ({})", k.agents_busy, k.agents_on_duty, pct(occupancy)));
            let cost = day.samples.last().map_or(0.0, |s| s.cost);
            match mission.budget {
                Some(b) if cost > b => ui.colored_label(RED, format!("Cost {cost:.0}: over the {b:.0} budget")),
                Some(b) => ui.label(format!("Cost {cost:.0} of a {b:.0} budget")),
                None => ui.label(format!("Cost {cost:.0}")),
            };

            ui.separator();
            ui.heading("Staffing");
            let lead = mission.hire_lead.as_secs_f64() / 60.0;
            for (g, group) in scenario.agent_groups.iter().enumerate() {
                let id = GroupId(g as u16);
                ui.label(format!("{}: {} on duty (wage {:.0}/h)", group.name, snap.on_duty(id), group.wage_per_hour));
                ui.horizontal(|ui| {
                    ui.label("on the phones now");
                    if ui.button("−1").clicked() {
                        out.write(Command::Pull(Lever::Agents { group: id, delta: -1 }));
                    }
                    if ui.button("+1").clicked() {
                        out.write(Command::Pull(Lever::Agents { group: id, delta: 1 }));
                    }
                    if ui
                        .button("call in 1")
                        .on_hover_text(format!("An off-duty agent, on the floor in {lead:.0} minutes, paid from then"))
                        .clicked()
                    {
                        out.write(Command::Pull(Lever::CallIn { group: id, agents: 1 }));
                    }
                });
                if !group.staffing.is_constant() {
                    ui.horizontal(|ui| {
                        ui.label("planned shifts");
                        if ui.button("30 min earlier").clicked() {
                            out.write(Command::Pull(Lever::MoveShifts { group: id, minutes: -30 }));
                        }
                        if ui.button("30 min later").clicked() {
                            out.write(Command::Pull(Lever::MoveShifts { group: id, minutes: 30 }));
                        }
                    });
                }
            }
            for e in sim.log() {
                if let Intervention::Hire { group, agents, lead } = &e.intervention {
                    let arrives = e.at + *lead;
                    if arrives > sim.now() {
                        let m = arrives.since(start).as_secs_f64() / 60.0;
                        let name = &scenario.agent_groups[group.0 as usize].name;
                        ui.label(format!("{agents} called in ({name}) on the floor at {}", clock(m)));
                    }
                }
            }

            if let Some(month) = &day.month {
                ui.separator();
                super::people::month_panel(ui, month, scenario, &mut out);
            }
            ui.separator();
            operations_panel(ui, scenario, &mission.scenario, &mut out);
            super::people::occupancy_rows(ui, scenario, &mut out);
            outbound_panel(ui, sim, &mut out);

            ui.separator();
            erlang_panel(ui, sim);

            ui.separator();
            egui::CollapsingHeader::new("Trainer").show(ui, |ui| {
                trainer_panel(ui, &mut trainer, scenario.agent_groups.len(), &mut out);
            });
            egui::CollapsingHeader::new("Rewind and branch").show(ui, |ui| {
                ui.label("Go back to a time of this day, same callers, and play it differently: the day so far stays on the chart.");
                ui.add(egui::Slider::new(&mut *rewind_to, 0.0..=minute.max(1.0)).text("minutes in").step_by(15.0));
                if ui.button(format!("Rewind to {}", clock(*rewind_to))).clicked() {
                    out.write(Command::Rewind { minute: *rewind_to });
                }
            });
            ui.separator();
            ui.small("Desks: green idle, blue talking, purple wrap-up, orange leaving, grey off. Callers: green just arrived, yellow at the threshold, red long waits; red dots leaving the line hung up.");
        });
    });
    let target = scenario.service_level.target * 100.0;
    let service_levels = interval_service_levels(sim);
    egui::Panel::bottom("charts")
        .min_size(170.0)
        .show(&mut ui, |ui| {
            ui.columns(2, |cols| {
                Plot::new("day")
                    .height(150.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("hours into the day")
                    .show(&mut cols[0], |p| {
                        for (i, b) in day.branches.iter().enumerate() {
                            p.line(Line::new(
                                format!("waiting, branch {} ({})", i + 1, b.label),
                                queue_points(&b.samples),
                            ));
                        }
                        p.line(Line::new("callers waiting", queue_points(&day.samples)));
                        let agents: PlotPoints = day
                            .samples
                            .iter()
                            .map(|s| [s.minute / 60.0, s.agents as f64])
                            .collect();
                        p.line(Line::new("agents on duty", agents));
                    });
                Plot::new("sl-now")
                    .height(150.0)
                    .legend(egui_plot::Legend::default())
                    .x_axis_label("half hour")
                    .include_y(0.0)
                    .include_y(100.0)
                    .show(&mut cols[1], |p| {
                        p.line(Line::new(
                            "service level %",
                            PlotPoints::from(service_levels),
                        ));
                        p.hline(egui_plot::HLine::new("target", target));
                    });
            });
        });
    if let Some(step) = mission.tutorial.get(day.tutorial_step) {
        egui::Window::new(format!(
            "Tutorial {}/{}",
            day.tutorial_step + 1,
            mission.tutorial.len()
        ))
        .default_pos([20.0, 60.0])
        .default_width(360.0)
        .show(ctx, |ui| {
            ui.label(step);
            let last = day.tutorial_step + 1 == mission.tutorial.len();
            if ui.button(if last { "Got it" } else { "Next" }).clicked() {
                out.write(Command::TutorialNext);
            }
        });
    }
    Ok(())
}

/// Service level (%) of each interval so far, by arrival: answered within the threshold
/// over calls answered or hung up.
fn interval_service_levels(sim: &sim_core::Simulation) -> Vec<[f64; 2]> {
    let stats = sim.stats();
    let types = sim.scenario().contact_types.len();
    let now = stats
        .interval_of(sim.now())
        .map_or(sim.scenario().interval_count(), |i| i + 1);
    (0..now)
        .filter_map(|i| {
            let (mut ok, mut decided) = (0, 0);
            for t in 0..types {
                let c = stats.cell(i, t);
                ok += c.answered_in_threshold;
                decided += c.answered + c.abandoned;
            }
            (decided > 0).then(|| [i as f64, ok as f64 * 100.0 / decided as f64])
        })
        .collect()
}

fn queue_points(samples: &[Sample]) -> PlotPoints<'static> {
    samples
        .iter()
        .map(|s| [s.minute / 60.0, s.queue as f64])
        .collect()
}

/// Erlang C and A for the current interval beside the simulated service level, and why
/// they differ.
/// The outbound campaigns' levers, where the day has campaigns: the dialers on or off
/// and, per blended group, the agents kept free for inbound calls.
fn outbound_panel(ui: &mut egui::Ui, sim: &sim_core::Simulation, out: &mut MessageWriter<Command>) {
    let scenario = sim.scenario();
    let campaign = |t: &sim_core::scenario::TypeId| {
        scenario.contact_types[t.0 as usize]
            .channel
            .campaign()
            .is_some()
    };
    if !scenario
        .contact_types
        .iter()
        .any(|t| t.channel.campaign().is_some())
    {
        return;
    }
    ui.separator();
    ui.heading("Outbound");
    let k = sim_core::report::RunKpis::of(sim.stats(), scenario);
    ui.label(format!(
        "dials {:.0} · sales {:.0} · revenue {:.0}",
        k.summary.dials, k.summary.sales, k.summary.revenue
    ));
    choice_row(
        ui,
        "dialer",
        "The dialer calls the campaign's list for free agents. Pause it when inbound callers \
         need every agent; calls already ringing still connect.",
        !sim.dialing_paused(),
        ON_OFF,
        out,
        |on| Lever::Dialing { on },
    );
    for (g, group) in scenario.agent_groups.iter().enumerate() {
        let blended = group.skills.iter().any(campaign) && !group.skills.iter().all(campaign);
        if !blended {
            continue;
        }
        choice_row(
            ui,
            &format!("{} keeps free for inbound", group.name),
            "Blending: these agents take outbound work only while more than this many of \
             them are idle, so inbound callers find someone free. More kept free: better \
             inbound service, fewer sales.",
            group.blend.keep_idle,
            &[(0, "0"), (1, "1"), (2, "2"), (4, "4"), (8, "8")],
            out,
            move |agents| Lever::KeepIdle {
                group: sim_core::scenario::GroupId(g as u16),
                agents,
            },
        );
    }
}

/// Routing, callbacks and overflow teams: each a choice of a few settings, each click an
/// intervention in the decision log.
fn operations_panel(
    ui: &mut egui::Ui,
    scenario: &sim_core::scenario::Scenario,
    planned: &sim_core::scenario::Scenario,
    out: &mut MessageWriter<Command>,
) {
    ui.heading("Operations");
    let several_groups = scenario.agent_groups.len() > 1;
    if several_groups {
        choice_row(
            ui,
            "routing",
            "Which idle agent takes a call several groups can answer: the one idle longest, \
             one from the group with most idle agents, or the one with fewest skills \
             (keeps generalists free for the calls only they can take).",
            scenario.routing,
            &[
                (Routing::LongestIdle, "longest idle"),
                (Routing::MostIdleGroup, "most idle group"),
                (Routing::LeastSkilledFirst, "fewest skills first"),
            ],
            out,
            Lever::Routing,
        );
    }
    // Callbacks are offered to every line alike; the first line's setting shows it.
    let offer = scenario
        .contact_types
        .iter()
        .find_map(|t| t.callback.as_ref())
        .map(|c| c.offer_after.as_secs_f64().round() as u32);
    choice_row(
        ui,
        "callbacks",
        "Offer to call back callers who would wait longer than this: those who accept \
         leave the line (they no longer hang up) and are called back when their turn \
         comes. Counted apart from answered calls.",
        offer,
        &[
            (None, "off"),
            (Some(30), "wait > 30 s"),
            (Some(60), "> 1 min"),
            (Some(120), "> 2 min"),
            (Some(300), "> 5 min"),
            (Some(600), "> 10 min"),
        ],
        out,
        |offer_after_s| Lever::Callbacks { offer_after_s },
    );
    // The technology switches, where the scenario has the technology.
    let any_type = |s: &sim_core::scenario::Scenario,
                    f: fn(&sim_core::scenario::ContactType) -> bool| {
        s.contact_types.iter().any(f)
    };
    let self_service =
        |t: &sim_core::scenario::ContactType| t.ivr.as_ref().is_some_and(|v| v.self_service > 0.0);
    if any_type(planned, self_service) {
        choice_row(
            ui,
            "IVR self-service",
            "Callers who can finish in the menu (balances, payments, outage news) do so and \
             never reach an agent. Off (a fault, or a trial), everyone goes on to the queue.",
            any_type(scenario, self_service),
            ON_OFF,
            out,
            |on| Lever::IvrSelfService { on },
        );
    }
    if let Some(sp) = &planned.screen_pop {
        choice_row(
            ui,
            "screen pop",
            &format!(
                "The customer's record on screen when the call arrives: talk times {:.0}% \
                 shorter, for {:.0} a day (paid for the time it is on).",
                sp.handle_time_cut * 100.0,
                sp.cost_per_day
            ),
            scenario.screen_pop.is_some(),
            ON_OFF,
            out,
            |on| Lever::ScreenPop { on },
        );
    }
    let announced = |t: &sim_core::scenario::ContactType| t.announcement.is_some();
    if any_type(planned, announced) {
        choice_row(
            ui,
            "wait announcements",
            "Tell callers joining the queue how long they will wait: informed callers \
             wait longer before they hang up (as this center's callers were measured to).",
            any_type(scenario, announced),
            ON_OFF,
            out,
            |on| Lever::Announcements { on },
        );
    }
    if several_groups {
        for (g, group) in scenario.agent_groups.iter().enumerate() {
            choice_row(
                ui,
                &format!("{} takes calls", group.name),
                "An overflow team only takes calls that have already waited this long, so \
                 it helps when the primary team falls behind and keeps its own work otherwise.",
                group.overflow_after.as_secs_f64().round() as u32,
                &[
                    (0, "at once"),
                    (10, "after 10 s"),
                    (20, "20 s"),
                    (30, "30 s"),
                    (60, "60 s"),
                ],
                out,
                |after_s| Lever::Overflow {
                    group: GroupId(g as u16),
                    after_s,
                },
            );
        }
    }
}

const ON_OFF: &[(bool, &str)] = &[(true, "on"), (false, "off")];

/// A lever as a row of choices: `label` (explained by `hover`), then one selectable label
/// per option, the `current` one selected; picking another pulls `lever(option)`.
#[allow(clippy::too_many_arguments)]
pub(super) fn choice_row<V: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    hover: &str,
    current: V,
    options: &[(V, &str)],
    out: &mut MessageWriter<Command>,
    lever: impl Fn(V) -> Lever,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(label).on_hover_text(hover);
        for &(value, text) in options {
            if ui.selectable_label(current == value, text).clicked() && current != value {
                out.write(Command::Pull(lever(value)));
            }
        }
    });
}

fn erlang_panel(ui: &mut egui::Ui, sim: &sim_core::Simulation) {
    let Some(e) = erlang_now(sim) else { return };
    ui.heading("Erlang says");
    ui.label(format!(
        "{:.0} calls/h × {:.0} s = {:.1} Erlangs, {} agents",
        e.calls_per_hour, e.aht_s, e.load, e.agents
    ));
    let a = e
        .erlang_a_sl
        .map_or(String::new(), |a| format!(", Erlang A {}", pct(a)));
    ui.label(format!("Service level: Erlang C {}{a}", pct(e.erlang_c_sl)));
    match e.simulated_sl {
        Some(s) => ui.label(format!(
            "Simulated this half hour: {} ({} calls so far)",
            pct(s),
            e.decided
        )),
        None => ui.label("Simulated this half hour: no call decided yet"),
    };
    egui::CollapsingHeader::new("Why they differ").show(ui, |ui| {
        for r in &e.reasons {
            ui.label(format!("• {r}"));
        }
    });
}

/// The trainer's inputs, kept between frames.
#[derive(Debug)]
pub(super) struct TrainerInputs {
    surge_percent: u32,
    surge_minutes: u32,
    sick_group: usize,
    sick_agents: u32,
    outage_minutes: u32,
}

impl Default for TrainerInputs {
    fn default() -> Self {
        TrainerInputs {
            surge_percent: 150,
            surge_minutes: 60,
            sick_group: 0,
            sick_agents: 2,
            outage_minutes: 10,
        }
    }
}

fn trainer_panel(
    ui: &mut egui::Ui,
    t: &mut TrainerInputs,
    groups: usize,
    out: &mut MessageWriter<Command>,
) {
    ui.label("Incidents for the class. They go into the decision log, so the day still replays.");
    ui.horizontal(|ui| {
        ui.add(
            egui::DragValue::new(&mut t.surge_percent)
                .range(0..=1000)
                .suffix(" %"),
        );
        ui.add(
            egui::DragValue::new(&mut t.surge_minutes)
                .range(1..=600)
                .suffix(" min"),
        );
        if ui.button("volume spike").clicked() {
            out.write(Command::Inject(Incident::Surge {
                percent: t.surge_percent,
                minutes: t.surge_minutes,
            }));
        }
    });
    ui.horizontal(|ui| {
        ui.add(egui::DragValue::new(&mut t.sick_agents).range(1..=1000));
        ui.label("agents of group");
        ui.add(egui::DragValue::new(&mut t.sick_group).range(0..=groups.saturating_sub(1)));
        if ui.button("off sick").clicked() {
            out.write(Command::Inject(Incident::Sick {
                group: GroupId(t.sick_group as u16),
                agents: t.sick_agents,
            }));
        }
    });
    ui.horizontal(|ui| {
        ui.add(
            egui::DragValue::new(&mut t.outage_minutes)
                .range(1..=240)
                .suffix(" min"),
        );
        if ui.button("system outage").clicked() {
            out.write(Command::Inject(Incident::Outage {
                minutes: t.outage_minutes,
            }));
        }
    });
}
