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
    /// The text of the offending line, for the caret display: the whole line, or for a
    /// long line a window of about [`LINE_WINDOW`] characters around the column, with `…`
    /// where it was cut.
    pub source_line: Option<String>,
    /// How many characters of the line were cut before `source_line` (0: none).
    pub cut_before: usize,
}

/// The most characters of a line shown under a message: a file that is one huge line
/// (a 500 MiB file of zeros) must not have every message repeat all of it.
pub const LINE_WINDOW: usize = 200;

/// The most characters of file text quoted in a message (a name, a word, a value): a
/// file whose first word is 50 MB long must not get a 50 MB message.
pub const QUOTE_LIMIT: usize = 60;

/// The most characters of a whole message: a backstop for any message that quotes
/// several pieces of the file, so no message grows with the size of the file.
pub const MESSAGE_LIMIT: usize = 600;

/// `text` cut to at most `limit` characters, with `…` at the end when it was cut.
/// Reads at most `limit + 1` characters of `text`, whatever its length.
pub fn clip(text: &str, limit: usize) -> String {
    let mut chars = text.char_indices();
    match chars.nth(limit) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let mut shown = text.get(..cut).unwrap_or_default().to_owned();
            shown.push('…');
            shown
        }
    }
}

/// A piece of file text as quoted in a message, cut to [`QUOTE_LIMIT`] characters.
pub fn quote(text: &str) -> String {
    clip(text, QUOTE_LIMIT)
}

/// The shown part of `line` for a problem at 1-based `column`: the whole line made
/// visible if it is short, else a window around the column with `…` at the cuts.
/// Returns the text and how many characters were cut before it.
pub fn line_window(line: &str, column: usize) -> (String, usize) {
    window_of(line, column, LINE_WINDOW)
}

/// [`line_window`] with a window of `width` characters (besides the `…` at its cuts).
fn window_of(line: &str, column: usize, width: usize) -> (String, usize) {
    // Fast path: a line that cannot be longer than the window in characters.
    if line.len() <= width {
        return (visible_line(line), 0);
    }
    let half = width / 2;
    let skip = column.saturating_sub(1).saturating_sub(half);
    let mut chars = line.chars().skip(skip);
    let shown: String = chars.by_ref().take(width).collect();
    if skip == 0 && chars.next().is_none() {
        return (visible_line(line), 0);
    }
    let mut text = String::new();
    if skip > 0 {
        text.push('…');
    }
    text.push_str(&visible_line(&shown));
    if chars.next().is_some() {
        text.push('…');
    }
    (text, skip)
}

/// A message made safe to print on a terminal: like [`visible_line`] (escape sequences,
/// NUL and bidirectional controls become visible), but line feeds are kept.
pub fn escape_control(text: &str) -> String {
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c))
    {
        return text.to_owned();
    }
    text.split('\n')
        .map(visible_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The invisible characters that reorder how a terminal shows a line.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

impl Diagnostic {
    /// A problem with the file as a whole (cannot be read, too large, …).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position: None,
            message: clip(&message.into(), MESSAGE_LIMIT),
            source_line: None,
            cut_before: 0,
        }
    }

    /// A problem at `position` in `text`. The line is kept for display, with control
    /// characters made visible (see [`visible_line`]).
    pub fn at(file: &str, text: &str, position: TextPosition, message: impl Into<String>) -> Self {
        let shown = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(|line| line_window(line.trim_end_matches('\r'), position.column));
        let (source_line, cut_before) = match shown {
            Some((line, cut)) => (Some(line), cut),
            None => (None, 0),
        };
        Self {
            file: file.to_owned(),
            position: Some(position),
            message: clip(&message.into(), MESSAGE_LIMIT),
            source_line,
            cut_before,
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
                let shown = (line_start < text.len()).then(|| {
                    let rest = text.get(line_start..).unwrap_or_default();
                    let end = rest.find('\n').unwrap_or(rest.len());
                    line_window(
                        rest.get(..end).unwrap_or_default().trim_end_matches('\r'),
                        column,
                    )
                });
                let (source_line, cut_before) = match shown {
                    Some((line, cut)) => (Some(line), cut),
                    None => (None, 0),
                };
                Self {
                    file: file.to_owned(),
                    position: Some(TextPosition { line, column }),
                    message: clip(&message, MESSAGE_LIMIT),
                    source_line,
                    cut_before,
                }
            })
            .collect()
    }

    /// `FILE:LINE:COL` (or just `FILE`), the prefix of the one-line form.
    pub fn location(&self) -> String {
        let file = escape_control(&self.file);
        match self.position {
            Some(TextPosition { line, column }) => format!("{file}:{line}:{column}"),
            None => file,
        }
    }

    /// The one-line form: `FILE:LINE:COL: MESSAGE`, with control characters (a file's
    /// ids and titles quoted in the message) made visible, so nothing from the file
    /// can drive the terminal.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.location(), escape_control(&self.message))
    }

    /// The offending line and a caret under the column, as two lines; `None` without a position.
    pub fn caret_lines(&self) -> Option<(String, String)> {
        let (line, column) = self.shown_line()?;
        Some((line.to_owned(), caret_under(line, column)))
    }

    /// The shown line and the problem's 1-based column in it (which starts with `…`
    /// after a cut); `None` without a position.
    fn shown_line(&self) -> Option<(&str, usize)> {
        let (position, line) = (self.position?, self.source_line.as_deref()?);
        let column =
            position.column.saturating_sub(self.cut_before) + usize::from(self.cut_before > 0);
        Some((line, column))
    }

    /// The offending line under its number and the caret under the column, as two
    /// lines with a gutter (the part of the printed form after the headline); `None`
    /// without a position.
    pub fn excerpt(&self) -> Option<(String, String)> {
        self.excerpt_within(usize::MAX)
    }

    /// [`Self::excerpt`] at most about `width` characters wide, gutter included: a
    /// longer line is cut again around the column, with `…` at the cuts and the caret
    /// still under its character (for a window, where a wrapped line would put the
    /// caret under another one). At least a few characters of the line are kept.
    pub fn excerpt_within(&self, width: usize) -> Option<(String, String)> {
        let (line, column) = self.shown_line()?;
        let number = self.position.map_or(0, |p| p.line).to_string();
        let gutter = " ".repeat(number.len());
        // The gutter, " | ", and the two `…` a cut on both sides adds.
        let room = width.saturating_sub(number.len() + 5).max(MIN_EXCERPT);
        let (line, skip) = window_of(line, column, room);
        let column = column.saturating_sub(skip) + usize::from(skip > 0);
        let caret = caret_under(&line, column);
        Some((format!("{number} | {line}"), format!("{gutter} | {caret}")))
    }
}

/// The fewest characters of the line an excerpt keeps, however narrow the room.
const MIN_EXCERPT: usize = 8;

/// A caret under the 1-based `column` of `line`: tabs kept so that it lines up under a
/// tab-indented line, every other character a space.
fn caret_under(line: &str, column: usize) -> String {
    let mut caret: String = line
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    caret.push('^');
    caret
}

impl fmt::Display for Diagnostic {
    /// ```text
    /// data/wpk_history.ron:214:17: invalid date 1956-02-30: February 1956 has 29 days
    ///     |         date: "1956-02-30",
    ///     |               ^
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some((line, caret)) = self.excerpt() {
            write!(f, "\n{line}\n{caret}")?;
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
        .filter_map(|candidate| {
            let length = candidate.chars().count();
            let allowed = (length / 3).max(2);
            // The distance is at least the difference in length: a word much longer than
            // the candidate (a 50 MB word) is not compared, which would take a table of
            // its length times the candidate's.
            if word.chars().take(length + allowed + 1).count() > length + allowed {
                return None;
            }
            let distance = strsim::damerau_levenshtein(word, candidate);
            (distance > 0 && distance <= allowed).then_some((distance, candidate))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// However narrow the room, the excerpt fits it (or keeps its fewest
        /// characters), and the caret is under the character the problem is at, as in
        /// the printed form: the same character, with the same characters either side
        /// of it that the room leaves.
        #[test]
        fn an_excerpt_cut_to_the_room_keeps_the_caret_on_its_character(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', '7', ' ', '\t', '"', 'ŏ', '김', '…', '\u{1}']),
                1..400,
            ),
            at in 0.0..1.0f64,
            width in 0usize..300,
        ) {
            let line: String = chars.iter().collect();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
            let column = 1 + (at * chars.len() as f64) as usize;
            let text = format!("first line\n{line}\nlast line");
            let diagnostic = Diagnostic::at("f.ron", &text, TextPosition { line: 2, column }, "bad");
            let under = |(line, caret): &(String, String)| {
                let at = caret.chars().count() - 1;
                assert!(caret.ends_with('^'));
                line.chars().nth(at)
            };
            let whole = diagnostic.excerpt().expect("a position");
            let cut = diagnostic.excerpt_within(width).expect("a position");
            proptest::prop_assert_eq!(under(&cut), under(&whole));
            proptest::prop_assert_eq!(under(&whole), visible_line(&line).chars().nth(column - 1));
            let widest = width.max("2 | ".len() + MIN_EXCERPT + 2);
            proptest::prop_assert!(cut.0.chars().count() <= widest, "{} > {widest}", cut.0.chars().count());
            proptest::prop_assert!(cut.1.chars().count() <= cut.0.chars().count() + 1);
        }
    }

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

    #[test]
    fn a_huge_line_is_echoed_as_a_window_around_the_column() {
        let line = format!("{}X{}", "\0".repeat(5_000_000), "y".repeat(5_000_000));
        let diagnostic = Diagnostic::at(
            "zeros.ron",
            &line,
            TextPosition {
                line: 1,
                column: 5_000_001,
            },
            "expected a timeline",
        );
        let shown = diagnostic.to_string();
        assert!(shown.len() < 3 * LINE_WINDOW * 4, "{} bytes", shown.len());
        let (line_shown, caret) = diagnostic.caret_lines().expect("a caret");
        assert!(line_shown.starts_with('…') && line_shown.ends_with('…'));
        // The caret stands under the X.
        let under: Vec<char> = line_shown.chars().collect();
        assert_eq!(
            under.get(caret.chars().count() - 1),
            Some(&'X'),
            "{caret:?}"
        );
        // The same through the batch constructor.
        let batch = Diagnostic::at_offsets("zeros.ron", &line, vec![(5_000_000, "x".to_owned())]);
        assert_eq!(batch[0].source_line, diagnostic.source_line);
        // A short line is shown whole, as before.
        let short = Diagnostic::at("f", "abc", TextPosition { line: 1, column: 2 }, "m");
        assert_eq!(short.source_line.as_deref(), Some("abc"));
        assert_eq!(short.caret_lines().map(|(_, c)| c), Some(" ^".to_owned()));
    }

    #[test]
    fn messages_cannot_drive_the_terminal() {
        let diagnostic = Diagnostic::whole_file(
            "a\x1b]0;pwned\x07.ron",
            "duplicate event id \"\x1b[2J\x1b[H\u{202e}evil\"\nsecond line",
        );
        let shown = diagnostic.to_string();
        assert!(
            !shown
                .chars()
                .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)),
            "{shown:?}"
        );
        assert!(shown.contains("\u{241b}[2J") && shown.contains("\nsecond line"));
        assert_eq!(escape_control("plain, 한국어\n"), "plain, 한국어\n");
    }
}
