//! The overview strip: the whole span at a glance, with the density of events,
//! the eras, and a rectangle for the current view that can be dragged.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{Align2, CursorIcon, FontId, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::theme::TimelineStyle;
use crate::document::Document;
use crate::model::timeline::EventIndex;
use crate::view::layout::gallop;
use crate::view::ticks::{LABEL_GAP, LABEL_OFFSET, TimeAxis};
use crate::view::transform::{ScreenMapping, TimeView};

/// How strongly the density of events hidden by the filters shows (the shown ones: 0.55).
const HIDDEN_DENSITY_ALPHA: f32 = 0.2;

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

/// Events per pixel column of the strip, counting only the events `keep` accepts (the
/// filters): one pass over the events, done when the filters or the width change.
pub fn density_columns_where(
    document: &Document,
    mapping: &ScreenMapping,
    columns: usize,
    keep: &dyn Fn(EventIndex) -> bool,
) -> Vec<usize> {
    let mut counts = vec![0; columns];
    let left = mapping.x_from_time(mapping.view().min);
    for (event, &anchor) in document.timeline.anchors().iter().enumerate() {
        if !keep(event) {
            continue;
        }
        let offset = (mapping.x_from_time(anchor) - left).floor();
        if offset >= 0.0 && offset < columns as f64 {
            // In range and whole, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let column = offset as usize;
            if let Some(count) = counts.get_mut(column) {
                *count += 1;
            }
        }
    }
    counts
}

/// The events the filters leave on the timeline, for the strip to show hidden ones faintly.
pub struct Shown<'a> {
    /// Whether an event passes the filters.
    pub keep: &'a dyn Fn(EventIndex) -> bool,
    /// Changes whenever the filters do (the strip caches its counts under it).
    pub key: u64,
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

impl DensityKey {
    /// The key of `columns` columns of `document` over `mapping`'s view.
    fn of(document: &Document, mapping: &ScreenMapping, columns: usize) -> Self {
        let whole = mapping.view();
        Self {
            document: document.lanes.build_id(),
            whole: (whole.min.to_bits(), whole.span.to_bits()),
            columns,
        }
    }
}

/// The value kept in egui's memory under `name` while its `key` holds, else `make`'s,
/// kept in its place.
fn kept<K, V>(ui: &Ui, name: &str, key: K, make: impl FnOnce() -> V) -> Arc<V>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    let id = egui::Id::unique(name);
    let cached: Option<(K, Arc<V>)> = ui.data(|data| data.get_temp(id));
    if let Some((cached_key, value)) = cached
        && cached_key == key
    {
        return value;
    }
    let value = Arc::new(make());
    ui.data_mut(|data| data.insert_temp(id, (key, Arc::clone(&value))));
    value
}

fn cached_density(
    ui: &Ui,
    document: &Document,
    mapping: &ScreenMapping,
    columns: usize,
) -> Arc<Vec<usize>> {
    let key = DensityKey::of(document, mapping, columns);
    kept(ui, "overview-density", key, || {
        density_columns(document, mapping, columns)
    })
}

/// [`cached_density`] of the events the filters leave, under the filters' key too.
fn cached_shown_density(
    ui: &Ui,
    document: &Document,
    mapping: &ScreenMapping,
    columns: usize,
    shown: &Shown<'_>,
) -> Arc<Vec<usize>> {
    let key = (DensityKey::of(document, mapping, columns), shown.key);
    kept(ui, "overview-shown-density", key, || {
        density_columns_where(document, mapping, columns, shown.keep)
    })
}

/// What the strip draws the same from frame to frame: its density columns as one mesh,
/// its ticks, and its labels with where they start and how wide they are (the context
/// label, if any, last).
struct Strip {
    bars: Arc<Mesh>,
    ticks: Vec<f32>,
    labels: Vec<(f32, String, f32)>,
}

/// Under what a [`Strip`] was made: the data and the filters, the strip's place and
/// size, the colour of its columns, and the type its labels are measured in.
#[derive(Clone, PartialEq)]
struct StripKey {
    density: DensityKey,
    shown: Option<u64>,
    area: [u32; 4],
    colour: egui::Color32,
    font_size: u32,
    pixels_per_point: u32,
}

/// Builds the [`Strip`] of `area` (`width` columns).
fn strip_picture(
    ui: &Ui,
    document: &Document,
    mapping: &ScreenMapping,
    (area, width): (Rect, usize),
    style: &TimelineStyle,
    font: &FontId,
    shown: Option<&Shown<'_>>,
) -> Strip {
    // Density: one bar per pixel column, scaled by the square root so sparse years still show.
    let counts = cached_density(ui, document, mapping, width);
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    // The bars stay below the row of year labels, so no bar crosses a label.
    let label_row = font.size * 1.3 + 2.0;
    let bar_room = (area.height() - 4.0 - label_row).max(2.0);
    // One mesh for all columns: a shape per column would cost more to tessellate.
    let mut bars = Mesh::default();
    let colour = style.text.gamma_multiply(0.55);
    let mut add_bars = |counts: &[usize], colour: egui::Color32| {
        let filled = counts.iter().filter(|&&count| count > 0).count();
        bars.reserve_vertices(4 * filled);
        bars.reserve_triangles(2 * filled);
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
    };
    match shown {
        Some(shown) => {
            // Every event faintly, the ones the filters leave over them.
            add_bars(&counts, style.text.gamma_multiply(HIDDEN_DENSITY_ALPHA));
            let kept = cached_shown_density(ui, document, mapping, width, shown);
            add_bars(&kept, colour);
        }
        None => add_bars(&counts, colour),
    }
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
    let axis = strip_axis(mapping, &measure);
    let placed = |left: f32, label: &str| (left, label.to_owned(), measure(label));
    let context = axis
        .context
        .as_deref()
        .map(|context| placed(area.left() + LABEL_OFFSET, context));
    let labels = axis
        .labelled()
        .map(|(tick, label)| placed(tick.x + LABEL_OFFSET, label));
    Strip {
        bars: Arc::new(bars),
        ticks: axis.major.iter().map(|tick| tick.x).collect(),
        labels: labels.chain(context).collect(),
    }
}

/// Whether the text spanning `left..right` keeps at least `pad` from every vertical line at
/// the x positions `lines` (the view rectangle's edges), so no line crosses a label.
pub fn clear_of_lines(lines: [f32; 2], pad: f32, (left, right): (f32, f32)) -> bool {
    lines.into_iter().all(|x| x + pad < left || x - pad > right)
}

/// Draws the strip, `height` points tall, for the projector: no hover help, which the
/// hall would see under a resting pointer. Returns the view the user moved to, and
/// whether to fly there (a click) or follow the hand (a drag).
/// The time scale starts at screen x `time_left`, to line up with the timeline above.
pub fn overview_ui(
    ui: &mut Ui,
    document: &Document,
    view: TimeView,
    style: &TimelineStyle,
    height: f32,
    time_left: f32,
) -> Option<(TimeView, bool)> {
    overview_filtered_ui(ui, document, view, style, (height, time_left), None, false)
}

/// [`overview_ui`] while filters hide events: the density of every event is drawn
/// faintly, that of the events still shown over it, so hidden events are not taken
/// for empty years.
pub fn overview_filtered_ui(
    ui: &mut Ui,
    document: &Document,
    view: TimeView,
    style: &TimelineStyle,
    (height, time_left): (f32, f32),
    shown: Option<&Shown<'_>>,
    hover_help: bool,
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
    // The columns and the year labels change only with the data, the filters, the
    // strip's size and the style: kept between frames (at a million events, building
    // them was a tenth of every frame of a zoom); only the view's rectangle moves, and
    // which labels its edges leave clear.
    let font = FontId::proportional((style.label_size * 0.9).max(10.0));
    let width = area.width().max(1.0) as usize;
    let key = StripKey {
        density: DensityKey::of(document, &mapping, width),
        shown: shown.map(|shown| shown.key),
        area: [area.min.x, area.min.y, area.max.x, area.max.y].map(f32::to_bits),
        colour: style.text,
        font_size: font.size.to_bits(),
        pixels_per_point: ui.ctx().pixels_per_point().to_bits(),
    };
    let strip = kept(ui, "overview-strip", key, || {
        strip_picture(ui, document, &mapping, (area, width), style, &font, shown)
    });
    painter.add(Shape::Mesh(Arc::clone(&strip.bars)));
    let label_top = area.top() + 1.0;
    // The current view's rectangle; no label is drawn where its edges would cross the text.
    let (x0, x1) = (mapping.x(view.min), mapping.x(view.max()));
    let window = Rect::from_min_max(
        pos2(x0, area.top() + 1.0),
        pos2(x1.max(x0 + 3.0), area.bottom() - 1.0),
    );
    let edge = style.line_width * 1.5 + 1.0;
    for &x in &strip.ticks {
        painter.vline(
            x,
            area.top()..=area.top() + 4.0,
            Stroke::new(1.0, style.grid),
        );
    }
    for (left, label, width) in &strip.labels {
        if clear_of_lines([window.left(), window.right()], edge, (*left, left + width)) {
            // Laid out again each frame (egui's cache keeps the shaped text, and drops it
            // when the font atlas is rebuilt, which a kept galley would outlive).
            painter.text(
                pos2(*left, label_top),
                Align2::LEFT_TOP,
                label,
                font.clone(),
                style.weak_text,
            );
        }
    }
    // The current view.
    painter.rect_filled(window, 2.0, style.highlight.gamma_multiply(0.12));
    painter.rect_stroke(
        window,
        2.0,
        Stroke::new(style.line_width * 1.5, style.highlight),
        egui::StrokeKind::Inside,
    );

    let response = response.on_hover_cursor(CursorIcon::Grab);
    let response = if hover_help {
        response
            .on_hover_text("Overview of the whole span: drag the rectangle to move, click to jump")
    } else {
        response
    };
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
    fn a_label_is_clear_of_the_view_edges_only_when_neither_edge_touches_it() {
        // The view rectangle's edges at 100 and 300; a label from 120 to 160.
        assert!(clear_of_lines([100.0, 300.0], 2.0, (120.0, 160.0)));
        // An edge through the text, or within the pad of either end, is not clear.
        assert!(!clear_of_lines([140.0, 300.0], 2.0, (120.0, 160.0)));
        assert!(!clear_of_lines([100.0, 161.0], 2.0, (120.0, 160.0)));
        assert!(!clear_of_lines([119.0, 300.0], 2.0, (120.0, 160.0)));
        // A rectangle wider than the label on both sides leaves it alone.
        assert!(clear_of_lines([10.0, 500.0], 2.0, (120.0, 160.0)));
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

    #[test]
    fn filtered_density_counts_only_the_events_kept() {
        let timeline = load_embedded().expect("the built-in dataset loads");
        let document = Document::new(timeline, DataSource::Embedded);
        let whole = document.limits.fitted();
        let mapping = ScreenMapping::new(whole, 20.0, 900.0);
        let important = |e: EventIndex| document.timeline.events[e].record.importance >= 4;
        let kept = density_columns_where(&document, &mapping, 900, &important);
        let all = density_columns_where(&document, &mapping, 900, &|_| true);
        let expected = (0..document.timeline.events.len())
            .filter(|&e| important(e))
            .count();
        assert_eq!(kept.iter().sum::<usize>(), expected);
        assert!(expected < document.timeline.events.len());
        assert_eq!(all.iter().sum::<usize>(), document.timeline.events.len());
        // Never more in a column than there are events there.
        assert!(kept.iter().zip(&all).all(|(k, a)| k <= a));
    }

    /// The strip's columns and labels are kept between frames: what it draws must
    /// still follow the filters, the strip's width and the style, frame after frame.
    #[test]
    fn the_kept_strip_follows_the_filters_the_width_and_the_style() {
        use crate::ui::theme::{ThemeChoice, TimelineStyle};
        let timeline = load_embedded().expect("the built-in dataset loads");
        let document = Document::new(timeline, DataSource::Embedded);
        let view = document.limits.fitted();
        let ctx = egui::Context::default();
        // The strip's own shapes of one frame: its columns' vertices (with their
        // colours) and its texts.
        let frame = |width: f32, style: &TimelineStyle, important_only: bool| {
            let important = |e: EventIndex| document.timeline.events[e].record.importance >= 4;
            let shown = Shown {
                keep: &important,
                key: 7,
            };
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(width, 200.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                let shown = important_only.then_some(&shown);
                overview_filtered_ui(ui, &document, view, style, (80.0, 40.0), shown, false);
            });
            // Nothing draws here: the font atlas's uploads are not wanted.
            output.textures_delta.clear();
            let mut columns = Vec::new();
            let mut texts = Vec::new();
            for clipped in output.shapes {
                match clipped.shape {
                    Shape::Mesh(mesh) => columns.extend(
                        mesh.vertices
                            .iter()
                            .map(|v| (v.pos.x.to_bits(), v.pos.y.to_bits(), v.color)),
                    ),
                    Shape::Text(text) => texts.push(text.galley.text().to_owned()),
                    _ => {}
                }
            }
            (columns, texts)
        };
        let light = TimelineStyle::desktop(ThemeChoice::Light);
        let dark = TimelineStyle::desktop(ThemeChoice::Dark);
        let plain = frame(900.0, &light, false);
        assert!(
            !plain.0.is_empty() && !plain.1.is_empty(),
            "columns and labels drawn"
        );
        // The same again: the kept strip, the same picture.
        assert_eq!(frame(900.0, &light, false), plain);
        // Filters add the kept events' columns over the faint ones of every event.
        let filtered = frame(900.0, &light, true);
        assert!(filtered.0.len() > plain.0.len());
        assert_eq!(filtered.1, plain.1);
        // Back without filters: as at first.
        assert_eq!(frame(900.0, &light, false), plain);
        // Wider: more columns, reaching further right.
        let wide = frame(1400.0, &light, false);
        let right = |columns: &[(u32, u32, egui::Color32)]| {
            columns
                .iter()
                .map(|c| f32::from_bits(c.0))
                .fold(0.0, f32::max)
        };
        assert!(right(&wide.0) > right(&plain.0) + 100.0);
        // Another style: other colours.
        let colours = |columns: &[(u32, u32, egui::Color32)]| {
            columns
                .iter()
                .map(|c| c.2.to_array())
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert_ne!(colours(&frame(900.0, &dark, false).0), colours(&plain.0));
    }

    /// A shaped text points into the font atlas, which egui rebuilds when the fonts
    /// change (and when it fills): the strip's labels must come from the atlas of the
    /// frame they are drawn in (kept from an earlier frame they were drawn as garbage,
    /// seen in a snapshot after the app installed its fonts).
    #[test]
    fn the_strip_labels_follow_a_change_of_fonts() {
        use crate::ui::theme::{ThemeChoice, TimelineStyle};
        let timeline = load_embedded().expect("the built-in dataset loads");
        let document = Document::new(timeline, DataSource::Embedded);
        let view = document.limits.fitted();
        let style = TimelineStyle::desktop(ThemeChoice::Light);
        let ctx = egui::Context::default();
        let frame = || {
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 200.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                overview_ui(ui, &document, view, &style, 80.0, 40.0);
            });
            output.textures_delta.clear();
            output
                .shapes
                .into_iter()
                .filter_map(|clipped| match clipped.shape {
                    Shape::Text(text) => Some(text.galley),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let before = frame();
        assert!(!before.is_empty());
        // Other fonts: the proportional family in the reverse order.
        let mut fonts = egui::FontDefinitions::default();
        if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            family.reverse();
        }
        ctx.set_fonts(fonts);
        for _ in 0..2 {
            let labels = frame();
            assert_eq!(labels.len(), before.len());
            for galley in labels {
                // What egui shapes for the same text now, with the fonts of this frame.
                let now = ctx.fonts_mut(|fonts| fonts.layout_job((*galley.job).clone()));
                assert!(Arc::ptr_eq(&now, &galley), "{} is stale", galley.text());
            }
        }
    }
}
