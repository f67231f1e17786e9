//! The presenter's window: the current and the next slide as live pictures (the
//! timeline widget drawn small), the speaker note in large type, the timer with pause
//! and reset, the clock, the step list (click to jump), and a clear banner while the
//! audience screen is blanked. Also where that window opens: beside the projector's.

use crate::model::wording::short_title;
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
    /// The first picture of the event on the Now card, as far as it is decoded.
    pub picture: Option<(
        &'a crate::model::media::MediaRecord,
        &'a crate::app::images::Picture,
    )>,
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

/// The least presenter window worth opening beside the projector's, in points: smaller
/// room beside it counts as none.
const LEAST_PRESENTER: Vec2 = vec2(560.0, 400.0);

/// The presenter window's size when the screen's size is not known: it fits a
/// 1024×768 screen with a title bar.
const FALLBACK_PRESENTER: Vec2 = vec2(1000.0, 700.0);

/// Room left for a window's title bar and frame (the size given is the inner size).
const DECORATION: Vec2 = vec2(16.0, 48.0);

/// Where the presenter's window opens and how large (inner size), in points.
///
/// `projector` is the projector window's outer rectangle in desktop coordinates and
/// `monitor` the size of its monitor, as egui reports them (either may be unknown);
/// `wanted` is the size the presenter would like. egui reports neither the other
/// monitors nor where this one begins, so the monitor is taken as the screen-sized
/// rectangle holding the projector's window (desktops start at 0, monitors side by
/// side), and:
/// 1. with room beside the projector's window on its own monitor, the presenter opens
///    there, on the side with more room, never over it;
/// 2. with the projector's monitor not the first (it starts right of 0, as a projector
///    extending a laptop's desktop does), on the monitor before it, beside it;
/// 3. otherwise (one screen, filled by the projector's window) on that screen, in its
///    lower right corner: over the projector, since nothing else is known to be a screen.
///
/// The result always fits the monitor's size, and is wholly on the monitor in 1 and 3.
pub fn presenter_placement(projector: Option<Rect>, monitor: Option<Vec2>, wanted: Vec2) -> Rect {
    let wanted = if wanted.is_finite() && wanted.x > 0.0 && wanted.y > 0.0 {
        wanted
    } else {
        FALLBACK_PRESENTER
    };
    let Some(monitor) =
        monitor.filter(|m| m.is_finite() && m.x >= 1.0 && m.y >= 1.0 && m.max_elem() < 1e6)
    else {
        return Rect::from_min_size(pos2(0.0, 0.0), wanted.min(FALLBACK_PRESENTER));
    };
    // The most a window may be on this monitor, title bar and frame included.
    let most = (monitor - DECORATION).max(vec2(1.0, 1.0));
    let size = wanted.min(most);
    // Beyond any real desktop (or where f32 would lose the window's size): unknown.
    let sane = |r: &Rect| {
        r.is_finite()
            && r.is_positive()
            && r.min.to_vec2().abs().max_elem() < 1e6
            && r.max.to_vec2().abs().max_elem() < 1e6
    };
    let Some(projector) = projector.filter(sane) else {
        return Rect::from_min_size(pos2(0.0, 0.0), size);
    };
    let screen = Rect::from_min_size(
        pos2(
            monitor_start(projector.left(), projector.right(), monitor.x),
            monitor_start(projector.top(), projector.bottom(), monitor.y),
        ),
        monitor,
    );
    let top_within = |height: f32| {
        projector
            .top()
            .min(screen.bottom() - height - DECORATION.y)
            .max(screen.top())
    };
    let room_right = screen.right() - projector.right() - DECORATION.x;
    let room_left = projector.left() - screen.left() - DECORATION.x;
    let room = room_right.max(room_left);
    if room >= LEAST_PRESENTER.x.min(size.x) {
        // 1. Beside it, on its own monitor.
        let size = vec2(size.x.min(room), size.y);
        let x = if room_right >= room_left {
            projector.right()
        } else {
            projector.left() - size.x - DECORATION.x
        };
        return Rect::from_min_size(pos2(x, top_within(size.y)), size);
    }
    if screen.left() >= LEAST_PRESENTER.x {
        // 2. The monitor before the projector's, left of it.
        let size = vec2(size.x.min(screen.left() - DECORATION.x), size.y);
        let x = screen.left() - size.x - DECORATION.x;
        return Rect::from_min_size(pos2(x, screen.top().max(0.0)), size);
    }
    // 3. Only this screen is known: wholly on it, in its lower right corner.
    Rect::from_min_size(screen.max - size - DECORATION, size)
}

/// Where, along one axis, the monitor holding a window from `low` to `high` begins:
/// the window's own edge when it is as large as the monitor (full screen), else the
/// monitor-sized step of the desktop it starts in, moved as little as needed to hold
/// the whole window.
fn monitor_start(low: f32, high: f32, length: f32) -> f32 {
    if high - low >= length - 1.0 {
        return low;
    }
    let step = (low / length).floor() * length;
    step.max(high - length).min(low)
}

/// Draws the presenter's window; returns the keys pressed and the buttons clicked.
pub fn presenter_ui(ui: &mut Ui, frame: &PresenterFrame<'_>) -> Vec<PresentKey> {
    let mut keys = read_keys(ui);
    let lecture = frame.lecture;
    let timeline = &frame.document.timeline;
    let title = |step: Option<&PresentationStep>| {
        step.and_then(|s| timeline.events.get(s.event)).map_or_else(
            || "— the end —".to_owned(),
            |e| short_title(&e.record.title).into_owned(),
        )
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
            // The audience's 16:9: the miniature shows the whole slide.
            (picture_width * SLIDE_SCREEN.y / SLIDE_SCREEN.x).clamp(60.0, 260.0),
        );
        // What the slides leave below them (a row's own height says nothing of it).
        let below_slides = ui.available_height() - picture.y - 60.0;
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new("Now").weak());
                slide_picture_ui(ui, frame, "now", frame.view, lecture.card_event(), picture);
                ui.label(RichText::new(title(lecture.step())).size(20.0).strong());
                // The Now card's picture, small, where the speaker note keeps room.
                if let Some((item, shown)) = frame.picture {
                    let room = vec2(picture.x, (picture.y * 0.5).min(130.0));
                    if below_slides > room.y + 220.0 {
                        crate::ui::media_strip::picture_ui(ui, shown, item, room)
                            .on_hover_text(item.credit_line());
                    }
                }
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
                    .map_or(&[][..], |e| &e.record.flags[..]);
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

/// The type of the header's timer and clock (monospace) and of its timer buttons: the
/// header's layout measures the texts at these sizes before drawing them.
const TIMER_TYPE: f32 = 24.0;
const TIMER_BUTTON_TYPE: f32 = 18.0;

/// Step, timer with pause and reset, clock, previous and next. The timer and clock go
/// to the right of the row, or to a row of their own where the window is too narrow
/// for both (they ran over the buttons in a 624-pixel window).
fn header_ui(ui: &mut Ui, frame: &PresenterFrame<'_>, keys: &mut Vec<PresentKey>) {
    let lecture = frame.lecture;
    let paused = lecture.paused_at.is_some();
    let elapsed = timer_text(lecture.elapsed(frame.now));
    let elapsed = if paused {
        format!("elapsed {elapsed} (paused)")
    } else {
        format!("elapsed {elapsed}")
    };
    let pause = if paused { "Go on" } else { "Pause" };
    // How wide the timer and clock are: their texts, the buttons' padding, the gaps.
    let right_width = {
        let width = |text: &str, font: egui::FontId| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
                    .size()
                    .x
            })
        };
        let spacing = ui.spacing();
        let (pad, gap) = (spacing.button_padding.x * 2.0, spacing.item_spacing.x);
        width(frame.clock, egui::FontId::monospace(TIMER_TYPE))
            + 16.0
            + width("Reset", egui::FontId::proportional(TIMER_BUTTON_TYPE))
            + width(pause, egui::FontId::proportional(TIMER_BUTTON_TYPE))
            + 2.0 * pad
            + width(&elapsed, egui::FontId::monospace(TIMER_TYPE))
            + 5.0 * gap
    };
    let right = |ui: &mut Ui, keys: &mut Vec<PresentKey>| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(RichText::new(frame.clock).size(TIMER_TYPE).monospace())
                .on_hover_text("The time of day");
            ui.add_space(16.0);
            if ui
                .button(RichText::new("Reset").size(TIMER_BUTTON_TYPE))
                .clicked()
            {
                keys.push(PresentKey::ResetTimer);
            }
            if ui
                .button(RichText::new(pause).size(TIMER_BUTTON_TYPE))
                .clicked()
            {
                keys.push(PresentKey::PauseTimer);
            }
            ui.label(RichText::new(&elapsed).size(TIMER_TYPE).monospace());
        });
    };
    let mut own_row = false;
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
        if ui.available_width() >= right_width {
            right(ui, keys);
        } else {
            own_row = true;
        }
    });
    if own_row {
        ui.horizontal(|ui| right(ui, keys));
    }
}

/// The audience's screen a slide's picture stands for (a 1080p projector).
const SLIDE_SCREEN: Vec2 = vec2(1920.0, 1080.0);

/// The look of a slide's picture `size` big: the projector's look on the audience's
/// screen, drawn small. A true miniature: type, marks and rows shrink together, so the
/// picture lays out as the slide does. (The projector's look for a screen as small as
/// the picture kept its type at the 18-point floor, labels twice as large for the
/// picture as on the slide, and the step's label was pushed over its neighbours.)
pub fn slide_picture_style(theme: ThemeChoice, size: Vec2) -> TimelineStyle {
    let factor = (size.x / SLIDE_SCREEN.x).min(size.y / SLIDE_SCREEN.y);
    TimelineStyle::projector(theme, SLIDE_SCREEN.y).scaled(factor)
}

/// The lanes a slide at `view` shows: those with events in view, and the step's own.
pub fn slide_lanes(document: &Document, view: TimeView, event: Option<usize>) -> Vec<usize> {
    let lanes = &document.projector_lanes;
    let card_lane = event
        .and_then(|e| document.timeline.events.get(e))
        .map(|e| e.category);
    (0..document.timeline.categories.len())
        .filter(|&lane| {
            Some(lane) == card_lane || lanes.lane_has_events_in(lane, view.min, view.max())
        })
        .collect()
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
    let style = slide_picture_style(frame.theme, rect.size());
    let lanes = &document.projector_lanes;
    let shown = slide_lanes(document, view, event);
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
                    .map_or(std::borrow::Cow::Borrowed("?"), |e| {
                        short_title(&e.record.title)
                    });
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

    fn screen(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(w, h))
    }

    /// Issue 12: the presenter window opened at 0,0 over the projector, then ran off a
    /// 1920-wide screen. Now: beside the projector when there is room on its monitor or
    /// a monitor before it, always within a monitor, its size clamped to the monitor.
    #[test]
    fn the_presenter_window_opens_beside_the_projector_and_on_a_screen() {
        let wanted = PRESENTER_SIZE;
        // (projector window, its monitor's size, the monitor the presenter must lie on,
        //  whether it must stay clear of the projector)
        let cases = [
            // A window on the left of a wide screen: right of it, on the same screen.
            (
                screen(0.0, 0.0, 1280.0, 720.0),
                vec2(2560.0, 1440.0),
                screen(0.0, 0.0, 2560.0, 1440.0),
                true,
            ),
            // A window at the right of its screen: left of it.
            (
                screen(1400.0, 100.0, 1160.0, 720.0),
                vec2(2560.0, 1440.0),
                screen(0.0, 0.0, 2560.0, 1440.0),
                true,
            ),
            // The projector full screen on a second 1920 monitor right of a first: on
            // the first.
            (
                screen(1920.0, 0.0, 1920.0, 1080.0),
                vec2(1920.0, 1080.0),
                screen(0.0, 0.0, 1920.0, 1080.0),
                true,
            ),
            // A 1366 laptop on the left, the projector full screen at 1024×768 right of it.
            (
                screen(1366.0, 0.0, 1024.0, 768.0),
                vec2(1024.0, 768.0),
                screen(0.0, 0.0, 1366.0, 768.0),
                true,
            ),
            // A 1024×768 window on a 1920×1080 screen: the room beside it (880) is used,
            // the presenter narrower than it wanted.
            (
                screen(0.0, 0.0, 1024.0, 768.0),
                vec2(1920.0, 1080.0),
                screen(0.0, 0.0, 1920.0, 1080.0),
                true,
            ),
            // A window in the middle of a second monitor: beside it on that monitor.
            (
                screen(2100.0, 50.0, 1000.0, 800.0),
                vec2(1920.0, 1080.0),
                screen(1920.0, 0.0, 1920.0, 1080.0),
                true,
            ),
            // One 1920×1080 screen, filled by the projector: on that screen (it cannot
            // be beside), not off its right edge as before.
            (
                screen(0.0, 0.0, 1920.0, 1080.0),
                vec2(1920.0, 1080.0),
                screen(0.0, 0.0, 1920.0, 1080.0),
                false,
            ),
            // A small 1024×768 screen filled: the presenter shrinks to fit it.
            (
                screen(0.0, 0.0, 1024.0, 768.0),
                vec2(1024.0, 768.0),
                screen(0.0, 0.0, 1024.0, 768.0),
                false,
            ),
        ];
        for (projector, monitor, on, clear) in cases {
            let placed = presenter_placement(Some(projector), Some(monitor), wanted);
            let with_frame = Rect::from_min_size(placed.min, placed.size() + DECORATION);
            assert!(
                on.contains_rect(with_frame),
                "{projector:?} on {monitor:?}: {placed:?} is not wholly on {on:?}"
            );
            assert!(placed.width() <= wanted.x && placed.height() <= wanted.y);
            assert!(
                placed.width() >= LEAST_PRESENTER.x.min(monitor.x - DECORATION.x),
                "{placed:?}"
            );
            if clear {
                assert!(
                    !with_frame.intersects(projector.shrink(0.5)),
                    "{projector:?} on {monitor:?}: {placed:?} is over the projector"
                );
            }
        }
    }

    #[test]
    fn the_presenter_window_fits_when_nothing_is_known() {
        let fallback = presenter_placement(None, None, PRESENTER_SIZE);
        assert_eq!(fallback.min, pos2(0.0, 0.0));
        assert!(fallback.width() <= 1024.0 && fallback.height() + DECORATION.y <= 768.0);
        // Nonsense from the platform: still a finite window of a sane size.
        for (projector, monitor) in [
            (
                Some(screen(f32::NAN, 0.0, 10.0, 10.0)),
                Some(vec2(f32::INFINITY, 1.0)),
            ),
            (Some(screen(0.0, 0.0, -5.0, 10.0)), Some(vec2(0.0, 0.0))),
            (
                Some(screen(-1e30, -1e30, 1e30, 1e30)),
                Some(vec2(800.0, 600.0)),
            ),
            (None, Some(vec2(640.0, 480.0))),
        ] {
            let placed = presenter_placement(projector, monitor, PRESENTER_SIZE);
            assert!(placed.is_finite() && placed.is_positive(), "{placed:?}");
            if let Some(monitor) = monitor.filter(|m| m.is_finite() && m.x > 1.0) {
                assert!(placed.width() <= monitor.x && placed.height() <= monitor.y);
            }
        }
    }
}
