//! Simulated time: integer microseconds.
//!
//! The engine never uses floating point for the clock. An instant is a [`SimTime`]
//! (microseconds since the simulation started, which is the start of the warm-up) and a
//! length of time is a [`SimDuration`]. One microsecond of resolution is far below
//! anything a call center measures (service levels are judged to the second), and a
//! `u64` of microseconds spans more than 500,000 years, so neither rounding nor overflow
//! is a practical concern. Integer time makes ordering exact: two events at the same
//! instant compare equal and are ordered by their sequence number, never by rounding.
//!
//! Durations in scenario files are strings with units: `"20s"`, `"4m"`, `"1h30m"`,
//! `"2.5m"`, `"250ms"`, `"1d"`.
//!
//! ```
//! use sim_core::time::SimDuration;
//! let d: SimDuration = "1h30m".parse().unwrap();
//! assert_eq!(d.as_secs_f64(), 5400.0);
//! assert_eq!(d.to_string(), "1h30m");
//! ```

use std::fmt;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

/// Microseconds per second.
pub const MICROS_PER_SEC: u64 = 1_000_000;

/// A length of simulated time, in microseconds (serialised as the number of µs).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct SimDuration(pub u64);

/// An instant of simulated time: microseconds since the simulation started.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct SimTime(pub u64);

impl SimDuration {
    /// The empty duration.
    pub const ZERO: SimDuration = SimDuration(0);

    /// A duration of whole seconds.
    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s * MICROS_PER_SEC)
    }

    /// A duration of whole minutes.
    pub const fn from_mins(m: u64) -> Self {
        SimDuration(m * 60 * MICROS_PER_SEC)
    }

    /// A duration of whole hours.
    pub const fn from_hours(h: u64) -> Self {
        SimDuration(h * 3600 * MICROS_PER_SEC)
    }

    /// A duration from (non-negative, finite) seconds, rounded to the microsecond.
    /// Negative or NaN inputs give zero; huge inputs saturate.
    pub fn from_secs_f64(s: f64) -> Self {
        let us = s * MICROS_PER_SEC as f64 + 0.5;
        if us.is_nan() || us <= 0.0 {
            SimDuration(0)
        } else if us >= u64::MAX as f64 {
            SimDuration(u64::MAX)
        } else {
            SimDuration(us as u64)
        }
    }

    /// Seconds, as a float.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / MICROS_PER_SEC as f64
    }

    /// Microseconds.
    pub const fn as_micros(self) -> u64 {
        self.0
    }
}

impl SimTime {
    /// The start of the simulation.
    pub const ZERO: SimTime = SimTime(0);
    /// Later than any event: "never".
    pub const NEVER: SimTime = SimTime(u64::MAX);

    /// Seconds since the simulation started, as a float.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / MICROS_PER_SEC as f64
    }

    /// Time elapsed since `earlier` (zero if `earlier` is later).
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        self.0 = self.0.saturating_add(d.0);
    }
}

impl Sub<SimTime> for SimTime {
    type Output = SimDuration;
    fn sub(self, rhs: SimTime) -> SimDuration {
        self.since(rhs)
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

/// Why a duration string could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDurationError(pub String);

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected a duration like \"4m\", found \"{}\"", self.0)
    }
}

impl std::error::Error for ParseDurationError {}

impl FromStr for SimDuration {
    type Err = ParseDurationError;

    /// Parses `<number><unit>` pieces, e.g. `"1h30m"`, `"2.5m"`, `"20s"`, `"250ms"`.
    /// Units: `d`, `h`, `m`, `s`, `ms`. A bare number is refused: the unit is required.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || ParseDurationError(text.to_string());
        let s = text.trim();
        if s.is_empty() {
            return Err(err());
        }
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut total_us: f64 = 0.0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if start == i {
                return Err(err());
            }
            let number: f64 = s[start..i].parse().map_err(|_| err())?;
            let unit_start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let unit_us = match &s[unit_start..i] {
                "d" => 86_400.0 * 1e6,
                "h" => 3_600.0 * 1e6,
                "m" | "min" => 60.0 * 1e6,
                "s" => 1e6,
                "ms" => 1e3,
                _ => return Err(err()),
            };
            total_us += number * unit_us;
        }
        if !total_us.is_finite() || total_us >= u64::MAX as f64 {
            return Err(err());
        }
        Ok(SimDuration((total_us + 0.5) as u64))
    }
}

impl fmt::Display for SimDuration {
    /// Writes the shortest exact form: `1h30m`, `20s`, `2.5s`, `250ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let us = self.0;
        if us == 0 {
            return f.write_str("0s");
        }
        if !us.is_multiple_of(MICROS_PER_SEC) {
            if us < MICROS_PER_SEC && us.is_multiple_of(1000) {
                return write!(f, "{}ms", us / 1000);
            }
            return write!(f, "{}s", us as f64 / MICROS_PER_SEC as f64);
        }
        let mut secs = us / MICROS_PER_SEC;
        let h = secs / 3600;
        secs %= 3600;
        let m = secs / 60;
        let s = secs % 60;
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if s > 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

/// Formats seconds since midnight as a clock label, `HH:MM` (wrapping past 24 h).
pub fn clock_label(secs_since_midnight: u64) -> String {
    let mins = (secs_since_midnight / 60) % (24 * 60);
    format!("{:02}:{:02}", mins / 60, mins % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_compounds() {
        let p = |s: &str| s.parse::<SimDuration>().unwrap().as_micros();
        assert_eq!(p("20s"), 20_000_000);
        assert_eq!(p("4m"), 240_000_000);
        assert_eq!(p("1h30m"), 5_400_000_000);
        assert_eq!(p("2.5m"), 150_000_000);
        assert_eq!(p("250ms"), 250_000);
        assert_eq!(p("1d"), 86_400_000_000);
        assert_eq!(p(" 0s "), 0);
    }

    #[test]
    fn refuses_bare_numbers_and_junk() {
        for bad in ["", "4", "four", "4x", "m", "-4m", "1..2s", "4m 3"] {
            assert!(bad.parse::<SimDuration>().is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["1h30m", "20s", "4m", "250ms", "2.5s", "1h", "25h"] {
            let d: SimDuration = s.parse().unwrap();
            assert_eq!(d.to_string().parse::<SimDuration>().unwrap(), d);
        }
        assert_eq!(SimDuration::from_secs(5400).to_string(), "1h30m");
    }

    #[test]
    fn clock_labels() {
        assert_eq!(clock_label(8 * 3600 + 30 * 60), "08:30");
        assert_eq!(clock_label(25 * 3600), "01:00");
    }
}
