//! Finding things in the text: a small RON lexer that takes strings and comments
//! whole, and a locator that turns a path of fields and indexes into the byte
//! offset of a value or a field name, so messages can point at it.

/// A piece of RON text, enough to find where values are; strings and comments are
/// taken whole, so brackets and quotes inside them do not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    Comma,
    Colon,
    /// A string, raw string, byte string or character literal.
    Text,
    /// Anything else: a field name, a number, `true`, `Some`, a struct or variant name.
    Word(&'a str),
}

/// Whitespace as ron counts it.
pub(super) fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A field name as written, without the `r#` of a raw identifier.
pub(super) fn field_name(word: &str) -> &str {
    word.strip_prefix("r#").unwrap_or(word)
}

/// The length of the string or character literal at the start of `s` (up to the end of
/// the text when it is not closed; a character literal stops at the end of its line).
pub(super) fn quoted_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let Some(&quote) = bytes.first() else {
        return 0;
    };
    let mut i = 1;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'\n' if quote == b'\'' => return i,
            _ if byte == quote => return i + 1,
            _ => i += 1,
        }
    }
    // Only ASCII bytes end the loop early, so every length returned is a character boundary.
    s.len()
}

/// The length of the raw string `r"..."` / `r#"..."#` at the start of `s`, if it is one.
pub(super) fn raw_string_len(s: &str) -> Option<usize> {
    let after_r = s.strip_prefix('r')?;
    let hashes = after_r.bytes().take_while(|&b| b == b'#').count();
    let body = after_r.get(hashes..)?.strip_prefix('"')?;
    let closing = format!("\"{}", "#".repeat(hashes));
    let opening = 1 + hashes + 1;
    Some(
        body.find(&closing)
            .map_or(s.len(), |i| opening + i + closing.len()),
    )
}

/// The length of the block comment at the start of `s` (comments nest), or `None` if it
/// is never closed.
pub(super) fn block_comment_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i..i + 2) {
            Some(b"/*") => {
                depth += 1;
                i += 2;
            }
            Some(b"*/") => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The length of the word at the start of `s`: up to whitespace, a bracket, a comma,
/// a colon, a quote or a comment. At least one character.
pub(super) fn word_len(s: &str) -> usize {
    // Byte by byte: every character that ends a word is ASCII except four kinds of
    // whitespace, whose first bytes are 0xC2 and 0xE2; only those are decoded. (A file
    // that is one 50 MB word is scanned several times; by characters that took seconds.)
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let ends = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => true,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':' | b'"' | b'\'' => true,
            b'/' => matches!(bytes.get(i + 1), Some(b'/' | b'*')),
            0xC2 | 0xE2 => s
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_ron_whitespace),
            _ => false,
        };
        if ends && i > 0 {
            return i;
        }
        i += 1;
    }
    s.len()
}

/// Reads RON text token by token, skipping whitespace and comments. It accepts anything
/// and never fails: on text that is not RON it still moves forward to the end.
#[derive(Clone, Debug)]
pub(super) struct Lexer<'a> {
    pub(super) text: &'a str,
    /// Always a character boundary of `text`.
    pub(super) pos: usize,
    /// Where the first `/*` that is never closed starts, once the lexer has reached it.
    pub(super) unclosed_comment: Option<usize>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self::at(text, 0)
    }

    /// A lexer starting at byte `pos` (moved back to a character boundary).
    pub(super) fn at(text: &'a str, pos: usize) -> Self {
        let mut pos = pos.min(text.len());
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        Self {
            text,
            pos,
            unclosed_comment: None,
        }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    pub(super) fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            if let Some(c) = rest.chars().next().filter(|&c| is_ron_whitespace(c)) {
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                match block_comment_len(rest) {
                    Some(len) => self.pos += len,
                    None => {
                        self.unclosed_comment.get_or_insert(self.pos);
                        self.pos = self.text.len();
                    }
                }
            } else {
                return;
            }
        }
    }

    /// The next token and the byte offset it starts at; `None` at the end of the text.
    pub(super) fn next_token(&mut self) -> Option<(usize, Token<'a>)> {
        self.skip_trivia();
        let start = self.pos;
        let rest = self.rest();
        let first = *rest.as_bytes().first()?;
        let after_first = rest.get(1..).unwrap_or_default();
        let (len, token) = match first {
            b'(' | b'[' | b'{' => (1, Token::Open(first)),
            b')' | b']' | b'}' => (1, Token::Close(first)),
            b',' => (1, Token::Comma),
            b':' => (1, Token::Colon),
            b'"' | b'\'' => (quoted_len(rest), Token::Text),
            b'b' if after_first.starts_with(['"', '\'']) => {
                (1 + quoted_len(after_first), Token::Text)
            }
            b'b' if raw_string_len(after_first).is_some() => (
                1 + raw_string_len(after_first).unwrap_or_default(),
                Token::Text,
            ),
            b'r' if raw_string_len(rest).is_some() => {
                (raw_string_len(rest).unwrap_or_default(), Token::Text)
            }
            _ => {
                let len = word_len(rest);
                (len, Token::Word(rest.get(..len).unwrap_or_default()))
            }
        };
        self.pos = (start + len).min(self.text.len());
        Some((start, token))
    }

    pub(super) fn peek(&self) -> Option<(usize, Token<'a>)> {
        self.clone().next_token()
    }

    pub(super) fn peek_start(&self) -> Option<usize> {
        self.peek().map(|(start, _)| start)
    }

    /// Skips a bracketed group; the lexer is at its opening bracket.
    pub(super) fn skip_group(&mut self) {
        let mut depth = 0usize;
        while let Some((_, token)) = self.next_token() {
            match token {
                Token::Open(_) => depth += 1,
                Token::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips one value: a string, a word, a bracketed group, or a name and its group
    /// (`Seed(...)`, `Some(...)`). `false` if no value starts here.
    pub(super) fn skip_value(&mut self) -> bool {
        match self.peek() {
            Some((_, Token::Open(_))) => self.skip_group(),
            Some((_, Token::Text)) => {
                self.next_token();
            }
            Some((_, Token::Word(_))) => {
                self.next_token();
                if let Some((_, Token::Open(b'('))) = self.peek() {
                    self.skip_group();
                }
            }
            _ => return false,
        }
        true
    }

    /// Steps into `Some(...)`, to the value inside.
    pub(super) fn unwrap_some(&mut self) {
        loop {
            let mut inside = self.clone();
            match (inside.next_token(), inside.next_token()) {
                (Some((_, Token::Word("Some"))), Some((_, Token::Open(b'(')))) => *self = inside,
                _ => return,
            }
        }
    }

    /// Steps inside the brackets of the value here (after its name, if it has one).
    pub(super) fn enter(&mut self) -> bool {
        let mut inside = self.clone();
        let entered = match inside.next_token() {
            Some((_, Token::Open(_))) => true,
            Some((_, Token::Word(_))) => {
                matches!(inside.next_token(), Some((_, Token::Open(b'('))))
            }
            _ => false,
        };
        if entered {
            *self = inside;
        }
        entered
    }

    /// Inside a struct: moves to the value of field `name`, returning where the name is.
    pub(super) fn find_field(&mut self, name: &str) -> Option<usize> {
        loop {
            let (start, Token::Word(word)) = self.next_token()? else {
                return None;
            };
            if !matches!(self.next_token(), Some((_, Token::Colon))) {
                return None;
            }
            if field_name(word) == name {
                return Some(start);
            }
            if !self.skip_value() || !matches!(self.next_token(), Some((_, Token::Comma))) {
                return None;
            }
        }
    }

    /// Inside a list or tuple: moves to element `index`.
    pub(super) fn find_element(&mut self, index: usize) -> bool {
        for _ in 0..index {
            if !self.skip_value() || !matches!(self.next_token(), Some((_, Token::Comma))) {
                return false;
            }
        }
        matches!(
            self.peek(),
            Some((_, Token::Open(_) | Token::Word(_) | Token::Text))
        )
    }
}

/// A lexer at the timeline's value, past any `#![enable(...)]` attributes.
pub(super) fn top_lexer(text: &str) -> Lexer<'_> {
    let mut lexer = Lexer::new(text);
    while let Some((_, Token::Word(word))) = lexer.peek() {
        if !word.starts_with('#') {
            break;
        }
        lexer.next_token();
        if let Some((_, Token::Open(_))) = lexer.peek() {
            lexer.skip_group();
        }
    }
    lexer
}

/// One step on the way to a value: a field of a struct, or an element of a list or tuple.
#[derive(Clone, Copy, Debug)]
pub(super) enum Step<'s> {
    Field(&'s str),
    Index(usize),
}

/// The most steps any value of a timeline file lies from the top
/// (`events`, 3, `flags`, 0, `alternatives`, 1).
pub(super) const MAX_STEPS: usize = 6;

/// Where a value is in the file's structure, e.g. `events[3].date`.
#[derive(Clone, Copy, Debug)]
pub(super) struct At<'s> {
    pub(super) steps: [Step<'s>; MAX_STEPS],
    pub(super) len: usize,
}

impl<'s> At<'s> {
    pub(super) const TOP: Self = Self {
        steps: [Step::Index(0); MAX_STEPS],
        len: 0,
    };

    pub(super) fn push(mut self, step: Step<'s>) -> Self {
        if let Some(slot) = self.steps.get_mut(self.len) {
            *slot = step;
            self.len += 1;
        }
        self
    }

    pub(super) fn field(self, name: &'s str) -> Self {
        self.push(Step::Field(name))
    }

    pub(super) fn index(self, index: usize) -> Self {
        self.push(Step::Index(index))
    }

    pub(super) fn steps(&self) -> &[Step<'s>] {
        self.steps.get(..self.len).unwrap_or_default()
    }
}

/// What of a field to point at: its name (for a value that is missing or empty) or its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Name,
    Value,
}

/// A top-level field of the timeline in the text, and where each element of its list starts.
#[derive(Debug)]
pub(super) struct TopField<'a> {
    pub(super) name: &'a str,
    pub(super) name_start: usize,
    pub(super) value: usize,
    pub(super) elements: Option<Vec<usize>>,
}

/// The top level of the text: read once, so that finding the 100 000th event does not
/// mean reading the 99 999 before it again.
#[derive(Debug)]
pub(super) struct Outline<'a> {
    pub(super) top: usize,
    pub(super) fields: Vec<TopField<'a>>,
}

impl<'a> Outline<'a> {
    pub(super) fn of(text: &'a str) -> Self {
        let mut lexer = top_lexer(text);
        let top = lexer.peek_start().unwrap_or(0);
        let mut fields = Vec::new();
        if !lexer.enter() {
            return Self { top, fields };
        }
        while let Some((name_start, Token::Word(name))) = lexer.next_token() {
            if !matches!(lexer.next_token(), Some((_, Token::Colon))) {
                break;
            }
            let Some(value) = lexer.peek_start() else {
                break;
            };
            let mut elements = None;
            if let Some((_, Token::Open(b'['))) = lexer.peek() {
                lexer.next_token();
                let mut starts = Vec::new();
                while let Some((start, token)) = lexer.peek() {
                    if let Token::Close(_) = token {
                        lexer.next_token();
                        break;
                    }
                    if !lexer.skip_value() {
                        break;
                    }
                    starts.push(start);
                    if !matches!(lexer.next_token(), Some((_, Token::Comma))) {
                        break;
                    }
                }
                elements = Some(starts);
            } else if !lexer.skip_value() {
                break;
            }
            fields.push(TopField {
                name: field_name(name),
                name_start,
                value,
                elements,
            });
            if !matches!(lexer.next_token(), Some((_, Token::Comma))) {
                break;
            }
        }
        Self { top, fields }
    }
}

/// Finds where values are in the text, by their place in the file's structure: element
/// `i` of the `events` list in the text is `file.events[i]`. Only used once a problem
/// is found; the text is read on first use.
pub(super) struct Locator<'a> {
    pub(super) text: &'a str,
    pub(super) outline: std::cell::OnceCell<Outline<'a>>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            outline: std::cell::OnceCell::new(),
        }
    }

    /// The byte offset of the name or value at `at`. Where the text does not have it
    /// (it is not the text the file was read from), the start of the nearest enclosing
    /// value that it does have.
    pub(super) fn locate(&self, at: &At<'_>, target: Target) -> usize {
        let outline = self.outline.get_or_init(|| Outline::of(self.text));
        let (lexer, steps, best) = match at.steps() {
            [] => return outline.top,
            [Step::Field(name), rest @ ..] => {
                let Some(field) = outline.fields.iter().find(|f| f.name == *name) else {
                    return outline.top;
                };
                match (rest, &field.elements) {
                    ([], _) if target == Target::Name => return field.name_start,
                    ([Step::Index(index), more @ ..], Some(elements)) => {
                        let Some(&start) = elements.get(*index) else {
                            return field.value;
                        };
                        (Lexer::at(self.text, start), more, start)
                    }
                    _ => (Lexer::at(self.text, field.value), rest, field.value),
                }
            }
            steps => (top_lexer(self.text), steps, outline.top),
        };
        walk(lexer, steps, target, best)
    }
}

/// Follows `steps` from the value the lexer is at; see [`Locator::locate`].
pub(super) fn walk(
    mut lexer: Lexer<'_>,
    steps: &[Step<'_>],
    target: Target,
    mut best: usize,
) -> usize {
    for (k, step) in steps.iter().enumerate() {
        lexer.unwrap_some();
        if let Some(start) = lexer.peek_start() {
            best = start;
        }
        if !lexer.enter() {
            return best;
        }
        match *step {
            Step::Field(name) => match lexer.find_field(name) {
                Some(name_start) if k + 1 == steps.len() && target == Target::Name => {
                    return name_start;
                }
                Some(_) => {}
                None => return best,
            },
            Step::Index(index) => {
                if !lexer.find_element(index) {
                    return best;
                }
            }
        }
    }
    lexer.unwrap_some();
    lexer.peek_start().unwrap_or(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character definition `word_len` replaced.
    fn word_len_by_chars(s: &str) -> usize {
        let mut end = 0;
        for (i, c) in s.char_indices() {
            let ends = is_ron_whitespace(c)
                || matches!(
                    c,
                    '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | '"' | '\''
                )
                || (c == '/' && matches!(s.as_bytes().get(i + 1), Some(b'/' | b'*')));
            if ends && i > 0 {
                return i;
            }
            end = i + c.len_utf8();
        }
        end
    }

    #[test]
    fn word_len_reads_bytes_as_the_characters_would() {
        let cases = [
            "",
            "a",
            "abc def",
            "(x",
            "x(",
            "a/b",
            "a//c",
            "a/*c",
            "/",
            "//",
            "é",
            "éa b",
            "a\u{85}b",
            "\u{85}ab c",
            "a\u{2028}b",
            "\u{2029}",
            "a\u{200E}b",
            "a\u{200F}",
            "ab\u{2027}c d",
            "ab\u{00A0}c d",
            "한국 x",
            "a\u{b}b",
            "a\u{c}b",
            "a'b",
            "a\"b",
            "𝄞x:y",
            "\u{e000}\u{2028}",
        ];
        for case in cases {
            assert_eq!(word_len(case), word_len_by_chars(case), "{case:?}");
        }
    }
}
