//! The game loop, headless (Bevy's `MinimalPlugins`, manual time): the mission state
//! machine, levers becoming core interventions, the debrief's numbers, and a day rebuilt
//! from its class code and intervention log giving the same score.
//!
//! Each update advances the game clock by 250 ms, Bevy's `Time<Virtual>` maximum step (a
//! stalled frame, e.g. a background browser tab, never jumps the day ahead).

use bevy::prelude::*;
use sim_core::scenario::GroupId;
use sim_core::{Intervention, Simulation};
use sim_web::game::score::debrief;
use sim_web::play::{
    Command, Day, LastDebrief, Lever, Missions, Screen, Speed, class_code, parse_class_code,
};

fn app() -> App {
    crate::headless_app(sim_web::play::plugin)
}

fn send(app: &mut App, c: Command) {
    app.world_mut().write_message(c);
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn a_day_from_menu_to_debrief() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Menu);
    send(
        &mut app,
        Command::Start {
            mission: 1,
            seed: 4711,
        },
    );
    app.update();
    assert_eq!(screen(&app), Screen::Playing);

    // One real second (four frames) at 60x is one simulated minute.
    send(&mut app, Command::SetSpeed(Speed::X60));
    let before = app.world().resource::<Day>().sim().now();
    for _ in 0..4 {
        app.update();
    }
    let after = app.world().resource::<Day>().sim().now();
    assert_eq!((after - before).as_secs_f64(), 60.0);

    // A lever becomes an intervention in the core's log, at the current time.
    send(
        &mut app,
        Command::Pull(Lever::Agents {
            group: GroupId(0),
            delta: 2,
        }),
    );
    let log = app.world().resource::<Day>().sim().log().to_vec();
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].intervention,
        Intervention::AddAgents {
            group: GroupId(0),
            delta: 2
        }
    );
    assert_eq!(
        app.world()
            .resource::<Day>()
            .sim()
            .snapshot()
            .on_duty(GroupId(0)),
        11
    );

    // Pause stops the clock.
    send(&mut app, Command::SetSpeed(Speed::Paused));
    let t = app.world().resource::<Day>().sim().now();
    app.update();
    assert_eq!(app.world().resource::<Day>().sim().now(), t);

    // Jump to the end: the day is scored and the debrief opens.
    send(&mut app, Command::JumpToEnd);
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let last = app.world().resource::<LastDebrief>().clone();
    assert_eq!(last.seed, 4711);
    assert_eq!(last.log, log);
    let samples = app.world().resource::<Day>().samples.len();
    assert_eq!(samples, 8 * 60 + 1, "one sample per simulated minute");

    // The same day rebuilt outside the game from (mission, seed, log): the same debrief.
    let missions = &app.world().resource::<Missions>().0;
    let m = &missions[1];
    let replayed = Simulation::replay(&m.scenario, 4711, 0, &last.log).unwrap();
    assert_eq!(debrief(m, last.seed, &replayed), last.debrief);
    // The results file the game saves verifies when replayed (what `ccsim grade` does).
    let results = last
        .results(app.world().resource::<Missions>(), "Ana")
        .unwrap();
    assert_eq!(results.class_code, "1-4711");
    let json = serde_json::to_string(&results).unwrap();
    let back: sim_web::game::results::Results = serde_json::from_str(&json).unwrap();
    assert_eq!(back.verify(missions).unwrap(), back.debrief);
    // And the class code names that day.
    let code = class_code(m, 4711);
    assert_eq!(code, "1-4711");
    assert_eq!(parse_class_code(&code, missions), Some((1, 4711)));
    assert_eq!(parse_class_code("99-1", missions), None);
    assert_eq!(parse_class_code("x", missions), None);

    send(&mut app, Command::Menu);
    app.update();
    assert_eq!(screen(&app), Screen::Menu);
}

#[test]
fn the_day_ends_by_itself_at_600x() {
    let mut app = app();
    send(
        &mut app,
        Command::Start {
            mission: 6,
            seed: 1,
        },
    );
    send(&mut app, Command::SetSpeed(Speed::X600));
    // 8 hours at 600x is 48 real seconds: 192 frames of 250 ms.
    for _ in 0..188 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Playing);
    for _ in 0..6 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let d = &app.world().resource::<LastDebrief>().debrief;
    assert_eq!(d.mission, "06-surprise-surge");
    assert_eq!(d.intervals.len(), 16);
}

/// The recruits' tutorial: its steps are shown one at a time during the day, and its
/// numbers are the formulas' (six agents 82 %, five 67 %).
#[test]
fn the_tutorial_steps_through() {
    let mut app = app();
    let missions = &app.world().resource::<Missions>().0;
    let tutorial = &missions[0];
    assert_eq!(tutorial.id, "00-tutorial");
    assert_eq!(tutorial.tutorial.len(), 5);
    assert!(tutorial.tutorial[2].contains("67 %"));
    let q = |agents| sim_core::erlang::Queue {
        arrival_rate: 60.0 / 3600.0,
        mean_handle: 240.0,
        agents,
        patience: Some(300.0),
    };
    assert_eq!((q(6).metrics(20.0).service_level * 100.0).round(), 82.0);
    assert_eq!((q(5).metrics(20.0).service_level * 100.0).round(), 67.0);
    send(
        &mut app,
        Command::Start {
            mission: 0,
            seed: 7,
        },
    );
    assert_eq!(app.world().resource::<Day>().tutorial_step, 0);
    send(&mut app, Command::TutorialNext);
    assert_eq!(app.world().resource::<Day>().tutorial_step, 1);
}
