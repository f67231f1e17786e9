//! Exploration tools of the application: the search box and its results, lane and
//! importance filters, and the back/forward history of views.

use crate::model::wording::short_title;
use egui::{Key, Modifiers, RichText, Ui};

use std::sync::Arc;

use super::TimelineApp;
use super::files::waker;
use super::lane_filter::{self, LaneFilter};
use super::latest_job::{LatestJob, Polled};
use crate::model::timeline::EventIndex;
use crate::view::layout::LaneIndex;
use crate::view::transform::TimeView;

/// From this many events a search runs on a worker: at a million a query cost the UI
/// thread up to 55 ms a keystroke (a single letter matches most events); below, a few
/// milliseconds, and a worker would only make the results a frame late.
const SEARCH_ON_WORKER_FROM: usize = 100_000;

/// The search results list is never narrower than this.
const RESULTS_PANEL_MIN: f32 = 160.0;

/// Most views remembered for Back.
const HISTORY_LIMIT: usize = 100;

/// Pointer moves further apart than this (seconds) are separate steps in the history.
pub(super) const GESTURE_PAUSE: f64 = 0.6;

/// A place in the history: what was shown, and which event was open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The view.
    pub view: TimeView,
    /// The selected event (its panel open), if any.
    pub selected: Option<EventIndex>,
}

/// Back and forward through the places visited (view and selection), like a browser.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NavHistory {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl NavHistory {
    /// Remembers `from` before a new move; the forward list is dropped.
    pub fn navigate(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > HISTORY_LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The place to go back to from `current`.
    pub fn back(&mut self, current: Place) -> Option<Place> {
        let place = self.back.pop()?;
        self.forward.push(current);
        Some(place)
    }

    /// The place to go forward to from `current`.
    pub fn forward(&mut self, current: Place) -> Option<Place> {
        let place = self.forward.pop()?;
        self.back.push(current);
        Some(place)
    }

    /// Whether Back would do anything.
    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    /// Whether Forward would do anything.
    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// Forgets everything (another file was opened: its events are others).
    pub fn clear(&mut self) {
        self.back.clear();
        self.forward.clear();
    }
}

/// Search, filters and history.
#[derive(Default)]
pub(super) struct Exploration {
    /// What is typed in the search box.
    pub query: String,
    /// The query `results` belong to.
    searched: String,
    /// Matching events, in time order (shared with the results list, drawn each frame).
    pub results: Arc<Vec<EventIndex>>,
    /// The search running on a worker (a large timeline): its query, and its results.
    runs: LatestJob<String, Vec<EventIndex>>,
    /// `mask[event]` is whether it matches.
    mask: Vec<bool>,
    /// Whether the search box is shown.
    pub search_open: bool,
    /// Give the search box the keyboard next frame.
    pub focus_search: bool,
    /// Hidden lanes, by category id (ids survive reloads).
    pub hidden_lanes: Vec<String>,
    /// Events below this importance are hidden.
    pub min_importance: u8,
    /// The lane index for `min_importance` (and the selected event it keeps although
    /// the minimum hides it), built when it changes.
    filter: LaneFilter,
    /// Back/forward.
    pub history: NavHistory,
    /// When the last direct (pointer) move happened.
    pub last_direct_move: f64,
    /// Set while Back/Forward moves, so the move itself is not recorded.
    pub replaying: bool,
}

impl Exploration {
    /// Nothing searched, nothing hidden.
    pub fn new() -> Self {
        Self {
            min_importance: 1,
            ..Self::default()
        }
    }

    /// The lane index for the importance filter, once one was built: for the filter as
    /// it is, or, while a worker builds that one, as it was.
    pub fn filtered_index(&self) -> Option<&LaneIndex> {
        self.filter.index()
    }

    /// Shows `results`, found for `query`, among `events` events.
    fn show_results(&mut self, query: String, results: Vec<EventIndex>, events: usize) {
        self.searched = query;
        self.mask.clear();
        self.mask.resize(events, false);
        for &event in &results {
            if let Some(matches) = self.mask.get_mut(event) {
                *matches = true;
            }
        }
        self.results = Arc::new(results);
    }

    /// Drops everything derived from the document (after a load or reload).
    pub fn document_changed(&mut self) {
        // The results are the old document's events: none until searched again.
        self.searched.clear();
        self.results = Arc::default();
        self.mask.clear();
        self.runs.clear();
        self.filter.clear();
    }
}

impl TimelineApp {
    /// The events matching the search, in time order.
    pub fn search_results(&self) -> &[EventIndex] {
        &self.explore.results
    }

    /// The navigation history.
    pub fn history(&self) -> &NavHistory {
        &self.explore.history
    }

    /// Refreshes the results when the query changed: at once for a small timeline (or an
    /// empty query), else on a worker, the results of the query before shown meanwhile.
    pub(super) fn update_search(&mut self) {
        let Some(document) = &self.document else {
            return;
        };
        let events = document.timeline.events.len();
        let explore = &mut self.explore;
        // (A search for what the box held a keystroke ago is not shown.)
        if let Polled::Done(query, results) = explore.runs.poll()
            && query == explore.query
        {
            explore.show_results(query, results, events);
        }
        if explore.searched == explore.query && explore.mask.len() == events {
            explore.runs.clear();
            return;
        }
        if events >= SEARCH_ON_WORKER_FROM && !explore.query.trim().is_empty() {
            if explore.runs.is_running(&explore.query) {
                return;
            }
            let index = document.search.clone();
            let query = explore.query.clone();
            let work = move || index.find(&query);
            let wake = waker(self.files.context.clone());
            if explore
                .runs
                .start("search", explore.query.clone(), work, wake)
            {
                return;
            }
        }
        explore.runs.clear();
        let results = document.search.find(&explore.query);
        explore.show_results(explore.query.clone(), results, events);
    }

    /// The results for the query as it is, searched here if a worker is still at it (for
    /// Enter, which goes to the first).
    fn search_results_now(&mut self) -> &[EventIndex] {
        if let Some(document) = &self.document
            && (self.explore.searched != self.explore.query
                || self.explore.mask.len() != document.timeline.events.len())
        {
            let events = document.timeline.events.len();
            let results = document.search.find(&self.explore.query);
            self.explore.runs.clear();
            self.explore
                .show_results(self.explore.query.clone(), results, events);
        }
        &self.explore.results
    }

    /// Whether a search is narrowing what is highlighted.
    /// (A first query of a large timeline counts once its results are in: until then
    /// nothing would be highlighted and everything dimmed.)
    pub(super) fn is_searching(&self) -> bool {
        !self.explore.query.trim().is_empty() && !self.explore.searched.trim().is_empty()
    }

    /// Whether a worker is building the importance filter's lanes (the lanes drawn are
    /// the filter's as it was).
    pub(super) fn is_filtering(&self) -> bool {
        self.explore.filter.is_building()
    }

    /// Whether a worker is searching for what the box holds (the results shown are for
    /// what it held before).
    pub(super) fn is_search_pending(&self) -> bool {
        self.explore.runs.is_running(&self.explore.query)
    }

    /// Whether `event` matches the search.
    pub(super) fn matches_search(&self, event: EventIndex) -> bool {
        self.explore.mask.get(event).copied().unwrap_or(false)
    }

    /// The lanes to draw with, honouring the importance filter (built once per change; for
    /// a large timeline on a worker, the lanes as they were drawn meanwhile). The
    /// selected event is kept although the filter hides it: it is always drawn as itself
    /// (a related event's link followed to a minor event flew to an empty view), and the
    /// filter line says so ([`Self::filter_line_ui`]).
    pub(super) fn filtered_lanes(&mut self) -> Option<&LaneIndex> {
        let key = self.filter_key()?;
        let document = self.document.as_ref()?;
        if key.0 <= 1 {
            return Some(&document.lanes);
        }
        let context = self.files.context.clone();
        self.explore
            .filter
            .update(&document.timeline, key, || waker(context));
        Some(self.explore.filter.index().unwrap_or(&document.lanes))
    }

    /// The lanes for the filter exactly as it is, built here if a worker is still at it
    /// (for an export: it writes what is asked for).
    pub(super) fn exact_filtered_lanes(&mut self) -> Option<&LaneIndex> {
        let key = self.filter_key()?;
        let document = self.document.as_ref()?;
        if key.0 <= 1 {
            return Some(&document.lanes);
        }
        self.explore.filter.build_now(&document.timeline, key);
        self.explore.filter.index()
    }

    /// What the importance filter's lanes are built for: the minimum, and the selected
    /// event kept although the minimum hides it.
    fn filter_key(&self) -> Option<lane_filter::Key> {
        let timeline = &self.document.as_ref()?.timeline;
        let minimum = self.explore.min_importance;
        let keep_selected = self.selected.filter(|&e| {
            timeline
                .events
                .get(e)
                .is_some_and(|e| e.record.importance < minimum)
        });
        Some((minimum, keep_selected))
    }

    /// The categories shown as lanes, top to bottom: those not hidden, and the selected
    /// event's, which is drawn although its lane is hidden (the filter line says so).
    pub(super) fn shown_lanes(&self) -> Vec<usize> {
        let Some(document) = &self.document else {
            return Vec::new();
        };
        let selected_lane = self
            .selected
            .and_then(|e| document.timeline.events.get(e))
            .map(|e| e.category);
        document
            .timeline
            .categories
            .iter()
            .enumerate()
            .filter(|&(i, c)| {
                !self.explore.hidden_lanes.contains(&c.record.id) || Some(i) == selected_lane
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected event's title when the filters hide it (it is drawn all the same).
    fn selected_but_filtered(&self) -> Option<String> {
        let event = self.selected.filter(|&e| !self.passes_filters(e))?;
        let record = self.document.as_ref()?.timeline.events.get(event)?;
        Some(short_title(&record.record.title).into_owned())
    }

    /// Lowers the filters just enough to show `event` (its importance, its lane).
    fn show_filtered_event(&mut self, event: EventIndex) {
        let Some(document) = &self.document else {
            return;
        };
        let Some(record) = document.timeline.events.get(event) else {
            return;
        };
        self.explore.min_importance = self.explore.min_importance.min(record.record.importance);
        if let Some(category) = document.timeline.categories.get(record.category) {
            let id = &category.record.id;
            self.explore.hidden_lanes.retain(|h| h != id);
        }
    }

    /// What the filters hide, in words ("Economy hidden · importance ≥ 4"); `None`
    /// when everything is shown.
    pub fn filter_summary(&self) -> Option<String> {
        let document = self.document.as_ref()?;
        let hidden: Vec<&str> = document
            .timeline
            .categories
            .iter()
            .filter(|c| self.explore.hidden_lanes.contains(&c.record.id))
            .map(|c| c.record.name.as_str())
            .collect();
        let mut parts = Vec::new();
        match hidden.as_slice() {
            [] => {}
            [one] => parts.push(format!("{one} hidden")),
            [first, second] => parts.push(format!("{first} and {second} hidden")),
            [first, second, rest @ ..] => parts.push(format!(
                "{first}, {second} and {} more lanes hidden",
                rest.len()
            )),
        }
        if self.explore.min_importance > 1 {
            parts.push(format!("importance ≥ {}", self.explore.min_importance));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// Whether an event passes the lane and importance filters.
    pub(super) fn passes_filters(&self, event: EventIndex) -> bool {
        let Some(document) = &self.document else {
            return false;
        };
        let timeline = &document.timeline;
        timeline.events.get(event).is_some_and(|e| {
            e.record.importance >= self.explore.min_importance
                && timeline
                    .categories
                    .get(e.category)
                    .is_none_or(|c| !self.explore.hidden_lanes.contains(&c.record.id))
        })
    }

    /// Shows every lane and every importance again.
    pub(super) fn show_all(&mut self) {
        self.explore.hidden_lanes.clear();
        self.explore.min_importance = 1;
    }

    /// The line above the lanes that says what the filters hide, with "Show all".
    pub(super) fn filter_line_ui(&mut self, ui: &mut Ui) {
        let Some(summary) = self.filter_summary() else {
            return;
        };
        let mut show_all = false;
        let mut show_selected = false;
        let selected_hidden = self.selected_but_filtered();
        let fill = ui.visuals().panel_fill;
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(8, 3))
            .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Filtered: {summary}")).strong())
                .on_hover_text("Events are hidden by the Lanes menu; the overview strip still shows them faintly");
            ui.label("·");
            show_all = ui
                .link("Show all")
                .on_hover_text("Show every lane and every importance")
                .clicked();
            if let Some(title) = &selected_hidden {
                ui.label("·");
                ui.label(format!("The filter hides \"{title}\" (drawn while selected)"));
                show_selected = ui
                    .link("Show it")
                    .on_hover_text("Lower the filter just enough to show it")
                    .clicked();
            }
            });
        });
        if show_all {
            self.show_all();
        }
        if show_selected && let Some(event) = self.selected {
            self.show_filtered_event(event);
        }
    }

    /// A click on a lane's name: hides the lane; when it is hidden already (drawn only
    /// for the selected event in it), the selection goes, and the lane with it.
    pub(super) fn lane_name_clicked(&mut self, category: usize) {
        let hidden = self
            .document
            .as_ref()
            .and_then(|d| d.timeline.categories.get(category))
            .is_some_and(|c| self.explore.hidden_lanes.contains(&c.record.id));
        if hidden {
            self.selected = None;
            self.panel_open = false;
        } else {
            self.toggle_lane(category);
        }
    }

    /// Hides or shows the lane of `category`.
    pub(super) fn toggle_lane(&mut self, category: usize) {
        let Some(id) = self
            .document
            .as_ref()
            .and_then(|d| d.timeline.categories.get(category))
            .map(|c| c.record.id.clone())
        else {
            return;
        };
        if let Some(position) = self.explore.hidden_lanes.iter().position(|h| *h == id) {
            self.explore.hidden_lanes.remove(position);
        } else {
            self.explore.hidden_lanes.push(id);
            // The selected event is drawn even in a hidden lane: hiding its own lane is
            // asking not to see it, so the selection goes.
            let in_lane = self
                .selected
                .and_then(|e| self.document.as_ref()?.timeline.events.get(e))
                .is_some_and(|e| e.category == category);
            if in_lane {
                self.selected = None;
                self.panel_open = false;
            }
        }
    }

    /// Where the viewer is now, for the history.
    pub(super) fn place(&self) -> Place {
        Place {
            view: self.view(),
            selected: self.selected.filter(|_| self.panel_open),
        }
    }

    /// Goes back (`true`) or forward in the history: the view and the selection together.
    pub(super) fn go_in_history(&mut self, back: bool, now: f64) {
        let current = self.place();
        let target = if back {
            self.explore.history.back(current)
        } else {
            self.explore.history.forward(current)
        };
        if let Some(place) = target {
            let count = self
                .document
                .as_ref()
                .map_or(0, |d| d.timeline.events.len());
            self.explore.replaying = true;
            self.selected = place.selected.filter(|&e| e < count);
            self.panel_open = self.selected.is_some();
            self.set_view(place.view, true, now);
            self.explore.replaying = false;
        }
    }

    /// Ctrl+F, Alt+←/→ and the mouse's back/forward buttons.
    pub(super) fn handle_exploration_keys(&mut self, ui: &Ui, now: f64) {
        let (find, back, forward) = ui.input_mut(|i| {
            let find = i.consume_key(Modifiers::COMMAND, Key::F);
            let back = i.consume_key(Modifiers::ALT, Key::ArrowLeft)
                || i.pointer.button_pressed(egui::PointerButton::Extra1);
            let forward = i.consume_key(Modifiers::ALT, Key::ArrowRight)
                || i.pointer.button_pressed(egui::PointerButton::Extra2);
            (find, back, forward)
        });
        if find {
            self.explore.search_open = true;
            self.explore.focus_search = true;
        }
        if back {
            self.go_in_history(true, now);
        }
        if forward {
            self.go_in_history(false, now);
        }
    }

    /// The search box in the top bar. Enter flies to the first result; Esc clears it.
    pub(super) fn search_box_ui(&mut self, ui: &mut Ui, now: f64) -> egui::Response {
        if !self.explore.search_open {
            let button = ui
                .button("Search")
                .on_hover_text("Find events by title, text, person or place (Ctrl+F)");
            if button.clicked() {
                self.explore.search_open = true;
                self.explore.focus_search = true;
            }
            return button;
        }
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.explore.query)
                .hint_text("Search: a person, place or word, in any spelling")
                .desired_width(260.0),
        );
        if std::mem::take(&mut self.explore.focus_search) {
            field.request_focus();
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if field.lost_focus() && escape {
            self.explore.query.clear();
            self.explore.search_open = false;
        }
        self.update_search();
        if field.lost_focus()
            && enter
            && let Some(&first) = self.search_results_now().first()
        {
            self.land_on(first, now);
        }
        field
    }

    /// Selects a search result and flies to it, close enough that it stands on its own
    /// with its label: the event's own view ([`crate::document::Document::view_around_event`])
    /// unless the view is already at least that close and shows it.
    pub(super) fn land_on(&mut self, event: EventIndex, now: f64) {
        let Some(document) = &self.document else {
            return;
        };
        let close = document.view_around_event(event);
        let current = self.view();
        let anchor = document
            .timeline
            .events
            .get(event)
            .map_or(close.center(), |e| e.when.anchor());
        let shown = current.min < anchor && anchor < current.max();
        let needs_flight = !(shown && current.span <= close.span);
        // `select` records the step in the history when it opens another event.
        let recorded = self.place().selected != Some(event);
        self.select(Some(event), false, now);
        if needs_flight {
            let replaying = self.explore.replaying;
            self.explore.replaying = replaying || recorded;
            self.set_view(close, true, now);
            self.explore.replaying = replaying;
        }
    }

    /// The list of search results, on the left while a search is active.
    /// The list is at most `max_width` wide.
    pub(super) fn results_panel_ui(&mut self, ui: &mut Ui, now: f64, max_width: f32) {
        if !self.is_searching() {
            return;
        }
        let Some(document) = &self.document else {
            return;
        };
        let timeline = document.timeline.clone();
        let results = self.explore.results.clone();
        let pending = self.is_search_pending();
        let selected = self.selected;
        let mut chosen = None;
        let mut clear = false;
        egui::Panel::left("search_results")
            .resizable(true)
            .default_size(300.0)
            .min_size(RESULTS_PANEL_MIN)
            .max_size(max_width.max(RESULTS_PANEL_MIN))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let count = results.len();
                    ui.strong(format!("{count} result{}", if count == 1 { "" } else { "s" }));
                    if pending {
                        ui.weak("searching…");
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Clear").on_hover_text("Clear the search (Esc in the box)").clicked() {
                            clear = true;
                        }
                    });
                });
                ui.separator();
                egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                    for &event in results.iter().take(500) {
                        let Some(record) = timeline.events.get(event) else {
                            continue;
                        };
                        let text = RichText::new(format!("{} — {}", record.when, short_title(&record.record.title)));
                        if ui.selectable_label(selected == Some(event), text).clicked() {
                            chosen = Some(event);
                        }
                    }
                    if results.len() > 500 {
                        ui.weak(format!("… and {} more; refine the search", results.len() - 500));
                    }
                    if results.is_empty() {
                        ui.weak("Nothing matches. Names may be spelt differently: try part of a name.");
                    }
                });
            });
        if clear {
            self.explore.query.clear();
            self.explore.search_open = false;
        }
        if let Some(event) = chosen {
            self.land_on(event, now);
        }
    }

    /// The Lanes menu: a check box per lane and the minimum importance.
    pub(super) fn lanes_menu_ui(&mut self, ui: &mut Ui) -> Option<egui::Response> {
        let Some(document) = &self.document else {
            return None;
        };
        let categories: Vec<(usize, String, String)> = document
            .timeline
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.record.id.clone(), c.record.name.clone()))
            .collect();
        let menu = ui.menu_button("Lanes", |ui| {
            for (index, id, name) in categories {
                let mut shown = !self.explore.hidden_lanes.contains(&id);
                if ui.checkbox(&mut shown, name).changed() {
                    self.toggle_lane(index);
                }
            }
            ui.separator();
            ui.label("Show events of importance at least");
            ui.add(egui::Slider::new(&mut self.explore.min_importance, 1..=5).text("of 5"));
            if ui.button("Show everything").clicked() {
                self.show_all();
            }
        });
        Some(menu.response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(min: f64) -> Place {
        Place {
            view: TimeView { min, span: 10.0 },
            selected: None,
        }
    }

    /// Another document (a reload, another file): the old results are not its events.
    #[test]
    fn a_new_document_drops_the_results_of_the_old_one() {
        let mut explore = Exploration::new();
        explore.query = "kim".to_owned();
        explore.show_results("kim".to_owned(), vec![3, 900_000], 1_000_000);
        assert_eq!(explore.results.len(), 2);
        assert!(explore.mask[900_000]);
        explore.document_changed();
        assert!(explore.results.is_empty());
        assert!(explore.mask.is_empty());
        assert!(explore.searched.is_empty());
        assert_eq!(explore.query, "kim", "what is typed stays");
    }

    #[test]
    fn history_goes_back_and_forward_like_a_browser() {
        let mut history = NavHistory::default();
        assert!(!history.can_go_back());
        history.navigate(view(1.0));
        history.navigate(view(2.0));
        assert_eq!(history.back(view(3.0)), Some(view(2.0)));
        assert_eq!(history.back(view(2.0)), Some(view(1.0)));
        assert_eq!(history.back(view(1.0)), None);
        assert_eq!(history.forward(view(1.0)), Some(view(2.0)));
        // A new move drops the forward list.
        history.navigate(view(2.0));
        assert!(!history.can_go_forward());
        assert!(history.can_go_back());
    }

    #[test]
    fn history_is_bounded_and_skips_repeats() {
        let mut history = NavHistory::default();
        for i in 0..300 {
            history.navigate(view(f64::from(i)));
            history.navigate(view(f64::from(i)));
        }
        assert_eq!(history.back.len(), HISTORY_LIMIT);
        assert_eq!(history.back.last(), Some(&view(299.0)));
    }
}
