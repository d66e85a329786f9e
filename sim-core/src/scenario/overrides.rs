//! `--set PATH=VALUE`: change any field of a scenario before it is checked.
//!
//! PATH walks tables by key and arrays of tables by their `name` (or index):
//! `agent_groups.tier1.agents=12`, `contact_types.general.handle_time.mean=5m`,
//! `service_level.target=0.9`. VALUE is read as TOML (`12`, `true`, `[1, 2]`,
//! `{ dist = "exponential", mean = "3m" }`) and, if it is not valid TOML, as a string
//! (`5m`). The file is edited in place (toml_edit), so the rest keeps its line numbers,
//! and a problem in an overridden value is reported against the flag.

use std::str::FromStr;

use toml_edit::{DocumentMut, Item, Table, Value};

use super::error::{Problem, ScenarioError, Source};

/// One `PATH=VALUE` override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// Dotted path, e.g. `agent_groups.tier1.agents`.
    pub path: String,
    /// The new value, as written.
    pub value: String,
}

impl FromStr for Override {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once('=') {
            Some((p, v)) if !p.trim().is_empty() && !v.trim().is_empty() => Ok(Override {
                path: p.trim().to_string(),
                value: v.trim().to_string(),
            }),
            _ => Err(format!(
                "expected PATH=VALUE (e.g. agent_groups.tier1.agents=12), found \"{s}\""
            )),
        }
    }
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

/// An override as applied: the flag as written and the field path it resolved to
/// (`agent_groups[0].agents`), so problems in that field are blamed on the flag.
#[derive(Clone, Debug)]
pub(crate) struct Applied {
    pub flag: String,
    pub canonical: String,
    pub last_key: String,
}

impl Applied {
    pub fn covers(&self, path: &str) -> bool {
        path == self.canonical
            || path.starts_with(&format!("{}.", self.canonical))
            || path.starts_with(&format!("{}[", self.canonical))
    }

    pub fn names_unknown_field(&self, message: &str) -> bool {
        message.starts_with(&format!("unknown field `{}`", self.last_key))
    }
}

/// Reads an overlay: a partial scenario in TOML whose every value overrides the same
/// field of a scenario (arrays of tables are matched by `name`). It is the same as the
/// list of `--set` flags it stands for, which this returns.
///
/// ```
/// use sim_core::scenario::overlay_overrides;
/// let o = overlay_overrides("[[agent_groups]]\nname = \"tier1\"\nagents = [8, 9]\n", "plan.toml").unwrap();
/// assert_eq!(o[0].to_string(), "agent_groups.tier1.agents=[8, 9]");
/// ```
pub fn overlay_overrides(text: &str, origin: &str) -> Result<Vec<Override>, ScenarioError> {
    let src = Source { name: origin, text };
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        ScenarioError::single(src.problem(e.span(), "", e.message().trim().to_string()))
    })?;
    let mut out = Vec::new();
    walk(src, doc.as_table(), "", &mut out)?;
    Ok(out)
}

fn walk(
    src: Source<'_>,
    table: &Table,
    prefix: &str,
    out: &mut Vec<Override>,
) -> Result<(), ScenarioError> {
    for (key, item) in table.iter() {
        let path = join(prefix, key);
        match item {
            Item::Table(t) => walk(src, t, &path, out)?,
            Item::ArrayOfTables(arr) => {
                for t in arr.iter() {
                    let Some(name) = t.get("name").and_then(Item::as_str) else {
                        return Err(ScenarioError::single(src.problem(
                            t.span(),
                            &path,
                            "each entry of an overlay's array of tables needs the `name` of the entry it changes".into(),
                        )));
                    };
                    let element = join(&path, name);
                    for (k, v) in t.iter().filter(|(k, _)| *k != "name") {
                        let mut single = Table::new();
                        single.insert(k, v.clone());
                        walk(src, &single, &element, out)?;
                    }
                }
            }
            Item::Value(v) => {
                let mut v = v.clone();
                v.decor_mut().clear();
                out.push(Override {
                    path,
                    value: v.to_string().trim().to_string(),
                });
            }
            Item::None => {}
        }
    }
    Ok(())
}

pub(crate) fn apply(
    src: Source<'_>,
    overrides: &[Override],
) -> Result<(String, Vec<Applied>), ScenarioError> {
    let mut doc: DocumentMut = src.text.parse().map_err(|e: toml_edit::TomlError| {
        ScenarioError::single(src.problem(e.span(), "", e.message().trim().to_string()))
    })?;
    let mut applied = Vec::new();
    for ov in overrides {
        let fail = |message: String| {
            ScenarioError::single(Problem {
                origin: format!("--set {ov}"),
                line: 0,
                column: 0,
                path: ov.path.clone(),
                message,
                span: None,
            })
        };
        let segments: Vec<&str> = ov.path.split('.').map(str::trim).collect();
        if segments.iter().any(|s| s.is_empty()) {
            return Err(fail("the path has an empty part".into()));
        }
        let value = parse_value(&ov.value);
        let canonical = set(doc.as_table_mut(), &segments, value, String::new()).map_err(fail)?;
        applied.push(Applied {
            flag: ov.to_string(),
            canonical,
            last_key: segments[segments.len() - 1].to_string(),
        });
    }
    Ok((doc.to_string(), applied))
}

/// A flag's value as TOML (`12`, `0.8`, `true`, `[1, 2]`, `"x"`), else as a string
/// (`4m`, `longest_idle`). TOML dates and times are strings too: no scenario field is a
/// TOML date, and clock times such as `08:00` are written as strings.
fn parse_value(text: &str) -> Value {
    if let Ok(doc) = format!("v = {text}").parse::<DocumentMut>()
        && let Some(v) = doc.get("v").and_then(Item::as_value)
        && !v.is_datetime()
    {
        let mut v = v.clone();
        v.decor_mut().clear();
        return v;
    }
    Value::from(text)
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Sets `segments` under `table`, returning the canonical path.
fn set(
    table: &mut Table,
    segments: &[&str],
    value: Value,
    prefix: String,
) -> Result<String, String> {
    let key = segments[0];
    let path = join(&prefix, key);
    if segments.len() == 1 {
        match table.get_mut(key) {
            Some(item) if item.is_value() => {
                let old = item.as_value_mut().expect("checked");
                let decor = old.decor().clone();
                *old = value;
                *old.decor_mut() = decor;
            }
            Some(_) => return Err(format!("`{key}` is a table; name a field inside it")),
            None => {
                table.insert(key, Item::Value(value));
            }
        }
        return Ok(path);
    }
    if !table.contains_key(key) {
        table.insert(key, Item::Table(Table::new()));
    }
    match table.get_mut(key).expect("inserted") {
        Item::Table(t) => set(t, &segments[1..], value, path),
        Item::ArrayOfTables(arr) => {
            let (i, t) = find_named(arr.iter_mut().enumerate(), segments[1], &path)?;
            let element = format!("{path}[{i}]");
            if segments.len() == 2 {
                return Err(format!(
                    "`{}` is a whole entry; name a field inside it",
                    segments[1]
                ));
            }
            set(t, &segments[2..], value, element)
        }
        Item::Value(Value::InlineTable(t)) => set_inline(t, &segments[1..], value, path),
        Item::Value(Value::Array(arr)) => {
            let next = segments[1];
            let i: usize = next
                .parse()
                .map_err(|_| format!("`{path}` is a list; use an index like {path}.0"))?;
            let len = arr.len();
            match arr.get_mut(i) {
                Some(v) if segments.len() == 2 => {
                    *v = value;
                    Ok(format!("{path}[{i}]"))
                }
                Some(Value::InlineTable(t)) => {
                    set_inline(t, &segments[2..], value, format!("{path}[{i}]"))
                }
                Some(_) => Err(format!("`{path}[{i}]` is not a table")),
                None => Err(format!(
                    "`{path}` has {len} entries; index {i} is out of range"
                )),
            }
        }
        Item::Value(_) => Err(format!("`{path}` is a single value, not a table")),
        Item::None => Err(format!("`{path}` does not exist")),
    }
}

fn set_inline(
    t: &mut toml_edit::InlineTable,
    segments: &[&str],
    value: Value,
    prefix: String,
) -> Result<String, String> {
    let key = segments[0];
    let path = join(&prefix, key);
    if segments.len() == 1 {
        t.insert(key, value);
        return Ok(path);
    }
    match t.get_mut(key) {
        Some(Value::InlineTable(inner)) => set_inline(inner, &segments[1..], value, path),
        Some(_) => Err(format!("`{path}` is a single value, not a table")),
        None => {
            t.insert(key, Value::InlineTable(toml_edit::InlineTable::new()));
            match t.get_mut(key) {
                Some(Value::InlineTable(inner)) => set_inline(inner, &segments[1..], value, path),
                _ => unreachable!("just inserted an inline table"),
            }
        }
    }
}

/// Finds an array element by its `name` field, or by index.
fn find_named<'a>(
    mut items: impl Iterator<Item = (usize, &'a mut Table)>,
    selector: &str,
    path: &str,
) -> Result<(usize, &'a mut Table), String> {
    let mut names = Vec::new();
    let by_index: Option<usize> = selector.parse().ok();
    for (i, t) in items.by_ref() {
        let name = t
            .get("name")
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string();
        if name == selector || by_index == Some(i) {
            return Ok((i, t));
        }
        names.push(format!("\"{name}\""));
    }
    Err(format!(
        "no entry of `{path}` is named \"{selector}\" (entries: {})",
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    ))
}
