//! The page API (`window.ccsim` in the browser) driven headless through the same
//! [`Bridge`] the browser uses: commands in as JSON, state out as JSON. Also the
//! trainer's incidents, calling agents in, rewinding and branching, loading files, and
//! the progress kept between visits.

use bevy::prelude::*;
use serde_json::Value;
use sim_core::scenario::GroupId;
use sim_core::time::SimDuration;
use sim_core::{Intervention, Simulation};
use sim_web::game::score::debrief;
use sim_web::page::Bridge;
use sim_web::play::{Day, LastDebrief, Missions, Notice, Progress};

fn app() -> App {
    crate::headless_app((sim_web::play::plugin, sim_web::page::plugin))
}

/// Sends a page command and runs two frames (the command, then the state change).
fn command(app: &mut App, json: &str) {
    let bridge = app.world().resource::<Bridge>().clone();
    bridge.command(json).unwrap();
    app.update();
    app.update();
}

fn state(app: &App) -> Value {
    serde_json::from_str(&app.world().resource::<Bridge>().state()).unwrap()
}

fn minute(app: &App) -> f64 {
    let sim = app.world().resource::<Day>().sim();
    sim.now().since(sim.window().0).as_secs_f64() / 60.0
}

#[test]
fn a_day_through_the_page_api() {
    let mut app = app();
    let s = state(&app);
    assert_eq!(s["screen"], "menu");
    assert_eq!(s["missions"].as_array().unwrap().len(), 14);
    assert!(s["frames"].as_u64().unwrap() >= 1);

    command(&mut app, r#"{"cmd": "start", "mission": 1, "seed": 4711}"#);
    let s = state(&app);
    assert_eq!(s["screen"], "playing");
    assert_eq!(s["day"]["class_code"], "1-4711");
    assert_eq!(s["day"]["speed"], "60x");
    assert!(s["day"]["erlang"]["erlang_c_sl"].as_f64().is_some());

    command(&mut app, r#"{"cmd": "agents", "group": 0, "delta": 2}"#);
    command(&mut app, r#"{"cmd": "end"}"#);
    let s = state(&app);
    assert_eq!(s["screen"], "debrief");
    // The debrief the page sees is the game's, and its results file replays to it.
    let last = app.world().resource::<LastDebrief>().clone();
    let d: sim_web::game::score::Debrief = serde_json::from_value(s["debrief"].clone()).unwrap();
    assert_eq!(d, last.debrief);
    let r: sim_web::game::results::Results = serde_json::from_value(s["results"].clone()).unwrap();
    assert_eq!(r.class_code, "1-4711");
    assert_eq!(r.log.len(), 1);
    let missions = &app.world().resource::<Missions>().0;
    assert_eq!(r.verify(missions).unwrap(), d);

    // A share link rebuilds the same day and opens its debrief.
    let fragment = sim_web::play::share_fragment("1-4711", &last.log);
    assert_eq!(s["share"], fragment.as_str());
    assert!(
        fragment.starts_with("#replay=1-4711:%5B%7B%22at%22%3A"),
        "{fragment}"
    );
    assert_eq!(
        sim_web::play::parse_share_fragment(&fragment),
        Some(("1-4711".to_string(), last.log.clone()))
    );
    command(&mut app, r#"{"cmd": "menu"}"#);
    let cmd = serde_json::json!({"cmd": "replay", "fragment": fragment});
    command(&mut app, &cmd.to_string());
    app.update();
    assert_eq!(state(&app)["screen"], "debrief");
    assert_eq!(app.world().resource::<LastDebrief>().debrief, last.debrief);
    command(
        &mut app,
        r##"{"cmd": "replay", "fragment": "#replay=1-4711:%5Bbroken"}"##,
    );
    assert!(
        state(&app)["notice"]
            .as_str()
            .unwrap()
            .starts_with("replay needs")
    );

    // Malformed commands throw in the page; refused ones show as a notice.
    let bridge = app.world().resource::<Bridge>().clone();
    let e = bridge.command(r#"{"cmd": "warp"}"#).unwrap_err();
    assert!(e.contains("unknown variant `warp`"), "{e}");
    assert!(bridge.command("not json").is_err());
    command(&mut app, r#"{"cmd": "start", "mission": 42}"#);
    let s = state(&app);
    assert_eq!(s["notice"], "there is no mission number 42");
    assert_eq!(s["notice_is_error"], true);
    command(&mut app, r#"{"cmd": "join", "code": "2-99"}"#);
    assert_eq!(state(&app)["day"]["class_code"], "2-99");
}

#[test]
fn incidents_and_call_ins_are_logged_interventions() {
    let mut app = app();
    command(&mut app, r#"{"cmd": "start", "mission": 1}"#);
    command(&mut app, r#"{"cmd": "speed", "value": "pause"}"#);
    command(
        &mut app,
        r#"{"cmd": "surge", "percent": 200, "minutes": 30}"#,
    );
    command(&mut app, r#"{"cmd": "sick", "group": 0, "agents": 2}"#);
    command(&mut app, r#"{"cmd": "outage", "minutes": 5}"#);
    command(&mut app, r#"{"cmd": "call_in", "group": 0, "agents": 3}"#);
    command(
        &mut app,
        r#"{"cmd": "move_shifts", "group": 0, "minutes": -30}"#,
    );
    let s = state(&app);
    assert_eq!(s["day"]["outage"], true);
    assert_eq!(s["day"]["arrival_factor"], 2.0);
    let day = app.world().resource::<Day>();
    let kinds: Vec<Intervention> = day
        .sim()
        .log()
        .iter()
        .map(|e| e.intervention.clone())
        .collect();
    let mins = SimDuration::from_mins;
    assert_eq!(
        kinds,
        vec![
            Intervention::Surge {
                percent: 200,
                duration: mins(30)
            },
            Intervention::AddAgents {
                group: GroupId(0),
                delta: -2
            },
            Intervention::Outage { duration: mins(5) },
            Intervention::Hire {
                group: GroupId(0),
                agents: 3,
                lead: mins(30)
            },
            Intervention::MoveShifts {
                group: GroupId(0),
                minutes: -30
            },
        ]
    );
    assert_eq!(day.sim().snapshot().on_duty(GroupId(0)), 7);
    // A bad group is refused with a notice, not a crash.
    command(&mut app, r#"{"cmd": "sick", "group": 9, "agents": 1}"#);
    assert!(
        state(&app)["notice"]
            .as_str()
            .unwrap()
            .contains("no agent group 9")
    );
}

/// The operations levers (routing, callbacks, overflow teams) through the page API: each
/// is a core intervention in the log, the state shows where they stand, and a bad policy
/// name is refused with a notice.
#[test]
fn operations_levers_through_the_page_api() {
    let mut app = app();
    command(&mut app, r#"{"cmd": "start", "mission": 7}"#);
    command(&mut app, r#"{"cmd": "speed", "value": "pause"}"#);
    let s = state(&app);
    assert_eq!(s["day"]["levers"]["routing"], "longest_idle");
    assert_eq!(
        s["day"]["levers"]["overflow_after_s"],
        serde_json::json!([0.0, 0.0, 0.0])
    );
    command(
        &mut app,
        r#"{"cmd": "routing", "policy": "least_skilled_first"}"#,
    );
    command(
        &mut app,
        r#"{"cmd": "overflow", "group": 2, "after_s": 20}"#,
    );
    command(&mut app, r#"{"cmd": "callbacks", "offer_after_s": 60}"#);
    command(&mut app, r#"{"cmd": "callbacks", "offer_after_s": null}"#);
    command(&mut app, r#"{"cmd": "announcements", "on": false}"#);
    command(&mut app, r#"{"cmd": "screen_pop", "on": true}"#);
    command(&mut app, r#"{"cmd": "ivr_self_service", "on": false}"#);
    command(&mut app, r#"{"cmd": "routing", "policy": "fastest"}"#);
    let s = state(&app);
    assert!(
        s["notice"]
            .as_str()
            .unwrap()
            .contains("\"fastest\" is not a routing policy")
    );
    assert_eq!(s["day"]["levers"]["routing"], "least_skilled_first");
    assert_eq!(
        s["day"]["levers"]["overflow_after_s"],
        serde_json::json!([0.0, 0.0, 20.0])
    );
    assert_eq!(
        s["day"]["levers"]["callbacks_offer_after_s"],
        serde_json::json!([null, null])
    );
    let day = app.world().resource::<Day>();
    let kinds: Vec<Intervention> = day
        .sim()
        .log()
        .iter()
        .map(|e| e.intervention.clone())
        .collect();
    assert_eq!(
        kinds,
        vec![
            Intervention::SetRouting {
                routing: sim_core::routing::Routing::LeastSkilledFirst
            },
            Intervention::Overflow {
                group: GroupId(2),
                after: SimDuration::from_secs(20)
            },
            Intervention::Callbacks {
                offer_after: Some(SimDuration::from_secs(60))
            },
            Intervention::Callbacks { offer_after: None },
            Intervention::Announcements { on: false },
            Intervention::ScreenPop { on: true },
            Intervention::IvrSelfService { on: false },
        ]
    );
    // The day with its levers replays to the same debrief.
    command(&mut app, r#"{"cmd": "end"}"#);
    let last = app.world().resource::<LastDebrief>().clone();
    let missions = &app.world().resource::<Missions>().0;
    let m = missions.iter().find(|m| m.order == 7).unwrap();
    let replayed = Simulation::replay(&m.scenario, m.scenario.seed, 0, &last.log).unwrap();
    assert_eq!(debrief(m, m.scenario.seed, &replayed), last.debrief);
}

/// Rewind to 10:30 after adding agents at 10:00 and 11:00: the day is rebuilt with only
/// the 10:00 decision, the first branch stays for comparison, and the new branch ends in
/// a debrief that the log replays to.
#[test]
fn rewind_and_branch() {
    let mut app = app();
    command(&mut app, r#"{"cmd": "start", "mission": 1, "seed": 5}"#);
    command(&mut app, r#"{"cmd": "speed", "value": "600x"}"#);
    while minute(&app) < 60.0 {
        app.update();
    }
    command(&mut app, r#"{"cmd": "agents", "group": 0, "delta": 2}"#);
    while minute(&app) < 120.0 {
        app.update();
    }
    command(&mut app, r#"{"cmd": "agents", "group": 0, "delta": 1}"#);
    command(&mut app, r#"{"cmd": "end"}"#);
    let first = app.world().resource::<LastDebrief>().clone();
    assert_eq!(first.log.len(), 2);

    command(&mut app, r#"{"cmd": "rewind", "minute": 90}"#);
    let s = state(&app);
    assert_eq!(s["screen"], "playing");
    assert_eq!(s["day"]["clock"], "10:30");
    assert_eq!(s["day"]["speed"], "pause");
    assert_eq!(s["day"]["branches"], 1);
    let day = app.world().resource::<Day>();
    assert_eq!(day.sim().log(), &first.log[..1]);
    assert_eq!(day.samples.len(), 91);
    // The rebuilt morning is the played morning: same seed, same decisions.
    assert_eq!(day.samples[..], day.branches[0].samples[..91]);
    assert_eq!(day.branches[0].score, Some(first.debrief.score));

    command(&mut app, r#"{"cmd": "call_in", "group": 0, "agents": 4}"#);
    command(&mut app, r#"{"cmd": "end"}"#);
    let second = app.world().resource::<LastDebrief>().clone();
    assert_eq!(second.log.len(), 2);
    assert_ne!(second.debrief, first.debrief);
    let m = &app.world().resource::<Missions>().0[1];
    let replayed = Simulation::replay(&m.scenario, 5, 0, &second.log).unwrap();
    assert_eq!(debrief(m, 5, &replayed), second.debrief);
}

#[test]
fn loading_files_and_progress() {
    let mut app = app();
    let bad = "name = \"mine\"\nhorizon = \"8 hours\"\n";
    let cmd = serde_json::json!({"cmd": "load", "name": "mine.toml", "text": bad});
    command(&mut app, &cmd.to_string());
    let n = app.world().resource::<Notice>().clone();
    assert!(n.error);
    assert!(n.text.starts_with("mine.toml:2:"), "{}", n.text);
    assert!(n.text.contains("horizon"), "{}", n.text);
    assert_eq!(app.world().resource::<Missions>().0.len(), 14);

    let good = sim_core::DEFAULT_SCENARIO;
    let cmd = serde_json::json!({"cmd": "load", "name": "bank.toml", "text": good});
    command(&mut app, &cmd.to_string());
    let missions = &app.world().resource::<Missions>().0;
    assert_eq!(missions.len(), 15);
    assert_eq!(missions[14].id, "bank");
    assert!(missions[14].title.starts_with("Free play"));

    // A finished day is remembered, and only a better one replaces it.
    command(&mut app, r#"{"cmd": "start", "mission": 1}"#);
    command(&mut app, r#"{"cmd": "end"}"#);
    let d = app.world().resource::<LastDebrief>().debrief.clone();
    let progress = app.world().resource::<Progress>().clone();
    assert_eq!(progress.best["01-flat-day"], (d.stars, d.score));
    assert!(progress.dirty);
    let mut p = progress;
    assert!(!p.record("01-flat-day", 0, 0));
    assert!(p.record("01-flat-day", 3, 100));

    // The benchmark day: 500 agents on the floor.
    command(&mut app, r#"{"cmd": "bench", "agents": 500}"#);
    let s = state(&app);
    assert_eq!(s["screen"], "playing");
    assert_eq!(s["day"]["agents_on_floor"], 500);
}

/// A blended center in free play: the dialer and the agents kept free for inbound are
/// levers, in the state and in the decision log.
#[test]
fn outbound_levers_in_free_play() {
    let mut app = app();
    let text = include_str!("../../../scenarios/blended-center.toml");
    let cmd = serde_json::json!({"cmd": "load", "name": "blended.toml", "text": text});
    command(&mut app, &cmd.to_string());
    command(&mut app, r#"{"cmd": "start", "mission": 1000}"#);
    let s = state(&app);
    assert_eq!(s["day"]["levers"]["dialing"], true);
    assert_eq!(s["day"]["levers"]["keep_idle"], serde_json::json!([2]));
    command(&mut app, r#"{"cmd": "dialing", "on": false}"#);
    command(&mut app, r#"{"cmd": "keep_idle", "group": 0, "agents": 4}"#);
    let s = state(&app);
    assert_eq!(s["day"]["levers"]["dialing"], false);
    assert_eq!(s["day"]["levers"]["keep_idle"], serde_json::json!([4]));
    let day = app.world().resource::<Day>();
    let kinds: Vec<Intervention> = day
        .sim()
        .log()
        .iter()
        .map(|e| e.intervention.clone())
        .collect();
    assert_eq!(
        kinds,
        vec![
            Intervention::Dialing { on: false },
            Intervention::Blend {
                group: GroupId(0),
                keep_idle: 4,
                min_service_level_percent: Some(80),
            },
        ]
    );
}

/// A month through the page API: each day starts paused; people levers apply from the
/// next day; `end` ends a day and the next morning starts; after the last day the month's
/// debrief opens. The occupancy cap is a lever of any day too.
#[test]
fn a_month_through_the_page_api() {
    let mut app = app();
    command(&mut app, r#"{"cmd": "start", "mission": 12}"#);
    let s = state(&app);
    assert_eq!(s["day"]["speed"], "pause");
    assert_eq!(s["day"]["month"]["day"], 1);
    assert_eq!(s["day"]["month"]["days"], 30);
    // The plan's day-1 hires are decided when the day begins.
    assert_eq!(s["day"]["month"]["recruiting"][0], 6);
    command(&mut app, r#"{"cmd": "hire", "group": 0, "agents": 4}"#);
    command(&mut app, r#"{"cmd": "incentive", "per_agent_day": 10}"#);
    command(&mut app, r#"{"cmd": "training_days", "days": 2}"#);
    command(&mut app, r#"{"cmd": "backfill", "on": true}"#);
    command(
        &mut app,
        r#"{"cmd": "occupancy_cap", "group": 0, "percent": 90}"#,
    );
    let s = state(&app);
    assert_eq!(s["notice"], Value::Null, "{s}");
    assert_eq!(s["day"]["month"]["incentive_per_agent_day"], 10.0);
    assert_eq!(s["day"]["month"]["training_days"], 2);
    assert_eq!(s["day"]["month"]["backfill"], true);
    assert_eq!(s["day"]["levers"]["occupancy_cap"][0], 0.9);
    command(&mut app, r#"{"cmd": "end"}"#);
    let s = state(&app);
    assert_eq!(s["screen"], "playing");
    assert_eq!(s["day"]["month"]["day"], 2);
    assert_eq!(s["day"]["speed"], "pause");
    // Hired on day 2 (decided on day 1): 10 on the way.
    assert_eq!(s["day"]["month"]["recruiting"][0], 10);
    // The cap holds on the next days.
    assert_eq!(s["day"]["levers"]["occupancy_cap"][0], 0.9);
    // Rewinding a month is refused.
    command(&mut app, r#"{"cmd": "rewind", "minute": 0}"#);
    assert!(
        state(&app)["notice"]
            .as_str()
            .unwrap()
            .contains("multi-day")
    );
    for _ in 0..29 {
        command(&mut app, r#"{"cmd": "end"}"#);
    }
    let s = state(&app);
    assert_eq!(s["screen"], "debrief", "{s}");
    let d = &s["debrief"];
    assert_eq!(d["mission"], "12-a-month-of-attrition");
    assert_eq!(d["intervals"].as_array().unwrap().len(), 30);
    assert_eq!(d["objectives"].as_array().unwrap().len(), 4);

    // Month-only levers are refused on a one-day mission.
    command(&mut app, r#"{"cmd": "start", "mission": 1}"#);
    command(&mut app, r#"{"cmd": "hire", "group": 0, "agents": 1}"#);
    assert!(
        state(&app)["notice"]
            .as_str()
            .unwrap()
            .contains("multi-day mission")
    );
}
