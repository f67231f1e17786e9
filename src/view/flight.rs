//! Camera flights between two views: the smooth zoom-and-pan path of van Wijk and
//! Nuij ("Smooth and efficient zooming and panning", InfoVis 2003), the path that
//! d3-zoom's `interpolateZoom` follows, in one dimension (a view's centre and width).
//!
//! A long jump zooms out on the way until the distance fits in a view, then zooms in;
//! a short one (the centres less than half a view apart) is a plain pan with the width
//! changing evenly in log space. Pure `f64` maths: no NaN or infinity comes out, for
//! equal views, zero or invalid widths alike.

use super::transform::TimeView;

/// The default curvature: how much a flight zooms out rather than pans (√2, as in
/// the paper and in d3). Larger zooms out further; smaller pans more.
pub const DEFAULT_RHO: f64 = std::f64::consts::SQRT_2;

/// The shortest flight, in seconds.
pub const MIN_FLIGHT_SECONDS: f64 = 0.5;

/// The longest flight, in seconds.
pub const MAX_FLIGHT_SECONDS: f64 = 1.5;

/// Seconds added per unit of path length (the paper's `S`).
const SECONDS_PER_UNIT: f64 = 0.13;

/// Below this distance, in views' widths, a flight is a plain pan.
const PAN_ONLY_BELOW: f64 = 0.5;

/// The narrowest width a flight works with, so that logarithms stay finite.
const TINY: f64 = 1e-9;

/// A flight from one view to another, sampled by [`Flight::at`] for `t` in `0..=1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    from: TimeView,
    to: TimeView,
    path: Path,
}

/// The shape of the path between the two views.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Path {
    /// Centre linear, width log-linear; `length` is the path length `S`.
    Pan { length: f64 },
    /// The van Wijk–Nuij curve: `r0` and `length` (`S`) as in the paper.
    Curve { rho: f64, r0: f64, length: f64 },
}

impl Flight {
    /// The flight from `from` to `to` with the default curvature.
    pub fn new(from: TimeView, to: TimeView) -> Self {
        Self::with_rho(from, to, DEFAULT_RHO)
    }

    /// The flight with curvature `rho` (a non-finite or non-positive `rho` uses the default).
    pub fn with_rho(from: TimeView, to: TimeView, rho: f64) -> Self {
        let rho = if rho.is_finite() && rho > 0.0 {
            rho
        } else {
            DEFAULT_RHO
        };
        let (from, to) = (sane(from), sane(to));
        let (w0, w1) = (from.span, to.span);
        let distance = (to.center() - from.center()).abs();
        let log_ratio = (w1 / w0).ln();
        let pan = Path::Pan {
            length: (log_ratio.abs() / rho).max(distance / w0.min(w1)),
        };
        if distance < PAN_ONLY_BELOW * w0.max(w1) {
            return Self {
                from,
                to,
                path: pan,
            };
        }
        let (rho2, rho4, d2) = (rho * rho, rho.powi(4), distance * distance);
        let b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2.0 * w0 * rho2 * distance);
        let b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2.0 * w1 * rho2 * distance);
        let r0 = ((b0 * b0 + 1.0).sqrt() - b0).ln();
        let r1 = ((b1 * b1 + 1.0).sqrt() - b1).ln();
        let length = (r1 - r0) / rho;
        let path = if r0.is_finite() && length.is_finite() && length > 0.0 {
            Path::Curve { rho, r0, length }
        } else {
            pan
        };
        Self { from, to, path }
    }

    /// The view at `t` (clamped to `0..=1`): exactly `from` at 0 and `to` at 1.
    pub fn at(&self, t: f64) -> TimeView {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            1.0
        };
        if t <= 0.0 {
            return self.from;
        }
        if t >= 1.0 {
            return self.to;
        }
        let (c0, c1) = (self.from.center(), self.to.center());
        let (w0, w1) = (self.from.span, self.to.span);
        let (center, span) = match self.path {
            Path::Pan { .. } => (c0 + (c1 - c0) * t, w0 * ((w1 / w0).ln() * t).exp()),
            Path::Curve { rho, r0, length } => {
                let s = t * length;
                let distance = (c1 - c0).abs();
                let cosh_r0 = r0.cosh();
                // The share of the distance covered (the paper's u(s) over the distance).
                let u = w0 / (rho * rho * distance) * (cosh_r0 * (rho * s + r0).tanh() - r0.sinh());
                (c0 + u * (c1 - c0), w0 * cosh_r0 / (rho * s + r0).cosh())
            }
        };
        let view = TimeView {
            min: center - span / 2.0,
            span,
        };
        if view.is_valid() {
            view
        } else {
            self.from.lerp(&self.to, t)
        }
    }

    /// The path length (`S` in the paper): grows with the distance in views' widths
    /// and with the zoom ratio.
    pub fn length(&self) -> f64 {
        match self.path {
            Path::Pan { length } | Path::Curve { length, .. } => length,
        }
    }

    /// Whether the flight zooms out on the way (a long jump) rather than panning.
    pub fn is_curved(&self) -> bool {
        matches!(self.path, Path::Curve { .. })
    }

    /// How long the flight takes: [`MIN_FLIGHT_SECONDS`] plus a little per unit of
    /// path length, at most [`MAX_FLIGHT_SECONDS`].
    pub fn seconds(&self) -> f64 {
        let seconds = MIN_FLIGHT_SECONDS + SECONDS_PER_UNIT * self.length();
        if seconds.is_finite() {
            seconds.clamp(MIN_FLIGHT_SECONDS, MAX_FLIGHT_SECONDS)
        } else {
            MAX_FLIGHT_SECONDS
        }
    }
}

/// `view` with a finite position and a finite width of at least [`TINY`].
fn sane(view: TimeView) -> TimeView {
    let min = if view.min.is_finite() { view.min } else { 0.0 };
    let span = if view.span.is_finite() {
        view.span.max(TINY)
    } else {
        TINY
    };
    TimeView { min, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(center: f64, span: f64) -> TimeView {
        TimeView {
            min: center - span / 2.0,
            span,
        }
    }

    fn samples(flight: &Flight) -> impl Iterator<Item = (f64, TimeView)> + '_ {
        (0..=100).map(move |i| {
            let t = f64::from(i) / 100.0;
            (t, flight.at(t))
        })
    }

    #[test]
    fn a_long_jump_zooms_out_to_show_both_ends() {
        // 1946 to 2015 in days, at a few years' zoom.
        let (a, b) = (view(-8_800.0, 1_800.0), view(16_400.0, 2_500.0));
        let flight = Flight::new(a, b);
        assert!(flight.is_curved());
        let middle = flight.at(0.5);
        assert!(
            middle.span > 3.0 * a.span.max(b.span),
            "middle {middle:?} should be far wider than both ends"
        );
        // At its widest a view holds the whole distance travelled.
        let widest = samples(&flight).map(|(_, v)| v.span).fold(0.0, f64::max);
        assert!(widest >= b.center() - a.center(), "{widest}");
        // The centre moves one way only.
        let centres: Vec<f64> = samples(&flight).map(|(_, v)| v.center()).collect();
        assert!(centres.windows(2).all(|w| w[1] >= w[0] - 1e-6));
    }

    #[test]
    fn a_short_move_is_a_plain_pan() {
        let (a, b) = (view(1000.0, 400.0), view(1100.0, 400.0));
        let flight = Flight::new(a, b);
        assert!(!flight.is_curved());
        for (t, v) in samples(&flight) {
            assert!((v.span - 400.0).abs() < 1e-9, "t {t}: {v:?}");
            assert!(
                (v.center() - (1000.0 + 100.0 * t)).abs() < 1e-9,
                "t {t}: {v:?}"
            );
        }
    }

    #[test]
    fn the_path_starts_and_ends_exactly_at_the_views() {
        let cases = [
            (view(0.0, 100.0), view(50_000.0, 30.0)),
            (view(0.0, 100.0), view(10.0, 5_000.0)),
            (view(-3.0, 1.0), view(-3.0, 1.0)),
            (view(9.0, 20.0), view(-700.0, 20.0)),
        ];
        for (a, b) in cases {
            let flight = Flight::new(a, b);
            assert_eq!(flight.at(0.0), a);
            assert_eq!(flight.at(1.0), b);
            assert_eq!(flight.at(-2.0), a);
            assert_eq!(flight.at(7.0), b);
        }
    }

    #[test]
    fn nothing_degenerate_makes_a_nan() {
        let odd = [
            view(5.0, 100.0),
            TimeView {
                min: 5.0,
                span: 0.0,
            },
            TimeView {
                min: 5.0,
                span: -3.0,
            },
            TimeView {
                min: f64::NAN,
                span: f64::INFINITY,
            },
            view(1e12, 1e-3),
        ];
        for a in odd {
            for b in odd {
                for rho in [DEFAULT_RHO, 0.5, 3.0, 0.0, f64::NAN] {
                    let flight = Flight::with_rho(a, b, rho);
                    assert!(flight.seconds().is_finite());
                    for (t, v) in samples(&flight) {
                        assert!(
                            v.min.is_finite() && v.span.is_finite() && v.span > 0.0,
                            "{a:?} -> {b:?}, rho {rho}, t {t}: {v:?}"
                        );
                    }
                    assert!(flight.at(f64::NAN).is_valid());
                }
            }
        }
    }

    #[test]
    fn a_pure_zoom_keeps_the_centre() {
        let flight = Flight::new(view(500.0, 1000.0), view(500.0, 10.0));
        for (t, v) in samples(&flight) {
            assert!((v.center() - 500.0).abs() < 1e-9, "t {t}");
            assert!(v.span <= 1000.0 + 1e-9 && v.span >= 10.0 - 1e-9, "t {t}");
        }
    }

    #[test]
    fn longer_jumps_take_longer_within_bounds() {
        let start = view(0.0, 100.0);
        let seconds: Vec<f64> = [60.0, 150.0, 1_000.0, 10_000.0, 1e7]
            .iter()
            .map(|&d| Flight::new(start, view(d, 100.0)).seconds())
            .collect();
        assert!(seconds.windows(2).all(|w| w[1] >= w[0]), "{seconds:?}");
        assert!(seconds[0] >= MIN_FLIGHT_SECONDS && seconds[0] < 1.0);
        assert!(seconds[2] > seconds[0]);
        assert_eq!(seconds[4], MAX_FLIGHT_SECONDS);
        // A larger rho zooms out further in the middle.
        let (a, b) = (view(0.0, 100.0), view(5_000.0, 100.0));
        assert!(
            Flight::with_rho(a, b, 2.0).at(0.5).span > Flight::with_rho(a, b, 1.0).at(0.5).span
        );
    }
}
