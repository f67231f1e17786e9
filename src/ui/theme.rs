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
                Color32::from_gray(230)
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
            label_size: 12.5,
            line_width: 1.0,
            metrics: LayoutMetrics::DESKTOP,
            era_row: 20.0,
            axis_height: 26.0,
            lane_names_width: 178.0,
        }
    }

    /// The projector look: larger type, thicker lines, stronger contrast, sized to the screen.
    pub fn projector(choice: ThemeChoice, screen_height: f32) -> Self {
        let base = Self::desktop(choice);
        // Text no smaller than 1/40 of the screen height.
        let text = (screen_height / 40.0).max(18.0);
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
            line_width: 2.5,
            metrics: LayoutMetrics {
                point_row: base.metrics.point_row * scale,
                bar_row: base.metrics.bar_row * scale,
                lane_gap: base.metrics.lane_gap * scale * 0.5,
                marker_base: base.metrics.marker_base * scale,
                marker_step: base.metrics.marker_step * scale,
                label_height: base.metrics.label_height * scale,
                // The disputed ring reaches 3.2 line widths (2.5 out, 1.3 thick) beyond
                // the marker; the projector's line width is 2.5.
                ring: 3.2 * 2.5,
            },
            era_row: base.era_row * scale,
            axis_height: base.axis_height * scale,
            lane_names_width: base.lane_names_width * scale,
            ..base
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
