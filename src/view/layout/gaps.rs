//! Where a row breaks into groups at any zoom, found without visiting what lies between
//! the breaks: a tree of the widest gap between neighbours under each node (eight
//! pairs of neighbours to a leaf, eight nodes to a parent), built once with the row.
//!
//! A row of a hundred thousand points seen whole breaks into a hundred or so groups;
//! walking it by search from group to group missed the cache a dozen times a group
//! (the widest view of a million events spent a third of its frame there). The tree
//! takes under a thirtieth of the row's memory (an `f32` for every eight pairs, and
//! the levels above) and is gone down only where a gap is wide enough.

use std::ops::Range;

use crate::model::date::Days;

/// Children of a node, and pairs of neighbours under a leaf.
const FAN: usize = 8;
/// `log2(FAN)`.
const FAN_BITS: u32 = 3;

/// The widest gap between neighbours (`starts[i + 1] - ends[i]`) under each node of a
/// tree over a row's pairs of neighbours, rounded up to `f32`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GapTree {
    /// `levels[0][j]`: the widest gap of pairs `FAN * j..FAN * (j + 1)`; `levels[k + 1][j]`:
    /// the widest of `levels[k][FAN * j..FAN * (j + 1)]`. The last level has one node.
    levels: Vec<Vec<f32>>,
    /// The largest magnitude of any time in the row: how far rounding may move a sum.
    magnitude: f64,
}

/// `value` as an `f32` no smaller than it.
fn rounded_up(value: f64) -> f32 {
    // Rounding to the nearest, then a step up where that fell below.
    #[allow(clippy::cast_possible_truncation)]
    let near = value as f32;
    if f64::from(near) < value {
        near.next_up()
    } else {
        near
    }
}

impl GapTree {
    /// The tree of the row whose drawn extents are `starts` and `ends` (sorted, as in a
    /// row: `ends[i] <= starts[i + 1]` is not needed, only that both are sorted).
    pub fn new(starts: &[Days], ends: &[Days]) -> Self {
        let pairs = starts.len().min(ends.len()).saturating_sub(1);
        let gap = |i: usize| match (starts.get(i + 1), ends.get(i)) {
            (Some(next), Some(end)) => next - end,
            _ => f64::NEG_INFINITY,
        };
        let mut levels = Vec::new();
        let mut level: Vec<f32> = (0..pairs.div_ceil(FAN))
            .map(|leaf| {
                let under = leaf * FAN..((leaf + 1) * FAN).min(pairs);
                rounded_up(under.map(gap).fold(f64::NEG_INFINITY, f64::max))
            })
            .collect();
        while level.len() > 1 {
            let parents = level
                .chunks(FAN)
                .map(|children| children.iter().copied().fold(f32::NEG_INFINITY, f32::max))
                .collect();
            levels.push(std::mem::replace(&mut level, parents));
        }
        levels.push(level);
        let magnitude = starts
            .iter()
            .chain(ends)
            .map(|t| t.abs())
            .filter(|t| t.is_finite())
            .fold(0.0, f64::max);
        Self { levels, magnitude }
    }

    /// Calls `emit(i)`, in order, for every pair `i` in `pairs` (the neighbours `i` and
    /// `i + 1`) that a gap of at least `gap` parts: `starts[i + 1] >= ends[i] + gap`,
    /// exactly as a search for the first start at or after `ends[i] + gap` finds it.
    /// `starts` and `ends` must be those the tree was built from. Visits only the
    /// nodes whose widest gap may reach `gap`.
    pub fn breaks(
        &self,
        (starts, ends): (&[Days], &[Days]),
        pairs: Range<usize>,
        gap: Days,
        mut emit: impl FnMut(usize),
    ) {
        let Some(top) = self.levels.len().checked_sub(1) else {
            return;
        };
        // The tree's gaps are differences, the test a sum: rounding may set them apart
        // by a few units in the last place of the row's largest times. A node is passed
        // over only when no pair under it comes near `gap`; each pair is tested exactly.
        let slack = (self.magnitude + gap.abs()) * 1e-12;
        let query = Query {
            starts,
            ends,
            pairs,
            gap,
            lower: gap - slack,
        };
        let nodes = self.levels.get(top).map_or(0, Vec::len);
        self.visit(top, 0..nodes, &query, &mut emit);
    }

    fn visit(
        &self,
        level: usize,
        nodes: Range<usize>,
        query: &Query<'_>,
        emit: &mut impl FnMut(usize),
    ) {
        let Some(widest) = self.levels.get(level) else {
            return;
        };
        // How many pairs a node of this level covers (a shift past the word covers all).
        let covers = 1usize
            .checked_shl(FAN_BITS * (level as u32 + 1))
            .unwrap_or(usize::MAX);
        let pairs = &query.pairs;
        let first = nodes.start.max(pairs.start / covers);
        let last = nodes.end.min(pairs.end.div_ceil(covers)).min(widest.len());
        for node in first..last {
            if widest.get(node).is_none_or(|&w| f64::from(w) < query.lower) {
                continue;
            }
            if level == 0 {
                let under = (node * FAN).max(pairs.start)..((node + 1) * FAN).min(pairs.end);
                for i in under {
                    if let (Some(&next), Some(&end)) = (query.starts.get(i + 1), query.ends.get(i))
                        && next >= end + query.gap
                    {
                        emit(i);
                    }
                }
            } else {
                self.visit(level - 1, node * FAN..(node + 1) * FAN, query, emit);
            }
        }
    }
}

/// What [`GapTree::breaks`] looks for.
struct Query<'a> {
    starts: &'a [Days],
    ends: &'a [Days],
    pairs: Range<usize>,
    gap: Days,
    /// Below this no pair can break.
    lower: Days,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every break, by looking at every pair.
    fn every_pair(starts: &[Days], ends: &[Days], pairs: Range<usize>, gap: Days) -> Vec<usize> {
        pairs.filter(|&i| starts[i + 1] >= ends[i] + gap).collect()
    }

    fn found(
        tree: &GapTree,
        row: (&[Days], &[Days]),
        pairs: Range<usize>,
        gap: Days,
    ) -> Vec<usize> {
        let mut breaks = Vec::new();
        tree.breaks(row, pairs, gap, |i| breaks.push(i));
        breaks
    }

    #[test]
    fn a_row_breaks_where_its_gaps_are_wide_enough() {
        let starts = [0.0, 1.0, 2.0, 10.0, 11.0, 30.0, 30.0, 31.0];
        let tree = GapTree::new(&starts, &starts);
        assert_eq!(found(&tree, (&starts, &starts), 0..7, 5.0), vec![2, 4]);
        assert_eq!(
            found(&tree, (&starts, &starts), 0..7, 1.0),
            vec![0, 1, 2, 3, 4, 6]
        );
        assert_eq!(found(&tree, (&starts, &starts), 3..7, 5.0), vec![4]);
        assert_eq!(
            found(&tree, (&starts, &starts), 0..7, 100.0),
            Vec::<usize>::new()
        );
        // A gap of nothing parts every pair, even two at the same time.
        assert_eq!(found(&tree, (&starts, &starts), 0..7, 0.0).len(), 7);
    }

    #[test]
    fn an_empty_or_single_row_has_no_breaks() {
        for starts in [&[][..], &[4.0][..]] {
            let tree = GapTree::new(starts, starts);
            assert_eq!(
                found(&tree, (starts, starts), 0..0, 1.0),
                Vec::<usize>::new()
            );
        }
    }

    proptest! {
        /// The tree finds exactly the pairs a look at every pair finds, for rows of
        /// points and of bars (whose ends follow their starts), for any part of the row
        /// and any gap: across many levels and at the edges of every node, and for
        /// gaps a few units in the last place from one of the row's own (where the
        /// rounding of the tree's `f32` gaps and of the sums tested decides).
        #[test]
        fn the_tree_finds_what_every_pair_shows(
            steps in prop::collection::vec((0u32..40, 0u32..30), 0..1500),
            offset in prop_oneof![-2.0e6f64..2.0e6, -1.0f64..1.0],
            scale in prop::sample::select(vec![1.0f64, 0.5, 0.1, 1.0 / 3.0, 0.7]),
            bars in any::<bool>(),
            from in 0usize..1600,
            len in 0usize..1600,
            gap in prop_oneof![Just(0.0f64), 0.0f64..60.0, (0u32..40).prop_map(f64::from)],
            own in prop::option::of((any::<prop::sample::Index>(), -3i32..=3)),
        ) {
            let mut starts = Vec::with_capacity(steps.len());
            let mut ends = Vec::with_capacity(steps.len());
            let mut t = offset;
            for &(step, length) in &steps {
                t += f64::from(step) * scale;
                starts.push(t);
                if bars {
                    // Bars in a row do not overlap: the next one starts after this one ends.
                    let end = t + f64::from(length) * scale;
                    ends.push(end);
                    t = end;
                } else {
                    ends.push(t);
                }
            }
            let pairs_total = starts.len().saturating_sub(1);
            // One of the row's own gaps, nudged by a few units in the last place.
            let gap = match own {
                Some((pick, nudge)) if pairs_total > 0 => {
                    let i = pick.index(pairs_total);
                    let mut own = starts[i + 1] - ends[i];
                    for _ in 0..nudge.unsigned_abs() {
                        own = if nudge > 0 { own.next_up() } else { own.next_down() };
                    }
                    own
                }
                _ => gap,
            };
            let start = from.min(pairs_total);
            let pairs = start..(start + len).min(pairs_total);
            let tree = GapTree::new(&starts, &ends);
            prop_assert_eq!(
                found(&tree, (&starts, &ends), pairs.clone(), gap),
                every_pair(&starts, &ends, pairs, gap)
            );
        }
    }
}
