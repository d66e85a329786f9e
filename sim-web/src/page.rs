//! The page API: `window.ccsim` in the browser, for tests and for course pages that embed
//! the game.
//!
//! ```js
//! const s = window.ccsim.state();            // the game now, as an object
//! window.ccsim.command({cmd: "start", mission: 1, seed: 4711});
//! window.ccsim.command({cmd: "speed", value: "600x"});
//! window.ccsim.command({cmd: "agents", group: 0, delta: 2});
//! window.ccsim.command({cmd: "end"});        // jump to the end of the day
//! window.ccsim.state().debrief.service_level;
//! ```
//!
//! Commands (`cmd`): `start` (`mission`: its number, `seed`: optional), `join` (`code`,
//! a class code), `speed` (`value`: pause, 1x, 10x, 60x, 600x), `end`, `agents`
//! (`group`, `delta`), `call_in` (`group`, `agents`), `move_shifts` (`group`, `minutes`:
//! negative is earlier), `routing` (`policy`: longest_idle, most_idle_group,
//! least_skilled_first), `callbacks` (`offer_after_s`: seconds of expected wait, or null to
//! stop offering them), `overflow` (`group`, `after_s`: 0 makes it a primary group again),
//! `announcements` (`on`: announce the expected wait, where the scenario sets it up),
//! `screen_pop` (`on`: the scenario's screen pop, paid for the time it is on),
//! `dialing` (`on`: the outbound dialers), `keep_idle` (`group`, `agents`: a blended
//! group's agents kept free for inbound), `occupancy_cap` (`group`, `percent`: 30–100 or
//! null), and on a multi-day mission (state().day.month) `hire` (`group`, `agents`),
//! `incentive` (`per_agent_day`), `training_days` (`days`), `backfill` (`on`); `end`
//! ends the day and the next one starts paused,
//! `ivr_self_service` (`on`: the IVR's self-service; off, every caller reaches an agent),
//! `surge` (`percent`, `minutes`),
//! `sick` (`group`, `agents`), `outage` (`minutes`), `rewind` (`minute`), `tutorial_next`,
//! `load` (`name`, `text`: a mission or scenario file), `replay` (`code` and `log`, or a
//! share link's `fragment`), `menu`, and `bench` (`agents`:
//! a day with that many agents on the floor, for measuring frame rates). A malformed
//! command throws; a refused one shows in `state().notice`.
//!
//! The bridge itself is plain Rust ([`Bridge`]), so the headless tests drive the game
//! through exactly the commands and state the browser sees.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use sim_core::routing::Routing;
use sim_core::scenario::GroupId;

use crate::game::live::{ErlangNow, erlang_now};
use crate::game::mission::Mission;
use crate::game::results::Results;
use crate::play::{
    Command, Day, Incident, LastDebrief, Lever, Missions, Notice, Progress, Screen, Speed,
    class_code, clock_at, parse_class_code, parse_share_fragment, share_fragment,
};

/// A command from the page, as JSON.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageCommand {
    /// Start mission number `mission` (its order) on `seed` (default: the mission's).
    Start {
        /// The mission's number.
        mission: u32,
        /// The seed.
        seed: Option<u64>,
    },
    /// Start the day of a class code.
    Join {
        /// E.g. `1-4711`.
        code: String,
    },
    /// Change the speed.
    Speed {
        /// pause, 1x, 10x, 60x or 600x.
        value: String,
    },
    /// Jump to the end of the day.
    End,
    /// Agents on (or off) the phones now.
    Agents {
        /// Group index.
        group: u16,
        /// How many.
        delta: i32,
    },
    /// Call in agents (they arrive after the mission's lead time).
    CallIn {
        /// Group index.
        group: u16,
        /// How many.
        agents: u32,
    },
    /// Move a group's planned shifts by `minutes` (negative: earlier).
    MoveShifts {
        /// Group index.
        group: u16,
        /// Minutes later.
        minutes: i32,
    },
    /// Route with another policy.
    Routing {
        /// longest_idle, most_idle_group or least_skilled_first.
        policy: String,
    },
    /// Offer callbacks above an expected wait (null: stop).
    Callbacks {
        /// Seconds of expected wait.
        offer_after_s: Option<u32>,
    },
    /// The IVR's self-service on or off.
    IvrSelfService {
        /// On from now on.
        on: bool,
    },
    /// The scenario's screen pop on or off.
    ScreenPop {
        /// On from now on.
        on: bool,
    },
    /// Announce the expected wait (where the scenario sets it up), or stop.
    Announcements {
        /// Announce from now on.
        on: bool,
    },
    /// The outbound dialers on or off.
    Dialing {
        /// Dial from now on.
        on: bool,
    },
    /// Agents a blended group keeps idle for inbound.
    KeepIdle {
        /// Group index.
        group: u16,
        /// Agents kept idle.
        agents: u32,
    },
    /// A group's occupancy cap in percent (null: none).
    OccupancyCap {
        /// Group index.
        group: u16,
        /// The cap, 30–100.
        percent: Option<u32>,
    },
    /// A multi-day mission: hire agents for a group.
    Hire {
        /// Group index.
        group: u16,
        /// How many.
        agents: u32,
    },
    /// A multi-day mission: incentives per agent and day.
    Incentive {
        /// Money per agent and day.
        per_agent_day: u32,
    },
    /// A multi-day mission: training days of the next hires.
    TrainingDays {
        /// Days.
        days: u32,
    },
    /// A multi-day mission: replace leavers.
    Backfill {
        /// On or off.
        on: bool,
    },
    /// Make a group an overflow team after a wait (0: primary).
    Overflow {
        /// Group index.
        group: u16,
        /// Seconds a contact must have waited.
        after_s: u32,
    },
    /// A volume surge.
    Surge {
        /// Rate against the plan.
        percent: u32,
        /// How long.
        minutes: u32,
    },
    /// Agents off sick.
    Sick {
        /// Group index.
        group: u16,
        /// How many.
        agents: u32,
    },
    /// A system outage.
    Outage {
        /// How long.
        minutes: u32,
    },
    /// Rewind to a minute of the day.
    Rewind {
        /// Minutes since the window opened.
        minute: f64,
    },
    /// The tutorial's next step.
    TutorialNext,
    /// Load a mission or scenario file.
    Load {
        /// File name.
        name: String,
        /// TOML text.
        text: String,
    },
    /// Rebuild a shared day and show its debrief: a class code and a decision log, or a
    /// share link's fragment (`#replay=...`).
    Replay {
        /// The class code (with `log`).
        code: Option<String>,
        /// The decisions (with `code`).
        log: Option<Vec<sim_core::engine::LoggedIntervention>>,
        /// A share link's fragment, instead of `code` and `log`.
        fragment: Option<String>,
    },
    /// Back to the menu.
    Menu,
    /// A frame-rate benchmark day with `agents` agents.
    Bench {
        /// Agents on the floor.
        agents: u32,
    },
}

#[derive(Debug, Default)]
struct Shared {
    inbox: VecDeque<PageCommand>,
    state: String,
}

/// The page's side of the game: commands in, state out. Cheap to clone; all clones
/// share one inbox and one state.
#[derive(Resource, Clone, Debug, Default)]
pub struct Bridge(Arc<Mutex<Shared>>);

impl Bridge {
    /// Queues a JSON command for the next frame. Errors name what is malformed.
    pub fn command(&self, json: &str) -> Result<(), String> {
        let c: PageCommand =
            serde_json::from_str(json).map_err(|e| format!("ccsim.command: {e}"))?;
        self.lock().inbox.push_back(c);
        Ok(())
    }

    /// The state as of the last frame, as JSON.
    pub fn state(&self) -> String {
        let s = self.lock();
        if s.state.is_empty() {
            "null".into()
        } else {
            s.state.clone()
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Frames drawn and the recent frame rate (over the last second of real time).
#[derive(Resource, Debug, Default)]
pub struct FrameStats {
    /// Frames since the start.
    pub frames: u64,
    /// Frames per second over the last full second.
    pub fps: f64,
    window_frames: u32,
    window_s: f64,
    /// Milliseconds from the page's navigation to the first frame (browser only).
    pub first_frame_ms: Option<f64>,
}

/// What `state()` returns.
#[derive(Serialize)]
struct PageState<'a> {
    screen: &'static str,
    frames: u64,
    fps: f64,
    first_frame_ms: Option<f64>,
    missions: Vec<MissionEntry<'a>>,
    progress: &'a Progress,
    notice: Option<&'a str>,
    notice_is_error: bool,
    day: Option<DayState>,
    debrief: Option<&'a crate::game::score::Debrief>,
    results: Option<Results>,
    /// The fragment of a link that replays the finished day (`#replay=...`).
    share: Option<String>,
}

#[derive(Serialize)]
struct MissionEntry<'a> {
    id: &'a str,
    number: u32,
    title: &'a str,
}

#[derive(Serialize)]
struct DayState {
    mission: String,
    class_code: String,
    seed: u64,
    clock: String,
    minute: f64,
    speed: &'static str,
    kpis: Option<sim_core::snapshot::LiveKpis>,
    agents_on_floor: usize,
    outage: bool,
    arrival_factor: f64,
    erlang: Option<ErlangNow>,
    decisions: usize,
    branches: usize,
    levers: Option<LeverState>,
    month: Option<MonthState>,
    cost: f64,
    jump_ms: Option<f64>,
    debrief_ms: Option<f64>,
}

/// Where the operations levers stand now.
#[derive(Serialize)]
struct LeverState {
    routing: Routing,
    /// The expected wait (s) above which callbacks are offered, per contact type (`None`:
    /// not offered).
    callbacks_offer_after_s: Vec<Option<f64>>,
    /// The wait (s) after which each group takes contacts (0: a primary group).
    overflow_after_s: Vec<f64>,
    /// Whether each contact type's callers hear the expected wait now.
    announcements: Vec<bool>,
    /// Whether the screen pop is on now.
    screen_pop: bool,
    /// Each contact type's IVR self-service share now (`None`: no IVR).
    ivr_self_service: Vec<Option<f64>>,
    /// Whether the outbound dialers dial now.
    dialing: bool,
    /// Agents each group keeps idle for inbound (blending).
    keep_idle: Vec<u32>,
    /// Each group's occupancy cap now (`None`: none).
    occupancy_cap: Vec<Option<f64>>,
}

/// A multi-day mission's team and decisions.
#[derive(Serialize)]
struct MonthState {
    /// The day being played (1-based) and the number of days.
    day: u32,
    days: u32,
    /// Per group: agents on the phones, in training, hired and not started.
    productive: Vec<u32>,
    training: Vec<u32>,
    recruiting: Vec<u32>,
    /// Agents who quit so far.
    quits: u32,
    incentive_per_agent_day: f64,
    training_days: u32,
    backfill: bool,
}

impl MonthState {
    fn of(run: &sim_core::people::PeopleRun, groups: usize) -> Self {
        use sim_core::people::Stage;
        let count = |pick: fn(&Stage) -> bool| -> Vec<u32> {
            (0..groups)
                .map(|g| {
                    run.cohorts()
                        .iter()
                        .filter(|c| c.group.0 as usize == g && pick(&c.stage))
                        .map(|c| c.agents)
                        .sum()
                })
                .collect()
        };
        let p = run.people();
        MonthState {
            day: run.day(),
            days: run.days(),
            productive: count(|s| *s == Stage::Productive),
            training: count(|s| matches!(s, Stage::Training { .. })),
            recruiting: count(|s| matches!(s, Stage::Recruiting { .. })),
            quits: run
                .finished_days()
                .iter()
                .map(|d| d.groups.iter().map(|g| g.quits).sum::<u32>())
                .sum(),
            incentive_per_agent_day: p.incentive_per_agent_day,
            training_days: p.training_days,
            backfill: p.backfill,
        }
    }
}

impl LeverState {
    fn of(sim: &sim_core::Simulation) -> Self {
        let scenario = sim.scenario();
        LeverState {
            routing: scenario.routing,
            callbacks_offer_after_s: scenario
                .contact_types
                .iter()
                .map(|t| t.callback.as_ref().map(|c| c.offer_after.as_secs_f64()))
                .collect(),
            overflow_after_s: scenario
                .agent_groups
                .iter()
                .map(|g| g.overflow_after.as_secs_f64())
                .collect(),
            announcements: scenario
                .contact_types
                .iter()
                .map(|t| t.announcement.is_some())
                .collect(),
            screen_pop: scenario.screen_pop.is_some(),
            ivr_self_service: scenario
                .contact_types
                .iter()
                .map(|t| t.ivr.as_ref().map(|v| v.self_service))
                .collect(),
            dialing: !sim.dialing_paused(),
            keep_idle: scenario
                .agent_groups
                .iter()
                .map(|g| g.blend.keep_idle)
                .collect(),
            occupancy_cap: scenario
                .agent_groups
                .iter()
                .map(|g| g.occupancy_cap)
                .collect(),
        }
    }
}

/// Adds the bridge and the frame counter; in the browser, installs `window.ccsim`.
pub fn plugin(app: &mut App) {
    let bridge = Bridge::default();
    #[cfg(target_arch = "wasm32")]
    web::install(bridge.clone());
    app.insert_resource(bridge)
        .init_resource::<FrameStats>()
        .add_systems(PreUpdate, inbox)
        .add_systems(Last, (count_frame, publish).chain());
}

fn inbox(
    bridge: Res<Bridge>,
    missions: Res<Missions>,
    mut notice: ResMut<Notice>,
    mut out: MessageWriter<Command>,
) {
    let commands: Vec<PageCommand> = bridge.lock().inbox.drain(..).collect();
    for c in commands {
        let group = |g: u16| GroupId(g);
        let command = match c {
            PageCommand::Start { mission, seed } => {
                match missions.0.iter().position(|m| m.order == mission) {
                    Some(i) => Command::Start {
                        mission: i,
                        seed: seed.unwrap_or(missions.0[i].scenario.seed),
                    },
                    None => {
                        *notice = Notice::error(format!("there is no mission number {mission}"));
                        continue;
                    }
                }
            }
            PageCommand::Join { code } => match parse_class_code(&code, &missions.0) {
                Some((mission, seed)) => Command::Start { mission, seed },
                None => {
                    *notice = Notice::error(format!("\"{code}\" is not a class code"));
                    continue;
                }
            },
            PageCommand::Speed { value } => {
                match Speed::ALL.into_iter().find(|s| s.label() == value) {
                    Some(s) => Command::SetSpeed(s),
                    None => {
                        *notice = Notice::error(format!(
                            "\"{value}\" is not a speed (pause, 1x, 10x, 60x, 600x)"
                        ));
                        continue;
                    }
                }
            }
            PageCommand::End => Command::JumpToEnd,
            PageCommand::Agents { group: g, delta } => Command::Pull(Lever::Agents {
                group: group(g),
                delta,
            }),
            PageCommand::CallIn { group: g, agents } => Command::Pull(Lever::CallIn {
                group: group(g),
                agents,
            }),
            PageCommand::MoveShifts { group: g, minutes } => Command::Pull(Lever::MoveShifts {
                group: group(g),
                minutes,
            }),
            PageCommand::Routing { policy } => {
                match serde_json::from_value::<Routing>(serde_json::Value::String(policy.clone())) {
                    Ok(r) => Command::Pull(Lever::Routing(r)),
                    Err(_) => {
                        *notice = Notice::error(format!(
                            "\"{policy}\" is not a routing policy (longest_idle, most_idle_group, least_skilled_first)"
                        ));
                        continue;
                    }
                }
            }
            PageCommand::Callbacks { offer_after_s } => {
                Command::Pull(Lever::Callbacks { offer_after_s })
            }
            PageCommand::Announcements { on } => Command::Pull(Lever::Announcements { on }),
            PageCommand::ScreenPop { on } => Command::Pull(Lever::ScreenPop { on }),
            PageCommand::IvrSelfService { on } => Command::Pull(Lever::IvrSelfService { on }),
            PageCommand::Dialing { on } => Command::Pull(Lever::Dialing { on }),
            PageCommand::KeepIdle { group: g, agents } => Command::Pull(Lever::KeepIdle {
                group: group(g),
                agents,
            }),
            PageCommand::OccupancyCap { group: g, percent } => Command::Pull(Lever::OccupancyCap {
                group: group(g),
                percent,
            }),
            PageCommand::Hire { group: g, agents } => Command::Pull(Lever::Hire {
                group: group(g),
                agents,
            }),
            PageCommand::Incentive { per_agent_day } => {
                Command::Pull(Lever::Incentive { per_agent_day })
            }
            PageCommand::TrainingDays { days } => Command::Pull(Lever::TrainingDays { days }),
            PageCommand::Backfill { on } => Command::Pull(Lever::Backfill { on }),
            PageCommand::Overflow { group: g, after_s } => Command::Pull(Lever::Overflow {
                group: group(g),
                after_s,
            }),
            PageCommand::Surge { percent, minutes } => {
                Command::Inject(Incident::Surge { percent, minutes })
            }
            PageCommand::Sick { group: g, agents } => Command::Inject(Incident::Sick {
                group: group(g),
                agents,
            }),
            PageCommand::Outage { minutes } => Command::Inject(Incident::Outage { minutes }),
            PageCommand::Rewind { minute } => Command::Rewind { minute },
            PageCommand::TutorialNext => Command::TutorialNext,
            PageCommand::Load { name, text } => Command::Load { name, text },
            PageCommand::Menu => Command::Menu,
            PageCommand::Replay {
                code,
                log,
                fragment,
            } => {
                let shared = match (code, log, fragment) {
                    (Some(code), Some(log), None) => Some((code, log)),
                    (None, None, Some(f)) => parse_share_fragment(&f),
                    _ => None,
                };
                let Some((code, log)) = shared else {
                    *notice = Notice::error(
                        "replay needs a class code and a log, or a share link's #replay=... fragment".into(),
                    );
                    continue;
                };
                match parse_class_code(&code, &missions.0) {
                    Some((mission, seed)) => Command::Replay { mission, seed, log },
                    None => {
                        *notice = Notice::error(format!("\"{code}\" is not a class code"));
                        continue;
                    }
                }
            }
            PageCommand::Bench { agents } => Command::Load {
                name: "bench".into(),
                text: bench_scenario(agents),
            },
        };
        let bench = matches!(&command, Command::Load { name, .. } if name == "bench");
        out.write(command);
        if bench {
            out.write(Command::StartLoaded("bench".into()));
        }
    }
}

/// A day with `agents` agents at about 93 % load, every desk busy most of the time: what
/// the frame-rate measurements draw.
pub fn bench_scenario(agents: u32) -> String {
    let agents = agents.max(1);
    // 4-minute calls: each agent handles 15 an hour at full load.
    let rate = agents as f64 * 15.0 * 0.93;
    format!(
        r#"name = "Frame-rate bench: {agents} agents"
description = "{agents} agents at about 93 % load, for measuring frame rates."
seed = 1
horizon = "8h"
day_start = "09:00"
[[contact_types]]
name = "calls"
arrivals = {{ rate_per_hour = {rate} }}
handle_time = {{ dist = "exponential", mean = "4m" }}
patience = {{ dist = "exponential", mean = "3m" }}
[[agent_groups]]
name = "agents"
agents = {agents}
skills = ["calls"]
wage_per_hour = 20.0
"#
    )
}

fn count_frame(time: Res<Time<Real>>, mut stats: ResMut<FrameStats>) {
    stats.frames += 1;
    stats.window_frames += 1;
    stats.window_s += time.delta_secs_f64();
    if stats.window_s >= 1.0 {
        stats.fps = stats.window_frames as f64 / stats.window_s;
        stats.window_frames = 0;
        stats.window_s = 0.0;
    }
    #[cfg(target_arch = "wasm32")]
    if stats.first_frame_ms.is_none() {
        stats.first_frame_ms = web::now_ms();
    }
}

#[allow(clippy::too_many_arguments)]
fn publish(
    bridge: Res<Bridge>,
    stats: Res<FrameStats>,
    screen: Res<State<Screen>>,
    missions: Res<Missions>,
    progress: Res<Progress>,
    notice: Res<Notice>,
    day: Option<Res<Day>>,
    last: Option<Res<LastDebrief>>,
) {
    let mission = |i: usize| -> Option<&Mission> { missions.0.get(i) };
    let day_state = day.as_ref().and_then(|d| {
        let m = mission(d.mission)?;
        let (minute, kpis, floor, outage, factor, erlang, decisions) = match &d.sim {
            Some(sim) => {
                let snap = sim.snapshot();
                let (start, _) = sim.window();
                (
                    sim.now().since(start).as_secs_f64() / 60.0,
                    Some(snap.kpis()),
                    snap.agents().count(),
                    snap.outage_until().is_some(),
                    snap.arrival_factor(),
                    erlang_now(sim),
                    sim.log().len(),
                )
            }
            None => (
                m.scenario.horizon.as_secs_f64() / 60.0,
                None,
                0,
                false,
                1.0,
                None,
                last.as_ref().map_or(0, |l| l.log.len()),
            ),
        };
        Some(DayState {
            mission: m.id.clone(),
            class_code: class_code(m, d.seed),
            seed: d.seed,
            clock: clock_at(m, minute),
            minute,
            speed: d.speed.label(),
            kpis,
            agents_on_floor: floor,
            outage,
            arrival_factor: factor,
            erlang,
            decisions,
            branches: d.branches.len(),
            levers: d.sim.as_ref().map(LeverState::of),
            month: d
                .month
                .as_ref()
                .map(|r| MonthState::of(r, m.scenario.agent_groups.len())),
            cost: d.samples.last().map_or(0.0, |s| s.cost),
            jump_ms: d.jump_ms,
            debrief_ms: d.debrief_ms,
        })
    });
    let on_debrief = *screen.get() == Screen::Debrief;
    let debrief = last.as_ref().filter(|_| on_debrief);
    let state = PageState {
        screen: match screen.get() {
            Screen::Menu => "menu",
            Screen::Playing => "playing",
            Screen::Debrief => "debrief",
        },
        frames: stats.frames,
        fps: stats.fps,
        first_frame_ms: stats.first_frame_ms,
        missions: missions
            .0
            .iter()
            .map(|m| MissionEntry {
                id: &m.id,
                number: m.order,
                title: &m.title,
            })
            .collect(),
        progress: &progress,
        notice: (!notice.text.is_empty()).then_some(notice.text.as_str()),
        notice_is_error: notice.error,
        day: day_state,
        debrief: debrief.map(|l| &l.debrief),
        results: debrief.and_then(|l| l.results(&missions, "page")),
        share: debrief.and_then(|l| {
            let m = missions.0.iter().find(|m| m.id == l.debrief.mission)?;
            Some(share_fragment(&class_code(m, l.seed), &l.log))
        }),
    };
    match serde_json::to_string(&state) {
        Ok(json) => bridge.lock().state = json,
        Err(e) => warn!("page state: {e}"),
    }
}

/// The browser half: `window.ccsim`, and the clock for the first frame.
#[cfg(target_arch = "wasm32")]
mod web {
    use super::Bridge;
    use wasm_bindgen::prelude::*;

    /// Milliseconds since the page's navigation started.
    pub fn now_ms() -> Option<f64> {
        Some(web_sys::window()?.performance()?.now())
    }

    /// Sets `window.ccsim = { state(), command(c) }` and fires `ccsim-ready` on window.
    pub fn install(bridge: Bridge) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let api = js_sys::Object::new();
        let b = bridge.clone();
        let state = Closure::<dyn Fn() -> JsValue>::new(move || {
            js_sys::JSON::parse(&b.state()).unwrap_or(JsValue::NULL)
        });
        let command = Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |c: JsValue| {
            let text = match c.as_string() {
                Some(s) => s,
                None => js_sys::JSON::stringify(&c)
                    .map(String::from)
                    .map_err(|_| JsValue::from_str("ccsim.command: not JSON"))?,
            };
            bridge.command(&text).map_err(|e| JsValue::from_str(&e))
        });
        let _ = js_sys::Reflect::set(&api, &"state".into(), state.as_ref());
        let _ = js_sys::Reflect::set(&api, &"command".into(), command.as_ref());
        // The page lives as long as the game: the closures are never freed.
        state.forget();
        command.forget();
        let _ = js_sys::Reflect::set(&window, &"ccsim".into(), &api);
        if let Ok(e) = web_sys::Event::new("ccsim-ready") {
            let _ = window.dispatch_event(&e);
        }
    }
}
