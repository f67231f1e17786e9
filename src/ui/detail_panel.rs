//! The side panel that shows everything known about the selected event: title,
//! date as a historian writes it, pictures, people, places, account, provenance notes,
//! sources with their links, and related events.

use std::path::Path;

use egui::{Color32, RichText, Ui};

use crate::app::images::ImageCache;

use crate::model::load::link_host;
use crate::model::schema::SourceRecord;
use crate::model::timeline::{EventIndex, Timeline};
pub use crate::model::wording::{era_note, flag_line, flag_note};
use crate::ui::capped_text::{capped_count, capped_label, more_items_button};
use crate::ui::locator_map::PlaceAction;
use crate::ui::media_strip::media_strip_ui;

/// How many provenance flags are shown before "Show more".
const FLAGS_PREVIEW: usize = 10;

/// The height of the locator map under the places.
const MAP_HEIGHT: f32 = 150.0;

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelAction {
    /// Fly the view to the shown event.
    ZoomToEvent(EventIndex),
    /// Select another event and fly to it.
    Follow(EventIndex),
    /// Highlight every event this person is in.
    HighlightPerson(String),
    /// Highlight every event at this place (a gazetteer id).
    HighlightPlace(String),
    /// Close the panel.
    Close,
    /// Open a source's link in the browser (through [`crate::platform::links`]).
    OpenLink(String),
    /// Put the event's citation on the clipboard ([`crate::model::citation::footnote`]).
    CopyCitation(EventIndex),
    /// Put the command line that reopens the event on the clipboard
    /// ([`crate::model::citation::reopen_command`]; the app knows the file).
    CopyLink(EventIndex),
    /// Open the large view on one of the event's pictures (its index in `media`).
    ShowImage(EventIndex, usize),
}

/// A quotation with the text it is quoted from.
fn quotation_ui(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    quote: &str,
    source: &str,
) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 2))
        .show(ui, |ui| {
            capped_label(ui, salt, quote, |t| {
                RichText::new(format!("“{t}”")).italics()
            });
            capped_label(
                ui,
                "quote-source",
                &format!("— quoted from {source}"),
                |t| RichText::new(t).weak(),
            );
        });
}

/// Shows the panel's contents for `event`.
pub fn detail_panel_ui(
    ui: &mut Ui,
    timeline: &Timeline,
    event: EventIndex,
    highlighted_person: Option<&str>,
    highlighted_place: Option<&str>,
    (images, folder): (&mut ImageCache, Option<&Path>),
) -> Vec<PanelAction> {
    let mut actions = Vec::new();
    let Some(shown) = timeline.events.get(event) else {
        return actions;
    };
    let record = &shown.record;
    ui.horizontal(|ui| {
        if ui.button("Zoom to event").clicked() {
            actions.push(PanelAction::ZoomToEvent(event));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Close the panel (Esc)")
                .clicked()
            {
                actions.push(PanelAction::Close);
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Copy citation")
            .on_hover_text("Copy the title, date and sources as a footnote (Chicago style)")
            .clicked()
        {
            actions.push(PanelAction::CopyCitation(event));
        }
        if ui
            .button("Copy link")
            .on_hover_text("Copy a command line that opens the timeline at this event")
            .clicked()
        {
            actions.push(PanelAction::CopyLink(event));
        }
    });
    ui.separator();
    // A new event is read from its title: the scroll position of the last one does not carry over.
    let shown_id = ui.scope_id().with("detail-panel-event");
    let new_event = ui.data(|data| data.get_temp::<EventIndex>(shown_id)) != Some(event);
    ui.data_mut(|data| data.insert_temp(shown_id, event));
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("detail-panel-scroll")
        .auto_shrink([false, false]);
    if new_event {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        capped_label(ui, (event, "title"), &record.title, |t| {
            RichText::new(t).heading()
        });
        if let Some(korean) = &record.native_title {
            let size = ui
                .style()
                .text_styles
                .get(&egui::TextStyle::Heading)
                .map_or(18.0, |font| font.size * 0.8);
            capped_label(ui, (event, "korean"), korean, |t| {
                RichText::new(t).size(size)
            });
        }
        ui.add_space(4.0);
        ui.label(RichText::new(shown.date_label()).strong().size(16.0));
        if let Some(category) = timeline.categories.get(shown.category) {
            ui.horizontal(|ui| {
                let [r, g, b] = category.colour.0;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 2.0, Color32::from_rgb(r, g, b));
                ui.label(&category.record.name);
                ui.weak(format!("· importance {}/5", record.importance));
            });
        }
        ui.add_space(8.0);
        capped_label(ui, (event, "summary"), &record.summary, |t| {
            RichText::new(t).size(15.0)
        });
        if !record.media.is_empty() {
            ui.add_space(8.0);
            if let Some(index) = media_strip_ui(ui, images, folder, &record.media) {
                actions.push(PanelAction::ShowImage(event, index));
            }
        }

        if !record.flags.is_empty() {
            ui.add_space(8.0);
            let count = capped_count(ui, (event, "flags"), FLAGS_PREVIEW);
            for (k, flag) in record.flags.iter().take(count).enumerate() {
                let (heading, text) = flag_note(flag);
                let fill = if ui.visuals().dark_mode {
                    Color32::from_rgb(70, 45, 10)
                } else {
                    Color32::from_rgb(255, 240, 205)
                };
                egui::Frame::new()
                    .fill(fill)
                    .corner_radius(4.0)
                    .inner_margin(6.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let response = ui.label(RichText::new(&heading).strong());
                        announce_heading(&response, &heading);
                        capped_label(ui, (event, "flag", k), &text, RichText::new);
                    });
                ui.add_space(3.0);
            }
            let shown = count.min(record.flags.len());
            more_items_button(ui, (event, "flags"), shown, record.flags.len(), "notes");
        }

        if !record.people.is_empty() {
            ui.add_space(8.0);
            section_heading(ui, "People");
            ui.horizontal_wrapped(|ui| {
                for person in &record.people {
                    let text = match &person.native {
                        Some(hangul) => format!("{} ({hangul})", person.name),
                        None => person.name.to_string(),
                    };
                    let active = highlighted_person == Some(person.name.as_str());
                    if ui
                        .selectable_label(active, text)
                        .on_hover_text("Highlight every event with this person")
                        .clicked()
                    {
                        actions.push(PanelAction::HighlightPerson(person.name.to_string()));
                    }
                }
            });
        }
        if !record.places.is_empty() {
            ui.add_space(6.0);
            section_heading(ui, "Places");
            let places = crate::ui::locator_map::places_section_ui(
                ui,
                timeline,
                event,
                highlighted_place,
                MAP_HEIGHT,
            );
            actions.extend(places.into_iter().map(|action| match action {
                PlaceAction::Highlight(place) => PanelAction::HighlightPlace(place),
                PlaceAction::Follow(other) => PanelAction::Follow(other),
            }));
        }
        if !record.details.is_empty() {
            ui.add_space(8.0);
            section_heading(ui, "Account");
            capped_label(ui, (event, "details"), &record.details, RichText::new);
        }

        ui.add_space(8.0);
        section_heading(ui, "Sources");
        for (k, source) in record.sources.iter().enumerate() {
            match source {
                SourceRecord::Seed { quote } => {
                    quotation_ui(ui, (event, "quote", k), quote, "the seed text");
                }
                SourceRecord::Quote { source, quote } => {
                    quotation_ui(ui, (event, "quote", k), quote, source);
                }
                SourceRecord::Reference { title, url } => {
                    match url.as_deref().and_then(|url| Some((url, link_host(url)?))) {
                        Some((url, host)) => {
                            if let Some(url) = source_link_ui(ui, title, url, &host) {
                                actions.push(PanelAction::OpenLink(url));
                            }
                        }
                        None => {
                            ui.label(format!("• {title}"));
                        }
                    }
                }
            }
        }

        if !shown.related.is_empty() {
            ui.add_space(8.0);
            section_heading(ui, "Related events");
            for &related in &shown.related {
                if let Some(other) = timeline.events.get(related) {
                    let text = format!("→ {} ({})", other.record.title, other.when);
                    if ui.link(text).clicked() {
                        actions.push(PanelAction::Follow(related));
                    }
                }
            }
        }
        if !record.tags.is_empty() {
            ui.add_space(8.0);
            ui.weak(format!("Tags: {}", record.tags.join(", ")));
        }
        ui.weak(format!("id: {}", record.id));
    });
    actions
}

/// A section's name, in bold and announced as a heading, so that a screen reader can
/// list the panel's sections and jump between them.
fn section_heading(ui: &mut Ui, text: &str) {
    let response = ui.strong(text);
    announce_heading(&response, text);
}

/// Tells assistive technology that `response` (a label) is a heading reading `text`.
fn announce_heading(response: &egui::Response, text: &str) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, text));
}

/// A source's link: its title as a link, the host it leads to beside it, the whole
/// address on hover. Returns the address when clicked; the app opens it.
fn source_link_ui(ui: &mut Ui, title: &str, url: &str, host: &str) -> Option<String> {
    ui.horizontal_wrapped(|ui| {
        let clicked = ui.link(format!("↗ {title}")).on_hover_text(url).clicked();
        ui.weak(format!("({host})"));
        clicked.then(|| url.to_owned())
    })
    .inner
}
