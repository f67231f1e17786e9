//! Problems found in a timeline file, with the place they were found and a
//! rendering that shows the offending line with a caret under the column.

use std::fmt;

/// A place in a text: 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl TextPosition {
    /// The position of byte `offset` in `text` (clamped to the text, snapped to a character start).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or `<embedded>`).
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<TextPosition>,
    /// What is wrong, in plain words.
    pub message: String,
    /// The text of the offending line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with the file as a whole (cannot be read, too large, …).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// A problem at `position` in `text`. The line is kept for display, with control
    /// characters made visible (see [`visible_line`]).
    pub fn at(file: &str, text: &str, position: TextPosition, message: impl Into<String>) -> Self {
        let source_line = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(|line| visible_line(line.trim_end_matches('\r')));
        Self {
            file: file.to_owned(),
            position: Some(position),
            message: message.into(),
            source_line,
        }
    }

    /// Problems at byte offsets of `text`, in file order (problems at the same offset
    /// keep their order). The same as [`Self::at`] with [`TextPosition::of_offset`] for
    /// each, but the text is read once for all of them rather than once for each.
    pub fn at_offsets(file: &str, text: &str, mut problems: Vec<(usize, String)>) -> Vec<Self> {
        problems.sort_by_key(|(offset, _)| *offset);
        let mut line = 1;
        let mut line_start = 0;
        let mut scanned = 0;
        problems
            .into_iter()
            .map(|(offset, message)| {
                let mut offset = offset.min(text.len());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                let passed = text.get(scanned..offset).unwrap_or_default();
                for (i, _) in passed.match_indices('\n') {
                    line += 1;
                    line_start = scanned + i + 1;
                }
                scanned = scanned.max(offset);
                let before = text.get(line_start..offset).unwrap_or_default();
                let column = before.chars().count() + 1;
                // As `str::lines` has it: no line after a final line feed.
                let source_line = (line_start < text.len()).then(|| {
                    let rest = text.get(line_start..).unwrap_or_default();
                    let end = rest.find('\n').unwrap_or(rest.len());
                    visible_line(rest.get(..end).unwrap_or_default().trim_end_matches('\r'))
                });
                Self {
                    file: file.to_owned(),
                    position: Some(TextPosition { line, column }),
                    message,
                    source_line,
                }
            })
            .collect()
    }

    /// `FILE:LINE:COL` (or just `FILE`), the prefix of the one-line form.
    pub fn location(&self) -> String {
        match self.position {
            Some(TextPosition { line, column }) => format!("{}:{line}:{column}", self.file),
            None => self.file.clone(),
        }
    }

    /// The one-line form: `FILE:LINE:COL: MESSAGE`.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.location(), self.message)
    }

    /// The offending line and a caret under the column, as two lines; `None` without a position.
    pub fn caret_lines(&self) -> Option<(String, String)> {
        let (position, line) = (self.position?, self.source_line.as_ref()?);
        // Keep tabs so the caret lines up under a tab-indented line; everything else becomes a space.
        let pad: String = line
            .chars()
            .take(position.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        Some((line.clone(), format!("{pad}^")))
    }
}

impl fmt::Display for Diagnostic {
    /// ```text
    /// data/wpk_history.ron:214:17: invalid date 1956-02-30: February 1956 has 29 days
    ///     |         date: "1956-02-30",
    ///     |               ^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some((line, caret)) = self.caret_lines() {
            let number = self.position.map_or(0, |p| p.line).to_string();
            let gutter = " ".repeat(number.len());
            write!(f, "\n{number} | {line}\n{gutter} | {caret}")?;
        }
        Ok(())
    }
}

/// A line of a file made safe to print on a terminal, one character for one, so columns
/// and the caret still line up: C0 control characters and DEL become their Unicode
/// control pictures (NUL shows as `␀`), other control characters and the invisible
/// bidirectional formatting characters (which can reorder what a terminal shows)
/// become `\u{fffd}`. Tabs are kept.
pub fn visible_line(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => c,
            '\0'..='\x1f' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            '\x7f' => '\u{2421}',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                '\u{fffd}'
            }
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Finds `did you mean` candidates: the closest of `candidates` to `word`, if it is close.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|&(distance, candidate)| {
            distance > 0 && distance <= (candidate.chars().count() / 3).max(2)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nc한d\n\nxyz";
        let cases = [
            (0, 1, 1),
            (2, 1, 3),
            (3, 2, 1),
            (4, 2, 2),
            (7, 2, 3), // after the three-byte Hangul character
            (9, 3, 1),
            (10, 4, 1),
            (99, 4, 4),
        ];
        for (offset, line, column) in cases {
            assert_eq!(
                TextPosition::of_offset(text, offset),
                TextPosition { line, column },
                "offset {offset}"
            );
        }
        // An offset inside a character snaps back to its start.
        assert_eq!(
            TextPosition::of_offset(text, 5),
            TextPosition { line: 2, column: 2 }
        );
    }

    #[test]
    fn renders_the_line_with_a_caret() {
        let text = "(\n    date: \"1956-02-30\",\n)";
        let diagnostic = Diagnostic::at(
            "t.ron",
            text,
            TextPosition {
                line: 2,
                column: 11,
            },
            "invalid date",
        );
        assert_eq!(
            diagnostic.to_string(),
            "t.ron:2:11: invalid date\n2 |     date: \"1956-02-30\",\n  |           ^"
        );
        let whole = Diagnostic::whole_file("t.ron", "is empty");
        assert_eq!(whole.to_string(), "t.ron: is empty");
    }

    #[test]
    fn many_offsets_at_once_are_placed_as_one_at_a_time() {
        for text in ["", "ab\nc한d\n\nxyz", "a\r\n\r\nb\n", "\n", "한\0\n"] {
            let offsets: Vec<usize> = (0..=text.len() + 2).rev().collect();
            let problems = offsets
                .iter()
                .map(|&offset| (offset, format!("at {offset}")))
                .collect();
            let many = Diagnostic::at_offsets("t.ron", text, problems);
            let one_by_one: Vec<Diagnostic> = offsets
                .iter()
                .rev()
                .map(|&offset| {
                    let position = TextPosition::of_offset(text, offset);
                    Diagnostic::at("t.ron", text, position, format!("at {offset}"))
                })
                .collect();
            assert_eq!(many, one_by_one, "{text:?}");
        }
        // The same offset twice: in the order given.
        let many = Diagnostic::at_offsets(
            "t.ron",
            "abc",
            vec![(1, "first".to_owned()), (1, "second".to_owned())],
        );
        assert_eq!(many[0].message, "first");
        assert_eq!(many[1].message, "second");
    }

    #[test]
    fn control_characters_in_the_line_are_made_visible() {
        assert_eq!(
            visible_line("a\0b\x1b[31m\tc\x7f\u{85}\u{202e}d 첫"),
            "a\u{2400}b\u{241b}[31m\tc\u{2421}\u{fffd}\u{fffd}d 첫"
        );
        let text = "(\n    title: \"Mi\0ni\",\n)";
        let diagnostic = Diagnostic::at(
            "t.ron",
            text,
            TextPosition {
                line: 2,
                column: 15,
            },
            "binary",
        );
        assert_eq!(
            diagnostic.to_string(),
            "t.ron:2:15: binary\n2 |     title: \"Mi\u{2400}ni\",\n  |               ^"
        );
    }

    #[test]
    fn suggests_only_near_names() {
        let fields = ["title", "summary", "details", "category"];
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("catgory", fields), Some("category"));
        assert_eq!(closest("colour", fields), None);
        assert_eq!(closest("title", fields), None);
    }
}
