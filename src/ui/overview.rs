//! The overview strip: the whole span at a glance, with the density of events,
//! the eras, and a rectangle for the current view that can be dragged.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{Align2, CursorIcon, FontId, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::theme::TimelineStyle;
use crate::document::Document;
use crate::view::layout::gallop;
use crate::view::ticks::{LABEL_GAP, LABEL_OFFSET, TimeAxis};
use crate::view::transform::{ScreenMapping, TimeView};

/// Extra room asked around each label of the strip, beyond the timeline axis's
/// [`LABEL_GAP`]: the strip is a glance at the whole span, and sparser labels read faster.
const STRIP_LABEL_AIR: f32 = 2.0 * LABEL_GAP;

/// The strip's axis over `mapping` (the whole span): the timeline's axis, with labels
/// measured by `measure` and kept further apart. Labels and context are measured wider
/// than they are drawn, so they only fit where there is air around them.
pub fn strip_axis(mapping: &ScreenMapping, measure: &dyn Fn(&str) -> f32) -> TimeAxis {
    TimeAxis::new(mapping, &|text| measure(text) + STRIP_LABEL_AIR)
}

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
    // The bars stay below the row of year labels, so no bar crosses a label.
    let font = FontId::proportional((style.label_size * 0.9).max(10.0));
    let label_row = font.size * 1.3 + 2.0;
    let bar_room = (area.height() - 4.0 - label_row).max(2.0);
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
    // Labels from the same axis code as the timeline, so they adapt to the span:
    // decades for a century, months for a year, days or hours for a few days.
    let measure = |text: &str| {
        ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_owned(), font.clone(), style.weak_text)
                .size()
                .x
        })
    };
    let axis = strip_axis(&mapping, &measure);
    let label_top = area.top() + 1.0;
    for tick in &axis.major {
        painter.vline(
            tick.x,
            area.top()..=area.top() + 4.0,
            Stroke::new(1.0, style.grid),
        );
    }
    for (tick, label) in axis.labelled() {
        painter.text(
            pos2(tick.x + LABEL_OFFSET, label_top),
            Align2::LEFT_TOP,
            label,
            font.clone(),
            style.weak_text,
        );
    }
    if let Some(context) = &axis.context {
        painter.text(
            pos2(area.left() + LABEL_OFFSET, label_top),
            Align2::LEFT_TOP,
            context,
            font.clone(),
            style.weak_text,
        );
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

    /// Issue 15: the strip named only "1960" for a 1957–1975 file and nothing for a
    /// three-day one. Its labels now follow the span as the timeline's axis does.
    #[test]
    fn strip_labels_adapt_to_the_span() {
        let measure = |text: &str| 6.0 * text.chars().count() as f32;
        let day = |y, m, d| {
            crate::model::date::days_from_date(jiff::civil::Date::new(y, m, d).expect("a day"))
        };
        let strip = |from, to, width| {
            let whole = crate::view::transform::ViewLimits::for_span((from, to)).fitted();
            let axis = strip_axis(&ScreenMapping::new(whole, 150.0, width), &measure);
            let labels: Vec<String> = axis.labelled().map(|(_, l)| l.to_owned()).collect();
            (axis.context, labels)
        };
        let (context, labels) = strip(
            crate::model::date::days_from_year(1957),
            crate::model::date::days_from_year(1976),
            1000.0,
        );
        assert_eq!(context, None);
        assert!(labels.len() >= 5, "{labels:?}");
        assert!(
            labels.iter().all(|l| l.parse::<i16>().is_ok()),
            "{labels:?}"
        );
        // Three days (a fitted view is at least two weeks wide today; the days are named).
        let (context, labels) = strip(day(2020, 3, 1), day(2020, 3, 4), 1000.0);
        assert!(context.is_some() || labels.iter().any(|l| l.contains("Mar")));
        assert!(labels.len() >= 5, "{context:?} {labels:?}");
        // The whole WPK span still reads in decades or half-decades, not every year.
        let (_, labels) = strip(
            crate::model::date::days_from_year(1926),
            crate::model::date::days_from_year(2022),
            1450.0,
        );
        assert!((5..=20).contains(&labels.len()), "{labels:?}");
    }

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
