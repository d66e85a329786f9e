//! Scenario errors: every problem names where it is (file, line, column, field path)
//! and what was expected.

use std::fmt;

/// One problem in a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the text came from: a file name, or the `--set PATH=VALUE` flag.
    pub origin: String,
    /// 1-based line, or 0 when the origin has no lines (a flag).
    pub line: usize,
    /// 1-based column (characters), or 0.
    pub column: usize,
    /// The field, e.g. `contact_types[0].handle_time.mean`; empty for the whole file.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// Byte range of the offending text in the source, when known.
    pub span: Option<std::ops::Range<usize>>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A scenario could not be read: one or more [`Problem`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The problems, in the order they appear.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

impl ScenarioError {
    pub(crate) fn single(p: Problem) -> Self {
        ScenarioError { problems: vec![p] }
    }
}

/// Named source text: turns byte offsets into line and column numbers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn problem(
        &self,
        span: Option<std::ops::Range<usize>>,
        path: &str,
        message: String,
    ) -> Problem {
        let (line, column) = span.as_ref().map_or((0, 0), |s| self.position(s.start));
        Problem {
            origin: self.name.to_string(),
            line,
            column,
            path: path.to_string(),
            message,
            span,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
