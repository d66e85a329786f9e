//! Shifts and breaks: a group's staffing built from who works when.
//!
//! A shift is `agents` people from `start` to `end` (clock times of the scenario's day;
//! an end before the start is the next day). Each break of a shift is taken by its agents
//! one after another, spread evenly over `spread` from `after` into the shift (agent i of
//! K starts theirs at `after + i·spread/K`, to the minute), so the floor is never emptied
//! at once. Agents on a break are paid but not on the phones: the group's plan is two
//! profiles, agents on the phones and agents paid.

use crate::time::SimDuration;

use super::Profile;

/// One shift pattern of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Shift {
    /// Start, from the start of the measured window (may be negative: before it).
    pub start: i64,
    /// End, µs from the start of the measured window.
    pub end: i64,
    /// People on this shift.
    pub agents: u32,
    /// Breaks within the shift.
    pub breaks: Vec<Break>,
}

/// A break every agent of a shift takes.
#[derive(Clone, Debug, PartialEq)]
pub struct Break {
    /// From the start of the shift to the first agent's break.
    pub after: SimDuration,
    /// Its length.
    pub length: SimDuration,
    /// The window over which the agents' breaks are spread.
    pub spread: SimDuration,
}

const MINUTE: i64 = 60_000_000;

/// The on-phone and paid staffing of a set of shifts over `horizon`, as profiles whose
/// period is the largest that holds every change (at least a minute), or `None` if that
/// would take more than `max_periods` periods.
pub(crate) fn profiles(
    shifts: &[Shift],
    horizon: SimDuration,
    max_periods: u64,
) -> Option<(Profile<u32>, Profile<u32>)> {
    // Every interval [from, to) with its effect: +agents on shift, −1 on a break.
    let mut on_shift: Vec<(i64, i64, i64)> = Vec::new();
    let mut on_break: Vec<(i64, i64, i64)> = Vec::new();
    for s in shifts {
        on_shift.push((s.start, s.end, s.agents as i64));
        for b in &s.breaks {
            let k = s.agents.max(1) as i64;
            for i in 0..s.agents as i64 {
                let offset = (b.spread.0 as i64 * i / k) / MINUTE * MINUTE;
                let from = s.start + b.after.0 as i64 + offset;
                let to = (from + b.length.0 as i64).min(s.end);
                if from < to {
                    on_break.push((from, to, 1));
                }
            }
        }
    }
    let mut step = 0i64;
    for &(from, to, _) in on_shift.iter().chain(&on_break) {
        for t in [from, to] {
            if t > 0 && t < horizon.0 as i64 {
                step = gcd(step, t);
            }
        }
    }
    let step = if step == 0 {
        horizon.0.max(1) as i64
    } else {
        step.max(MINUTE)
    };
    let n = (horizon.0 as i64 + step - 1) / step;
    if n as u64 > max_periods {
        return None;
    }
    let count = |spans: &[(i64, i64, i64)], t: i64| -> i64 {
        spans
            .iter()
            .filter(|&&(from, to, _)| from <= t && t < to)
            .map(|&(_, _, k)| k)
            .sum()
    };
    let mut phones = Vec::with_capacity(n as usize);
    let mut paid = Vec::with_capacity(n as usize);
    for k in 0..n.max(1) {
        let t = k * step;
        let p = count(&on_shift, t);
        paid.push(p.clamp(0, u32::MAX as i64) as u32);
        phones.push((p - count(&on_break, t)).clamp(0, u32::MAX as i64) as u32);
    }
    let period = SimDuration(step as u64);
    Some((
        Profile {
            period,
            values: phones,
        },
        Profile {
            period,
            values: paid,
        },
    ))
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_shifts_and_a_staggered_break() {
        let h = |x: i64| x * 60 * MINUTE;
        let shifts = [
            Shift {
                start: 0,
                end: h(8),
                agents: 4,
                breaks: vec![Break {
                    after: SimDuration::from_hours(2),
                    length: SimDuration::from_mins(15),
                    spread: SimDuration::from_hours(1),
                }],
            },
            Shift {
                start: h(4),
                end: h(12),
                agents: 2,
                breaks: Vec::new(),
            },
        ];
        let (phones, paid) = profiles(&shifts, SimDuration::from_hours(10), 10_000).unwrap();
        assert_eq!(phones.period, SimDuration::from_mins(15));
        let at = |p: &Profile<u32>, mins: u64| p.at(Some(SimDuration::from_mins(mins)));
        assert_eq!((at(&phones, 0), at(&paid, 0)), (4, 4));
        // 2:00, 2:15, 2:30, 2:45: one of the four on a break each quarter hour.
        for m in [120, 135, 150, 165] {
            assert_eq!((at(&phones, m), at(&paid, m)), (3, 4), "{m}");
        }
        assert_eq!(at(&phones, 180), 4);
        assert_eq!(at(&phones, 300), 6);
        assert_eq!(at(&phones, 500), 2);
    }
}
