//! The fast path of parsing (issue 16): a `serde` deserializer for the part of RON
//! that timeline files are written in, tried before ron's own.
//!
//! ron stays the reference. This reader only ever says "here is the file" or "no":
//! it has no error messages and no positions. Whenever it refuses, for whatever
//! reason, [`super::parse`] runs ron on the same text, which either reads the file
//! (something unusual this reader leaves to it: raw identifiers, `+5`, `inf`, a
//! `\x` escape above ASCII, non-ASCII whitespace, other extensions) or explains the
//! mistake at its line and column. The contract, pinned by `tests/fast_parse.rs`:
//! **whenever this reader returns a value, ron returns `Ok` with an equal one.**
//!
//! It drives serde's visitors the way ron 0.12 does (`ron::de`): structs with or
//! without their serde name, `#![enable(implicit_some)]` (always on, as in
//! [`super::parse::ron_options`]), `Some(...)`/`None`/implicit `Some`, unit, newtype
//! and struct variants, tuples, lists with trailing commas, `//` and nested `/* */`
//! comments, strings with escapes and raw strings. Field matching, unknown, missing
//! and duplicate fields, defaults and aliases are serde derive's, as with ron.
//!
//! What makes it fast: it works on bytes (ASCII identifiers, no Unicode tables),
//! finds the ends of strings and comments with `memchr`, borrows strings without
//! escapes (`visit_borrowed_str`) and allocates nothing but what the visitors ask for.
//!
//! Reading one text's events in two threads was tried and measured: on two cores it
//! was no faster. The piece-by-piece loader ([`super::stream`]) parses its runs of
//! events with this reader on every core instead.

use memchr::{memchr, memchr2};
use serde::de::{self, DeserializeSeed, Visitor};

use super::MAX_NESTING;

/// Why the fast path gave up: nothing more is known; ron is asked instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the fast reader leaves this text to ron")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: std::fmt::Display>(_message: T) -> Self {
        Self
    }
}

type Result<T> = std::result::Result<T, Refused>;

/// How deeply values may nest here. ron counts two or three levels for each of ours
/// (a struct and its field's value, a list and its element, an enum and its variant)
/// and stops at [`MAX_NESTING`]; refusing beyond a quarter of it means ron never meets
/// its limit in a text this reader accepts.
const MAX_DEPTH: usize = MAX_NESTING / 4;

/// Reads `text` (after any byte-order mark) as RON, or refuses.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// [`from_str`] with a seed: what `seed` reads from the whole text.
pub fn from_str_seed<'de, S: de::DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
) -> Result<S::Value> {
    let mut reader = Reader::new(text)?;
    let value = seed.deserialize(&mut reader)?;
    reader.skip_ws()?;
    if reader.pos == reader.bytes.len() {
        Ok(value)
    } else {
        Err(Refused)
    }
}

/// A cursor over the text.
struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    depth: usize,
}

/// A string as read: borrowed from the text when it has no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Reader<'de> {
    /// A reader at the first value: whitespace, comments and the
    /// `#![enable(implicit_some)]` attribute skipped (any other attribute is refused).
    fn new(text: &'de str) -> Result<Self> {
        let mut reader = Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        reader.skip_ws()?;
        while reader.peek() == Some(b'#') {
            reader.attribute()?;
            reader.skip_ws()?;
        }
        Ok(reader)
    }

    /// `#![enable(implicit_some)]`, with whitespace where ron allows it.
    fn attribute(&mut self) -> Result<()> {
        for b in [b'#', b'!', b'['] {
            self.expect(b)?;
            self.skip_ws()?;
        }
        if self.identifier()? != "enable" {
            return Err(Refused);
        }
        self.skip_ws()?;
        self.expect(b'(')?;
        self.skip_ws()?;
        loop {
            // Implicit `Some` is on anyway; any other extension changes the reading.
            if self.identifier()? != "implicit_some" {
                return Err(Refused);
            }
            if !self.comma()? || !self.peek().is_some_and(is_ident_byte) {
                break;
            }
        }
        self.skip_ws()?;
        self.expect(b')')?;
        self.skip_ws()?;
        self.expect(b']')
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Refused)
        }
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(Refused);
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Skips whitespace and comments (ASCII whitespace only: anything else that ron
    /// counts as whitespace is left in place, and refused as a value).
    #[inline]
    fn skip_ws(&mut self) -> Result<()> {
        // Mostly there is nothing or one space to skip: that much is inlined.
        match self.peek() {
            Some(b' ') => {
                self.pos += 1;
                match self.peek() {
                    Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'/') => self.skip_more_ws(),
                    _ => Ok(()),
                }
            }
            Some(b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'/') => self.skip_more_ws(),
            _ => Ok(()),
        }
    }

    #[inline(never)]
    fn skip_more_ws(&mut self) -> Result<()> {
        loop {
            while let Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) = self.peek() {
                self.pos += 1;
            }
            if self.peek() != Some(b'/') {
                return Ok(());
            }
            match self.bytes.get(self.pos + 1) {
                Some(b'/') => {
                    let rest = self.bytes.get(self.pos + 2..).unwrap_or_default();
                    self.pos = memchr(b'\n', rest).map_or(self.bytes.len(), |i| self.pos + 2 + i);
                }
                Some(b'*') => self.block_comment()?,
                _ => return Err(Refused),
            }
        }
    }

    /// A `/* */` comment, nested as ron nests them: at each `/` or `*`, `/*` opens
    /// and `*/` closes.
    fn block_comment(&mut self) -> Result<()> {
        let mut at = self.pos + 2;
        let mut level = 1_usize;
        while level > 0 {
            let rest = self.bytes.get(at..).ok_or(Refused)?;
            let found = memchr2(b'/', b'*', rest).ok_or(Refused)?;
            at += found;
            let here = self.bytes.get(at..).unwrap_or_default();
            if here.starts_with(b"/*") {
                level = level.saturating_add(1);
                at += 2;
            } else if here.starts_with(b"*/") {
                level -= 1;
                at += 2;
            } else {
                at += 1;
            }
        }
        self.pos = at;
        Ok(())
    }

    /// Whitespace, then a comma (and the whitespace after it) if there is one.
    fn comma(&mut self) -> Result<bool> {
        self.skip_ws()?;
        if self.peek() == Some(b',') {
            self.pos += 1;
            self.skip_ws()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// An ASCII identifier. Refused where ron would read something else or more: a
    /// raw identifier (`r#x`), a string (`r"`, `b"`, `br#`), a non-ASCII letter, or
    /// `.`, `+`, `-` (ron suggests a raw identifier there).
    fn identifier(&mut self) -> Result<&'de str> {
        let start = self.pos;
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
            _ => return Err(Refused),
        }
        let mut end = start + 1;
        while self.bytes.get(end).copied().is_some_and(is_ident_byte) {
            end += 1;
        }
        if let Some(&next) = self.bytes.get(end)
            && (next >= 0x80 || matches!(next, b'"' | b'\'' | b'#' | b'.' | b'+' | b'-'))
        {
            return Err(Refused);
        }
        self.pos = end;
        self.text.get(start..end).ok_or(Refused)
    }

    /// Whether `word` stands here as a whole word (as ron's `check_ident`); refused when
    /// a non-ASCII character follows it (it might continue the word).
    fn at_word(&self, word: &str) -> Result<bool> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if !rest.starts_with(word.as_bytes()) {
            return Ok(false);
        }
        match rest.get(word.len()) {
            Some(&b) if b >= 0x80 => Err(Refused),
            Some(&b) => Ok(!is_ident_byte(b)),
            None => Ok(true),
        }
    }

    fn string(&mut self) -> Result<Text<'de>> {
        match self.peek() {
            Some(b'"') => self.quoted_string(),
            Some(b'r') => self.raw_string(),
            _ => Err(Refused),
        }
    }

    /// `"..."`: borrowed when there is no backslash before the closing quote.
    fn quoted_string(&mut self) -> Result<Text<'de>> {
        let start = self.pos + 1;
        let rest = self.bytes.get(start..).ok_or(Refused)?;
        let stop = start + memchr2(b'"', b'\\', rest).ok_or(Refused)?;
        if self.bytes.get(stop) == Some(&b'"') {
            self.pos = stop + 1;
            return Ok(Text::Borrowed(self.text.get(start..stop).ok_or(Refused)?));
        }
        let mut out = String::with_capacity(stop - start + 16);
        let mut from = start;
        let mut backslash = stop;
        loop {
            out.push_str(self.text.get(from..backslash).ok_or(Refused)?);
            from = self.escape(backslash + 1, &mut out)?;
            let rest = self.bytes.get(from..).ok_or(Refused)?;
            let stop = from + memchr2(b'"', b'\\', rest).ok_or(Refused)?;
            if self.bytes.get(stop) == Some(&b'"') {
                out.push_str(self.text.get(from..stop).ok_or(Refused)?);
                self.pos = stop + 1;
                return Ok(Text::Owned(out));
            }
            backslash = stop;
        }
    }

    /// The escape whose letter is at `at` (after the backslash), as ron reads it;
    /// returns where the string goes on. `\x` is taken only for ASCII.
    fn escape(&self, at: usize, out: &mut String) -> Result<usize> {
        let byte = |i: usize| self.bytes.get(i).copied().ok_or(Refused);
        let simple = match byte(at)? {
            b'\'' => '\'',
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'\n' => return Ok(self.continuation(at + 1)),
            b'\r' if byte(at + 1) == Ok(b'\n') => return Ok(self.continuation(at + 2)),
            b'x' => {
                let high = hex(byte(at + 1)?)?;
                let low = hex(byte(at + 2)?)?;
                let value = high * 16 + low;
                if value >= 0x80 {
                    return Err(Refused);
                }
                out.push(char::from(value));
                return Ok(at + 3);
            }
            b'u' => {
                if byte(at + 1)? != b'{' {
                    return Err(Refused);
                }
                let mut code = 0_u32;
                let mut digits = 0;
                while digits < 6 && byte(at + 2 + digits)? != b'}' {
                    code = code * 16 + u32::from(hex(byte(at + 2 + digits)?)?);
                    digits += 1;
                }
                if digits == 0 || byte(at + 2 + digits)? != b'}' {
                    return Err(Refused);
                }
                out.push(char::from_u32(code).ok_or(Refused)?);
                return Ok(at + 3 + digits);
            }
            _ => return Err(Refused),
        };
        out.push(simple);
        Ok(at + 1)
    }

    /// After a backslash and a line end, a string goes on after the whitespace.
    fn continuation(&self, mut at: usize) -> usize {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(at) {
            at += 1;
        }
        at
    }

    /// `r"..."`, `r#"..."#`: always borrowed.
    fn raw_string(&mut self) -> Result<Text<'de>> {
        let mut at = self.pos + 1;
        while self.bytes.get(at) == Some(&b'#') {
            at += 1;
        }
        let hashes = at - (self.pos + 1);
        if self.bytes.get(at) != Some(&b'"') {
            return Err(Refused);
        }
        let start = at + 1;
        let mut from = start;
        loop {
            let rest = self.bytes.get(from..).ok_or(Refused)?;
            let quote = from + memchr(b'"', rest).ok_or(Refused)?;
            let closing = self.bytes.get(quote + 1..quote + 1 + hashes);
            if closing.is_some_and(|h| h.iter().all(|&b| b == b'#')) {
                self.pos = quote + 1 + hashes;
                return Ok(Text::Borrowed(self.text.get(start..quote).ok_or(Refused)?));
            }
            from = quote + 1;
        }
    }

    /// The decimal digits of a whole number, refused if anything that ron would read
    /// as part of it follows (`_`, `.`, a letter for a suffix or base).
    fn digits(&mut self) -> Result<u64> {
        let start = self.pos;
        let mut value = 0_u64;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or(Refused)?;
            self.pos += 1;
        }
        match self.peek() {
            _ if self.pos == start => Err(Refused),
            Some(b) if is_ident_byte(b) || b == b'.' || b >= 0x80 => Err(Refused),
            _ => Ok(value),
        }
    }

    fn signed(&mut self) -> Result<i128> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
            Ok(-i128::from(self.digits()?))
        } else {
            Ok(i128::from(self.digits()?))
        }
    }

    /// A floating-point number as ron writes it: the run of `0-9 . e E + -` that ron
    /// would take, refused if ron would read more (`_`, a suffix, `..`, `inf`, `NaN`),
    /// parsed by the same `str::parse` that ron calls on the same text.
    fn float<F: std::str::FromStr>(&mut self) -> Result<F> {
        let start = self.pos;
        let mut end = start;
        while let Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') = self.bytes.get(end) {
            end += 1;
        }
        if let Some(&b) = self.bytes.get(end)
            && (is_ident_byte(b) || b >= 0x80)
        {
            return Err(Refused);
        }
        let token = self.text.get(start..end).ok_or(Refused)?;
        if token.is_empty() || token.contains("..") {
            return Err(Refused);
        }
        let value = token.parse().map_err(|_| Refused)?;
        self.pos = end;
        Ok(value)
    }

    /// A struct's `(field: value, ...)` after its optional name.
    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_map(Fields::new(self, b')'))?;
        self.leave();
        self.skip_ws()?;
        self.expect(b')')?;
        Ok(value)
    }
}

fn hex(b: u8) -> Result<u8> {
    match b {
        b'0'..=b'9' => Ok(b - b'0'),
        b'a'..=b'f' => Ok(b - b'a' + 10),
        b'A'..=b'F' => Ok(b - b'A' + 10),
        _ => Err(Refused),
    }
}

/// Deserializer methods that refuse, each written `name` or `name(argument types)`.
macro_rules! refuse {
    ($($method:ident $(($($ty:ty),*))?)*) => {
        $(
            fn $method<V: Visitor<'de>>(
                self,
                $($(_: $ty,)*)?
                _visitor: V,
            ) -> Result<V::Value> {
                Err(Refused)
            }
        )*
    };
}

macro_rules! integers {
    ($($method:ident $visit:ident $ty:ty, $read:ident;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                let value = self.$read()?;
                visitor.$visit(<$ty>::try_from(value).map_err(|_| Refused)?)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    /// Only strings: for them ron's `deserialize_any` is its `deserialize_string`.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() == Some(b'"') {
            self.deserialize_string(visitor)
        } else {
            Err(Refused)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        for (word, value) in [("true", true), ("false", false)] {
            if self.at_word(word)? {
                self.pos += word.len();
                return visitor.visit_bool(value);
            }
        }
        Err(Refused)
    }

    integers! {
        deserialize_i8 visit_i8 i8, signed;
        deserialize_i16 visit_i16 i16, signed;
        deserialize_i32 visit_i32 i32, signed;
        deserialize_i64 visit_i64 i64, signed;
        deserialize_u8 visit_u8 u8, digits;
        deserialize_u16 visit_u16 u16, digits;
        deserialize_u32 visit_u32 u32, digits;
        deserialize_u64 visit_u64 u64, digits;
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f32(self.float()?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// `None`, `Some(value)` (with an optional trailing comma) or, implicitly, `value`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.at_word("None")? {
            self.pos += 4;
            return visitor.visit_none();
        }
        self.enter()?;
        let value = if self.at_word("Some")? {
            self.pos += 4;
            self.skip_ws()?;
            // ron reads `Some "x"` as an implicit `Some` of `"x"`; that is left to it.
            self.expect(b'(')?;
            self.skip_ws()?;
            let value = visitor.visit_some(&mut *self)?;
            self.comma()?;
            self.expect(b')')?;
            value
        } else {
            visitor.visit_some(&mut *self)?
        };
        self.leave();
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        self.enter()?;
        let value = visitor.visit_seq(Elements::new(self, b']'))?;
        self.leave();
        self.skip_ws()?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_seq(Elements::new(self, b')'))?;
        self.leave();
        self.skip_ws()?;
        self.expect(b')')?;
        Ok(value)
    }

    /// `Name(...)` or `(...)`; a name must be the type's serde name, as ron checks.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // ron reads the standard library's ranges in a syntax of their own.
        if name.is_empty() || name.starts_with("Range") {
            return Err(Refused);
        }
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                if self.identifier()? != name {
                    return Err(Refused);
                }
                self.skip_ws()?;
            }
            Some(b) if b.is_ascii_digit() || b >= 0x80 => return Err(Refused),
            _ => {}
        }
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_enum(Variant { reader: self })?;
        self.leave();
        Ok(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    refuse! {
        deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_map deserialize_ignored_any
        deserialize_newtype_struct(&'static str) deserialize_unit_struct(&'static str)
        deserialize_tuple_struct(&'static str, usize)
    }
}

/// The elements of a list or tuple, as ron's `CommaSeparated`: a comma between
/// elements, one after the last allowed.
struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    end: u8,
    had_comma: bool,
}

impl<'a, 'de> Elements<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, end: u8) -> Self {
        Self {
            reader,
            end,
            had_comma: true,
        }
    }

    fn has_element(&mut self) -> Result<bool> {
        self.reader.skip_ws()?;
        let at_end = self.reader.peek() == Some(self.end);
        match (self.had_comma, at_end) {
            (true, at_end) => Ok(!at_end),
            (false, true) => Ok(false),
            (false, false) => Err(Refused),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_element()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.comma()?;
        Ok(Some(value))
    }
}

/// The fields of a struct: `name: value`, separated as list elements are.
struct Fields<'a, 'de> {
    elements: Elements<'a, 'de>,
}

impl<'a, 'de> Fields<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, end: u8) -> Self {
        Self {
            elements: Elements::new(reader, end),
        }
    }
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.elements.has_element()? {
            return Ok(None);
        }
        let key = seed.deserialize(FieldName(&mut *self.elements.reader))?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let reader = &mut *self.elements.reader;
        reader.skip_ws()?;
        reader.expect(b':')?;
        reader.skip_ws()?;
        let value = seed.deserialize(&mut *reader)?;
        self.elements.had_comma = reader.comma()?;
        Ok(value)
    }
}

/// A field name, which ron reads as an identifier whatever the visitor asks for.
struct FieldName<'a, 'de>(&'a mut Reader<'de>);

impl<'de> de::Deserializer<'de> for FieldName<'_, 'de> {
    type Error = Refused;

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0.identifier()?)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_identifier(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_identifier(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_identifier(visitor)
    }

    refuse! {
        deserialize_newtype_struct(&'static str) deserialize_unit_struct(&'static str)
        deserialize_tuple(usize) deserialize_tuple_struct(&'static str, usize)
        deserialize_struct(&'static str, &'static [&'static str])
        deserialize_enum(&'static str, &'static [&'static str])
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_map deserialize_ignored_any
    }
}

/// An enum value: the variant's name, then nothing (unit), `(value)` (newtype),
/// `(a, b)` (tuple) or `(field: value, ...)` (struct).
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        self.reader.skip_ws()?;
        let value = seed.deserialize(&mut *self.reader)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        let reader = self.reader;
        reader.skip_ws()?;
        reader.expect(b'(')?;
        reader.skip_ws()?;
        let value = seed.deserialize(&mut *reader)?;
        reader.comma()?;
        reader.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.reader.skip_ws()?;
        de::Deserializer::deserialize_tuple(&mut *self.reader, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.reader.skip_ws()?;
        self.reader.struct_body(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_whitespace_and_attributes_are_skipped() {
        let read = |text| from_str::<Vec<String>>(text);
        assert_eq!(read(" [ \"a\" , ] "), Ok(vec!["a".to_owned()]));
        assert_eq!(
            read("#![enable(implicit_some)] /* a /* nested */ comment */ // line\n[]"),
            Ok(vec![])
        );
        assert_eq!(read("# ! [ enable ( implicit_some , ) ] []"), Ok(vec![]));
        assert_eq!(read("#![enable(unwrap_newtypes)] []"), Err(Refused));
        assert_eq!(read("/* unclosed /* */ []"), Err(Refused));
        assert_eq!(read("[] /"), Err(Refused));
        assert_eq!(read("[] x"), Err(Refused));
        assert_eq!(read("[\"a\" \"b\"]"), Err(Refused));
    }

    #[test]
    fn strings_are_read_as_ron_reads_them() {
        let read = |text| from_str::<String>(text);
        assert_eq!(read(r#""plain""#), Ok("plain".to_owned()));
        assert_eq!(
            read(r#""a\"b\\c\nd\u{D55C}\x41\t\0""#),
            Ok("a\"b\\c\nd한A\t\0".to_owned())
        );
        assert_eq!(read("\"one \\\n    two\""), Ok("one two".to_owned()));
        assert_eq!(
            read(r###"r#"raw "quoted" \n"#"###),
            Ok(r#"raw "quoted" \n"#.to_owned())
        );
        assert_eq!(read(r#"r"""#), Ok(String::new()));
        for refused in [
            r#""\q""#,
            r#""\x80""#,
            r#""\u{}""#,
            r#""\u{D800}""#,
            r#""\u{1234567}""#,
            r#""unclosed"#,
            r##"r#"unclosed""##,
        ] {
            assert_eq!(read(refused), Err(Refused), "{refused}");
        }
    }

    #[test]
    fn numbers_are_refused_where_ron_reads_more() {
        assert_eq!(from_str::<u8>("5"), Ok(5));
        assert_eq!(from_str::<u8>("007"), Ok(7));
        assert_eq!(from_str::<i32>("-12"), Ok(-12));
        for refused in ["300", "-1", "+1", "1_0", "5u8", "0x5", "1.0", "1e3", ""] {
            assert_eq!(from_str::<u8>(refused), Err(Refused), "{refused}");
        }
        assert_eq!(
            from_str::<f64>("-0.0").map(f64::to_bits),
            Ok((-0.0_f64).to_bits())
        );
        assert_eq!(from_str::<f64>(".5"), Ok(0.5));
        assert_eq!(from_str::<f64>("1e3"), Ok(1000.0));
        assert_eq!(from_str::<f64>("39"), Ok(39.0));
        for refused in ["inf", "-inf", "NaN", "1_000.0", "1.5f64", "1..2", "-", "1e"] {
            assert_eq!(from_str::<f64>(refused), Err(Refused), "{refused}");
        }
    }
}
