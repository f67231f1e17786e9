//! Long texts in the panel are laid out in pieces: a preview of
//! [`PREVIEW_BYTES`], then more on each "Show more", never beyond [`MAX_SHOWN_BYTES`]
//! per text, so a 5 MB summary costs a frame no more than a long paragraph does.
//! Cuts fall at a space near the limit (else at a character boundary), never mid-letter.
//! What is shown is laid out as labels of at most [`PREVIEW_BYTES`] each, one under the
//! other: egui paints only the labels in view, and of one partly in view all its rows
//! (the window turns egui's culling of rows off, see `render::egui_mesh::configure`), so
//! a frame never tessellates more than a few pieces of a long text.

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

/// `text` in pieces of at most `size` bytes (at least a character each), cut as
/// [`cut_at`] cuts; the space or line break at a cut is left out, the piece after it
/// starting a line of its own.
pub fn pieces(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut piece = cut_at(rest, size);
        if piece.is_empty() {
            // Not even one character fits: one character, so the text is never lost.
            let first = rest.chars().next().map_or(rest.len(), char::len_utf8);
            piece = rest.get(..first).unwrap_or(rest);
        }
        rest = rest.get(piece.len()..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix(char::is_whitespace) {
            rest = after;
        }
        Some(piece)
    })
}

/// `text` as labels of at most [`PREVIEW_BYTES`] each, flowing one under the other,
/// `end` after the last.
fn label_in_pieces(ui: &mut Ui, text: &str, end: &str, style: &dyn Fn(String) -> RichText) {
    if text.len() <= PREVIEW_BYTES {
        ui.label(style(format!("{text}{end}")));
        return;
    }
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        let mut all = pieces(text, PREVIEW_BYTES).peekable();
        while let Some(piece) = all.next() {
            let end = if all.peek().is_none() { end } else { "" };
            ui.label(style(format!("{piece}{end}")));
        }
    });
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
        label_in_pieces(ui, text, "", &style);
        return;
    }
    label_in_pieces(ui, shown, " …", &style);
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

    /// The pieces are the text in order, each at most `size` bytes (or one character),
    /// with nothing lost but one space or line break at each cut.
    #[test]
    fn a_long_text_is_shown_in_pieces_that_lose_only_the_spaces_cut_at() {
        let paragraph = "The plenum of August 1956, 8월 종파 사건.\n\n".repeat(300);
        let texts = [
            paragraph.as_str(),
            &"조선로동당".repeat(2_000),
            &"word ".repeat(3_000),
            "short",
            "",
        ];
        for text in texts {
            for size in [1, 2, 7, 100, PREVIEW_BYTES] {
                let mut at = 0;
                let mut count = 0;
                for piece in pieces(text, size) {
                    count += 1;
                    assert!(!piece.is_empty());
                    assert!(
                        piece.len() <= size || piece.chars().count() == 1,
                        "{size}: {piece:?}"
                    );
                    let rest = text.get(at..).unwrap_or_default();
                    assert!(rest.starts_with(piece), "{size}: {piece:?} at {at}");
                    at += piece.len();
                    // One space or line break at most is left out after a piece.
                    let skipped = text.get(at..).and_then(|r| r.chars().next());
                    if let Some(c) = skipped.filter(|c| c.is_whitespace()) {
                        at += c.len_utf8();
                    }
                }
                assert_eq!(at, text.len(), "{size}: all of it");
                if text.len() > size {
                    assert!(count > 1);
                }
            }
        }
    }
}
