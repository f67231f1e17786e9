//! The visible time range and its mapping to screen x: pure `f64` maths, sanitised
//! so that no NaN or infinity ever reaches the screen, with the zoom limits.

use serde::{Deserialize, Serialize};

use crate::model::date::{DAYS_PER_YEAR, Days};

/// The narrowest view of a long file: about two weeks across the screen. A shorter
/// file may zoom further (see [`ViewLimits::for_span`]), never past [`MIN_VIEW_FLOOR`].
pub const MIN_VIEW_DAYS: Days = 14.0;

/// The narrowest view of any file: one hour across the screen.
pub const MIN_VIEW_FLOOR: Days = 1.0 / 24.0;

/// A file's span divided by this is its narrowest view (between the floor and two weeks):
/// a one-day file zooms to an hour, a year to about two weeks.
pub const MIN_VIEW_FRACTION: f64 = 24.0;

/// The span assumed for a file whose dates all fall on one day (or that has no sane span).
const SHORTEST_SPAN: Days = 1.0;

/// `value` kept within `[low, high]`; unlike `f64::clamp` it never panics: bounds that
/// rounding left inverted (or NaN) give `low`, and a NaN value gives `low`.
pub fn clamp_total(value: f64, low: f64, high: f64) -> f64 {
    if low <= high {
        value.max(low).min(high)
    } else {
        low
    }
}

/// How much room to leave around the whole span when fitted, as a fraction of it.
pub const FIT_MARGIN: f64 = 0.02;

/// The visible time range: `min` at the left edge, `span` days across.
/// A tiny `Copy` value, saved in settings and passed around freely.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeView {
    /// Time at the left edge.
    pub min: Days,
    /// Days from the left edge to the right edge; always positive.
    pub span: Days,
}

impl TimeView {
    /// The view from `from` to `to` (swapped if reversed).
    pub fn between(from: Days, to: Days) -> Self {
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        Self {
            min: from,
            span: to - from,
        }
    }

    /// Time at the right edge.
    pub fn max(&self) -> Days {
        self.min + self.span
    }

    /// Time at the middle.
    pub fn center(&self) -> Days {
        self.min + self.span / 2.0
    }

    /// Whether both numbers are finite and the span positive.
    pub fn is_valid(&self) -> bool {
        self.min.is_finite() && self.span.is_finite() && self.span > 0.0
    }

    /// The view scaled by `factor` (> 1 zooms in) keeping the time at `anchor` where it is.
    pub fn zoomed_at(&self, anchor: Days, factor: f64) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let span = self.span / factor;
        let min = anchor - (anchor - self.min) / factor;
        Self { min, span }
    }

    /// The view moved by `days` (positive moves later in time).
    pub fn panned(&self, days: Days) -> Self {
        if !days.is_finite() {
            return *self;
        }
        Self {
            min: self.min + days,
            span: self.span,
        }
    }

    /// Linear interpolation for animation; the span moves in log space so that
    /// zooming feels even (each frame zooms by the same factor).
    pub fn lerp(&self, to: &Self, t: f64) -> Self {
        let t = t.clamp(0.0, 1.0);
        let span = (self.span.ln() + (to.span.ln() - self.span.ln()) * t).exp();
        let center = self.center() + (to.center() - self.center()) * t;
        Self {
            min: center - span / 2.0,
            span,
        }
    }

    /// Whether two views are the same to within a fraction of a pixel at `width`.
    pub fn approx_eq(&self, other: &Self, width: f64) -> bool {
        let tolerance = self.span.max(other.span) / width.max(1.0) * 0.25;
        (self.min - other.min).abs() <= tolerance && (self.span - other.span).abs() <= tolerance
    }
}

/// What views are allowed: inside the span (with a margin), no narrower than `min_span`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewLimits {
    /// The earliest time the left edge may show.
    pub earliest: Days,
    /// The latest time the right edge may show.
    pub latest: Days,
    /// The narrowest span.
    pub min_span: Days,
}

impl ViewLimits {
    /// Limits for a timeline covering `span` (start, end). The narrowest view adapts to
    /// the data: the span divided by [`MIN_VIEW_FRACTION`], at least an hour
    /// ([`MIN_VIEW_FLOOR`]) and at most two weeks ([`MIN_VIEW_DAYS`]). A reversed span is
    /// swapped, a non-finite one replaced by a year from 1970, a span shorter than a day
    /// widened to a day, so the limits are always finite and ordered.
    pub fn for_span((start, end): (Days, Days)) -> Self {
        let (start, end) = if start.is_finite() && end.is_finite() {
            (start.min(end), start.max(end))
        } else {
            (0.0, DAYS_PER_YEAR)
        };
        let length = (end - start).max(SHORTEST_SPAN);
        let min_span = clamp_total(length / MIN_VIEW_FRACTION, MIN_VIEW_FLOOR, MIN_VIEW_DAYS);
        let margin = length * FIT_MARGIN;
        Self {
            earliest: start - margin,
            latest: start + length + margin,
            min_span,
        }
    }

    /// The widest view: the whole span with its margin.
    pub fn fitted(&self) -> TimeView {
        TimeView::between(self.earliest, self.latest)
    }

    /// The nearest allowed view to `view`: the span clamped first, then the position.
    /// An invalid view becomes the fitted one.
    pub fn clamp(&self, view: TimeView) -> TimeView {
        let fitted = self.fitted();
        if !view.is_valid() || !fitted.is_valid() {
            return if fitted.is_valid() {
                fitted
            } else {
                TimeView {
                    min: 0.0,
                    span: DAYS_PER_YEAR,
                }
            };
        }
        let widest = fitted.span;
        let span = clamp_total(view.span, self.min_span.min(widest), widest);
        // Keep the centre when the span was clamped (a zoom past the limit stops, it does not slide).
        let min = if (span - view.span).abs() > f64::EPSILON * widest {
            view.center() - span / 2.0
        } else {
            view.min
        };
        // `latest - span` can fall below `earliest` by rounding when the span is the widest.
        let min = clamp_total(min, fitted.min, fitted.min + (widest - span));
        TimeView { min, span }
    }

    /// `view` zoomed by `factor` about the time `anchor`, within limits: a zoom that
    /// reaches the narrowest or widest span stops there with `anchor` where it was on
    /// screen (it does not slide to keep the centre); only the edges of the span move
    /// it. The span is computed from the factor and the position from the anchor, once,
    /// so nothing accumulates over many turns of the wheel.
    pub fn zoom_about(&self, view: TimeView, anchor: Days, factor: f64) -> TimeView {
        let fitted = self.fitted();
        if !view.is_valid() || !anchor.is_finite() || !factor.is_finite() || factor <= 0.0 {
            return self.clamp(view);
        }
        let widest = fitted.span;
        let span = clamp_total(view.span / factor, self.min_span.min(widest), widest);
        // Where the anchor sits across the screen, 0 at the left edge and 1 at the right.
        let at = (anchor - view.min) / view.span;
        self.clamp(TimeView {
            min: anchor - at * span,
            span,
        })
    }

    /// A view of `(from, to)` with `padding` (a fraction) on each side, within limits.
    pub fn around(&self, (from, to): (Days, Days), padding: f64) -> TimeView {
        let length = (to - from).abs().max(self.min_span);
        let center = (from + to) / 2.0;
        let span = length * (1.0 + 2.0 * padding);
        self.clamp(TimeView {
            min: center - span / 2.0,
            span,
        })
    }
}

/// Maps time to screen x for one frame: a view and the pixel range it is shown in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenMapping {
    view: TimeView,
    left: f64,
    width: f64,
}

impl ScreenMapping {
    /// The mapping of `view` onto `[left, left + width]`; a degenerate input is sanitised
    /// (width at least one pixel, a valid view) so the result is always finite.
    pub fn new(view: TimeView, left: f32, width: f32) -> Self {
        let view = if view.is_valid() {
            view
        } else {
            TimeView {
                min: 0.0,
                span: DAYS_PER_YEAR,
            }
        };
        let left = if left.is_finite() {
            f64::from(left)
        } else {
            0.0
        };
        let width = if width.is_finite() {
            f64::from(width).max(1.0)
        } else {
            1.0
        };
        Self { view, left, width }
    }

    /// The view being mapped.
    pub fn view(&self) -> TimeView {
        self.view
    }

    /// Screen width in pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Days per pixel.
    pub fn days_per_pixel(&self) -> f64 {
        self.view.span / self.width
    }

    /// Screen x of a time (f64, for precise maths).
    pub fn x_from_time(&self, time: Days) -> f64 {
        self.left + (time - self.view.min) / self.view.span * self.width
    }

    /// Screen x of a time, clamped to a range egui can draw, as `f32`.
    pub fn x(&self, time: Days) -> f32 {
        let x = self.x_from_time(time).clamp(-1.0e6, 1.0e6);
        // Clamped to ±1e6 above, so the cast cannot overflow.
        #[allow(clippy::cast_possible_truncation)]
        let x = x as f32;
        x
    }

    /// Time at screen x.
    pub fn time_from_x(&self, x: f64) -> Days {
        self.view.min + (x - self.left) / self.width * self.view.span
    }

    /// The view after dragging the content `dx` pixels to the right.
    pub fn pan_pixels(&self, dx: f64) -> TimeView {
        self.view.panned(-dx * self.days_per_pixel())
    }

    /// The view after zooming by `factor` around screen x.
    pub fn zoom_at_x(&self, x: f64, factor: f64) -> TimeView {
        self.view.zoomed_at(self.time_from_x(x), factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::days_from_year;
    use proptest::prelude::*;

    fn wpk_limits() -> ViewLimits {
        // 1926-01-01 to 2022-01-01 in days since 1970.
        ViewLimits::for_span((-16_071.0, 18_993.0))
    }

    #[test]
    fn round_trips_every_pixel() {
        let mapping = ScreenMapping::new(
            TimeView {
                min: -16_071.0,
                span: 35_064.0,
            },
            150.0,
            500.0,
        );
        for x in 150..=650 {
            let x = f64::from(x);
            assert!((x - mapping.x_from_time(mapping.time_from_x(x))).abs() < 1e-6);
        }
    }

    #[test]
    fn clamp_keeps_views_inside_limits() {
        let limits = wpk_limits();
        let cases = [
            TimeView {
                min: -1e9,
                span: 1e12,
            },
            TimeView {
                min: 0.0,
                span: 1.0,
            },
            TimeView {
                min: 1e9,
                span: 100.0,
            },
            TimeView {
                min: f64::NAN,
                span: 100.0,
            },
            TimeView {
                min: 0.0,
                span: -5.0,
            },
            TimeView {
                min: 0.0,
                span: f64::INFINITY,
            },
        ];
        for view in cases {
            let clamped = limits.clamp(view);
            assert!(clamped.is_valid(), "{view:?}");
            assert!(clamped.min >= limits.earliest && clamped.max() <= limits.latest + 1e-6);
            assert!(clamped.span >= MIN_VIEW_DAYS);
        }
        assert_eq!(
            limits
                .clamp(TimeView {
                    min: 0.0,
                    span: 1.0
                })
                .span,
            MIN_VIEW_DAYS
        );
    }

    #[test]
    fn a_degenerate_mapping_stays_finite() {
        let mapping = ScreenMapping::new(
            TimeView {
                min: f64::NAN,
                span: 0.0,
            },
            f32::NAN,
            0.0,
        );
        assert!(mapping.x(1000.0).is_finite());
        assert!(mapping.time_from_x(10.0).is_finite());
        let far = ScreenMapping::new(
            TimeView {
                min: 0.0,
                span: 1e-9,
            },
            0.0,
            100.0,
        );
        assert!(far.x(1e300).is_finite());
    }

    #[test]
    fn lerp_reaches_both_ends() {
        let a = TimeView {
            min: 0.0,
            span: 10_000.0,
        };
        let b = TimeView {
            min: 5_000.0,
            span: 20.0,
        };
        assert!(a.lerp(&b, 0.0).approx_eq(&a, 1000.0));
        assert!(a.lerp(&b, 1.0).approx_eq(&b, 1000.0));
        let mid = a.lerp(&b, 0.5);
        assert!((mid.span - (10_000.0f64 * 20.0).sqrt()).abs() < 1e-6);
    }

    /// Every user action that moves the view, as the app applies them.
    fn moves(limits: &ViewLimits, view: TimeView) -> [TimeView; 5] {
        let mapping = ScreenMapping::new(view, 0.0, 1000.0);
        [
            limits.clamp(limits.fitted()),
            limits.clamp(mapping.zoom_at_x(500.0, 0.8)),
            limits.clamp(mapping.zoom_at_x(0.0, 1.25)),
            limits.clamp(mapping.pan_pixels(-300.0)),
            limits.around((view.min, view.max()), 0.15),
        ]
    }

    fn assert_inside(limits: &ViewLimits, view: TimeView, what: &str) {
        let slack = 1e-9 * (limits.earliest.abs().max(limits.latest.abs()) + 1.0);
        assert!(view.is_valid(), "{what}: {view:?}");
        assert!(
            view.min >= limits.earliest - slack,
            "{what}: {view:?} {limits:?}"
        );
        assert!(
            view.max() <= limits.latest + slack,
            "{what}: {view:?} {limits:?}"
        );
    }

    #[test]
    fn every_year_span_from_1800_to_2100_can_be_fitted_zoomed_and_panned() {
        // ("1900", "1990") and about one span in ten panicked in `f64::clamp` once.
        for from in 1800i16..2100 {
            for to in from + 1..=2100 {
                let limits = ViewLimits::for_span((days_from_year(from), days_from_year(to)));
                let fitted = limits.fitted();
                for view in moves(&limits, fitted) {
                    assert_inside(&limits, view, &format!("{from}..{to}"));
                }
            }
        }
    }

    #[test]
    fn the_narrowest_view_adapts_to_the_file() {
        let day = ViewLimits::for_span((0.0, 1.0));
        assert!((day.min_span - 1.0 / 24.0).abs() < 1e-12, "{day:?}");
        let zoomed = day.clamp(TimeView {
            min: 0.5,
            span: 1e-6,
        });
        assert!((zoomed.span - MIN_VIEW_FLOOR).abs() < 1e-12);
        assert_eq!(wpk_limits().min_span, MIN_VIEW_DAYS);
        let year = ViewLimits::for_span((0.0, 365.0));
        assert!(year.min_span > 14.0 * 0.99 && year.min_span <= MIN_VIEW_DAYS);
        let month = ViewLimits::for_span((0.0, 30.0));
        assert!((month.min_span - 30.0 / 24.0).abs() < 1e-9);
        // One date only, or nonsense, still gives ordered, finite limits.
        for span in [
            (5.0, 5.0),
            (10.0, -10.0),
            (f64::NAN, 3.0),
            (0.0, f64::INFINITY),
        ] {
            let limits = ViewLimits::for_span(span);
            assert!(limits.earliest < limits.latest, "{span:?} {limits:?}");
            assert!(limits.fitted().is_valid());
        }
    }

    #[test]
    fn clamp_total_never_panics_on_inverted_bounds() {
        assert_eq!(clamp_total(5.0, 0.0, 10.0), 5.0);
        assert_eq!(clamp_total(-5.0, 0.0, 10.0), 0.0);
        assert_eq!(clamp_total(15.0, 0.0, 10.0), 10.0);
        assert_eq!(clamp_total(5.0, 10.0, 9.999_999), 10.0);
        assert_eq!(clamp_total(f64::NAN, 1.0, 2.0), 1.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_span_view_zoom_and_pan_stays_total(
            start in -3.6e6f64..3.6e6,
            length in 1.0f64..(10_000.0 * DAYS_PER_YEAR),
            min in -4e6f64..4e6,
            span in -1e7f64..1e7,
            anchor in -100.0f64..1100.0,
            factor in 1e-4f64..1e4,
            dx in -1e5f64..1e5,
        ) {
            let limits = ViewLimits::for_span((start, start + length));
            prop_assert!(limits.min_span >= MIN_VIEW_FLOOR && limits.min_span <= MIN_VIEW_DAYS);
            let mut view = limits.clamp(TimeView { min, span });
            for _ in 0..3 {
                let mapping = ScreenMapping::new(view, 0.0, 1000.0);
                view = limits.clamp(mapping.zoom_at_x(anchor, factor));
                assert_inside(&limits, view, "zoom");
                let mapping = ScreenMapping::new(view, 0.0, 1000.0);
                view = limits.clamp(mapping.pan_pixels(dx));
                assert_inside(&limits, view, "pan");
                prop_assert!(view.span >= limits.min_span * (1.0 - 1e-9));
                for moved in moves(&limits, view) {
                    assert_inside(&limits, moved, "move");
                }
                prop_assert!(ScreenMapping::new(view, 0.0, 1000.0).x(start).is_finite());
            }
        }

        #[test]
        fn zoom_keeps_the_time_under_the_pointer(
            min in -20_000.0f64..20_000.0,
            span in 14.0f64..40_000.0,
            x in 0.0f64..1000.0,
            factor in 0.1f64..10.0,
        ) {
            let mapping = ScreenMapping::new(TimeView { min, span }, 0.0, 1000.0);
            let before = mapping.time_from_x(x);
            let zoomed = ScreenMapping::new(mapping.zoom_at_x(x, factor), 0.0, 1000.0);
            let after = zoomed.time_from_x(x);
            prop_assert!((before - after).abs() <= span * 1e-9 + 1e-9);
        }

        /// Issue 19: the time under the pointer drifted over many turns of the wheel
        /// (a turn past the narrowest span kept the centre instead of the pointer).
        #[test]
        fn wheel_turns_keep_the_time_under_the_pointer_within_a_pixel(
            start in 0.0f64..0.7,
            span in 0.05f64..1.0,
            x in 0.0f64..1000.0,
            turns in proptest::collection::vec(-3.0f64..3.0, 1..200),
        ) {
            let limits = wpk_limits();
            let whole = limits.fitted();
            let mut view = limits.clamp(TimeView {
                min: whole.min + start * whole.span,
                span: span * whole.span,
            });
            let pointer = |view: TimeView| ScreenMapping::new(view, 0.0, 1000.0).time_from_x(x);
            let held = pointer(view);
            for turn in turns {
                let anchor = pointer(view);
                let next = limits.zoom_about(view, anchor, turn.exp());
                // Only the ends of the span may push the pointer's time away.
                let at_edge = next.min <= whole.min + 1e-9 * whole.span
                    || next.max() >= whole.max() - 1e-9 * whole.span;
                if at_edge {
                    return Ok(());
                }
                view = next;
                let pixel = view.span / 1000.0;
                prop_assert!(
                    (pointer(view) - held).abs() <= pixel,
                    "drifted {} days (a pixel is {pixel})",
                    pointer(view) - held
                );
            }
        }

        #[test]
        fn pan_then_reverse_pan_is_the_identity(
            min in -20_000.0f64..20_000.0,
            span in 14.0f64..40_000.0,
            dx in -5000.0f64..5000.0,
        ) {
            let mapping = ScreenMapping::new(TimeView { min, span }, 10.0, 800.0);
            let there = ScreenMapping::new(mapping.pan_pixels(dx), 10.0, 800.0);
            let back = there.pan_pixels(-dx);
            prop_assert!((back.min - min).abs() < 1e-6 * span.max(1.0));
            prop_assert_eq!(back.span, span);
        }

        #[test]
        fn clamped_views_stay_within_limits(
            min in -1e7f64..1e7,
            span in -1e7f64..1e8,
            factor in 1e-3f64..1e3,
        ) {
            let limits = wpk_limits();
            let view = limits.clamp(TimeView { min, span }.zoomed_at(min, factor));
            prop_assert!(view.is_valid());
            prop_assert!(view.min >= limits.earliest - 1e-6);
            prop_assert!(view.max() <= limits.latest + 1e-6);
            prop_assert!(view.span >= MIN_VIEW_DAYS - 1e-9);
            prop_assert!(view.span <= limits.latest - limits.earliest + 1e-6);
        }
    }
}
