//! The time axis of one frame, the single source of ticks for the window, the SVG
//! export and the overview strip: calendar ticks from minutes to millennia, the
//! labelled step chosen so that no label overlaps another or runs off the axis, and
//! a context label pinned at the left edge naming the day, month or year that the
//! edge lies in.
//!
//! The axis never misdates. Its rules:
//! - only ticks inside the view are labelled, and a label that would run past the
//!   right edge is left out (its line stays), so no label is ever clipped;
//! - a *boundary* tick (a midnight, a first of the month, a first of January; see
//!   [`TickStep::is_boundary`]) always keeps its label: the context label takes a
//!   shorter form (`Aug 1956`) or steps aside for it, and then the boundary names
//!   its year (`1 Aug 1956`);
//! - the context label only hides labels that are not boundaries, so every label
//!   read after it, left to right, is dated by it or by the boundary before it.

mod step;

pub use step::{TickStep, TickTime};

use super::transform::ScreenMapping;
use crate::model::date::{Days, date_from_days};
use step::LADDER;

/// Space kept free after each label, in pixels.
pub const LABEL_GAP: f32 = 8.0;
/// Labels start this far right of their tick line.
pub const LABEL_OFFSET: f32 = 3.0;
/// Minor ticks closer than this are not drawn.
const MIN_MINOR_SPACING: f64 = 5.0;
/// Labelled ticks closer than this are not considered.
const MIN_MAJOR_SPACING: f64 = 12.0;

/// One tick line, with its label when it is a major tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where it stands.
    pub time: Days,
    /// Screen x.
    pub x: f32,
    /// The label, left-aligned at `x + LABEL_OFFSET`; `None` for minor ticks, and for
    /// major ticks beneath the context label or too near the right edge.
    pub label: Option<String>,
    /// The label's measured width.
    pub label_width: f32,
    /// Whether the tick starts a new period of the kind the context label names
    /// (see [`TickStep::is_boundary`]); such a tick always keeps its label.
    pub boundary: bool,
}

/// The ticks of one frame.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TimeAxis {
    /// Major ticks, left to right; those with a label are the labelled ones.
    pub major: Vec<Tick>,
    /// Unlabelled ticks between them.
    pub minor: Vec<Tick>,
    /// The day, month or year the left edge lies in ("August 1956"), to be shown
    /// pinned at the left edge, left-aligned at `LABEL_OFFSET` from it; `None` when
    /// the labels need no context (years) or when there is no room for it before
    /// the first boundary label (which then names its year).
    pub context: Option<String>,
    /// The context label's measured width (0 without one).
    pub context_width: f32,
    /// The step of the labelled ticks.
    pub step: Option<TickStep>,
}

impl TimeAxis {
    /// Ticks for `mapping`, with labels measured by `measure` (text → pixels).
    /// The labelled step is the finest one whose labels all fit, beside each other and
    /// beside the context label, without hiding a boundary label.
    pub fn new(mapping: &ScreenMapping, measure: &dyn Fn(&str) -> f32) -> Self {
        let view = mapping.view();
        let pixels_per_day = mapping.width() / view.span;
        // At most one tick every 2 pixels is ever considered.
        let limit = usize::try_from((mapping.width() / 2.0) as i64)
            .unwrap_or(1)
            .max(2);
        for step in LADDER {
            if step.approx_days() * pixels_per_day < MIN_MAJOR_SPACING {
                continue;
            }
            let times = step.ticks(view.min, view.max(), limit + 1);
            if times.len() > limit {
                continue;
            }
            if let Some(axis) = Self::with_step(step, &times, mapping, measure, limit) {
                return axis;
            }
        }
        Self::default()
    }

    /// The axis labelled at `step` (its ticks are `times`), or `None` when its labels
    /// do not fit.
    fn with_step(
        step: TickStep,
        times: &[TickTime],
        mapping: &ScreenMapping,
        measure: &dyn Fn(&str) -> f32,
        limit: usize,
    ) -> Option<Self> {
        let view = mapping.view();
        let (left, right) = (mapping.x(view.min), mapping.x(view.max()));
        let fits_on_screen = |x: f32, width: f32| x + LABEL_OFFSET + width <= right;
        let mut major: Vec<Tick> = Vec::with_capacity(times.len());
        // The last label that fits on screen, while none has been cut at the right edge:
        // two of those that overlap fail `labels_fit` below whatever follows, so a step
        // too fine is given up at its first overlap, not after naming all its ticks.
        let mut previous: Option<(f32, f32)> = None;
        let mut cut = false;
        for &tick in times {
            let time = tick.days();
            let x = mapping.x(time);
            let label = step.label(tick);
            let label_width = measure(&label);
            let fits = fits_on_screen(x, label_width);
            if fits && !cut {
                if previous.is_some_and(|(px, pw)| px + pw + LABEL_GAP > x) {
                    return None;
                }
                previous = Some((x, label_width));
            }
            cut |= !fits;
            major.push(Tick {
                time,
                x,
                label: fits.then_some(label),
                label_width,
                boundary: step.is_boundary(tick),
            });
        }
        // After a label with no room before the right edge, no label: the ones after it
        // could not be dated if that label was a boundary.
        if let Some(first_cut) = major.iter().position(|tick| tick.label.is_none()) {
            // A boundary further on whose own label would fit (the cut one is longer, as a
            // boundary naming its year is): this step would hide a boundary, so a coarser
            // one is tried.
            if major
                .iter()
                .skip(first_cut + 1)
                .any(|tick| tick.boundary && tick.label.is_some())
            {
                return None;
            }
            for tick in major.iter_mut().skip(first_cut) {
                tick.label = None;
            }
        }
        if !labels_fit(&major) {
            return None;
        }
        let mut context = None;
        if let Some(forms) = step.context(date_from_days(view.min)) {
            context = forms.into_iter().find_map(|text| {
                let width = measure(&text);
                let end = context_end(left, width);
                let hides_a_boundary = major
                    .iter()
                    .any(|t| t.boundary && t.label.is_some() && t.x + LABEL_OFFSET < end);
                (fits_on_screen(left, width) && !hides_a_boundary).then_some((text, width))
            });
            match &context {
                Some((_, width)) => hide_labels_under(&mut major, context_end(left, *width)),
                None => {
                    // No context: the first boundary on screen says the whole date.
                    if let Some((tick, time)) = major
                        .iter_mut()
                        .zip(times)
                        .find(|(t, _)| t.boundary && t.label.is_some())
                    {
                        let full = step.full_label(*time);
                        let width = measure(&full);
                        if fits_on_screen(tick.x, width) {
                            tick.label = Some(full);
                            tick.label_width = width;
                        }
                    }
                    if !labels_fit(&major) {
                        return None;
                    }
                }
            }
        }
        let minor = minor_ticks(step, mapping, &major, limit);
        let (context, context_width) = context.map_or((None, 0.0), |(text, w)| (Some(text), w));
        Some(Self {
            major,
            minor,
            context,
            context_width,
            step: Some(step),
        })
    }

    /// Hides the labels that are not boundaries and would run into a context label
    /// of width `context_width` pinned at the left edge `left`; tick lines stay.
    ///
    /// [`TimeAxis::new`] has already made room for its context label, measured with
    /// the same function: calling this again with that width changes nothing.
    pub fn make_room_for_context(&mut self, left: f32, context_width: f32) {
        if self.context.is_some() {
            hide_labels_under(&mut self.major, context_end(left, context_width));
        }
    }

    /// The labelled ticks, left to right.
    pub fn labelled(&self) -> impl Iterator<Item = (&Tick, &str)> {
        self.major
            .iter()
            .filter_map(|tick| tick.label.as_deref().map(|label| (tick, label)))
    }
}

/// Where the next label may start after a context label of `width` at `left`.
fn context_end(left: f32, width: f32) -> f32 {
    left + LABEL_OFFSET + width + LABEL_GAP
}

/// Hides the labels, other than boundaries', that start before `end`.
fn hide_labels_under(major: &mut [Tick], end: f32) {
    for tick in major {
        if !tick.boundary && tick.x + LABEL_OFFSET < end {
            tick.label = None;
        }
    }
}

/// Whether every label ends (plus the gap) before the next label begins.
fn labels_fit(ticks: &[Tick]) -> bool {
    let mut labelled = ticks.iter().filter(|tick| tick.label.is_some());
    let Some(mut previous) = labelled.next() else {
        return true;
    };
    for tick in labelled {
        if previous.x + previous.label_width + LABEL_GAP > tick.x {
            return false;
        }
        previous = tick;
    }
    true
}

/// The finer ticks between the major ones, when they are at least a few pixels apart.
fn minor_ticks(step: TickStep, mapping: &ScreenMapping, major: &[Tick], limit: usize) -> Vec<Tick> {
    let view = mapping.view();
    let pixels_per_day = mapping.width() / view.span;
    let Some(minor) = step
        .minor()
        .filter(|minor| minor.approx_days() * pixels_per_day >= MIN_MINOR_SPACING)
    else {
        return Vec::new();
    };
    let same = minor.approx_days() / 2.0;
    // Both lists are in time order: one walk finds the minor ticks a major one covers.
    let mut majors = major.iter().map(|m| m.time).peekable();
    minor
        .ticks(view.min, view.max(), limit)
        .into_iter()
        .map(|tick| tick.days())
        .filter(|&time| {
            while majors.next_if(|&m| m < time - same).is_some() {}
            majors.peek().is_none_or(|&m| (m - time).abs() >= same)
        })
        .map(|time| Tick {
            time,
            x: mapping.x(time),
            label: None,
            label_width: 0.0,
            boundary: false,
        })
        .collect()
}

#[cfg(test)]
mod tests;
