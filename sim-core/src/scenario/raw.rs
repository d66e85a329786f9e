//! The scenario file as written: serde structs that mirror the TOML (DESIGN §3.1).
//! Unknown fields are refused. [`super::check`] turns these into the checked model.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::fmt;
use toml::Spanned;

use crate::time::SimDuration;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Spanned<String>,
    pub description: Option<String>,
    pub seed: Option<u64>,
    pub horizon: Spanned<Dur>,
    pub warmup: Option<Dur>,
    pub replications: Option<Spanned<u32>>,
    pub interval: Option<Spanned<Dur>>,
    pub day_start: Option<Spanned<String>>,
    pub service_level: Option<RawServiceLevel>,
    #[serde(default)]
    pub contact_types: Vec<RawContactType>,
    #[serde(default)]
    pub agent_groups: Vec<RawAgentGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServiceLevel {
    pub threshold: Dur,
    pub target: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContactType {
    pub name: Spanned<String>,
    pub arrivals: Spanned<RawArrivals>,
    pub handle_time: Spanned<RawDist>,
    pub wrap_up: Option<Spanned<RawDist>>,
    pub patience: Option<Spanned<RawDist>>,
    pub priority: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArrivals {
    pub rate_per_hour: Option<Spanned<Numbers>>,
    pub calls_per_period: Option<Spanned<Numbers>>,
    pub period: Option<Spanned<Dur>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgentGroup {
    pub name: Spanned<String>,
    pub agents: Spanned<Numbers>,
    pub period: Option<Spanned<Dur>>,
    pub skills: Spanned<Vec<Spanned<String>>>,
    pub wage_per_hour: Option<Spanned<f64>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DistKind {
    Constant,
    Exponential,
    Lognormal,
    Gamma,
    Weibull,
    Empirical,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
    pub dist: DistKind,
    pub mean: Option<Dur>,
    pub sd: Option<Dur>,
    pub cv: Option<f64>,
    pub shape: Option<f64>,
    pub scale: Option<Dur>,
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
