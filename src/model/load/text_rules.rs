//! What the text of ids and titles may contain: no control characters (a NUL, an
//! escape sequence that would drive a terminal), and a title must have something
//! visible in it, not only spaces, zero-width or formatting characters.

/// Whether `c` shows nothing on its own: white space, control and format characters
/// (zero-width space and joiners, bidirectional marks, the byte-order mark, soft
/// hyphen) and the Hangul fillers.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
        )
}

/// Whether `text` has no visible character (an empty text has none).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// The first control character in a one-line text (an id, a title): any at all.
pub fn control_in_line(text: &str) -> Option<String> {
    text.chars()
        .find(|c| c.is_control())
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_titles_and_control_characters_are_found() {
        for blank in [
            "",
            "   ",
            "\u{200b}\u{200b}",
            "\u{feff} \u{2060}",
            "\u{3164}",
            "\t\n",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for visible in ["a", " 조선 ", "\u{200b}x", "—"] {
            assert!(!is_blank(visible), "{visible:?}");
        }
        assert_eq!(control_in_line("id\u{0}x").as_deref(), Some("U+0000"));
        assert_eq!(control_in_line("\u{1b}[2J").as_deref(), Some("U+001B"));
        assert_eq!(control_in_line("plain-id"), None);
    }
}
