//! Long texts in the panel are laid out in pieces: a preview of
//! [`PREVIEW_BYTES`], then more on each "Show more", never beyond [`MAX_SHOWN_BYTES`]
//! per text, so a 5 MB summary costs a frame no more than a long paragraph does.
//! Cuts fall at a space near the limit (else at a character boundary), never mid-letter.

use egui::{RichText, Ui};

/// How much of a long text is shown at first.
pub const PREVIEW_BYTES: usize = 2_000;

/// Each "Show more" shows this many times as much.
pub const MORE_FACTOR: usize = 10;

/// The most of one text the panel ever lays out.
pub const MAX_SHOWN_BYTES: usize = 200_000;

/// The start of `text` at most `limit` bytes long, cut after a space within the last
/// tenth of the limit if there is one, else at a character boundary.
pub fn cut_at(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default();
    match head.rfind(char::is_whitespace) {
        Some(space) if space >= end - end / 10 => head.get(..space).unwrap_or(head),
        _ => head,
    }
}

/// Shows `text` (styled by `style`) capped, with a "Show more" button when it is cut.
/// `salt` tells apart the texts of one panel.
pub fn capped_label(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    text: &str,
    style: impl Fn(String) -> RichText,
) {
    let id = ui.make_persistent_id(("capped-text", salt));
    let limit = ui
        .data(|d| d.get_temp::<usize>(id))
        .unwrap_or(PREVIEW_BYTES);
    let shown = cut_at(text, limit);
    if shown.len() == text.len() {
        ui.label(style(text.to_owned()));
        return;
    }
    ui.label(style(format!("{shown} …")));
    let rest = text.len() - shown.len();
    if limit >= MAX_SHOWN_BYTES {
        ui.weak(format!(
            "({} more KB not shown here; read the file for the whole text)",
            rest.div_ceil(1024)
        ));
    } else if ui
        .small_button(format!("Show more ({} KB more)", rest.div_ceil(1024)))
        .clicked()
    {
        let more = limit.saturating_mul(MORE_FACTOR).min(MAX_SHOWN_BYTES);
        ui.data_mut(|d| d.insert_temp(id, more));
    }
}

/// How many of `total` items to show: a first few, more after each "Show more".
pub fn capped_count(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    first: usize,
) -> usize {
    let id = ui.make_persistent_id(("capped-count", salt));
    ui.data(|d| d.get_temp::<usize>(id)).unwrap_or(first)
}

/// The "Show more" button under a capped list of `total` items of which `shown` are shown.
pub fn more_items_button(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    shown: usize,
    total: usize,
    what: &str,
) {
    if shown >= total {
        return;
    }
    let id = ui.make_persistent_id(("capped-count", salt));
    if ui
        .small_button(format!("Show more ({} more {what})", total - shown))
        .clicked()
    {
        let more = shown.saturating_mul(MORE_FACTOR).max(1);
        ui.data_mut(|d| d.insert_temp(id, more));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_at_spaces_or_character_boundaries() {
        assert_eq!(cut_at("short", 10), "short");
        let words = "word ".repeat(100);
        assert_eq!(cut_at(&words, 102), &words[..99]);
        assert_eq!(cut_at("one two three four", 12), "one two thre");
        // No space near the limit: at a character boundary, never inside a letter.
        let hangul = "조선로동당".repeat(10);
        for limit in 0..hangul.len() {
            let cut = cut_at(&hangul, limit);
            assert!(cut.len() <= limit && hangul.starts_with(cut));
            assert!(cut.len() + 3 > limit, "{limit}: {}", cut.len());
        }
        let long = "word ".repeat(1_000_000);
        assert!(cut_at(&long, PREVIEW_BYTES).len() <= PREVIEW_BYTES);
    }
}
