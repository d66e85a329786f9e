//! Playing a day: the screens, the day in progress, and the player's commands. No
//! rendering here, so the whole game loop runs headless in tests (`MinimalPlugins`).
//!
//! The [`Day`] resource owns the core's `Simulation`. Each frame the simulation advances
//! by the frame's real time multiplied by the [`Speed`]; the player's [`Command`]s change
//! the speed, jump to the end of the day, or pull a [`Lever`], which becomes a core
//! `Intervention` at the current simulated time (so the day can be rebuilt from its log).
//! When the measured window closes, the day drains, is scored, and the debrief opens.

use bevy::platform::time::Instant;
use bevy::prelude::*;
use sim_core::people::{PeopleLever, PeopleRun};
use sim_core::routing::Routing;
use sim_core::scenario::GroupId;
use sim_core::time::{SimDuration, SimTime};
use sim_core::{Intervention, Simulation};

use crate::game::mission::{Mission, builtin};
use crate::game::score::{Debrief, debrief, debrief_month};

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
    /// Put agents on (or, if negative, take them off) the phones now: from back-office
    /// work, or off to a break or training.
    Agents {
        /// The group.
        group: GroupId,
        /// How many.
        delta: i32,
    },
    /// Call in off-duty agents: they are on the floor after the mission's lead time.
    CallIn {
        /// The group.
        group: GroupId,
        /// How many.
        agents: u32,
    },
    /// Move the group's remaining planned shifts later (or, if negative, earlier).
    MoveShifts {
        /// The group.
        group: GroupId,
        /// Minutes.
        minutes: i32,
    },
    /// Route with another policy from now on.
    Routing(Routing),
    /// Offer callbacks to callers whose expected wait is over `offer_after_s` seconds
    /// (`None`: stop offering them).
    Callbacks {
        /// The expected wait that triggers the offer, in seconds.
        offer_after_s: Option<u32>,
    },
    /// Switch the IVR's self-service on or off (callers still go through the menu).
    IvrSelfService {
        /// On from now on.
        on: bool,
    },
    /// Switch the screen pop (the scenario's, if it has one) on or off.
    ScreenPop {
        /// On from now on.
        on: bool,
    },
    /// Announce the expected wait to callers joining a queue (for the lines whose
    /// scenario sets announcements up), or stop.
    Announcements {
        /// Announce from now on.
        on: bool,
    },
    /// Pause or resume the outbound dialers.
    Dialing {
        /// Dial from now on.
        on: bool,
    },
    /// A blended group keeps this many agents idle for inbound calls (outbound work only
    /// beyond them; the scenario's service-level floor stays).
    KeepIdle {
        /// The group.
        group: GroupId,
        /// Agents kept idle.
        agents: u32,
    },
    /// Make a group an overflow team that takes contacts only once they have waited
    /// `after_s` seconds (0: a primary group again).
    Overflow {
        /// The group.
        group: GroupId,
        /// Seconds a contact must have waited.
        after_s: u32,
    },
    /// Cap the group's occupancy at `percent` % (`None`: no cap): a breather after each
    /// call. From now on, and on a multi-day mission for the days after too.
    OccupancyCap {
        /// The group.
        group: GroupId,
        /// The cap.
        percent: Option<u32>,
    },
    /// A multi-day mission: hire agents (they start after the recruiting lead time and
    /// the training).
    Hire {
        /// The group.
        group: GroupId,
        /// How many.
        agents: u32,
    },
    /// A multi-day mission: incentives per productive agent and day, from tomorrow.
    Incentive {
        /// Money per agent and day.
        per_agent_day: u32,
    },
    /// A multi-day mission: the training length of hires who start training from now on.
    TrainingDays {
        /// Days.
        days: u32,
    },
    /// A multi-day mission: replace every agent who quits.
    Backfill {
        /// Replace from now on.
        on: bool,
    },
}

impl Lever {
    /// The people decision this lever is on a multi-day mission (`None`: a lever of the
    /// day only).
    pub fn people(&self) -> Option<PeopleLever> {
        Some(match self {
            Lever::Hire { group, agents } => PeopleLever::Hire {
                group: *group,
                agents: *agents,
            },
            Lever::Incentive { per_agent_day } => PeopleLever::Incentive {
                per_agent_day: f64::from(*per_agent_day),
            },
            Lever::TrainingDays { days } => PeopleLever::TrainingDays(*days),
            Lever::Backfill { on } => PeopleLever::Backfill(*on),
            Lever::OccupancyCap { group, percent } => PeopleLever::OccupancyCap {
                group: *group,
                percent: *percent,
            },
            _ => return None,
        })
    }

    /// Whether the lever only means something on a multi-day mission.
    pub fn is_people_only(&self) -> bool {
        matches!(
            self,
            Lever::Hire { .. }
                | Lever::Incentive { .. }
                | Lever::TrainingDays { .. }
                | Lever::Backfill { .. }
        )
    }

    /// The core intervention this lever is in the day, in `mission` (`None`: a people
    /// decision for the days to come, see [`Lever::people`]).
    pub fn intervention(&self, mission: &Mission) -> Option<Intervention> {
        Some(match self {
            Lever::Agents { group, delta } => Intervention::AddAgents {
                group: *group,
                delta: *delta,
            },
            Lever::CallIn { group, agents } => Intervention::Hire {
                group: *group,
                agents: *agents,
                lead: mission.hire_lead,
            },
            Lever::MoveShifts { group, minutes } => Intervention::MoveShifts {
                group: *group,
                minutes: *minutes,
            },
            Lever::Routing(routing) => Intervention::SetRouting { routing: *routing },
            Lever::Callbacks { offer_after_s } => Intervention::Callbacks {
                offer_after: offer_after_s.map(|s| SimDuration::from_secs(s as u64)),
            },
            Lever::Announcements { on } => Intervention::Announcements { on: *on },
            Lever::ScreenPop { on } => Intervention::ScreenPop { on: *on },
            Lever::IvrSelfService { on } => Intervention::IvrSelfService { on: *on },
            Lever::Dialing { on } => Intervention::Dialing { on: *on },
            Lever::KeepIdle { group, agents } => Intervention::Blend {
                group: *group,
                keep_idle: *agents,
                min_service_level_percent: mission
                    .scenario
                    .agent_groups
                    .get(group.0 as usize)
                    .and_then(|g| g.blend.min_service_level)
                    .map(|f| (f * 100.0).round() as u32),
            },
            Lever::Overflow { group, after_s } => Intervention::Overflow {
                group: *group,
                after: SimDuration::from_secs(*after_s as u64),
            },
            Lever::OccupancyCap { group, percent } => Intervention::OccupancyCap {
                group: *group,
                percent: *percent,
            },
            Lever::Hire { .. }
            | Lever::Incentive { .. }
            | Lever::TrainingDays { .. }
            | Lever::Backfill { .. } => return None,
        })
    }
}

/// What a trainer throws at a running day. Each is a core intervention, so it is in the
/// decision log and the day replays with it.
#[derive(Clone, Debug, PartialEq)]
pub enum Incident {
    /// Calls arrive at `percent` % of the plan for `minutes`.
    Surge {
        /// Arrival rate against the plan.
        percent: u32,
        /// How long.
        minutes: u32,
    },
    /// Agents of a group go home sick, now.
    Sick {
        /// The group.
        group: GroupId,
        /// How many.
        agents: u32,
    },
    /// The phone system is down for `minutes`.
    Outage {
        /// How long.
        minutes: u32,
    },
}

impl Incident {
    /// The core intervention this incident is.
    pub fn intervention(&self) -> Intervention {
        let mins = |m: u32| SimDuration::from_mins(m as u64);
        match self {
            Incident::Surge { percent, minutes } => Intervention::Surge {
                percent: *percent,
                duration: mins(*minutes),
            },
            Incident::Sick { group, agents } => Intervention::AddAgents {
                group: *group,
                delta: -(*agents.min(&(i32::MAX as u32)) as i32),
            },
            Incident::Outage { minutes } => Intervention::Outage {
                duration: mins(*minutes),
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
    /// A trainer's incident, now.
    Inject(Incident),
    /// Go back to `minute` of the day (minutes since the window opened) on the same seed,
    /// keeping the decisions taken before it; the day so far stays on the charts as a
    /// branch to compare with.
    Rewind {
        /// Minutes since the window opened.
        minute: f64,
    },
    /// Show the next step of the mission's tutorial.
    TutorialNext,
    /// Load a mission or scenario file (its name and text) and add it to the list.
    Load {
        /// File name, for messages.
        name: String,
        /// The TOML text.
        text: String,
    },
    /// Start the mission with this id on its own seed (e.g. a file just loaded).
    StartLoaded(String),
    /// Rebuild a played day from its mission, seed and decision log (a shared link or a
    /// results file) and open its debrief.
    Replay {
        /// Index of the mission.
        mission: usize,
        /// The seed.
        seed: u64,
        /// The decisions.
        log: Vec<sim_core::engine::LoggedIntervention>,
    },
    /// Back to the mission list.
    Menu,
}

/// A message for the player about the last file loaded or command refused.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Notice {
    /// The text (empty: nothing to say).
    pub text: String,
    /// Whether it is an error.
    pub error: bool,
}

/// A day played before a rewind, drawn beside the new branch.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    /// What it was, e.g. "before rewinding to 10:30".
    pub label: String,
    /// Its samples, up to where it was left.
    pub samples: Vec<Sample>,
    /// Its service level per interval, if it was played to the end.
    pub service_levels: Option<Vec<f64>>,
    /// Its score, if it was played to the end.
    pub score: Option<u32>,
}

/// The best result per mission id, kept between visits (see `crate::storage`).
#[derive(Resource, Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    /// Mission id → best (stars, score).
    pub best: std::collections::BTreeMap<String, (u8, u32)>,
    /// Changed since loaded or saved.
    #[serde(skip)]
    pub dirty: bool,
}

impl Progress {
    /// Records a finished day; true if it beat the best.
    pub fn record(&mut self, mission: &str, stars: u8, score: u32) -> bool {
        let better = self
            .best
            .get(mission)
            .is_none_or(|&(s, p)| (stars, score) > (s, p));
        if better {
            self.best.insert(mission.to_string(), (stars, score));
            self.dirty = true;
        }
        better
    }
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
    /// Earlier branches of this day (before rewinds), oldest first.
    pub branches: Vec<Branch>,
    /// The tutorial step shown (if the mission has a tutorial).
    pub tutorial_step: usize,
    /// Real milliseconds the last jump to the end of the day took to simulate.
    pub jump_ms: Option<f64>,
    /// Real milliseconds the end of the day took: draining, scoring, and the benchmark
    /// day.
    pub debrief_ms: Option<f64>,
    /// A multi-day mission: the run day by day (the day in `sim` is its current one).
    pub month: Option<PeopleRun>,
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
        .init_resource::<Notice>()
        .init_resource::<Progress>()
        .insert_resource(Missions(builtin()))
        .add_systems(
            Update,
            (handle_commands, advance.run_if(in_state(Screen::Playing))).chain(),
        );
}

fn handle_commands(
    mut commands: Commands,
    mut reader: MessageReader<Command>,
    mut missions: ResMut<Missions>,
    mut day: Option<ResMut<Day>>,
    last: Option<Res<LastDebrief>>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    for c in reader.read() {
        match c {
            Command::Start { mission, seed } => {
                let Some(m) = missions.0.get(*mission) else {
                    *notice = Notice::error(format!("there is no mission {mission}"));
                    continue;
                };
                commands.insert_resource(Day::start(*mission, m, *seed));
                day = None;
                notice.text.clear();
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
                        let t0 = Instant::now();
                        let end = sim.window().1;
                        step_to(sim, end, &mut d.samples);
                        d.jump_ms = Some(t0.elapsed().as_secs_f64() * 1e3);
                    }
                }
            }
            Command::Pull(lever) => {
                let Some(d) = day.as_mut() else { continue };
                let Some(m) = missions.0.get(d.mission) else {
                    continue;
                };
                match (&mut d.month, lever.people()) {
                    (Some(month), Some(p)) => {
                        if let Err(e) = month.apply(p) {
                            *notice = Notice::error(format!("lever refused: {e}"));
                            continue;
                        }
                    }
                    (None, Some(_)) if lever.is_people_only() => {
                        *notice = Notice::error(
                            "lever refused: hiring, incentives, training and backfill are decisions of a multi-day mission".into(),
                        );
                        continue;
                    }
                    _ => {}
                }
                if let Some(iv) = lever.intervention(m)
                    && let Some(sim) = d.sim.as_mut()
                    && let Err(e) = sim.apply(iv)
                {
                    *notice = Notice::error(format!("lever refused: {e}"));
                }
            }
            Command::Inject(incident) => {
                if let Some(d) = day.as_mut()
                    && let Some(sim) = d.sim.as_mut()
                    && let Err(e) = sim.apply(incident.intervention())
                {
                    *notice = Notice::error(format!("incident refused: {e}"));
                }
            }
            Command::Rewind { minute } => {
                let Some(d) = day.as_mut() else { continue };
                if d.month.is_some() {
                    *notice = Notice::error(
                        "a multi-day mission cannot rewind: its days build on each other".into(),
                    );
                    continue;
                }
                let Some(m) = missions.0.get(d.mission) else {
                    continue;
                };
                d.rewind(m, *minute, last.as_deref());
                next.set(Screen::Playing);
            }
            Command::TutorialNext => {
                if let Some(d) = day.as_mut() {
                    d.tutorial_step += 1;
                }
            }
            Command::Load { name, text } => match Mission::from_file_text(text, name) {
                Ok(m) => {
                    *notice = Notice {
                        text: format!("Loaded \"{}\" from {name}", m.title),
                        error: false,
                    };
                    match missions.0.iter().position(|x| x.id == m.id) {
                        Some(i) => missions.0[i] = m,
                        None => missions.0.push(m),
                    }
                }
                Err(e) => *notice = Notice::error(e.to_string()),
            },
            Command::StartLoaded(id) => match missions.0.iter().position(|m| &m.id == id) {
                Some(i) => {
                    let seed = missions.0[i].scenario.seed;
                    commands.insert_resource(Day::start(i, &missions.0[i], seed));
                    day = None;
                    next.set(Screen::Playing);
                }
                None => *notice = Notice::error(format!("no mission \"{id}\" is loaded")),
            },
            Command::Replay { mission, seed, log } => {
                let Some(m) = missions.0.get(*mission) else {
                    *notice = Notice::error(format!("there is no mission {mission}"));
                    continue;
                };
                if m.scenario.people.is_some() {
                    *notice = Notice::error(
                        "a multi-day mission does not replay from one day's decisions".into(),
                    );
                    continue;
                }
                match Day::replayed(*mission, m, *seed, log) {
                    Ok(d) => {
                        commands.insert_resource(d);
                        day = None;
                        // The day is at its end: the next frame scores it.
                        next.set(Screen::Playing);
                    }
                    Err(e) => *notice = Notice::error(format!("this day does not replay: {e}")),
                }
            }
            Command::Menu => next.set(Screen::Menu),
        }
    }
}

/// The fragment of a link that replays a day: `#replay=CODE:LOG`, the log as
/// percent-encoded JSON.
pub fn share_fragment(code: &str, log: &[sim_core::engine::LoggedIntervention]) -> String {
    let json = serde_json::to_string(log).unwrap_or_else(|_| "[]".into());
    let mut out = format!("#replay={code}:");
    for b in json.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads a share fragment (with or without the leading `#`) back into the class code and
/// the log.
pub fn parse_share_fragment(
    fragment: &str,
) -> Option<(String, Vec<sim_core::engine::LoggedIntervention>)> {
    let rest = fragment.trim_start_matches('#').strip_prefix("replay=")?;
    let (code, encoded) = rest.split_once(':')?;
    let bytes = encoded.as_bytes();
    let mut json = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            json.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            json.push(bytes[i]);
            i += 1;
        }
    }
    Some((code.to_string(), serde_json::from_slice(&json).ok()?))
}

impl Notice {
    /// An error message.
    pub fn error(text: String) -> Self {
        Notice { text, error: true }
    }
}

impl Day {
    /// A new day of `mission` (index `index`) on `seed`.
    pub fn start(index: usize, mission: &Mission, seed: u64) -> Day {
        let mut month = mission
            .scenario
            .people
            .is_some()
            .then(|| PeopleRun::new(&mission.scenario, seed, 0));
        let sim = match &mut month {
            Some(run) => run.begin_day(),
            None => Simulation::new(&mission.scenario, seed),
        };
        let first = Sample {
            minute: 0.0,
            queue: 0,
            agents: sim.snapshot().kpis().agents_on_duty,
            cost: 0.0,
        };
        Day {
            mission: index,
            seed,
            sim: Some(sim),
            samples: vec![first],
            branches: Vec::new(),
            tutorial_step: 0,
            jump_ms: None,
            debrief_ms: None,
            // A month starts paused: the first decisions come before the first call.
            speed: if month.is_some() {
                Speed::Paused
            } else {
                Speed::X60
            },
            month,
        }
    }

    /// The day of `mission` on `seed` rebuilt to its end from a decision log, ready to be
    /// scored on the next frame.
    pub fn replayed(
        index: usize,
        mission: &Mission,
        seed: u64,
        log: &[sim_core::engine::LoggedIntervention],
    ) -> Result<Day, sim_core::engine::InterventionError> {
        let mut day = Day::start(index, mission, seed);
        let sim = day.sim.as_mut().expect("a new day has its simulation");
        for entry in log {
            if entry.at < sim.now() {
                return Err(sim_core::engine::InterventionError::InThePast {
                    at: entry.at,
                    now: sim.now(),
                });
            }
            step_to(sim, entry.at, &mut day.samples);
            sim.apply(entry.intervention.clone())?;
        }
        let end = sim.window().1;
        step_to(sim, end, &mut day.samples);
        day.speed = Speed::Paused;
        Ok(day)
    }

    /// Rebuilds the day up to `minute` from the seed and the decisions taken before it,
    /// keeping the day so far as a branch. Paused afterwards.
    pub fn rewind(&mut self, mission: &Mission, minute: f64, last: Option<&LastDebrief>) {
        let (log, finished) = match &self.sim {
            Some(sim) => (sim.log().to_vec(), None),
            None => (
                last.map(|l| l.log.clone()).unwrap_or_default(),
                last.map(|l| &l.debrief),
            ),
        };
        let mut sim = Simulation::new(&mission.scenario, self.seed);
        let (start, end) = sim.window();
        let t = (start + SimDuration::from_secs_f64(minute.max(0.0) * 60.0)).min(end);
        let mut samples = vec![self.samples[0]];
        for entry in log.iter().filter(|e| e.at <= t) {
            step_to(&mut sim, entry.at, &mut samples);
            // The log came from this simulation: it replays.
            let _ = sim.apply(entry.intervention.clone());
        }
        step_to(&mut sim, t, &mut samples);
        let label = clock_at(mission, minute);
        self.branches.push(Branch {
            label: format!("before rewinding to {label}"),
            samples: std::mem::replace(&mut self.samples, samples),
            service_levels: finished.map(|d| d.intervals.iter().map(|i| i.service_level).collect()),
            score: finished.map(|d| d.score),
        });
        self.sim = Some(sim);
        self.speed = Speed::Paused;
    }
}

/// The wall-clock label of `minute` into the mission's day.
pub fn clock_at(mission: &Mission, minute: f64) -> String {
    sim_core::time::clock_label(
        mission.scenario.day_start.unwrap_or(0) as u64 + (minute.max(0.0) * 60.0) as u64,
    )
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
    mut progress: ResMut<Progress>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(mut day) = day else { return };
    let day = &mut *day;
    let Some(sim) = day.sim.as_mut() else { return };
    let dt = SimDuration::from_secs_f64(time.delta_secs_f64() * day.speed.factor());
    let target = sim.now() + dt;
    step_to(sim, target, &mut day.samples);
    if sim.now() >= sim.window().1 {
        let t0 = Instant::now();
        let sim = day.sim.take().expect("checked above");
        let seed = sim.seed();
        let result = sim.finish();
        if let Some(month) = &mut day.month {
            month.end_day(&result);
            if !month.is_over() {
                // The next morning, paused for the manager's decisions.
                let sim = month.begin_day();
                day.samples = vec![Sample {
                    minute: 0.0,
                    queue: 0,
                    agents: sim.snapshot().kpis().agents_on_duty,
                    cost: 0.0,
                }];
                day.sim = Some(sim);
                day.speed = Speed::Paused;
                return;
            }
        }
        // A month's debrief is of the whole run, on the mission's seed; its decisions are
        // not a one-day log.
        let (d, seed, log) = match day.month.take() {
            Some(month) => (
                debrief_month(&missions.0[day.mission], &month.finish()),
                day.seed,
                Vec::new(),
            ),
            None => (
                debrief(&missions.0[day.mission], seed, &result),
                seed,
                result.log,
            ),
        };
        progress.record(&d.mission, d.stars, d.score);
        day.debrief_ms = Some(t0.elapsed().as_secs_f64() * 1e3);
        commands.insert_resource(LastDebrief {
            debrief: d,
            log,
            seed,
        });
        next.set(Screen::Debrief);
    }
}
