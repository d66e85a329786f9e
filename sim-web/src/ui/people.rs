//! The people controls: each group's occupancy cap (every mission), and on a multi-day
//! mission the team day by day (headcount, trainees, hires on the way, quits, sustained
//! occupancy and its quit risk) with the people levers, effective from the next day.

use bevy::prelude::*;
use bevy_egui::egui;
use sim_core::people::{PeopleRun, Stage};
use sim_core::scenario::GroupId;

use super::dashboard::choice_row;
use crate::play::{Command, Lever};

const CAPS: &[(Option<u32>, &str)] = &[
    (None, "none"),
    (Some(90), "90%"),
    (Some(85), "85%"),
    (Some(80), "80%"),
];

/// Each group's occupancy cap, now.
pub(super) fn occupancy_rows(
    ui: &mut egui::Ui,
    scenario: &sim_core::scenario::Scenario,
    out: &mut MessageWriter<Command>,
) {
    for (g, group) in scenario.agent_groups.iter().enumerate() {
        let current = group.occupancy_cap.map(|c| (c * 100.0).round() as u32);
        choice_row(
            ui,
            &format!("{} occupancy cap", group.name),
            "After each call the agent takes a paid breather, so nobody is busy more than \
             this share of the time: slower service today, fewer people burned out (and \
             quitting) over the weeks.",
            current,
            CAPS,
            out,
            move |percent| Lever::OccupancyCap {
                group: GroupId(g as u16),
                percent,
            },
        );
    }
}

/// A multi-day mission's team and its levers.
pub(super) fn month_panel(
    ui: &mut egui::Ui,
    month: &PeopleRun,
    scenario: &sim_core::scenario::Scenario,
    out: &mut MessageWriter<Command>,
) {
    ui.heading(format!("Day {} of {}", month.day(), month.days()));
    if let Some(last) = month.finished_days().last() {
        let k = &last.kpis;
        ui.label(format!(
            "yesterday: service {:.0}% · abandoned {:.1}% · quits {:.0} · cost {:.0}",
            k.service_level * 100.0,
            k.abandon_rate * 100.0,
            k.quits,
            k.cost
        ));
    }
    let p = month.people();
    for (g, group) in scenario.agent_groups.iter().enumerate() {
        let count = |pick: fn(&Stage) -> bool| -> u32 {
            month
                .cohorts()
                .iter()
                .filter(|c| c.group.0 as usize == g && pick(&c.stage))
                .map(|c| c.agents)
                .sum()
        };
        let on = count(|s| *s == Stage::Productive);
        let training = count(|s| matches!(s, Stage::Training { .. }));
        let coming = count(|s| matches!(s, Stage::Recruiting { .. }));
        let risk = month
            .finished_days()
            .last()
            .and_then(|d| d.groups.get(g))
            .map_or(String::new(), |d| {
                format!(
                    " · sustained occupancy {:.0}% · quit risk {:.2}%/day",
                    d.sustained_occupancy * 100.0,
                    d.hazard * 100.0
                )
            });
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{}: {on} on the phones, {training} in training, {coming} hired{risk}",
                group.name
            ));
            for n in [1, 5] {
                if ui
                    .button(format!("hire {n}"))
                    .on_hover_text(format!(
                        "Starts training in {} days, takes calls {} days later, slow at first.",
                        p.recruiting_days, p.training_days
                    ))
                    .clicked()
                {
                    out.write(Command::Pull(Lever::Hire {
                        group: GroupId(g as u16),
                        agents: n,
                    }));
                }
            }
        });
    }
    choice_row(
        ui,
        "incentive per agent and day",
        "Paid to every agent on the phones each day; lowers the quit risk.",
        p.incentive_per_agent_day.round() as u32,
        &[(0, "0"), (5, "5"), (10, "10"), (20, "20")],
        out,
        |per_agent_day| Lever::Incentive { per_agent_day },
    );
    choice_row(
        ui,
        "training days",
        "For hires who start training from now on: shorter is sooner on the phones, but \
         the learning curve is the same.",
        p.training_days,
        &[(2, "2"), (5, "5"), (10, "10")],
        out,
        |days| Lever::TrainingDays { days },
    );
    choice_row(
        ui,
        "replace leavers",
        "Hire a replacement for every agent who quits, the day after.",
        p.backfill,
        &[(true, "on"), (false, "off")],
        out,
        |on| Lever::Backfill { on },
    );
}
