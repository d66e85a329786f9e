//! Nothing panics on user input: the scenario loader and `--set` take arbitrary text and
//! random edits of real scenario files, and whatever they accept also simulates.

use proptest::prelude::*;
use sim_core::Simulation;
use sim_core::scenario::{Override, Scenario};

const FILES: [&str; 5] = [
    include_str!("../../../scenarios/minimal.toml"),
    include_str!("../../../scenarios/default.toml"),
    include_str!("../../../scenarios/two-types-priority.toml"),
    include_str!("../../../scenarios/day-profile.toml"),
    include_str!("../../../scenarios/small-single-queue.toml"),
];

/// Pieces an edit may insert: TOML syntax, numbers at the edges, units, names.
const PIECES: [&str; 24] = [
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    "\n",
    "#",
    "0",
    "-1",
    "1e308",
    "nan",
    "inf",
    "\"0s\"",
    "\"1ms\"",
    "\"99999d\"",
    "[[agent_groups]]",
    "dist",
    "\"none\"",
    "agents",
    "1.5",
    "\u{e9}",
    "[]",
];

fn edited() -> impl Strategy<Value = String> {
    (
        0..FILES.len(),
        proptest::collection::vec((any::<u16>(), 0usize..3, 0..PIECES.len()), 1..6),
    )
        .prop_map(|(f, edits)| {
            let mut text = FILES[f].to_string();
            for (at, kind, piece) in edits {
                let mut i = at as usize % (text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                match kind {
                    0 => text.insert_str(i, PIECES[piece]),
                    1 => {
                        let mut j = (i + 1 + piece).min(text.len());
                        while !text.is_char_boundary(j) {
                            j += 1;
                        }
                        text.replace_range(i..j, "");
                    }
                    _ => {
                        let mut j = (i + 3).min(text.len());
                        while !text.is_char_boundary(j) {
                            j += 1;
                        }
                        text.replace_range(i..j, PIECES[piece]);
                    }
                }
            }
            text
        })
}

/// Simulates a scenario that parsed, if it is small enough for a test.
fn simulate_if_small(s: &Scenario) {
    let hours = (s.horizon + s.warmup).as_secs_f64() / 3600.0;
    let calls: f64 = s
        .contact_types
        .iter()
        .map(|t| t.arrivals.values.iter().cloned().fold(0.0, f64::max) * hours)
        .sum();
    let agents: u32 = s
        .agent_groups
        .iter()
        .map(|g| g.staffing.values.iter().copied().max().unwrap_or(0))
        .sum();
    if calls < 20_000.0 && agents < 5_000 && s.interval_count() < 5_000 {
        let r = Simulation::new(s, 1).finish();
        let k = sim_core::report::RunKpis::of(&r.stats, s);
        assert_eq!(k.summary.offered, k.summary.answered + k.summary.abandoned);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edited_scenarios_never_panic(text in edited()) {
        match Scenario::from_toml_str(&text, "fuzz.toml") {
            Ok(s) => {
                prop_assert!(s.validate().is_ok(), "{:?}", s.validate());
                simulate_if_small(&s);
            }
            Err(e) => {
                prop_assert!(!e.problems.is_empty());
                for p in &e.problems {
                    prop_assert!(p.to_string().starts_with("fuzz.toml"), "{p}");
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Scenario::from_toml_str(&text, "any.toml");
    }

    #[test]
    fn arbitrary_overrides_never_panic(path in "[a-z_.0-9]{1,40}", value in "\\PC{0,20}") {
        let ov = Override { path, value };
        if let Ok(s) = Scenario::from_toml_str_with(FILES[0], "minimal.toml", &[ov]) {
            prop_assert!(s.validate().is_ok());
        }
    }
}
