//! The workforce: shifts and staggered breaks, absenteeism, shrinkage, overtime at the
//! end of a shift, and on-site and remote wages, in the staffing and in the labour cost.

use sim_core::report::RunKpis;
use sim_core::scenario::Scenario;
use sim_core::{Simulation, run};

const SHIFTS: &str = r#"
name = "two shifts"
horizon = "12h"
day_start = "08:00"
interval = "30m"

[[contact_types]]
name = "general"
arrivals = { rate_per_hour = 100 }
handle_time = { dist = "exponential", mean = "4m" }
patience = { dist = "exponential", mean = "3m" }

[[agent_groups]]
name = "agents"
skills = ["general"]
wage_per_hour = 20
overtime_rate = 1.5
shifts = [
  { start = "08:00", end = "16:00", agents = 6, breaks = [{ after = "2h", length = "15m", spread = "1h" }] },
  { start = "12:00", end = "20:00", agents = 4 },
]
"#;

#[test]
fn shifts_and_breaks_make_the_plan_and_the_pay() {
    let s = Scenario::from_toml_str(SHIFTS, "shifts.toml").unwrap();
    let g = &s.agent_groups[0];
    let at = |mins: u64| {
        g.staffing
            .at(Some(sim_core::time::SimDuration::from_mins(mins)))
    };
    // Six from 8:00; breaks from 10:00, one every 10 minutes, 15 minutes each.
    assert_eq!(at(0), 6);
    assert_eq!(at(120), 5);
    assert_eq!(at(130), 4);
    assert_eq!(at(185), 6);
    assert_eq!(at(300), 10);
    assert_eq!(at(500), 4);
    let paid = g.paid.as_ref().expect("breaks make paid differ");
    assert_eq!(
        paid.at(Some(sim_core::time::SimDuration::from_mins(130))),
        6
    );

    let result = Simulation::new(&s, 3).finish();
    let k = RunKpis::of(&result.stats, &s).summary;
    // 6 × 8 h + 4 × 8 h = 80 paid hours at 20, plus the agents who stayed to finish a
    // call at the end of a shift: paid, and at time and a half.
    assert!(k.overtime_h > 0.0 && k.overtime_h < 1.0, "{}", k.overtime_h);
    let expected = 20.0 * 80.0 + 30.0 * k.overtime_h;
    assert!(
        (k.labour_cost - expected).abs() < 1e-6,
        "{} vs {expected}",
        k.labour_cost
    );
    // On the phones: fewer than paid (breaks), more than planned (overtime).
    let on_phone_hours = k.agents * 12.0;
    assert!(on_phone_hours < 80.0 + k.overtime_h);
    assert!(on_phone_hours > 80.0 - 6.0 * 0.25);
}

#[test]
fn shifts_need_a_day_start_and_clock_times() {
    let no_day = SHIFTS.replace("day_start = \"08:00\"\n", "");
    let err = Scenario::from_toml_str(&no_day, "s.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("agent_groups[0].shifts: shifts are given in clock times"),
        "{err}"
    );
    let bad = SHIFTS.replace("\"20:00\"", "\"8pm\"");
    let err = Scenario::from_toml_str(&bad, "s.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "agent_groups[0].shifts[1].end: expected a clock time like \"08:00\", found \"8pm\""
        ),
        "{err}"
    );
    let both = SHIFTS.replace("wage_per_hour = 20", "wage_per_hour = 20\nagents = 5");
    let err = Scenario::from_toml_str(&both, "s.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("give `agents` or `shifts`, not both"), "{err}");
}

fn one_group(extra: &str) -> Scenario {
    let text = format!(
        r#"
name = "one group"
horizon = "1h"
interval = "1h"
[[contact_types]]
name = "general"
arrivals = {{ rate_per_hour = 300 }}
handle_time = {{ dist = "exponential", mean = "4m" }}
[[agent_groups]]
name = "agents"
agents = 50
skills = ["general"]
wage_per_hour = 20
{extra}
"#
    );
    Scenario::from_toml_str(&text, "one.toml").unwrap()
}

#[test]
fn absentees_do_not_come_and_are_not_paid() {
    // Each of the 50 is absent with probability 0.1 each day: 45 on average, binomial
    // spread (sd 2.12 agents a day).
    let s = one_group("absenteeism = 0.1");
    let r = run(&s, 5, 400);
    let sd_of_mean = (50.0f64 * 0.1 * 0.9).sqrt() / 400f64.sqrt();
    assert!(
        (r.summary.agents.mean - 45.0).abs() < 4.0 * sd_of_mean + 0.05,
        "{}",
        r.summary.agents.mean
    );
    // Paid: those who came (and a few minutes of overtime at the close, at base pay).
    assert!((r.summary.labour_cost.mean / 20.0 - r.summary.agents.mean).abs() < 0.2);
}

#[test]
fn shrinkage_takes_agents_off_the_phones_but_not_off_the_payroll() {
    let s = one_group("shrinkage = 0.2");
    let k = RunKpis::of(&Simulation::new(&s, 1).finish().stats, &s).summary;
    assert!((k.agents - 40.0).abs() < 1e-9, "{}", k.agents);
    assert!(
        (k.labour_cost - 50.0 * 20.0).abs() < 1e-6,
        "{}",
        k.labour_cost
    );
}

#[test]
fn remote_agents_are_paid_their_own_wage() {
    let s = one_group("remote_share = 0.4\nremote_wage_per_hour = 15");
    let k = RunKpis::of(&Simulation::new(&s, 1).finish().stats, &s).summary;
    assert!(
        (k.labour_cost - 50.0 * (0.6 * 20.0 + 0.4 * 15.0)).abs() < 1e-6,
        "{}",
        k.labour_cost
    );
}

/// Shifts moved later start later (nobody of them before), shifts moved earlier end
/// earlier (nobody after), and the paid hours stay those of the shifts.
#[test]
fn moved_shifts_start_and_end_with_the_move() {
    use sim_core::Intervention;
    use sim_core::scenario::GroupId;
    use sim_core::time::{SimDuration, SimTime};
    let text = SHIFTS.replace(
        "  { start = \"12:00\", end = \"20:00\", agents = 4 },\n",
        "",
    );
    let s = Scenario::from_toml_str(&text, "shifts.toml").unwrap();
    let at = |m: u64| SimTime::ZERO + SimDuration::from_mins(m);
    let on_duty = |sim: &Simulation| sim.snapshot().on_duty(GroupId(0));
    let working = |sim: &Simulation| {
        sim.snapshot()
            .agents()
            .filter(|a| !a.leaving && !matches!(a.state, sim_core::snapshot::AgentState::Off))
            .count()
    };

    // 08:00–16:00 moved two hours later: nobody until 10:00, six until 18:00.
    let mut later = Simulation::new(&s, 3);
    later
        .apply(Intervention::MoveShifts {
            group: GroupId(0),
            minutes: 120,
        })
        .unwrap();
    assert_eq!(on_duty(&later), 0);
    later.run_until(at(119));
    assert_eq!(on_duty(&later), 0);
    later.run_until(at(120));
    assert_eq!(on_duty(&later), 6);
    later.run_until(at(600));
    assert_eq!(working(&later), 0, "the moved shift ends at 18:00");
    let result = later.finish();
    let k = RunKpis::of(&result.stats, &s).summary;
    // Six agents, eight hours each, as unmoved (plus overtime finishing calls).
    let expected = 20.0 * 48.0 + 30.0 * k.overtime_h;
    assert!(
        (k.labour_cost - expected).abs() < 1e-6,
        "{} vs {expected}",
        k.labour_cost
    );

    // Moved an hour earlier at 09:00: it ends at 15:00.
    let mut earlier = Simulation::new(&s, 3);
    earlier.run_until(at(60));
    earlier
        .apply(Intervention::MoveShifts {
            group: GroupId(0),
            minutes: -60,
        })
        .unwrap();
    earlier.run_until(at(419));
    assert_eq!(working(&earlier), 6);
    earlier.run_until(at(420));
    assert_eq!(working(&earlier), 0);
    let result = earlier.finish();
    assert_eq!(Simulation::replay(&s, 3, 0, &result.log).unwrap(), result);
}
