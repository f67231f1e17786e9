//! The timeline's background with the eras' washes blended into it: opaque pieces, one
//! layer of pixels, instead of the background and a translucent wash over it for each
//! era. A software renderer (Mesa's llvmpipe, a virtual machine, a remote desktop) pays
//! for every layer of pixels it blends: at 1600×900 each layer the size of the window
//! cost it about 45 ms, and the washes were more than one such layer.

use egui::{Color32, Rect, pos2};

/// How far a piece reaches under the next one to the right and below (points). The next
/// piece is drawn after it, so an anti-aliased edge where two meet is blended over a
/// piece, never over what lies under the background (a seam in SVG, PDF and PNG).
pub const OVERLAP: f32 = 1.0;

/// Positions closer than this are one (points).
const SAME: f32 = 1e-3;

/// `rect` filled with `fill`, and each wash (a rectangle reaching down to the bottom of
/// `rect`, and its colour, translucent) laid over it in turn, as opaque pieces: each
/// piece has the colour the background and the washes over it make there, blended as a
/// renderer blends them (in gamma space, colours premultiplied). Pieces come in columns
/// from the left, each from the top down; a piece reaches [`OVERLAP`] under the pieces
/// drawn after it. `fill` must be opaque (the overlaps would show through otherwise);
/// every wash is taken to reach the bottom of `rect`.
pub fn washed_background(
    rect: Rect,
    fill: Color32,
    washes: &[(Rect, Color32)],
) -> Vec<(Rect, Color32)> {
    let washes: Vec<(Rect, Color32)> = washes
        .iter()
        .map(|&(wash, colour)| (wash.intersect(rect), colour))
        .filter(|(wash, colour)| wash.is_positive() && *colour != Color32::TRANSPARENT)
        .collect();
    let mut xs: Vec<f32> = vec![rect.left(), rect.right()];
    xs.extend(
        washes
            .iter()
            .flat_map(|(wash, _)| [wash.left(), wash.right()]),
    );
    let xs = distinct(xs);
    let mut pieces: Vec<(Rect, Color32)> = Vec::with_capacity(2 * xs.len());
    let mut ys = Vec::new();
    for column in xs.windows(2) {
        let (left, right) = (column[0], column[1]);
        let over = |wash: &Rect| wash.left() <= left + SAME && wash.right() >= right - SAME;
        ys.clear();
        ys.extend([rect.top(), rect.bottom()]);
        ys.extend(washes.iter().filter(|(w, _)| over(w)).map(|(w, _)| w.top()));
        let ys = distinct(std::mem::take(&mut ys));
        let first_of_column = pieces.len();
        for row in ys.windows(2) {
            let (top, bottom) = (row[0], row[1]);
            let colour = washes
                .iter()
                .filter(|(wash, _)| over(wash) && wash.top() <= top + SAME)
                .fold(fill, |under, &(_, wash)| under.blend(wash));
            let column_so_far = pieces.len() - first_of_column;
            match pieces.last_mut() {
                // The same colour as the piece above: one piece.
                Some((above, above_colour)) if column_so_far > 0 && *above_colour == colour => {
                    above.max.y = bottom;
                }
                _ => pieces.push((
                    Rect::from_min_max(pos2(left, top), pos2(right, bottom)),
                    colour,
                )),
            }
        }
        // Reaching under the next piece of the column, and under the next column.
        for (piece, _) in &mut pieces[first_of_column..] {
            piece.max.y = (piece.max.y + OVERLAP).min(rect.bottom());
            piece.max.x = (piece.max.x + OVERLAP).min(rect.right());
        }
    }
    pieces
}

/// `values` sorted, those closer than [`SAME`] to the one before left out.
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.retain(|v| v.is_finite());
    values.sort_by(f32::total_cmp);
    values.dedup_by(|later, earlier| *later - *earlier < SAME);
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The colour at `point` drawn the old way: the background, then each wash over it.
    fn layered(point: egui::Pos2, fill: Color32, washes: &[(Rect, Color32)]) -> Color32 {
        washes
            .iter()
            .filter(|(wash, _)| wash.contains(point))
            .fold(fill, |under, &(_, wash)| under.blend(wash))
    }

    /// The colour at `point` drawn the new way: the last piece holding it.
    fn pieced(point: egui::Pos2, pieces: &[(Rect, Color32)]) -> Option<Color32> {
        pieces
            .iter()
            .rev()
            .find(|(piece, _)| piece.contains(point))
            .map(|&(_, colour)| colour)
    }

    fn colour() -> impl Strategy<Value = Color32> {
        (any::<[u8; 3]>(), 1..=255u8)
            .prop_map(|([r, g, b], a)| Color32::from_rgba_unmultiplied(r, g, b, a))
    }

    proptest! {
        /// Wherever it is looked at, away from the edges of washes, the pieces have the
        /// colour the background and the washes over it made, and every point of the
        /// background is covered by an opaque piece.
        #[test]
        fn the_pieces_have_the_colours_of_the_layers_they_replace(
            washes in prop::collection::vec(
                ((0.0f32..400.0, 0.0f32..400.0), 0.0f32..300.0, colour()),
                0..8,
            ),
            points in prop::collection::vec((0.0f32..400.0, 0.0f32..300.0), 50),
        ) {
            let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(400.0, 300.0));
            let fill = Color32::from_rgb(250, 250, 250);
            let washes: Vec<(Rect, Color32)> = washes
                .into_iter()
                .map(|((a, b), top, colour)| {
                    (Rect::from_min_max(pos2(a.min(b), top), pos2(a.max(b), 300.0)), colour)
                })
                .collect();
            let pieces = washed_background(rect, fill, &washes);
            for (piece, colour) in &pieces {
                prop_assert!(colour.is_opaque(), "{colour:?}");
                prop_assert!(rect.contains_rect(*piece), "{piece:?} leaves {rect:?}");
            }
            for (x, y) in points {
                let point = pos2(x, y);
                // Near an edge the two ways differ by where the overlap falls.
                let near_edge = washes.iter().any(|(wash, _)| {
                    (wash.left() - x).abs() < 1.5
                        || (wash.right() - x).abs() < 1.5
                        || (wash.top() - y).abs() < 1.5
                });
                let got = pieced(point, &pieces);
                prop_assert!(got.is_some(), "{point:?} is not covered");
                if !near_edge {
                    prop_assert_eq!(got, Some(layered(point, fill, &washes)), "at {:?}", point);
                }
            }
        }
    }

    #[test]
    fn no_wash_is_one_piece_and_nested_washes_blend_in_order() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 50.0));
        let fill = Color32::from_rgb(250, 250, 250);
        assert_eq!(washed_background(rect, fill, &[]), vec![(rect, fill)]);
        let outer = Color32::from_rgba_unmultiplied(200, 0, 0, 34);
        let inner = Color32::from_rgba_unmultiplied(0, 0, 200, 34);
        let pieces = washed_background(
            rect,
            fill,
            &[
                (
                    Rect::from_min_max(pos2(20.0, 10.0), pos2(80.0, 50.0)),
                    outer,
                ),
                (
                    Rect::from_min_max(pos2(40.0, 20.0), pos2(60.0, 50.0)),
                    inner,
                ),
            ],
        );
        let both = fill.blend(outer).blend(inner);
        assert_eq!(pieced(pos2(50.0, 30.0), &pieces), Some(both));
        assert_eq!(pieced(pos2(50.0, 15.0), &pieces), Some(fill.blend(outer)));
        assert_eq!(pieced(pos2(50.0, 5.0), &pieces), Some(fill));
        assert_eq!(pieced(pos2(10.0, 30.0), &pieces), Some(fill));
        // Columns: left of the washes, the outer's edges, the inner's, the right.
        assert_eq!(pieces.first(), Some(&(rect.with_max_x(21.0), fill)));
        assert_eq!(pieces.len(), 1 + 2 + 3 + 2 + 1, "{pieces:?}");
    }

    #[test]
    fn a_wash_that_is_not_there_changes_nothing() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 50.0));
        let fill = Color32::from_rgb(30, 30, 30);
        let outside = Rect::from_min_max(pos2(200.0, 0.0), pos2(300.0, 50.0));
        let empty = Rect::from_min_max(pos2(20.0, 10.0), pos2(20.0, 50.0));
        let tint = Color32::from_rgba_unmultiplied(200, 0, 0, 34);
        let pieces = washed_background(
            rect,
            fill,
            &[(outside, tint), (empty, tint), (rect, Color32::TRANSPARENT)],
        );
        assert_eq!(pieces, vec![(rect, fill)]);
    }
}
