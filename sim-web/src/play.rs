//! Playing a day: the screens, the day in progress, and the player's commands. No
//! rendering here, so the whole game loop runs headless in tests (`MinimalPlugins`).
//!
//! The [`Day`] resource owns the core's `Simulation`. Each frame the simulation advances
//! by the frame's real time multiplied by the [`Speed`]; the player's [`Command`]s change
//! the speed, jump to the end of the day, or pull a [`Lever`], which becomes a core
//! `Intervention` at the current simulated time (so the day can be rebuilt from its log).
//! When the measured window closes, the day drains, is scored, and the debrief opens.

use bevy::prelude::*;
use sim_core::scenario::GroupId;
use sim_core::time::{SimDuration, SimTime};
use sim_core::{Intervention, Simulation};

use crate::game::mission::{Mission, builtin};
use crate::game::score::{Debrief, debrief};

/// The screens of the game.
#[derive(States, Default, Clone, Copy, Eq, PartialEq, Hash, Debug)]
pub enum Screen {
    /// Choose a mission.
    #[default]
    Menu,
    /// A day in progress.
    Playing,
    /// The end-of-day debrief.
    Debrief,
}

/// How fast simulated time runs against real time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    /// Stopped.
    Paused,
    /// Real time.
    #[default]
    X1,
    /// 10 × real time.
    X10,
    /// A simulated minute per second.
    X60,
    /// Ten simulated minutes per second: an 8-hour day in 48 s.
    X600,
}

impl Speed {
    /// Simulated seconds per real second.
    pub fn factor(self) -> f64 {
        match self {
            Speed::Paused => 0.0,
            Speed::X1 => 1.0,
            Speed::X10 => 10.0,
            Speed::X60 => 60.0,
            Speed::X600 => 600.0,
        }
    }

    /// All speeds, for the time controls.
    pub const ALL: [Speed; 5] = [
        Speed::Paused,
        Speed::X1,
        Speed::X10,
        Speed::X60,
        Speed::X600,
    ];

    /// The control's label.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Paused => "pause",
            Speed::X1 => "1x",
            Speed::X10 => "10x",
            Speed::X60 => "60x",
            Speed::X600 => "600x",
        }
    }
}

/// A manager's lever. Adding a lever is adding a variant, its intervention, and a control.
#[derive(Clone, Debug, PartialEq)]
pub enum Lever {
    /// Add (or remove, if negative) agents to a group from now on.
    Agents {
        /// The group.
        group: GroupId,
        /// How many.
        delta: i32,
    },
}

impl Lever {
    /// The core intervention this lever is.
    pub fn intervention(&self) -> Intervention {
        match self {
            Lever::Agents { group, delta } => Intervention::AddAgents {
                group: *group,
                delta: *delta,
            },
        }
    }
}

/// What the player (or a test, or the page API) asks for.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Command {
    /// Start mission `mission` (an index into [`Missions`]) with `seed`.
    Start {
        /// Index of the mission.
        mission: usize,
        /// Seed (the class code's day).
        seed: u64,
    },
    /// Change the speed.
    SetSpeed(Speed),
    /// Run to the end of the day at once.
    JumpToEnd,
    /// Pull a lever now.
    Pull(Lever),
    /// Back to the mission list.
    Menu,
}

/// The missions on offer.
#[derive(Resource, Debug)]
pub struct Missions(pub Vec<Mission>);

/// One sample of the day for the charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Minutes since the window opened.
    pub minute: f64,
    /// Callers waiting.
    pub queue: usize,
    /// Agents on duty.
    pub agents: u32,
    /// Labour cost so far.
    pub cost: f64,
}

/// The day in progress.
#[derive(Resource, Debug)]
pub struct Day {
    /// Index of the mission in [`Missions`].
    pub mission: usize,
    /// The seed.
    pub seed: u64,
    /// The simulation (taken when the day ends).
    pub sim: Option<Simulation>,
    /// The speed.
    pub speed: Speed,
    /// Queue and staffing, sampled once per simulated minute.
    pub samples: Vec<Sample>,
}

impl Day {
    /// The simulation. Exists while the day is being played.
    pub fn sim(&self) -> &Simulation {
        self.sim.as_ref().expect("the day is in progress")
    }
}

/// The debrief of the last finished day.
#[derive(Resource, Clone, Debug)]
pub struct LastDebrief {
    /// The numbers.
    pub debrief: Debrief,
    /// The interventions, for replay and export.
    pub log: Vec<sim_core::engine::LoggedIntervention>,
    /// The seed.
    pub seed: u64,
}

impl LastDebrief {
    /// The results file of this day for `player` (what `ccsim grade` reads).
    pub fn results(
        &self,
        missions: &Missions,
        player: &str,
    ) -> Option<crate::game::results::Results> {
        let m = missions.0.iter().find(|m| m.id == self.debrief.mission)?;
        Some(crate::game::results::Results::new(
            player,
            m,
            self.seed,
            self.log.clone(),
            self.debrief.clone(),
        ))
    }
}

/// The class code of a mission day: the mission's number and the seed, e.g. `1-4711`.
pub fn class_code(mission: &Mission, seed: u64) -> String {
    format!("{}-{seed}", mission.order)
}

/// Reads a class code back into (mission index, seed).
pub fn parse_class_code(code: &str, missions: &[Mission]) -> Option<(usize, u64)> {
    let (order, seed) = code.trim().split_once('-')?;
    let order: u32 = order.parse().ok()?;
    let seed: u64 = seed.parse().ok()?;
    missions
        .iter()
        .position(|m| m.order == order)
        .map(|i| (i, seed))
}

/// The game logic: screens, missions, the day, commands. Add rendering separately.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Command>()
        .insert_resource(Missions(builtin()))
        .add_systems(
            Update,
            (handle_commands, advance.run_if(in_state(Screen::Playing))).chain(),
        );
}

fn handle_commands(
    mut commands: Commands,
    mut reader: MessageReader<Command>,
    missions: Res<Missions>,
    mut day: Option<ResMut<Day>>,
    mut next: ResMut<NextState<Screen>>,
) {
    for c in reader.read() {
        match c {
            Command::Start { mission, seed } => {
                let Some(m) = missions.0.get(*mission) else {
                    warn!("no mission {mission}");
                    continue;
                };
                let sim = Simulation::new(&m.scenario, *seed);
                let first = Sample {
                    minute: 0.0,
                    queue: 0,
                    agents: sim.snapshot().kpis().agents_on_duty,
                    cost: 0.0,
                };
                commands.insert_resource(Day {
                    mission: *mission,
                    seed: *seed,
                    sim: Some(sim),
                    speed: Speed::X60,
                    samples: vec![first],
                });
                day = None;
                next.set(Screen::Playing);
            }
            Command::SetSpeed(s) => {
                if let Some(d) = day.as_mut() {
                    d.speed = *s;
                }
            }
            Command::JumpToEnd => {
                if let Some(d) = day.as_mut() {
                    let d = &mut **d;
                    if let Some(sim) = d.sim.as_mut() {
                        let end = sim.window().1;
                        step_to(sim, end, &mut d.samples);
                    }
                }
            }
            Command::Pull(lever) => {
                if let Some(d) = day.as_mut()
                    && let Some(sim) = d.sim.as_mut()
                    && let Err(e) = sim.apply(lever.intervention())
                {
                    warn!("lever refused: {e}");
                }
            }
            Command::Menu => next.set(Screen::Menu),
        }
    }
}

/// Runs the simulation to `t`, sampling the queue every simulated minute on the way.
fn step_to(sim: &mut Simulation, t: SimTime, samples: &mut Vec<Sample>) {
    let (start, end) = sim.window();
    let t = t.min(end);
    loop {
        let last = samples.last().map_or(0.0, |s| s.minute);
        let next = start + SimDuration::from_secs_f64((last + 1.0) * 60.0);
        if next > t {
            break;
        }
        let cost_before = samples.last().map_or(0.0, |s| s.cost);
        // The minute's labour: each group's agents on duty at its start, at its wage.
        let snap = sim.snapshot();
        let minute_cost: f64 = sim
            .scenario()
            .agent_groups
            .iter()
            .enumerate()
            .map(|(g, group)| snap.on_duty(GroupId(g as u16)) as f64 * group.wage_per_hour / 60.0)
            .sum();
        sim.run_until(next);
        let snap = sim.snapshot();
        samples.push(Sample {
            minute: last + 1.0,
            queue: snap.waiting().count(),
            agents: snap.kpis().agents_on_duty,
            cost: cost_before + minute_cost,
        });
    }
    sim.run_until(t);
}

fn advance(
    mut commands: Commands,
    time: Res<Time>,
    missions: Res<Missions>,
    day: Option<ResMut<Day>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(mut day) = day else { return };
    let day = &mut *day;
    let Some(sim) = day.sim.as_mut() else { return };
    let dt = SimDuration::from_secs_f64(time.delta_secs_f64() * day.speed.factor());
    let target = sim.now() + dt;
    step_to(sim, target, &mut day.samples);
    if sim.now() >= sim.window().1 {
        let sim = day.sim.take().expect("checked above");
        let seed = sim.seed();
        let result = sim.finish();
        let d = debrief(&missions.0[day.mission], &result);
        commands.insert_resource(LastDebrief {
            debrief: d,
            log: result.log,
            seed,
        });
        next.set(Screen::Debrief);
    }
}
