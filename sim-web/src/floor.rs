//! The floor, live: one desk per agent, coloured by what the agent does, and the queue of
//! callers, coloured by how long they have waited. It only draws the simulation's
//! snapshot; sprites are pooled and recoloured each frame, never re-created.

use bevy::prelude::*;
use sim_core::snapshot::AgentState;

use crate::play::{Day, Screen};

/// A desk, showing agent `0`.
#[derive(Component, Debug)]
pub struct Desk(pub u32);

/// A place in the queue line.
#[derive(Component, Debug)]
pub struct QueueSpot(pub usize);

/// A caller who just hung up, walking out of the line and fading (real seconds left).
#[derive(Component, Debug)]
pub struct Leaver(pub f32);

/// How long a hang-up stays visible, real seconds.
const LEAVE_S: f32 = 1.5;

const DESK: f32 = 22.0;
const DESKS_PER_ROW: u32 = 26;
const CALLER: f32 = 10.0;
const SPOTS: usize = 300;
const SPOTS_PER_ROW: usize = 21;

/// Colours of agent states (also the legend's).
pub fn agent_color(state: &AgentState, leaving: bool) -> Color {
    match state {
        AgentState::Off => Color::srgb(0.25, 0.25, 0.28),
        AgentState::Idle { .. } => Color::srgb(0.35, 0.75, 0.40),
        AgentState::Talking { .. } if leaving => Color::srgb(0.95, 0.55, 0.15),
        AgentState::Talking { .. } => Color::srgb(0.20, 0.45, 0.90),
        AgentState::WrapUp { .. } => Color::srgb(0.60, 0.40, 0.85),
        AgentState::Resting { .. } => Color::srgb(0.55, 0.70, 0.65),
    }
}

/// A waiting caller's colour: green when just arrived, yellow at the service-level
/// threshold, red from twice the threshold.
pub fn caller_color(waited_s: f64, threshold_s: f64) -> Color {
    let x = (waited_s / threshold_s.max(1.0)).clamp(0.0, 2.0) as f32;
    if x <= 1.0 {
        Color::srgb(0.3 + 0.65 * x, 0.85, 0.3)
    } else {
        Color::srgb(0.95, 0.85 * (2.0 - x), 0.2)
    }
}

/// Draws the floor while a day is played.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, camera)
        .add_systems(OnEnter(Screen::Playing), spawn_queue)
        .add_systems(OnExit(Screen::Playing), clear)
        .add_systems(
            Update,
            (sync, hang_ups, walk_out).run_if(in_state(Screen::Playing)),
        );
}

fn camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

fn desk_position(id: u32) -> Vec3 {
    let (row, col) = (id / DESKS_PER_ROW, id % DESKS_PER_ROW);
    Vec3::new(
        -330.0 + col as f32 * (DESK + 4.0),
        280.0 - row as f32 * (DESK + 4.0),
        0.0,
    )
}

fn spot_position(i: usize) -> Vec3 {
    let (row, col) = (i / SPOTS_PER_ROW, i % SPOTS_PER_ROW);
    Vec3::new(
        -615.0 + col as f32 * (CALLER + 3.0),
        280.0 - row as f32 * (CALLER + 3.0),
        0.0,
    )
}

fn spawn_queue(mut commands: Commands) {
    for i in 0..SPOTS {
        commands.spawn((
            QueueSpot(i),
            Sprite::from_color(Color::WHITE, Vec2::splat(CALLER)),
            Transform::from_translation(spot_position(i)),
            Visibility::Hidden,
        ));
    }
}

fn clear(
    mut commands: Commands,
    desks: Query<Entity, With<Desk>>,
    spots: Query<Entity, With<QueueSpot>>,
    leavers: Query<Entity, With<Leaver>>,
) {
    for e in desks.iter().chain(spots.iter()).chain(leavers.iter()) {
        commands.entity(e).despawn();
    }
}

fn sync(
    mut commands: Commands,
    day: Option<Res<Day>>,
    mut desks: Query<(&Desk, &mut Sprite), Without<QueueSpot>>,
    mut spots: Query<(&QueueSpot, &mut Sprite, &mut Visibility), Without<Desk>>,
) {
    let Some(day) = day else { return };
    let Some(sim) = day.sim.as_ref() else { return };
    let snap = sim.snapshot();
    let agents: Vec<_> = snap.agents().collect();
    let mut shown = 0;
    for (desk, mut sprite) in &mut desks {
        if let Some(a) = agents.get(desk.0 as usize) {
            sprite.color = agent_color(&a.state, a.leaving);
        }
        shown += 1;
    }
    for a in agents.iter().skip(shown) {
        commands.spawn((
            Desk(a.id),
            Sprite::from_color(agent_color(&a.state, a.leaving), Vec2::splat(DESK)),
            Transform::from_translation(desk_position(a.id)),
        ));
    }
    let threshold = sim.scenario().service_level.threshold.as_secs_f64();
    let waiting: Vec<f64> = snap
        .waiting()
        .take(SPOTS)
        .map(|w| w.waited.as_secs_f64())
        .collect();
    for (spot, mut sprite, mut vis) in &mut spots {
        match waiting.get(spot.0) {
            Some(&w) => {
                sprite.color = caller_color(w, threshold);
                *vis = Visibility::Visible;
            }
            None => *vis = Visibility::Hidden,
        }
    }
}

/// A red caller leaves the line for each hang-up since the last frame (at most a row's
/// worth per frame, so a mass hang-up at 600x stays readable).
fn hang_ups(mut commands: Commands, day: Option<Res<Day>>, mut seen: Local<Option<(u64, u64)>>) {
    let Some(day) = day else { return };
    let Some(sim) = day.sim.as_ref() else { return };
    let snap = sim.snapshot();
    let k = snap.kpis();
    let now = (sim.seed(), k.abandoned);
    let before = match *seen {
        // A new day (or a rewind) starts the count again.
        Some((seed, n)) if seed == now.0 && n <= now.1 => n,
        _ => now.1,
    };
    *seen = Some(now);
    let waiting = snap.waiting().count().min(SPOTS);
    for i in 0..(now.1 - before).min(SPOTS_PER_ROW as u64) as usize {
        // From the back of the line: patience runs out among the ones waiting longest
        // and shortest alike, and the back is where a gap shows.
        let at = spot_position(waiting + i) + Vec3::Z;
        commands.spawn((
            Leaver(LEAVE_S),
            Sprite::from_color(Color::srgb(0.9, 0.15, 0.15), Vec2::splat(CALLER)),
            Transform::from_translation(at),
        ));
    }
}

fn walk_out(
    mut commands: Commands,
    time: Res<Time<Real>>,
    mut leavers: Query<(Entity, &mut Leaver, &mut Transform, &mut Sprite)>,
) {
    let dt = time.delta_secs();
    for (e, mut l, mut t, mut sprite) in &mut leavers {
        l.0 -= dt;
        if l.0 <= 0.0 {
            commands.entity(e).despawn();
            continue;
        }
        t.translation.x -= 60.0 * dt;
        sprite.color.set_alpha(l.0 / LEAVE_S);
    }
}
