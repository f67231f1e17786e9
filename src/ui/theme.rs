//! Colours and sizes of the timeline for each look: desktop light and dark, and
//! the high-contrast projector themes used in presentation mode.

use egui::Color32;
use serde::{Deserialize, Serialize};

use crate::model::timeline::Rgb;
use crate::view::frame::FrameSizes;
use crate::view::layout::LayoutMetrics;

/// The grey level of an era band on dark backgrounds (for a light era colour of
/// mean level 215; lighter or darker ones keep their difference).
const DARK_ERA_LEVEL: f32 = 52.0;
/// How much an era colour's departure from grey is strengthened on dark backgrounds.
const DARK_ERA_SATURATION: f32 = 2.2;

/// Which look is in use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Light background (the default).
    #[default]
    Light,
    /// Dark background.
    Dark,
}

/// The least cap height of any projector text, as a share of the screen height
/// (a back-row rule of thumb for lecture halls).
pub const PROJECTOR_MIN_CAP_SHARE: f32 = 1.0 / 40.0;

/// The smallest text on the projector as a share of the label size: the overview's
/// decade years (era names are 0.95, cluster counts about 1).
pub const PROJECTOR_SMALLEST_TEXT: f32 = 0.9;

/// The height of a capital letter in the interface font, as a share of the font size
/// (measured for egui's default font: "H" at 100 points is about 69 points tall).
pub const CAP_HEIGHT: f32 = 0.68;

/// A projector era row's height, in label sizes (era names are 0.95 of a label).
const PROJECTOR_ERA_ROW: f32 = 1.3;
/// The projector axis's height, in label sizes (tick labels on top, ticks below).
const PROJECTOR_AXIS: f32 = 1.75;

/// The presentation type scales `Ctrl +` and `Ctrl −` step through; 1 is the default.
pub const PROJECTOR_TYPE_SCALES: [f32; 9] = [0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8];

/// The type scale `steps` steps larger (negative: smaller) than `scale`, within
/// [`PROJECTOR_TYPE_SCALES`]; `steps` 0 gives the default.
pub fn next_type_scale(scale: f32, steps: i8) -> f32 {
    if steps == 0 {
        return 1.0;
    }
    let scale = if scale.is_finite() { scale } else { 1.0 };
    let nearest = PROJECTOR_TYPE_SCALES
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| (*a - scale).abs().total_cmp(&(*b - scale).abs()))
        .map_or(3, |(i, _)| i);
    let last = PROJECTOR_TYPE_SCALES.len() - 1;
    let index = nearest.saturating_add_signed(isize::from(steps)).min(last);
    PROJECTOR_TYPE_SCALES.get(index).copied().unwrap_or(1.0)
}

/// Relative luminance (WCAG 2) of an opaque colour.
pub fn luminance(colour: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
}

/// The contrast ratio (WCAG 2) of two opaque colours, from 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `top` (premultiplied) painted over the opaque `under`.
pub fn over(top: Color32, under: Color32) -> Color32 {
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, u: u8| {
        let value = (f32::from(t) + f32::from(u) * (1.0 - a)).round();
        // In 0..=255 by construction; clamped for a malformed premultiplied colour.
        value.clamp(0.0, 255.0) as u8
    };
    Color32::from_rgb(
        mix(top.r(), under.r()),
        mix(top.g(), under.g()),
        mix(top.b(), under.b()),
    )
}

/// The desktop's label size.
pub const DESKTOP_LABEL_SIZE: f32 = 12.5;
/// The desktop's line width.
pub const DESKTOP_LINE_WIDTH: f32 = 1.0;
/// The projector's line width.
pub const PROJECTOR_LINE_WIDTH: f32 = 2.5;

/// Everything the timeline painter needs to know about the look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineStyle {
    /// Dark or light background.
    pub dark: bool,
    /// Behind the lanes.
    pub background: Color32,
    /// Every other lane gets this tint.
    pub lane_stripe: Color32,
    /// Tick lines and text of low importance.
    pub grid: Color32,
    /// Minor tick lines.
    pub grid_minor: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text.
    pub weak_text: Color32,
    /// Selection ring and highlights.
    pub highlight: Color32,
    /// The mark of a disputed date.
    pub disputed: Color32,
    /// Body text size.
    pub text_size: f32,
    /// Label size on the timeline.
    pub label_size: f32,
    /// Width of outlines and tick lines.
    pub line_width: f32,
    /// Row heights and marker sizes.
    pub metrics: LayoutMetrics,
    /// Height of one era row.
    pub era_row: f32,
    /// Height of the time axis.
    pub axis_height: f32,
    /// Width of the lane-name column.
    pub lane_names_width: f32,
}

impl TimelineStyle {
    /// The desktop look.
    pub fn desktop(choice: ThemeChoice) -> Self {
        let dark = choice == ThemeChoice::Dark;
        Self {
            dark,
            background: if dark {
                Color32::from_gray(24)
            } else {
                Color32::from_gray(250)
            },
            lane_stripe: if dark {
                Color32::from_white_alpha(6)
            } else {
                Color32::from_black_alpha(8)
            },
            grid: if dark {
                Color32::from_gray(90)
            } else {
                Color32::from_gray(170)
            },
            grid_minor: if dark {
                Color32::from_gray(45)
            } else {
                Color32::from_gray(222)
            },
            text: if dark {
                // 245, not 230: labels in the dark theme's bars (a category colour at
                // the bar's alpha) keep 4.5:1 (at 230, 4.2:1 on the ideology lane's pink).
                Color32::from_gray(245)
            } else {
                Color32::from_gray(20)
            },
            weak_text: if dark {
                Color32::from_gray(160)
            } else {
                Color32::from_gray(90)
            },
            highlight: if dark {
                Color32::from_rgb(255, 210, 60)
            } else {
                Color32::from_rgb(200, 30, 30)
            },
            disputed: if dark {
                Color32::from_rgb(255, 140, 90)
            } else {
                Color32::from_rgb(190, 60, 0)
            },
            text_size: 14.0,
            label_size: DESKTOP_LABEL_SIZE,
            line_width: DESKTOP_LINE_WIDTH,
            metrics: LayoutMetrics::DESKTOP.for_type(DESKTOP_LABEL_SIZE, DESKTOP_LINE_WIDTH),
            era_row: 20.0,
            axis_height: 26.0,
            lane_names_width: 178.0,
        }
    }

    /// The projector look at the default type scale; see [`Self::projector_scaled`].
    pub fn projector(choice: ThemeChoice, screen_height: f32) -> Self {
        Self::projector_scaled(choice, screen_height, 1.0)
    }

    /// The projector look: larger type, thicker lines, stronger contrast, sized to the
    /// screen. At `type_scale` 1 the smallest text on the projector (the overview's
    /// years, [`PROJECTOR_SMALLEST_TEXT`] of a label) has capitals at least
    /// [`PROJECTOR_MIN_CAP_SHARE`] of the screen height tall; `type_scale` (clamped to
    /// the range of [`PROJECTOR_TYPE_SCALES`]) makes every text and mark larger or smaller.
    pub fn projector_scaled(choice: ThemeChoice, screen_height: f32, type_scale: f32) -> Self {
        let base = Self::desktop(choice);
        let type_scale = if type_scale.is_finite() {
            type_scale.clamp(PROJECTOR_TYPE_SCALES[0], PROJECTOR_TYPE_SCALES[8])
        } else {
            1.0
        };
        let screen_height = if screen_height.is_finite() {
            screen_height.max(0.0)
        } else {
            0.0
        };
        let smallest_cap = screen_height * PROJECTOR_MIN_CAP_SHARE;
        let text = (smallest_cap / CAP_HEIGHT / PROJECTOR_SMALLEST_TEXT).max(18.0) * type_scale;
        let scale = text / base.label_size;
        let dark = choice == ThemeChoice::Dark;
        Self {
            background: if dark { Color32::BLACK } else { Color32::WHITE },
            text: if dark { Color32::WHITE } else { Color32::BLACK },
            weak_text: if dark {
                Color32::from_gray(200)
            } else {
                Color32::from_gray(50)
            },
            grid: if dark {
                Color32::from_gray(140)
            } else {
                Color32::from_gray(110)
            },
            text_size: text * 1.15,
            label_size: text,
            line_width: PROJECTOR_LINE_WIDTH,
            metrics: LayoutMetrics {
                // Point rows a little tighter than the type grows, so that a step's
                // lanes still fit under large type (the label needs 1.2 of its size).
                point_row: base.metrics.point_row * scale * 0.8,
                bar_row: base.metrics.bar_row * scale,
                lane_gap: base.metrics.lane_gap * scale * 0.5,
                marker_base: base.metrics.marker_base * scale,
                marker_step: base.metrics.marker_step * scale,
                label_height: base.metrics.label_height * scale,
                // The disputed ring reaches 3.2 line widths (2.5 out, 1.3 thick) beyond
                // the marker; the projector's line width is 2.5.
                ring: 3.2 * 2.5,
                // A count's capitals at the smallest text, a point clear above and
                // below, inside the badge's outline (a line width on each side).
                count_badge: CAP_HEIGHT * PROJECTOR_SMALLEST_TEXT * text
                    + 2.0
                    + 2.0 * PROJECTOR_LINE_WIDTH,
                ..base.metrics
            }
            .for_type(text, PROJECTOR_LINE_WIDTH),
            // Era rows and the axis closer around their (large) text than on the desktop,
            // so that a step's lanes keep rows tall enough for labels.
            era_row: text * PROJECTOR_ERA_ROW,
            axis_height: text * PROJECTOR_AXIS,
            lane_names_width: base.lane_names_width * scale,
            ..base
        }
    }

    /// This look drawn `factor` times as large (a slide's miniature): every size, line
    /// and row scaled alike, so the layout is the same picture, only smaller. A factor
    /// that is not a positive number leaves the look as it is.
    #[must_use]
    pub fn scaled(self, factor: f32) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let m = self.metrics;
        Self {
            text_size: self.text_size * factor,
            label_size: self.label_size * factor,
            line_width: self.line_width * factor,
            metrics: LayoutMetrics {
                point_row: m.point_row * factor,
                bar_row: m.bar_row * factor,
                lane_gap: m.lane_gap * factor,
                marker_base: m.marker_base * factor,
                marker_step: m.marker_step * factor,
                label_height: m.label_height * factor,
                ring: m.ring * factor,
                count_badge: m.count_badge * factor,
                outline: m.outline * factor,
                ink: m.ink * factor,
            },
            era_row: self.era_row * factor,
            axis_height: self.axis_height * factor,
            lane_names_width: self.lane_names_width * factor,
            ..self
        }
    }

    /// The sizes the frame geometry needs.
    pub fn frame_sizes(&self) -> FrameSizes {
        FrameSizes {
            era_row: self.era_row,
            axis_height: self.axis_height,
            metrics: self.metrics,
            names_width: (self.lane_names_width * 0.6, self.lane_names_width * 1.6),
            names_padding: self.label_size * 2.4,
        }
    }

    /// A category colour as drawn on this background (slightly lifted on dark backgrounds).
    pub fn category_colour(&self, rgb: Rgb) -> Color32 {
        let [r, g, b] = rgb.0;
        let colour = Color32::from_rgb(r, g, b);
        if self.dark {
            colour.lerp_to_gamma(Color32::WHITE, 0.15)
        } else {
            colour
        }
    }

    /// The colour of text set on `fill` (premultiplied, perhaps translucent, over this
    /// look's background): black or white, whichever stands out more. Either has a
    /// contrast of at least 4.58:1 against any opaque colour, so a badge's count is
    /// legible on every category colour in every theme and back end (seen: white on an
    /// orange badge, about 2:1, in the poster's key).
    pub fn text_on(&self, fill: Color32) -> Color32 {
        let under = over(fill, self.background);
        if contrast(Color32::WHITE, under) >= contrast(Color32::BLACK, under) {
            Color32::WHITE
        } else {
            Color32::BLACK
        }
    }

    /// An era colour as a translucent background fill.
    /// On dark backgrounds the (pale) era colours are darkened with their hue
    /// strengthened, so that eras stay told apart instead of all turning grey.
    pub fn era_fill(&self, rgb: Rgb, alpha: u8) -> Color32 {
        let [r, g, b] = rgb.0;
        if self.dark {
            let mean = (f32::from(r) + f32::from(g) + f32::from(b)) / 3.0;
            let channel = |c: u8| {
                (DARK_ERA_LEVEL + (mean - 215.0) + (f32::from(c) - mean) * DARK_ERA_SATURATION)
                    .clamp(0.0, 255.0) as u8
            };
            Color32::from_rgba_unmultiplied(channel(r), channel(g), channel(b), alpha)
        } else {
            Color32::from_rgba_unmultiplied(r, g, b, alpha)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_scales_step_within_their_range() {
        assert_eq!(next_type_scale(1.0, 1), 1.1);
        assert_eq!(next_type_scale(1.1, 1), 1.25);
        assert_eq!(next_type_scale(1.25, -2), 1.0);
        assert_eq!(next_type_scale(1.8, 1), 1.8);
        assert_eq!(next_type_scale(0.7, -1), 0.7);
        assert_eq!(next_type_scale(1.4, 0), 1.0);
        assert_eq!(next_type_scale(f32::NAN, 1), 1.1);
    }

    #[test]
    fn projector_type_grows_with_the_screen_and_the_scale() {
        for height in [768.0, 720.0, 1080.0, 2160.0] {
            let style = TimelineStyle::projector(ThemeChoice::Light, height);
            let smallest = style.label_size * PROJECTOR_SMALLEST_TEXT * CAP_HEIGHT;
            assert!(smallest >= height / 40.0 - 0.01, "{height}: {smallest}");
            let larger = TimelineStyle::projector_scaled(ThemeChoice::Light, height, 1.25);
            assert!((larger.label_size / style.label_size - 1.25).abs() < 1e-4);
        }
        let odd = TimelineStyle::projector_scaled(ThemeChoice::Dark, f32::NAN, f32::INFINITY);
        assert!(odd.label_size.is_finite() && odd.label_size >= 18.0);
    }
}
