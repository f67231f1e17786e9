//! The top bar: the File menu, the timeline's title and subtitle, and the viewer's
//! buttons, fitted to the window's width. The subtitle is shortened (with "…") or
//! dropped first, then the less-used buttons fold into a "More…" menu, so nothing is
//! ever drawn under anything else. Widgets are made left to right, so `Tab` walks
//! them in the order they are seen.

use std::collections::HashMap;

use egui::{Label, Layout, RichText, Ui, vec2};

use super::{TimelineApp, presenting};
use crate::ui::theme::ThemeChoice;

/// A control on the right of the bar, in the order they are shown, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum BarItem {
    /// "Clear highlight: NAME", while a person is highlighted.
    ClearHighlight,
    /// The Search button, or the search field when open.
    Search,
    /// The Lanes menu.
    Lanes,
    /// Back through the visited views.
    Back,
    /// Forward through the visited views.
    Forward,
    /// Presentation mode.
    Present,
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Show the whole span.
    Fit,
    /// Light or dark theme.
    Theme,
}

/// The order in which controls fold into the "More…" menu when the bar is too narrow:
/// the least used first. The search box never folds.
const FOLD_ORDER: [BarItem; 9] = [
    BarItem::Theme,
    BarItem::Present,
    BarItem::Fit,
    BarItem::ZoomOut,
    BarItem::ZoomIn,
    BarItem::Forward,
    BarItem::Back,
    BarItem::ClearHighlight,
    BarItem::Lanes,
];

/// The title keeps at least this many points (or its whole width, if shorter)
/// before buttons fold.
const TITLE_MIN: f32 = 150.0;

/// A subtitle narrower than this is dropped rather than shortened to a stub.
const SUBTITLE_MIN: f32 = 90.0;

/// Points kept free at the right end, so rounding never pushes a button off the bar.
const RIGHT_SLACK: f32 = 4.0;

/// How the bar is laid out at one width.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BarPlan {
    /// The controls shown on the bar, left to right.
    pub shown: Vec<BarItem>,
    /// The controls in the "More…" menu, in bar order.
    pub folded: Vec<BarItem>,
    /// Width for the title (shortened with "…" when less than its own).
    pub title: f32,
    /// Width for the subtitle, `None` when it is left out.
    pub subtitle: Option<f32>,
}

/// Lays out a bar `room` points wide (after the File menu): `title` and `subtitle` are
/// their full widths, `items` the controls with their widths in bar order, `more` the
/// width of the "More…" button, `gap` the spacing between widgets. Pure, for tests.
pub(super) fn plan_bar(
    room: f32,
    gap: f32,
    (title, subtitle): (f32, f32),
    items: &[(BarItem, f32)],
    more: f32,
) -> BarPlan {
    let mut folded: Vec<BarItem> = Vec::new();
    let right = |folded: &[BarItem]| -> f32 {
        let shown: f32 = items
            .iter()
            .filter(|(item, _)| !folded.contains(item))
            .map(|(_, width)| width + gap)
            .sum();
        shown + if folded.is_empty() { 0.0 } else { more + gap } + RIGHT_SLACK
    };
    let title_min = title.min(TITLE_MIN);
    for item in FOLD_ORDER {
        if room - right(&folded) - gap >= title_min {
            break;
        }
        if items.iter().any(|(i, _)| *i == item) {
            folded.push(item);
        }
    }
    let left_room = (room - right(&folded) - gap).max(0.0);
    let title_width = title.min(left_room);
    let rest = left_room - title_width - gap;
    let subtitle =
        (subtitle > 0.0 && rest >= SUBTITLE_MIN.min(subtitle)).then_some(subtitle.min(rest));
    BarPlan {
        shown: items
            .iter()
            .map(|(item, _)| *item)
            .filter(|item| !folded.contains(item))
            .collect(),
        folded: items
            .iter()
            .map(|(item, _)| *item)
            .filter(|item| folded.contains(item))
            .collect(),
        title: title_width,
        subtitle,
    }
}

/// What a control of the bar asked for.
#[derive(Clone, Debug, PartialEq)]
enum BarAction {
    ToggleTheme,
    Fit,
    ZoomIn,
    ZoomOut,
    Present,
    Back,
    Forward,
    ClearHighlight,
}

/// Widths of the bar's widgets as last drawn, by their text (estimates until drawn).
#[derive(Default)]
pub(super) struct TopBar {
    widths: HashMap<String, f32>,
}

/// Width of the search field.
const SEARCH_FIELD_WIDTH: f32 = 260.0;

impl TimelineApp {
    /// The text of a control on the bar (its key for remembered widths, too).
    fn bar_text(&self, item: BarItem) -> String {
        match item {
            BarItem::ClearHighlight => format!(
                "Clear highlight: {}",
                self.highlighted_place.as_deref().map_or_else(
                    || self.highlighted_person.clone().unwrap_or_default(),
                    |place| self.document.as_ref().map_or_else(
                        || place.to_owned(),
                        |d| d.timeline.places.display_name(place)
                    ),
                )
            ),
            BarItem::Search if self.explore.search_open => "search-field".to_owned(),
            BarItem::Search => "Search".to_owned(),
            BarItem::Lanes => "Lanes".to_owned(),
            BarItem::Back => "Back".to_owned(),
            BarItem::Forward => "Forward".to_owned(),
            BarItem::Present => "Present".to_owned(),
            BarItem::ZoomIn => "+".to_owned(),
            BarItem::ZoomOut => "−".to_owned(),
            BarItem::Fit => "Fit".to_owned(),
            BarItem::Theme if self.theme == ThemeChoice::Dark => "Light theme".to_owned(),
            BarItem::Theme => "Dark theme".to_owned(),
        }
    }

    /// The width a control takes: as drawn last time, or estimated from its text.
    fn bar_width(&self, ui: &Ui, text: &str) -> f32 {
        if let Some(width) = self.top_bar.widths.get(text) {
            return *width;
        }
        let padding = ui.spacing().button_padding.x * 2.0;
        if text == "search-field" {
            return SEARCH_FIELD_WIDTH + padding;
        }
        let font = egui::TextStyle::Button.resolve(ui.style());
        let measured = ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
                .size()
                .x
        });
        (measured + padding).max(ui.spacing().interact_size.x)
    }

    /// Draws the bar across the top of the window.
    pub(super) fn top_bar_ui(&mut self, ui: &mut Ui) {
        let mut actions = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                self.file_menu_ui(ui);
                let gap = ui.spacing().item_spacing.x;
                let mut items: Vec<BarItem> = Vec::new();
                if self.document.is_some() {
                    if self.highlighted_person.is_some() || self.highlighted_place.is_some() {
                        items.push(BarItem::ClearHighlight);
                    }
                    items.extend([
                        BarItem::Search,
                        BarItem::Lanes,
                        BarItem::Back,
                        BarItem::Forward,
                        BarItem::Present,
                        BarItem::ZoomIn,
                        BarItem::ZoomOut,
                        BarItem::Fit,
                    ]);
                }
                items.push(BarItem::Theme);
                let widths: Vec<(BarItem, f32)> = items
                    .iter()
                    .map(|&item| (item, self.bar_width(ui, &self.bar_text(item))))
                    .collect();
                let (title, subtitle) = self.document.as_ref().map_or_else(
                    || (String::new(), String::new()),
                    |d| (d.timeline.title.clone(), d.timeline.subtitle.clone()),
                );
                let title_text = RichText::new(&title).strong().size(16.0);
                let measure = |text: &RichText| {
                    let galley = egui::WidgetText::from(text.clone()).into_galley(
                        ui,
                        Some(egui::TextWrapMode::Extend),
                        f32::INFINITY,
                        egui::TextStyle::Body,
                    );
                    galley.size().x
                };
                let subtitle_text = RichText::new(&subtitle).weak();
                let full = (
                    if title.is_empty() {
                        0.0
                    } else {
                        measure(&title_text)
                    },
                    if subtitle.is_empty() {
                        0.0
                    } else {
                        measure(&subtitle_text)
                    },
                );
                let more = self.bar_width(ui, "More…");
                let plan = plan_bar(ui.available_width(), gap, full, &widths, more);
                let height = ui.spacing().interact_size.y;
                if !title.is_empty() && plan.title > 0.0 {
                    ui.allocate_ui_with_layout(
                        vec2(plan.title, height),
                        Layout::left_to_right(egui::Align::Center),
                        |ui| ui.add(Label::new(title_text).truncate()),
                    );
                }
                if let Some(width) = plan.subtitle {
                    ui.allocate_ui_with_layout(
                        vec2(width, height),
                        Layout::left_to_right(egui::Align::Center),
                        |ui| ui.add(Label::new(subtitle_text).truncate()),
                    );
                }
                let right: f32 = plan
                    .shown
                    .iter()
                    .filter_map(|item| widths.iter().find(|(i, _)| i == item))
                    .map(|(_, w)| w + gap)
                    .sum::<f32>()
                    + if plan.folded.is_empty() {
                        0.0
                    } else {
                        more + gap
                    }
                    + RIGHT_SLACK;
                let space = ui.available_width() - right;
                if space > 0.0 {
                    ui.add_space(space);
                }
                let now = ui.input(|i| i.time);
                for item in &plan.shown {
                    let text = self.bar_text(*item);
                    if let Some(width) = self.bar_item_ui(ui, *item, &mut actions, now) {
                        self.top_bar.widths.insert(text, width);
                    }
                }
                if !plan.folded.is_empty() {
                    let response = ui
                        .menu_button("More…", |ui| {
                            for item in &plan.folded {
                                self.folded_item_ui(ui, *item, &mut actions);
                            }
                        })
                        .response
                        .on_hover_text("More: the controls that do not fit the window");
                    self.top_bar
                        .widths
                        .insert("More…".to_owned(), response.rect.width());
                }
            });
        });
        let now = ui.input(|i| i.time);
        for action in actions {
            self.apply_bar_action(action, ui.ctx(), now);
        }
    }

    /// One control on the bar; returns the width it took.
    fn bar_item_ui(
        &mut self,
        ui: &mut Ui,
        item: BarItem,
        actions: &mut Vec<BarAction>,
        now: f64,
    ) -> Option<f32> {
        let text = self.bar_text(item);
        let history = self.explore.history.clone();
        let response = match item {
            BarItem::Search => return Some(self.search_box_ui(ui, now).rect.width()),
            BarItem::Lanes => return self.lanes_menu_ui(ui).map(|r| r.rect.width()),
            BarItem::ClearHighlight => ui
                .button(text)
                .on_hover_text("Stop highlighting this person (Esc)"),
            BarItem::Back => ui
                .add_enabled(history.can_go_back(), egui::Button::new(text))
                .on_hover_text("Back to the previous view (Alt+←)"),
            BarItem::Forward => ui
                .add_enabled(history.can_go_forward(), egui::Button::new(text))
                .on_hover_text("Forward to the next view (Alt+→)"),
            BarItem::Present => ui.button(text).on_hover_text(
                "Presentation mode for a projector (F5 resumes where you left, \
                 Shift+F5 starts from the beginning)",
            ),
            BarItem::ZoomIn => ui.button(text).on_hover_text("Zoom in (+)"),
            BarItem::ZoomOut => ui.button(text).on_hover_text("Zoom out (-)"),
            BarItem::Fit => ui
                .button(text)
                .on_hover_text("Show the whole span (Home or 0)"),
            BarItem::Theme => ui
                .button(text)
                .on_hover_text("Switch between light and dark themes"),
        };
        if response.clicked()
            && let Some(action) = Self::bar_action(item)
        {
            actions.push(action);
        }
        Some(response.rect.width())
    }

    /// A control folded into the "More…" menu, with its shortcut in words.
    fn folded_item_ui(&mut self, ui: &mut Ui, item: BarItem, actions: &mut Vec<BarAction>) {
        let history = self.explore.history.clone();
        let (text, enabled) = match item {
            BarItem::Lanes => {
                self.lanes_menu_ui(ui);
                return;
            }
            // The search field never folds.
            BarItem::Search => return,
            BarItem::ClearHighlight => (format!("{}  (Esc)", self.bar_text(item)), true),
            BarItem::Back => ("Back  (Alt+←)".to_owned(), history.can_go_back()),
            BarItem::Forward => ("Forward  (Alt+→)".to_owned(), history.can_go_forward()),
            BarItem::Present => ("Present  (F5)".to_owned(), true),
            BarItem::ZoomIn => ("Zoom in  (+)".to_owned(), true),
            BarItem::ZoomOut => ("Zoom out  (−)".to_owned(), true),
            BarItem::Fit => ("Fit: the whole span  (Home)".to_owned(), true),
            BarItem::Theme => (self.bar_text(item), true),
        };
        if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
            ui.close();
            if let Some(action) = Self::bar_action(item) {
                actions.push(action);
            }
        }
    }

    fn bar_action(item: BarItem) -> Option<BarAction> {
        Some(match item {
            BarItem::ClearHighlight => BarAction::ClearHighlight,
            BarItem::Back => BarAction::Back,
            BarItem::Forward => BarAction::Forward,
            BarItem::Present => BarAction::Present,
            BarItem::ZoomIn => BarAction::ZoomIn,
            BarItem::ZoomOut => BarAction::ZoomOut,
            BarItem::Fit => BarAction::Fit,
            BarItem::Theme => BarAction::ToggleTheme,
            BarItem::Search | BarItem::Lanes => return None,
        })
    }

    fn apply_bar_action(&mut self, action: BarAction, ctx: &egui::Context, now: f64) {
        let current = self.view();
        match action {
            BarAction::ToggleTheme => {
                self.theme = match self.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light => ThemeChoice::Dark,
                };
            }
            BarAction::Fit => {
                if let Some(document) = &self.document {
                    let fitted = document.limits.fitted();
                    self.set_view(fitted, true, now);
                }
            }
            BarAction::ZoomIn => {
                self.set_view(current.zoomed_at(current.center(), 2.0), true, now);
            }
            BarAction::ZoomOut => {
                self.set_view(current.zoomed_at(current.center(), 0.5), true, now);
            }
            BarAction::Present => {
                self.enter_presentation(ctx, presenting::PresentStart::Resume, false);
            }
            BarAction::Back => self.go_in_history(true, now),
            BarAction::Forward => self.go_in_history(false, now),
            BarAction::ClearHighlight => {
                self.highlighted_person = None;
                self.highlighted_place = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<(BarItem, f32)> {
        vec![
            (BarItem::Search, 60.0),
            (BarItem::Lanes, 50.0),
            (BarItem::Back, 45.0),
            (BarItem::Forward, 60.0),
            (BarItem::Present, 60.0),
            (BarItem::ZoomIn, 25.0),
            (BarItem::ZoomOut, 25.0),
            (BarItem::Fit, 30.0),
            (BarItem::Theme, 80.0),
        ]
    }

    fn used(plan: &BarPlan, items: &[(BarItem, f32)], gap: f32, more: f32) -> f32 {
        let buttons: f32 = items
            .iter()
            .filter(|(i, _)| plan.shown.contains(i))
            .map(|(_, w)| w + gap)
            .sum();
        let more = if plan.folded.is_empty() {
            0.0
        } else {
            more + gap
        };
        plan.title + gap + plan.subtitle.map_or(0.0, |s| s + gap) + buttons + more
    }

    #[test]
    fn a_wide_bar_shows_everything() {
        let plan = plan_bar(1500.0, 8.0, (300.0, 400.0), &items(), 30.0);
        assert!(plan.folded.is_empty());
        assert_eq!(plan.title, 300.0);
        assert_eq!(plan.subtitle, Some(400.0));
    }

    #[test]
    fn the_subtitle_goes_first_then_the_least_used_buttons_fold() {
        // Room for everything but the whole subtitle: it is shortened.
        let plan = plan_bar(1100.0, 8.0, (300.0, 400.0), &items(), 30.0);
        assert!(plan.folded.is_empty());
        let subtitle = plan.subtitle.expect("a shortened subtitle");
        assert!(subtitle < 400.0);
        // Less room: the subtitle is dropped, the title is whole, nothing folds.
        let plan = plan_bar(820.0, 8.0, (300.0, 400.0), &items(), 30.0);
        assert_eq!((plan.subtitle, plan.title), (None, 300.0));
        assert!(plan.folded.is_empty(), "{plan:?}");
        // Less still: the theme button folds first, then Present; the rest stays.
        let plan = plan_bar(640.0, 8.0, (300.0, 400.0), &items(), 30.0);
        assert_eq!(plan.folded, vec![BarItem::Theme], "{plan:?}");
        let plan = plan_bar(560.0, 8.0, (300.0, 400.0), &items(), 30.0);
        assert_eq!(
            plan.folded,
            vec![BarItem::Present, BarItem::Theme],
            "{plan:?}"
        );
        assert!(plan.shown.contains(&BarItem::Search));
        assert!(plan.shown.contains(&BarItem::Fit));
    }

    #[test]
    fn what_is_planned_never_exceeds_the_room() {
        for room in (100..1600).step_by(7) {
            let room = room as f32;
            let plan = plan_bar(room, 8.0, (320.0, 500.0), &items(), 30.0);
            let used = used(&plan, &items(), 8.0, 30.0);
            // Once everything that may fold has folded, only the search box is left.
            let least = 60.0 + 8.0 + 30.0 + 8.0 + RIGHT_SLACK + 8.0;
            if room >= least {
                assert!(used <= room + 0.01, "{room}: {used} {plan:?}");
            }
            assert!(plan.shown.contains(&BarItem::Search));
            assert_eq!(plan.shown.len() + plan.folded.len(), items().len());
        }
    }
}
