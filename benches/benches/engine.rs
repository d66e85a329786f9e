//! Engine throughput. `cargo bench -p ccsim-benches` prints, for the one-queue 2,050-agent
//! center, the time per simulated 8-hour day and the simulated calls per second
//! ("elements/s": every arrival, answered or abandoned, is one element); and for the
//! 24-hour, 1,000-agent multi-skill day with every feature on, the time per day; and for
//! 30 working days of a 300-agent multichannel desk with people dynamics, the time per
//! run (the bar: under 2 s).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sim_core::Simulation;
use std::hint::black_box;

fn one_queue(c: &mut Criterion) {
    let s = ccsim_benches::one_queue_2050(8);
    // Calls per day (the same every iteration: fixed seed).
    let calls = Simulation::new(&s, 1).finish().stats.contacts_simulated;
    let mut g = c.benchmark_group("one_queue_2050_agents");
    g.sample_size(10);
    g.throughput(Throughput::Elements(calls));
    g.bench_function("8h_day", |b| {
        b.iter(|| black_box(Simulation::new(black_box(&s), 1).finish()))
    });
    g.finish();
}

fn default_scenario(c: &mut Criterion) {
    let s =
        sim_core::scenario::Scenario::from_toml_str(sim_core::DEFAULT_SCENARIO, "default").unwrap();
    let calls = Simulation::new(&s, 1).finish().stats.contacts_simulated;
    let mut g = c.benchmark_group("default_scenario");
    g.throughput(Throughput::Elements(calls));
    g.bench_function("one_replication_with_report", |b| {
        b.iter(|| black_box(sim_core::run(black_box(&s), 7, 1)))
    });
    g.finish();
}

fn multi_skill(c: &mut Criterion) {
    let s = ccsim_benches::multi_skill_1000();
    let calls = Simulation::new(&s, 1).finish().stats.contacts_simulated;
    let mut g = c.benchmark_group("multi_skill_1000_agents_every_feature");
    g.sample_size(10);
    g.throughput(Throughput::Elements(calls));
    g.bench_function("24h_day", |b| {
        b.iter(|| black_box(Simulation::new(black_box(&s), 1).finish()))
    });
    g.bench_function("24h_day_with_report", |b| {
        b.iter(|| black_box(sim_core::run(black_box(&s), 1, 1)))
    });
    g.finish();
}

fn people(c: &mut Criterion) {
    let s = ccsim_benches::people_300();
    // Contacts offered over the 30 days (the same every iteration: fixed seed).
    let run = sim_core::people::run_people(&s, 1, 0);
    let calls: u64 = run.days.iter().map(|d| d.kpis.offered as u64).sum();
    let mut g = c.benchmark_group("people_300_agents_multichannel");
    g.sample_size(10);
    g.throughput(Throughput::Elements(calls));
    g.bench_function("30_days_with_report", |b| {
        b.iter(|| black_box(sim_core::run(black_box(&s), 1, 1)))
    });
    g.finish();
}

criterion_group!(benches, one_queue, default_scenario, multi_skill, people);
criterion_main!(benches);
