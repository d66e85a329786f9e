//! The scenario file as written: serde structs that mirror the TOML (DESIGN §3.1).
//! Unknown fields are refused. [`super::check`] turns these into the checked model.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use toml::Spanned;

use crate::time::SimDuration;

/// A ccsim scenario: a call center, its day and how to measure it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ccsim scenario")]
pub struct RawScenario {
    /// Display name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the center is and the assumptions behind the numbers.
    pub description: Option<String>,
    /// Default seed (the CLI's --seed overrides it).
    pub seed: Option<u64>,
    /// Length of the measured window, after the warm-up, e.g. "8h".
    #[schemars(with = "Dur")]
    pub horizon: Spanned<Dur>,
    /// Simulated time before the measured window, not counted (default 0s).
    pub warmup: Option<Dur>,
    /// Independent replications of the day (default 1).
    #[schemars(with = "Option<u32>", range(min = 1, max = 1_000_000))]
    pub replications: Option<Spanned<u32>>,
    /// Length of a reporting interval (default "30m").
    #[schemars(with = "Option<Dur>")]
    pub interval: Option<Spanned<Dur>>,
    /// Clock time at the start of the measured window, for labels, e.g. "08:00".
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub day_start: Option<Spanned<String>>,
    /// The service-level definition (default 80 % within 20 s).
    pub service_level: Option<RawServiceLevel>,
    /// The kinds of contact.
    #[serde(default)]
    pub contact_types: Vec<RawContactType>,
    /// The groups of agents.
    #[serde(default)]
    pub agent_groups: Vec<RawAgentGroup>,
    /// Which group takes a contact when several have idle agents with its skill:
    /// "longest_idle" (default), "most_idle_group" or "least_skilled_first".
    pub routing: Option<crate::routing::Routing>,
    /// The training game's part of a mission file (briefing, objectives, budget; see
    /// `sim_core::training::mission`). A simulation run ignores it, so a mission file
    /// runs as a plain scenario.
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    #[allow(dead_code, reason = "checked by the game, not by a simulation run")]
    pub mission: Option<toml::Table>,
}

/// "target of contacts answered within threshold".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawServiceLevel {
    /// Answer-time threshold, e.g. "20s".
    pub threshold: Dur,
    /// Target share between 0 and 1 (0.8 for 80 %).
    #[schemars(with = "f64", range(min = 0.0, max = 1.0))]
    pub target: Spanned<f64>,
}

/// A kind of contact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContactType {
    /// Name, unique in the scenario; agent groups list it in their skills.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Poisson arrivals: a rate per hour (constant or per period) or calls per period.
    #[schemars(with = "RawArrivals")]
    pub arrivals: Spanned<RawArrivals>,
    /// Talk time.
    #[schemars(with = "RawDist")]
    pub handle_time: Spanned<RawDist>,
    /// After-contact work (default none).
    #[schemars(with = "Option<RawDist>")]
    pub wrap_up: Option<Spanned<RawDist>>,
    /// How long a caller waits before hanging up (omitted: never).
    #[schemars(with = "Option<RawDist>")]
    pub patience: Option<Spanned<RawDist>>,
    /// Higher is served first (default 0).
    pub priority: Option<i32>,
}

/// Poisson arrivals. Give `rate_per_hour` (a number, or a list per period) or
/// `calls_per_period` (a list of volumes per period).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArrivals {
    /// Calls per hour: one number, or one per period.
    #[schemars(with = "Option<Numbers>")]
    pub rate_per_hour: Option<Spanned<Numbers>>,
    /// Calls per period (a forecast's volumes).
    #[schemars(with = "Option<Numbers>")]
    pub calls_per_period: Option<Spanned<Numbers>>,
    /// Length of a period (default: the reporting interval).
    #[schemars(with = "Option<Dur>")]
    pub period: Option<Spanned<Dur>>,
}

/// A group of interchangeable agents.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgentGroup {
    /// Name, unique in the scenario.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Agents on duty: one number, or one per period.
    #[schemars(with = "Numbers")]
    pub agents: Spanned<Numbers>,
    /// Length of a staffing period (default: the reporting interval).
    #[schemars(with = "Option<Dur>")]
    pub period: Option<Spanned<Dur>>,
    /// The contact types this group serves.
    #[schemars(with = "Vec<String>")]
    pub skills: Spanned<Vec<Spanned<String>>>,
    /// Labour cost of one agent-hour on duty (default 0).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    pub wage_per_hour: Option<Spanned<f64>>,
    /// Talk-time multiplier per skill, e.g. `{ sales = 0.8, service = 1.3 }`: 0.8 is 20 %
    /// faster than the contact type's handle time (default 1 for every skill).
    #[schemars(with = "Option<std::collections::BTreeMap<String, f64>>")]
    pub proficiency: Option<Spanned<std::collections::BTreeMap<String, Spanned<f64>>>>,
}

/// The distribution family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DistKind {
    /// Always `mean`.
    Constant,
    /// Exponential with `mean`.
    Exponential,
    /// Lognormal with `mean` and `sd` or `cv`.
    Lognormal,
    /// Gamma with `mean` and `cv` or `shape`.
    Gamma,
    /// Weibull with `shape` and `scale` or `mean`.
    Weibull,
    /// One of `values`, equally likely.
    Empirical,
    /// No time (patience: never hangs up; wrap-up: none).
    None,
}

/// A distribution of durations, e.g. `{ dist = "lognormal", mean = "4m", cv = 1.0 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
    /// The family.
    pub dist: DistKind,
    /// Mean duration.
    pub mean: Option<Dur>,
    /// Standard deviation (lognormal).
    pub sd: Option<Dur>,
    /// Coefficient of variation, sd / mean (lognormal, gamma).
    pub cv: Option<f64>,
    /// Shape (gamma, Weibull).
    pub shape: Option<f64>,
    /// Scale (Weibull).
    pub scale: Option<Dur>,
    /// The values (empirical).
    pub values: Option<Vec<Dur>>,
}

/// A duration written as a string with units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dur(pub SimDuration);

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dur;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration like \"4m\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Dur, E> {
                s.parse().map(Dur).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "expected a duration like \"4m\", found the number {n} (add a unit: \"{n}s\", \"{n}m\", \"{n}h\")"
                )))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Dur, E> {
                self.visit_i64(n as i64)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "expected a duration like \"4m\", found the number {n} (add a unit: \"{n}m\")"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Dur {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration with units: d, h, m, s, ms, e.g. \"20s\", \"4m\", \"1h30m\", \"2.5m\".",
            "pattern": "^\\s*([0-9]+(\\.[0-9]+)?(d|h|min|m|s|ms))+\\s*$"
        })
    }
}

impl JsonSchema for Numbers {
    fn schema_name() -> Cow<'static, str> {
        "NumberOrList".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, or a list of numbers (one per period).",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "array", "items": { "type": "number", "minimum": 0 }, "minItems": 1 }
            ]
        })
    }
}

/// The JSON Schema of the scenario format, for editors.
pub fn json_schema() -> Schema {
    schemars::schema_for!(RawScenario)
}

/// A number, or a list of numbers (a per-period profile).
#[derive(Clone, Debug, PartialEq)]
pub enum Numbers {
    One(f64),
    List(Vec<f64>),
}

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Numbers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a list of numbers")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Numbers, E> {
                Ok(Numbers::One(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Numbers, E> {
                Ok(Numbers::One(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Numbers, E> {
                Ok(Numbers::One(n))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Numbers, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element::<Number>()? {
                    v.push(x.0);
                }
                Ok(Numbers::List(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// One number, integer or float.
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(Number(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Number, E> {
                Ok(Number(n))
            }
        }
        d.deserialize_any(V)
    }
}
