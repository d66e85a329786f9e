//! The points of a sweep: a full grid from `--vary PATH=VALUES` flags, or an explicit
//! list from `--points FILE.csv`.
//!
//! VALUES forms: `8..16` (integers, both ends included), `8..16:2` (with a step),
//! `0.70..0.90:0.05` (decimals need a step), `8,10,12`, `3m,4m,5m`, `true,false`. With
//! several `--vary`, the first varies slowest (row-major order), so point numbers are
//! stable and shards are reproducible.

use sim_core::scenario::Override;
use sim_core::time::SimDuration;

/// One `--vary`: a path and its values, as strings for `--set`.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<String>,
}

/// Parses `PATH=VALUES`.
pub fn parse_axis(spec: &str) -> Result<Axis, String> {
    let (path, values) = spec
        .split_once('=')
        .filter(|(p, v)| !p.trim().is_empty() && !v.trim().is_empty())
        .ok_or_else(|| {
            format!("expected PATH=VALUES (e.g. agent_groups.tier1.agents=8..16), found \"{spec}\"")
        })?;
    let values = parse_values(values.trim()).map_err(|e| format!("{}: {e}", path.trim()))?;
    Ok(Axis {
        path: path.trim().to_string(),
        values,
    })
}

fn parse_values(v: &str) -> Result<Vec<String>, String> {
    if let Some((from, rest)) = v.split_once("..") {
        let (to, step) = match rest.split_once(':') {
            Some((t, s)) => (t, Some(s)),
            None => (rest, None),
        };
        let all_int = [from, to]
            .iter()
            .chain(step.iter())
            .all(|x| x.trim().parse::<i64>().is_ok());
        if all_int {
            let (a, b): (i64, i64) = (from.trim().parse().unwrap(), to.trim().parse().unwrap());
            let s: i64 = step
                .map_or(Ok(1), |s| s.trim().parse())
                .map_err(|_| bad_range(v))?;
            if s <= 0 || b < a {
                return Err(format!(
                    "the range \"{v}\" is empty (it needs FROM <= TO and a step > 0)"
                ));
            }
            let n = (b - a) / s + 1;
            if n > 1_000_000 {
                return Err(format!(
                    "the range \"{v}\" has {n} values; at most 1,000,000"
                ));
            }
            return Ok((0..n).map(|k| (a + k * s).to_string()).collect());
        }
        // Durations: 3m..6m:30s.
        if let (Ok(a), Ok(b)) = (
            from.trim().parse::<SimDuration>(),
            to.trim().parse::<SimDuration>(),
        ) {
            let s: SimDuration = match step {
                Some(s) => s.trim().parse().map_err(|_| bad_range(v))?,
                None => {
                    return Err(format!(
                        "the duration range \"{v}\" needs a step, e.g. {from}..{to}:30s"
                    ));
                }
            };
            if s.0 == 0 || b < a {
                return Err(format!(
                    "the range \"{v}\" is empty (it needs FROM <= TO and a step > 0)"
                ));
            }
            let n = (b.0 - a.0) / s.0 + 1;
            if n > 1_000_000 {
                return Err(format!(
                    "the range \"{v}\" has {n} values; at most 1,000,000"
                ));
            }
            return Ok((0..n)
                .map(|k| SimDuration(a.0 + k * s.0).to_string())
                .collect());
        }
        let (a, b, s): (f64, f64, f64) = match (
            from.trim().parse(),
            to.trim().parse(),
            step.map(|s| s.trim().parse()),
        ) {
            (Ok(a), Ok(b), Some(Ok(s))) => (a, b, s),
            (Ok(_), Ok(_), None) => {
                return Err(format!(
                    "the decimal range \"{v}\" needs a step, e.g. {from}..{to}:0.05"
                ));
            }
            _ => return Err(bad_range(v)),
        };
        if !(s > 0.0 && b >= a && a.is_finite() && b.is_finite()) {
            return Err(format!(
                "the range \"{v}\" is empty (it needs FROM <= TO and a step > 0)"
            ));
        }
        let n = ((b - a) / s + 1e-9).floor() as i64 + 1;
        if n > 1_000_000 {
            return Err(format!(
                "the range \"{v}\" has {n} values; at most 1,000,000"
            ));
        }
        // Values are printed rounded to the step's decimals, so 0.7 + 3 × 0.05 is "0.85".
        let decimals = step.map_or(0, |s| s.trim().split_once('.').map_or(0, |(_, d)| d.len()));
        return Ok((0..n)
            .map(|k| format!("{:.*}", decimals, a + k as f64 * s))
            .collect());
    }
    let values: Vec<String> = v.split(',').map(|x| x.trim().to_string()).collect();
    if values.iter().any(String::is_empty) {
        return Err(format!("the list \"{v}\" has an empty value"));
    }
    Ok(values)
}

fn bad_range(v: &str) -> String {
    format!("expected a range like 8..16, 8..16:2, 0.7..0.9:0.05 or 3m..6m:30s, found \"{v}\"")
}

/// One point of a sweep: its number and the overrides that make it.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub index: usize,
    pub overrides: Vec<Override>,
}

/// The full grid over `axes`, first axis slowest.
pub fn grid(axes: &[Axis]) -> Result<Vec<Point>, String> {
    let total = axes
        .iter()
        .try_fold(1usize, |acc, a| acc.checked_mul(a.values.len()));
    match total {
        Some(n) if n <= 10_000_000 => {}
        _ => return Err("the grid has more than 10,000,000 points".into()),
    }
    let total = total.unwrap_or(0);
    let mut points = Vec::with_capacity(total);
    for index in 0..total {
        let mut rest = index;
        let mut overrides = vec![
            Override {
                path: String::new(),
                value: String::new()
            };
            axes.len()
        ];
        for (k, a) in axes.iter().enumerate().rev() {
            let v = &a.values[rest % a.values.len()];
            rest /= a.values.len();
            overrides[k] = Override {
                path: a.path.clone(),
                value: v.clone(),
            };
        }
        points.push(Point { index, overrides });
    }
    Ok(points)
}

/// Points from a CSV file: a header of paths, one row per point.
pub fn from_csv(text: &str, origin: &str) -> Result<(Vec<String>, Vec<Point>), String> {
    let mut rd = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| format!("{origin}: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    if header.is_empty() || header.iter().any(String::is_empty) {
        return Err(format!(
            "{origin}:1: the header must name a scenario path in every column"
        ));
    }
    let mut points = Vec::new();
    for (i, row) in rd.records().enumerate() {
        let row = row.map_err(|e| format!("{origin}: {e}"))?;
        if row.iter().any(str::is_empty) {
            return Err(format!("{origin}:{}: a value is empty", i + 2));
        }
        points.push(Point {
            index: i,
            overrides: header
                .iter()
                .zip(row.iter())
                .map(|(p, v)| Override {
                    path: p.clone(),
                    value: v.to_string(),
                })
                .collect(),
        });
    }
    if points.is_empty() {
        return Err(format!(
            "{origin}: no points (a header and at least one row are needed)"
        ));
    }
    Ok((header, points))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_forms() {
        let v = |s: &str| parse_values(s).unwrap();
        assert_eq!(v("8..12"), ["8", "9", "10", "11", "12"]);
        assert_eq!(v("8..16:4"), ["8", "12", "16"]);
        assert_eq!(v("8..15:4"), ["8", "12"]);
        assert_eq!(
            v("0.70..0.90:0.05"),
            ["0.70", "0.75", "0.80", "0.85", "0.90"]
        );
        assert_eq!(v("3m,4m, 5m"), ["3m", "4m", "5m"]);
        assert_eq!(v("3m..5m:30s"), ["3m", "3m30s", "4m", "4m30s", "5m"]);
        assert_eq!(v("true,false"), ["true", "false"]);
        for bad in [
            "16..8",
            "8..x",
            "0.1..0.5",
            "1..2:0",
            "a,,b",
            "3m..5m",
            "5m..3m:1m",
        ] {
            assert!(parse_values(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn grid_is_row_major() {
        let axes = [
            Axis {
                path: "a".into(),
                values: vec!["1".into(), "2".into()],
            },
            Axis {
                path: "b".into(),
                values: vec!["x".into(), "y".into(), "z".into()],
            },
        ];
        let g = grid(&axes).unwrap();
        let flat: Vec<String> = g
            .iter()
            .map(|p| format!("{}{}", p.overrides[0].value, p.overrides[1].value))
            .collect();
        assert_eq!(flat, ["1x", "1y", "1z", "2x", "2y", "2z"]);
    }
}
