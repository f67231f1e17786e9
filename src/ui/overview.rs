//! The overview strip: the whole span at a glance, with the density of events,
//! the eras, and a rectangle for the current view that can be dragged.

use egui::{Align2, CursorIcon, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::theme::TimelineStyle;
use crate::document::Document;
use crate::view::transform::{ScreenMapping, TimeView};

/// Events per pixel column of the strip, found by binary search (cost: width × log n).
pub fn density_columns(document: &Document, mapping: &ScreenMapping, columns: usize) -> Vec<usize> {
    let timeline = &document.timeline;
    let left = mapping.x_from_time(mapping.view().min);
    (0..columns)
        .map(|column| {
            let x = left + column as f64;
            timeline
                .anchored_in(mapping.time_from_x(x), mapping.time_from_x(x + 1.0))
                .len()
        })
        .collect()
}

/// Draws the strip, `height` points tall; returns the view the user moved to, and whether
/// to fly there (a click) or follow the hand (a drag).
/// The time scale starts at screen x `time_left`, to line up with the timeline above.
pub fn overview_ui(
    ui: &mut Ui,
    document: &Document,
    view: TimeView,
    style: &TimelineStyle,
    height: f32,
    time_left: f32,
) -> Option<(TimeView, bool)> {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
    let area = Rect::from_min_max(
        // `min` then `max`, not `clamp`: in a strip narrower than 50 points the
        // bounds cross, and the left edge wins.
        pos2(
            time_left.min(rect.right() - 50.0).max(rect.left()),
            rect.top(),
        ),
        rect.max,
    );
    let whole = document.limits.fitted();
    let mapping = ScreenMapping::new(whole, area.left(), area.width());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, style.background);
    painter.hline(
        rect.x_range(),
        rect.top(),
        Stroke::new(style.line_width, style.grid),
    );
    for era in &document.timeline.eras {
        let (from, to) = era.when.interval();
        let band = Rect::from_min_max(
            pos2(mapping.x(from), area.top() + 2.0),
            pos2(mapping.x(to), area.bottom() - 2.0),
        );
        painter.rect_filled(band, 0.0, style.era_fill(era.colour, 70));
    }
    // Density: one bar per pixel column, scaled by the square root so sparse years still show.
    let width = area.width().max(1.0) as usize;
    let counts = density_columns(document, &mapping, width);
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    let bar_room = area.height() - 8.0;
    for (column, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = ((count as f32 / most).sqrt() * bar_room).max(2.0);
        let x = area.left() + column as f32 + 0.5;
        painter.vline(
            x,
            area.bottom() - 3.0 - h..=area.bottom() - 3.0,
            Stroke::new(1.0, style.text.gamma_multiply(0.55)),
        );
    }
    // Decade labels.
    let font = FontId::proportional((style.label_size * 0.9).max(10.0));
    let first_decade = (crate::model::date::date_from_days(whole.min).year() / 20 + 1) * 20;
    let mut year = first_decade;
    while let Some(date) = jiff::civil::Date::new(year, 1, 1)
        .ok()
        .filter(|_| year < 9990)
    {
        let time = crate::model::date::days_from_date(date);
        if time > whole.max() {
            break;
        }
        let x = mapping.x(time);
        painter.text(
            pos2(x + 2.0, area.top() + 1.0),
            Align2::LEFT_TOP,
            year.to_string(),
            font.clone(),
            style.weak_text,
        );
        painter.vline(
            x,
            area.top()..=area.top() + 4.0,
            Stroke::new(1.0, style.grid),
        );
        year += 20;
    }
    // The current view.
    let (x0, x1) = (mapping.x(view.min), mapping.x(view.max()));
    let window = Rect::from_min_max(
        pos2(x0, area.top() + 1.0),
        pos2(x1.max(x0 + 3.0), area.bottom() - 1.0),
    );
    painter.rect_filled(window, 2.0, style.highlight.gamma_multiply(0.12));
    painter.rect_stroke(
        window,
        2.0,
        Stroke::new(style.line_width * 1.5, style.highlight),
        egui::StrokeKind::Inside,
    );

    let response = response
        .on_hover_cursor(CursorIcon::Grab)
        .on_hover_text("Overview of the whole span: drag the rectangle to move, click to jump");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Overview of the whole span")
    });
    if response.dragged() {
        let days = f64::from(response.drag_delta().x) * mapping.days_per_pixel();
        if days != 0.0 {
            return Some((view.panned(days), false));
        }
    } else if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
        && !window.contains(pointer)
    {
        let center = mapping.time_from_x(f64::from(pointer.x));
        return Some((
            TimeView {
                min: center - view.span / 2.0,
                span: view.span,
            },
            true,
        ));
    }
    None
}
