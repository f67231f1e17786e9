//! The presenter's window: the current and the next slide as live pictures (the
//! timeline widget drawn small), the speaker note in large type, the timer with pause
//! and reset, the clock, the step list (click to jump), and a clear banner while the
//! audience screen is blanked. Also where that window opens: beside the projector's.

use egui::{Align, Color32, Layout, Rect, RichText, Ui, UiBuilder, Vec2, pos2, vec2};

use super::detail_panel::flag_line;
use super::present::{PresentKey, Presentation, PresentationStep, read_keys, step_view};
use super::theme::{ThemeChoice, TimelineStyle};
use super::timeline_ui::{Emphasis, TimelineWidget};
use crate::document::Document;
use crate::view::transform::TimeView;

/// The presenter window's first size, in points.
pub const PRESENTER_SIZE: Vec2 = vec2(1100.0, 720.0);

/// What the presenter's window shows this frame.
pub struct PresenterFrame<'a> {
    /// The open file.
    pub document: &'a Document,
    /// The lecture.
    pub lecture: &'a Presentation,
    /// What the projector shows now (during a flight, where the flight is).
    pub view: TimeView,
    /// The projector's theme.
    pub theme: ThemeChoice,
    /// egui time, for the timer.
    pub now: f64,
    /// The local time, `14:05`.
    pub clock: &'a str,
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn timer_text(seconds: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = if seconds.is_finite() {
        seconds.max(0.0) as u64
    } else {
        0
    };
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

/// Where the presenter's window opens: just right of the projector's window when
/// there is room on the screen (or the next screen) there, else just left of it, else
/// below it; never over it. `outer` is the projector window's outer rectangle and
/// `monitor` the size of its monitor, both in points (either may be unknown).
pub fn presenter_position(outer: Option<Rect>, monitor: Option<Vec2>, size: Vec2) -> egui::Pos2 {
    let Some(outer) = outer.filter(|r| r.is_finite() && r.is_positive()) else {
        return pos2(0.0, 0.0);
    };
    let monitor = monitor
        .filter(|m| m.is_finite() && m.x > 0.0 && m.y > 0.0)
        .unwrap_or(outer.max.to_vec2());
    if outer.right() + size.x <= monitor.x || outer.left() < size.x {
        // Room to the right on this monitor, or the projector fills it from the left
        // edge: a second monitor, if any, is to the right.
        pos2(outer.right(), outer.top())
    } else {
        pos2(outer.left() - size.x, outer.top())
    }
}

/// Draws the presenter's window; returns the keys pressed and the buttons clicked.
pub fn presenter_ui(ui: &mut Ui, frame: &PresenterFrame<'_>) -> Vec<PresentKey> {
    let mut keys = read_keys(ui);
    let lecture = frame.lecture;
    let timeline = &frame.document.timeline;
    let title = |step: Option<&PresentationStep>| {
        step.and_then(|s| timeline.events.get(s.event))
            .map_or_else(|| "— the end —".to_owned(), |e| e.record.title.clone())
    };
    header_ui(ui, frame, &mut keys);
    if let Some(blank) = lecture.blank {
        let (text, fill, colour) = match blank {
            super::present::Blank::Black => (
                "AUDIENCE SCREEN BLANK (black) — any key shows it",
                Color32::BLACK,
                Color32::WHITE,
            ),
            super::present::Blank::White => (
                "AUDIENCE SCREEN BLANK (white) — any key shows it",
                Color32::WHITE,
                Color32::BLACK,
            ),
        };
        egui::Frame::new()
            .fill(fill)
            .stroke(egui::Stroke::new(3.0, Color32::from_rgb(230, 40, 40)))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(text).size(26.0).strong().color(colour));
            });
    }
    ui.separator();
    let body = ui.available_rect_before_wrap();
    let list_width = (body.width() * 0.24).clamp(160.0, 300.0);
    let main = Rect::from_min_max(
        body.min,
        pos2(body.right() - list_width - 8.0, body.bottom()),
    );
    let list = Rect::from_min_max(pos2(main.right() + 8.0, body.top()), body.max);
    ui.scope_builder(UiBuilder::new().max_rect(main), |ui| {
        let picture_width = (ui.available_width() - 12.0) / 2.0;
        let picture = vec2(
            picture_width.max(40.0),
            (picture_width * 0.5).clamp(60.0, 260.0),
        );
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new("Now").weak());
                slide_picture_ui(ui, frame, "now", frame.view, lecture.card_event(), picture);
                ui.label(RichText::new(title(lecture.step())).size(20.0).strong());
            });
            ui.vertical(|ui| {
                ui.label(RichText::new("Next").weak());
                if let Some(next) = lecture.next_step() {
                    let view = step_view(next, |e| frame.document.view_around_event(e));
                    slide_picture_ui(ui, frame, "next", view, Some(next.event), picture);
                } else {
                    ui.allocate_space(picture);
                }
                ui.label(
                    RichText::new(title(lecture.next_step()))
                        .size(18.0)
                        .color(Color32::GRAY),
                );
            });
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Speaker note").weak());
        egui::ScrollArea::vertical()
            .id_salt("presenter_note")
            .show(ui, |ui| {
                let note = lecture
                    .step()
                    .and_then(|s| s.note.as_deref())
                    .unwrap_or("(no note for this step)");
                ui.label(RichText::new(note).size(26.0));
                // Every provenance note in full, even where the projector's card had no room.
                let flags = lecture
                    .step()
                    .and_then(|s| timeline.events.get(s.event))
                    .map_or(&[][..], |e| e.record.flags.as_slice());
                if !flags.is_empty() {
                    ui.add_space(8.0);
                    ui.label(RichText::new("Provenance").weak());
                    for flag in flags {
                        ui.label(RichText::new(flag_line(flag)).size(18.0));
                    }
                }
            });
    });
    ui.scope_builder(UiBuilder::new().max_rect(list), |ui| {
        step_list_ui(ui, frame, &mut keys);
    });
    keys
}

/// Step, timer with pause and reset, clock, previous and next.
fn header_ui(ui: &mut Ui, frame: &PresenterFrame<'_>, keys: &mut Vec<PresentKey>) {
    let lecture = frame.lecture;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Step {}", lecture.progress()))
                .size(24.0)
                .strong(),
        );
        if ui.button(RichText::new("◀ Previous").size(20.0)).clicked() {
            keys.push(PresentKey::Previous);
        }
        if ui.button(RichText::new("Next ▶").size(20.0)).clicked() {
            keys.push(PresentKey::Next);
        }
        if lecture.is_asking_for_step() {
            ui.label(RichText::new(format!("Go to step {}…", lecture.typed)).size(20.0));
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(RichText::new(frame.clock).size(24.0).monospace())
                .on_hover_text("The time of day");
            ui.add_space(16.0);
            if ui.button(RichText::new("Reset").size(18.0)).clicked() {
                keys.push(PresentKey::ResetTimer);
            }
            let paused = lecture.paused_at.is_some();
            if ui
                .button(RichText::new(if paused { "Go on" } else { "Pause" }).size(18.0))
                .clicked()
            {
                keys.push(PresentKey::PauseTimer);
            }
            let elapsed = timer_text(lecture.elapsed(frame.now));
            let text = if paused {
                format!("elapsed {elapsed} (paused)")
            } else {
                format!("elapsed {elapsed}")
            };
            ui.label(RichText::new(text).size(24.0).monospace());
        });
    });
}

/// A slide as the audience sees it, drawn small: the timeline at `view` with `event`
/// selected, in the projector's look scaled to the picture.
fn slide_picture_ui(
    ui: &mut Ui,
    frame: &PresenterFrame<'_>,
    salt: &str,
    view: TimeView,
    event: Option<usize>,
    size: Vec2,
) {
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let document = frame.document;
    let view = document.limits.clamp(view);
    // The projector's look for a screen as tall as the picture would be at 16:9.
    let style = TimelineStyle::projector(frame.theme, rect.width() * 9.0 / 16.0);
    let lanes = &document.projector_lanes;
    let card_lane = event
        .and_then(|e| document.timeline.events.get(e))
        .map(|e| e.category);
    let shown: Vec<usize> = (0..document.timeline.categories.len())
        .filter(|&lane| {
            Some(lane) == card_lane || lanes.lane_has_events_in(lane, view.min, view.max())
        })
        .collect();
    ui.painter().rect_filled(rect, 4.0, style.background);
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(rect)
            .id_salt(("presenter_slide", salt)),
        |ui| {
            ui.set_clip_rect(rect.intersect(ui.clip_rect()));
            TimelineWidget {
                document,
                lanes,
                view,
                selected: event,
                style: &style,
                shown_lanes: &shown,
                emphasis: Emphasis { is_match: None },
            }
            .show(ui);
        },
    );
    ui.painter().rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, Color32::GRAY),
        egui::StrokeKind::Outside,
    );
}

/// Every step, the current one marked; a click jumps there.
fn step_list_ui(ui: &mut Ui, frame: &PresenterFrame<'_>, keys: &mut Vec<PresentKey>) {
    let lecture = frame.lecture;
    ui.label(RichText::new("Steps").weak());
    egui::ScrollArea::vertical()
        .id_salt("presenter_steps")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, step) in lecture.steps.iter().enumerate() {
                let title = frame
                    .document
                    .timeline
                    .events
                    .get(step.event)
                    .map_or("?", |e| e.record.title.as_str());
                let current = index == lecture.current;
                let text = RichText::new(format!("{}. {title}", index + 1)).size(16.0);
                let response =
                    ui.selectable_label(current, if current { text.strong() } else { text });
                if current && lecture.typed.is_empty() {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    keys.push(PresentKey::GoTo(index));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_reads_as_minutes_and_seconds() {
        assert_eq!(timer_text(0.0), "00:00");
        assert_eq!(timer_text(61.9), "01:01");
        assert_eq!(timer_text(3725.0), "1:02:05");
        assert_eq!(timer_text(-5.0), "00:00");
        assert_eq!(timer_text(f64::NAN), "00:00");
    }

    #[test]
    fn the_presenter_window_never_opens_over_the_projector() {
        let size = PRESENTER_SIZE;
        let cases = [
            // Full screen on a 1920 monitor at the left: to the right (the next monitor).
            (
                Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0)),
                vec2(1920.0, 1080.0),
            ),
            // A window on the left of a wide screen: right of it, on the same screen.
            (
                Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 720.0)),
                vec2(2560.0, 1440.0),
            ),
            // A window at the right of its screen: left of it.
            (
                Rect::from_min_size(pos2(1400.0, 0.0), vec2(1160.0, 720.0)),
                vec2(2560.0, 1440.0),
            ),
            // A second monitor to the right holds the projector: to its left (the first).
            (
                Rect::from_min_size(pos2(1920.0, 0.0), vec2(1920.0, 1080.0)),
                vec2(1920.0, 1080.0),
            ),
        ];
        for (outer, monitor) in cases {
            let at = presenter_position(Some(outer), Some(monitor), size);
            let window = Rect::from_min_size(at, size);
            assert!(
                !window.intersects(outer.shrink(0.5)),
                "{outer:?} {monitor:?}: {window:?}"
            );
        }
        assert_eq!(presenter_position(None, None, size), pos2(0.0, 0.0));
    }
}
