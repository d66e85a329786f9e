//! Per-call records and their parsers. A bad row never aborts a read: it is skipped and
//! counted under its reason with the first line numbers, so a user sees what was lost.
//! A file whose header is not the format's is an error naming the file and line 1.

use std::collections::BTreeMap;

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Served by an agent.
    Served,
    /// Hung up while waiting in the queue.
    Abandoned,
    /// Left in the IVR without queueing (self-served, or hung up there).
    LeftInIvr,
}

/// One call.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRecord {
    /// The calendar day, as days since 1970-01-01.
    pub day: i64,
    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub weekday: u8,
    /// The service type (contact type).
    pub contact_type: String,
    /// Priority class (0 = regular).
    pub priority: u8,
    /// Arrival, seconds after midnight (entering the IVR if there is one, else the queue).
    pub arrival_s: f64,
    /// Time in the IVR, seconds.
    pub ivr_s: f64,
    /// Time waiting in the queue, seconds (`None`: never queued).
    pub wait_s: Option<f64>,
    /// How it ended.
    pub outcome: Outcome,
    /// Talk time of a served call, seconds.
    pub service_s: Option<f64>,
    /// The agent who served it.
    pub agent: Option<String>,
}

/// A parsed log: the records, and the rows skipped with their reasons.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedLog {
    /// Calls, in file order.
    pub records: Vec<CallRecord>,
    /// Reason → (rows skipped, the first few line numbers).
    pub skipped: BTreeMap<String, (usize, Vec<usize>)>,
}

impl ParsedLog {
    fn skip(&mut self, line: usize, reason: impl Into<String>) {
        let e = self.skipped.entry(reason.into()).or_default();
        e.0 += 1;
        if e.1.len() < 5 {
            e.1.push(line);
        }
    }

    /// Rows skipped, all reasons.
    pub fn skipped_rows(&self) -> usize {
        self.skipped.values().map(|(n, _)| n).sum()
    }

    /// One line per reason: `12 rows: a time is not h:mm:ss (lines 4, 9, ...)`.
    pub fn skipped_summary(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|(reason, (n, lines))| {
                let list: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                let more = if *n > lines.len() { ", ..." } else { "" };
                format!(
                    "{n} row{}: {reason} (line{} {}{more})",
                    if *n == 1 { "" } else { "s" },
                    if lines.len() == 1 { "" } else { "s" },
                    list.join(", ")
                )
            })
            .collect()
    }
}

/// A log that cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}: {message}")]
pub struct LogError {
    /// The file.
    pub origin: String,
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The Anonymous Bank header's 17 fields.
pub const ANONYMOUS_BANK_FIELDS: [&str; 17] = [
    "vru+line",
    "call_id",
    "customer_id",
    "priority",
    "type",
    "date",
    "vru_entry",
    "vru_exit",
    "vru_time",
    "q_start",
    "q_exit",
    "q_time",
    "outcome",
    "ser_start",
    "ser_exit",
    "ser_time",
    "server",
];

/// Reads the Anonymous Bank format (tab-separated, a header line, 17 fields; see
/// `shared/data/anonymous-bank-1999/README.md`). PHANTOM calls are skipped as virtual.
///
/// ```
/// use sim_core::calibrate::log::{Outcome, parse_anonymous_bank};
/// let text = "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n\
///             AA0101\t1\t0\t2\tPS\t990101\t6:55:20\t6:55:26\t6\t6:55:26\t6:55:43\t17\tAGENT\t6:55:43\t6:56:37\t54\tMICHAL\n";
/// let log = parse_anonymous_bank(text, "jan.txt").unwrap();
/// let r = &log.records[0];
/// assert_eq!((r.weekday, r.outcome, r.wait_s, r.service_s), (5, Outcome::Served, Some(17.0), Some(54.0)));
/// ```
pub fn parse_anonymous_bank(text: &str, origin: &str) -> Result<ParsedLog, LogError> {
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l.trim_end_matches('\r'));
    let fields: Vec<&str> = header.unwrap_or("").split('\t').map(str::trim).collect();
    if fields != ANONYMOUS_BANK_FIELDS {
        return Err(LogError {
            origin: origin.into(),
            line: 1,
            message: format!(
                "not an Anonymous Bank log: the header must be the 17 tab-separated fields {}",
                ANONYMOUS_BANK_FIELDS.join(", ")
            ),
        });
    }
    Ok(rows(lines, '\t', 17, bank_row))
}

/// The data rows after the header: each split on `sep` into `width` fields and read by
/// `row`, or skipped with its reason.
fn rows<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    sep: char,
    width: usize,
    row: fn(&[&str]) -> Result<CallRecord, String>,
) -> ParsedLog {
    let mut log = ParsedLog::default();
    for (i, line) in lines {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(sep).map(str::trim).collect();
        if f.len() != width {
            log.skip(n, format!("expected {width} fields, found {}", f.len()));
            continue;
        }
        match row(&f) {
            Ok(r) => log.records.push(r),
            Err(reason) => log.skip(n, reason),
        }
    }
    log
}

fn bank_row(f: &[&str]) -> Result<CallRecord, String> {
    let outcome = match f[12] {
        "AGENT" => Outcome::Served,
        "HANG" => Outcome::Abandoned,
        "PHANTOM" => return Err("a PHANTOM (virtual) call".into()),
        other => return Err(format!("unknown outcome \"{other}\"")),
    };
    let day = yymmdd(f[5]).ok_or("date is not a valid YYMMDD")?;
    let clock = |s: &str, field: &str| hms(s).ok_or_else(|| format!("{field} is not h:mm:ss"));
    let secs = |s: &str, field: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .ok_or_else(|| format!("{field} is not a number of seconds of 0 or more"))
    };
    let vru_entry = clock(f[6], "vru_entry")?;
    let vru_time = secs(f[8], "vru_time")?;
    let q_start = clock(f[9], "q_start")?;
    let q_time = secs(f[11], "q_time")?;
    let ser_time = secs(f[15], "ser_time")?;
    let queued = q_start > 0.0 || q_time > 0.0;
    let outcome = match outcome {
        Outcome::Abandoned if !queued => Outcome::LeftInIvr,
        o => o,
    };
    let priority = f[3]
        .parse::<u8>()
        .map_err(|_| format!("priority is not 0, 1 or 2: \"{}\"", f[3]))?;
    Ok(CallRecord {
        day,
        weekday: weekday(day),
        contact_type: f[4].to_string(),
        priority,
        arrival_s: vru_entry,
        ivr_s: vru_time,
        wait_s: queued.then_some(q_time),
        outcome,
        service_s: (outcome == Outcome::Served && ser_time > 0.0).then_some(ser_time),
        agent: (outcome == Outcome::Served && f[16] != "NO_SERVER").then(|| f[16].to_string()),
    })
}

/// The generic CSV's header: arrival time, type, queue entry, answer, end, outcome, agent.
pub const GENERIC_FIELDS: [&str; 8] = [
    "date",
    "arrival",
    "type",
    "queue_entry",
    "answer",
    "end",
    "outcome",
    "agent",
];

/// Reads the generic CSV: a header `date,arrival,type,queue_entry,answer,end,outcome,agent`;
/// `date` is `YYYY-MM-DD`, times are `hh:mm:ss` of that day (empty when it did not
/// happen), `outcome` is `served`, `abandoned` or `ivr` (left in the IVR), `agent` may be
/// empty. A queued call has a `queue_entry`; a served one an `answer` and an `end`; an
/// abandoned one an `end` (when it hung up).
///
/// ```
/// use sim_core::calibrate::log::{Outcome, parse_generic_csv};
/// let text = "date,arrival,type,queue_entry,answer,end,outcome,agent\n\
///             2024-03-04,09:00:00,sales,09:00:20,09:01:00,09:05:00,served,ann\n\
///             2024-03-04,09:02:00,sales,09:02:10,,09:03:10,abandoned,\n";
/// let log = parse_generic_csv(text, "day.csv").unwrap();
/// assert_eq!(log.records[0].wait_s, Some(40.0));
/// assert_eq!(log.records[0].service_s, Some(240.0));
/// assert_eq!((log.records[1].outcome, log.records[1].wait_s), (Outcome::Abandoned, Some(60.0)));
/// assert_eq!(log.records[0].weekday, 1); // a Monday
/// ```
pub fn parse_generic_csv(text: &str, origin: &str) -> Result<ParsedLog, LogError> {
    let mut lines = text.lines().enumerate();
    let header: Vec<String> = lines
        .next()
        .map(|(_, l)| {
            l.trim_end_matches('\r')
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    if header != GENERIC_FIELDS {
        return Err(LogError {
            origin: origin.into(),
            line: 1,
            message: format!("the header must be {}", GENERIC_FIELDS.join(",")),
        });
    }
    Ok(rows(lines, ',', 8, generic_row))
}

fn generic_row(f: &[&str]) -> Result<CallRecord, String> {
    let day = iso_date(f[0]).ok_or("date is not a valid YYYY-MM-DD")?;
    let time = |s: &str, field: &str| -> Result<Option<f64>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        hms(s)
            .map(Some)
            .ok_or_else(|| format!("{field} is not hh:mm:ss"))
    };
    let arrival = time(f[1], "arrival")?.ok_or("arrival is empty")?;
    let queue = time(f[3], "queue_entry")?;
    let answer = time(f[4], "answer")?;
    let end = time(f[5], "end")?;
    let order = |a: Option<f64>, b: Option<f64>, what: &str| match (a, b) {
        (Some(a), Some(b)) if b < a => Err(format!("times out of order: {what}")),
        _ => Ok(()),
    };
    order(Some(arrival), queue, "queue_entry before arrival")?;
    order(queue, answer, "answer before queue_entry")?;
    order(
        answer.or(queue),
        end,
        "end before the answer or the queue entry",
    )?;
    let outcome = match f[6] {
        "served" => Outcome::Served,
        "abandoned" => Outcome::Abandoned,
        "ivr" => Outcome::LeftInIvr,
        other => {
            return Err(format!(
                "unknown outcome \"{other}\" (served, abandoned or ivr)"
            ));
        }
    };
    let (wait_s, service_s) = match outcome {
        Outcome::Served => {
            let (Some(a), Some(e)) = (answer, end) else {
                return Err("a served call needs answer and end".into());
            };
            (Some(a - queue.unwrap_or(a)), Some(e - a))
        }
        Outcome::Abandoned => {
            let (Some(q), Some(e)) = (queue, end) else {
                return Err("an abandoned call needs queue_entry and end".into());
            };
            (Some(e - q), None)
        }
        Outcome::LeftInIvr => (None, None),
    };
    Ok(CallRecord {
        day,
        weekday: weekday(day),
        contact_type: f[2].to_string(),
        priority: 0,
        arrival_s: arrival,
        ivr_s: queue.map_or(0.0, |q| q - arrival),
        wait_s,
        outcome,
        service_s,
        agent: (!f[7].is_empty()).then(|| f[7].to_string()),
    })
}

/// `h:mm:ss` → seconds.
fn hms(s: &str) -> Option<f64> {
    let mut it = s.split(':');
    let h: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let sec: u32 = it.next()?.parse().ok()?;
    (it.next().is_none() && m < 60 && sec < 60 && h < 48)
        .then(|| f64::from(h * 3600 + m * 60 + sec))
}

/// `YYMMDD` (19xx for 50–99, else 20xx) → days since 1970-01-01.
fn yymmdd(s: &str) -> Option<i64> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i64 = s[0..2].parse().ok()?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    civil(year, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
}

/// A day given as `YYYY-MM-DD`, as days since 1970-01-01 (the [`CallRecord::day`] key).
pub fn parse_iso_day(s: &str) -> Option<i64> {
    iso_date(s.trim())
}

/// `YYYY-MM-DD` → days since 1970-01-01.
fn iso_date(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let (y, m, d) = (
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    );
    if it.next().is_some() {
        return None;
    }
    civil(y, m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil(y: i64, m: u32, d: u32) -> Option<i64> {
    let days_in = [
        31,
        28 + u32::from(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days_in[m as usize - 1] {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
pub fn weekday(day: i64) -> u8 {
    (day + 4).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_weekdays() {
        assert_eq!(civil(1970, 1, 1), Some(0));
        assert_eq!(weekday(yymmdd("990101").unwrap()), 5); // a Friday
        assert_eq!(weekday(iso_date("2026-11-23").unwrap()), 1); // a Monday
        assert_eq!(yymmdd("990230"), None);
        assert_eq!(hms("10:61:00"), None);
        assert_eq!(hms("0:03:09"), Some(189.0));
    }

    #[test]
    fn bad_rows_are_counted_with_their_lines() {
        let head = ANONYMOUS_BANK_FIELDS.join("\t");
        let good = "AA0101\t1\t0\t2\tPS\t990101\t6:55:20\t6:55:26\t6\t6:55:26\t6:55:43\t17\tAGENT\t6:55:43\t6:56:37\t54\tMICHAL";
        let text = [
            head.as_str(),
            good,
            "AA0101\t2\t0\t2\tPS\t990101",
            &good.replace("AGENT", "LOST"),
            &good.replace("6:55:20", "6:5x:20"),
            &good.replace("AGENT", "PHANTOM"),
            &good.replace("990101", "991399"),
        ]
        .join("\r\n");
        let log = parse_anonymous_bank(&text, "x.txt").unwrap();
        assert_eq!(log.records.len(), 1);
        assert_eq!(log.skipped_rows(), 5);
        assert_eq!(
            log.skipped_summary(),
            [
                "1 row: a PHANTOM (virtual) call (line 6)",
                "1 row: date is not a valid YYMMDD (line 7)",
                "1 row: expected 17 fields, found 6 (line 3)",
                "1 row: unknown outcome \"LOST\" (line 4)",
                "1 row: vru_entry is not h:mm:ss (line 5)",
            ]
        );
        let err = parse_anonymous_bank("a,b,c\n", "y.csv").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("y.csv:1: not an Anonymous Bank log")
        );
    }

    #[test]
    fn generic_rows_out_of_order_are_refused() {
        let text = "date,arrival,type,queue_entry,answer,end,outcome,agent\n\
                    2024-03-04,09:00:00,sales,08:59:00,,09:01:00,abandoned,\n\
                    2024-03-04,09:00:00,sales,09:00:10,,,abandoned,\n\
                    2024-03-04,09:00:00,sales,09:00:10,09:00:30,09:02:00,served,\n";
        let log = parse_generic_csv(text, "g.csv").unwrap();
        assert_eq!(log.records.len(), 1);
        assert_eq!(
            log.skipped_summary(),
            [
                "1 row: an abandoned call needs queue_entry and end (line 3)",
                "1 row: times out of order: queue_entry before arrival (line 2)",
            ]
        );
    }
}
