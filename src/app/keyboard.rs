//! The timeline with the keyboard alone: once `Tab` has brought the focus to the
//! timeline, `←`/`→` (and `[`/`]`) move to the previous or next event in time, `↑`/`↓`
//! to the nearest event in the lane above or below, `Enter` opens the event's panel and
//! `Esc` gives the focus back. Events hidden by the filters are skipped.

use egui::{Context, Key, Modifiers};

use super::TimelineApp;
use crate::model::timeline::EventIndex;

impl TimelineApp {
    /// The keys of the focused timeline (see the module's documentation).
    pub(super) fn handle_timeline_keys(&mut self, ctx: &Context) {
        let now = ctx.input(|i| i.time);
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let next = pressed(Key::ArrowRight) || pressed(Key::CloseBracket);
        let previous = pressed(Key::ArrowLeft) || pressed(Key::OpenBracket);
        let up = pressed(Key::ArrowUp);
        let down = pressed(Key::ArrowDown);
        let enter = pressed(Key::Enter) || pressed(Key::Space);
        let escape = pressed(Key::Escape);
        let step = if next || previous {
            self.step_in_time(next)
        } else if up || down {
            self.step_between_lanes(down)
        } else {
            None
        };
        if let Some(event) = step {
            // The panel follows when it is open; otherwise the ring marks the event.
            let open = self.is_panel_open();
            self.select(Some(event), true, now);
            self.panel_open = open;
        }
        if enter {
            if self.selected.is_none() {
                self.selected = self.step_in_time(true);
            }
            self.panel_open = self.selected.is_some();
        }
        if escape && let Some(focus) = self.timeline_focus {
            ctx.memory_mut(|m| m.surrender_focus(focus));
        }
    }

    /// The next (or previous) event in time that the filters show, from the selection
    /// (from the start of the view when nothing is selected).
    pub(super) fn step_in_time(&self, forward: bool) -> Option<EventIndex> {
        let document = self.document.as_ref()?;
        let timeline = &document.timeline;
        let mut at = match self.selected {
            Some(selected) => timeline.step_from(Some(selected), forward),
            None => {
                let view = self.view();
                let first = timeline.anchored_in(view.min, view.max()).start;
                if forward {
                    Some(first).filter(|&e| e < timeline.events.len())
                } else {
                    first.checked_sub(1)
                }
            }
        };
        while let Some(event) = at {
            if self.passes_filters(event) {
                return Some(event);
            }
            at = timeline.step_from(Some(event), forward);
        }
        None
    }

    /// The event nearest in time to the selection in the nearest shown lane below
    /// (`down`) or above it that has an event to show; `None` past the last lane.
    pub(super) fn step_between_lanes(&self, down: bool) -> Option<EventIndex> {
        let document = self.document.as_ref()?;
        let timeline = &document.timeline;
        let lanes = self.shown_lanes();
        let (lane, time) = match self.selected.and_then(|e| timeline.events.get(e)) {
            Some(event) => (
                lanes.iter().position(|&l| l == event.category),
                event.when.anchor(),
            ),
            None => (None, self.view().center()),
        };
        // The lanes to try, nearest first.
        let order: Vec<usize> = match (lane, down) {
            (Some(lane), true) => (lane + 1..lanes.len()).collect(),
            (Some(lane), false) => (0..lane).rev().collect(),
            (None, true) => (0..lanes.len()).collect(),
            (None, false) => (0..lanes.len()).rev().collect(),
        };
        order.into_iter().find_map(|position| {
            let category = *lanes.get(position)?;
            timeline
                .events
                .iter()
                .enumerate()
                .filter(|(e, event)| event.category == category && self.passes_filters(*e))
                .min_by(|(_, a), (_, b)| {
                    (a.when.anchor() - time)
                        .abs()
                        .total_cmp(&(b.when.anchor() - time).abs())
                })
                .map(|(e, _)| e)
        })
    }
}
