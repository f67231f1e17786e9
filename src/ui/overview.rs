//! The overview strip: the whole span at a glance, with the density of events,
//! the eras, and a rectangle for the current view that can be dragged.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{Align2, CursorIcon, FontId, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::theme::TimelineStyle;
use crate::document::Document;
use crate::view::layout::gallop;
use crate::view::transform::{ScreenMapping, TimeView};

/// Events per pixel column of the strip: one galloping search per column boundary,
/// each starting where the previous one ended (cost: width × log of a column's events).
pub fn density_columns(document: &Document, mapping: &ScreenMapping, columns: usize) -> Vec<usize> {
    let anchors = document.timeline.anchors();
    let left = mapping.x_from_time(mapping.view().min);
    let mut below = anchors.partition_point(|&anchor| anchor < mapping.time_from_x(left));
    (0..columns)
        .map(|column| {
            let limit = mapping.time_from_x(left + column as f64 + 1.0);
            let next = below + gallop(&anchors[below..], limit);
            let count = next - below;
            below = next;
            count
        })
        .collect()
}

/// The density of the last strip drawn, kept in egui's memory: it only changes with
/// the data and the strip's width, and counting a million events every frame is not free.
#[derive(Clone, PartialEq)]
struct DensityKey {
    /// The document's lane index is built once per load: its build names the data.
    document: u64,
    whole: (u64, u64),
    columns: usize,
}

fn cached_density(
    ui: &Ui,
    document: &Document,
    mapping: &ScreenMapping,
    columns: usize,
) -> Arc<Vec<usize>> {
    let whole = mapping.view();
    let key = DensityKey {
        document: document.lanes.build_id(),
        whole: (whole.min.to_bits(), whole.span.to_bits()),
        columns,
    };
    let id = egui::Id::unique("overview-density");
    let cached: Option<(DensityKey, Arc<Vec<usize>>)> = ui.data(|data| data.get_temp(id));
    if let Some((cached_key, counts)) = cached
        && cached_key == key
    {
        return counts;
    }
    let counts = Arc::new(density_columns(document, mapping, columns));
    ui.data_mut(|data| data.insert_temp(id, (key, Arc::clone(&counts))));
    counts
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
    let counts = cached_density(ui, document, &mapping, width);
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    let bar_room = area.height() - 8.0;
    // One mesh for all columns: a shape per column would cost more to tessellate.
    let mut bars = Mesh::default();
    let colour = style.text.gamma_multiply(0.55);
    for (column, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = ((count as f32 / most).sqrt() * bar_room).max(2.0);
        let x = area.left() + column as f32;
        bars.add_colored_rect(
            Rect::from_min_max(
                pos2(x, area.bottom() - 3.0 - h),
                pos2(x + 1.0, area.bottom() - 3.0),
            ),
            colour,
        );
    }
    painter.add(Shape::mesh(bars));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DataSource;
    use crate::model::load::load_embedded;

    #[test]
    fn density_counts_every_event_in_its_column_once() {
        let timeline = load_embedded().expect("the built-in dataset loads");
        let document = Document::new(timeline, DataSource::Embedded);
        for columns in [1, 7, 300, 1600] {
            let whole = document.limits.fitted();
            let mapping = ScreenMapping::new(whole, 20.0, columns as f32);
            let counts = density_columns(&document, &mapping, columns);
            assert_eq!(counts.len(), columns);
            for (column, &count) in counts.iter().enumerate() {
                let x = 20.0 + column as f64;
                let expected = document
                    .timeline
                    .anchored_in(mapping.time_from_x(x), mapping.time_from_x(x + 1.0))
                    .len();
                assert_eq!(count, expected, "column {column} of {columns}");
            }
            // The fitted view has a margin, so every event is in some column.
            let total: usize = counts.iter().sum();
            assert_eq!(total, document.timeline.events.len(), "{columns} columns");
        }
    }
}
