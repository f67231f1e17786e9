//! Printed documents: the lecture handout (a title page, then a page per tour step
//! with its view, its card, people, sources and, on request, the speaker notes) and
//! the poster (the whole span, or a range, laid out at the sheet's size with a legend
//! of lanes and eras and the provenance key). Pure: this lays out pages
//! ([`PrintDocument`]) from the same picture layout and scene as the SVG export,
//! measuring text with the window's fonts; [`crate::render::pdf`] writes them.

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::svg::{PictureLayout, picture_layout};
use crate::document::Document;
use crate::model::date::HistDate;
use crate::model::media::{MediaRecord, Rgba, decode_to_fit};
use crate::model::schema::SourceRecord;
use crate::model::wording::flag_note;
use crate::render::pdf::{PageImage, PagePicture, PageText, PrintDocument, PrintPage};
use crate::render::text::measure;
use crate::ui::present::{presentation_steps, step_view};
use crate::ui::theme::{ThemeChoice, TimelineStyle};
use crate::view::scene::{
    BAND_ALPHA, BAR_ALPHA, CLUSTER_ALPHA, COUNT_SCALE, MARGIN_ALPHA, SceneEmphasis, Shape, fit_text,
};
use crate::view::transform::TimeView;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

/// A sheet of paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A3, 297 × 420 mm.
    A3,
    /// ISO A2, 420 × 594 mm.
    A2,
    /// ISO A1, 594 × 841 mm.
    A1,
    /// ISO A0, 841 × 1189 mm.
    A0,
    /// US Tabloid (ledger), 11 × 17 in.
    Tabloid,
}

impl Paper {
    /// Every paper, in the order the help lists them.
    pub const ALL: [Self; 7] = [
        Self::A4,
        Self::Letter,
        Self::A3,
        Self::A2,
        Self::A1,
        Self::A0,
        Self::Tabloid,
    ];
    /// The papers a handout is printed on.
    pub const HANDOUT: [Self; 2] = [Self::A4, Self::Letter];
    /// The papers a poster is printed on.
    pub const POSTER: [Self; 5] = [Self::A3, Self::A2, Self::A1, Self::A0, Self::Tabloid];

    /// Its name, as `--paper` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "Letter",
            Self::A3 => "A3",
            Self::A2 => "A2",
            Self::A1 => "A1",
            Self::A0 => "A0",
            Self::Tabloid => "Tabloid",
        }
    }

    /// Reads a paper's name in any case.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|paper| paper.name().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!(
                    "unknown paper {text:?}: use {}",
                    Self::ALL.map(Self::name).join(", ")
                )
            })
    }

    /// Width and height in points, upright (portrait).
    pub fn portrait(self) -> (f32, f32) {
        match self {
            Self::A4 => (210.0 * MM, 297.0 * MM),
            Self::Letter => (612.0, 792.0),
            Self::A3 => (297.0 * MM, 420.0 * MM),
            Self::A2 => (420.0 * MM, 594.0 * MM),
            Self::A1 => (594.0 * MM, 841.0 * MM),
            Self::A0 => (841.0 * MM, 1189.0 * MM),
            Self::Tabloid => (792.0, 1224.0),
        }
    }

    /// Width and height in points, turned on its side when `landscape`.
    pub fn size(self, landscape: bool) -> (f32, f32) {
        let (width, height) = self.portrait();
        if landscape {
            (height, width)
        } else {
            (width, height)
        }
    }
}

/// Points on paper per pixel of the scene in a handout's pictures: the window's look
/// at 60 %, so a label is set at 7.5 pt.
pub const HANDOUT_SCALE: f32 = 0.6;
/// Points on paper per pixel of the scene on a poster: labels at about 7 pt, so that the
/// layout at the sheet's size has room for several times the labels of a screen.
pub const POSTER_SCALE: f32 = 0.55;

/// The colour of links on paper (dark blue, 9:1 on white).
const LINK: Color32 = Color32::from_rgb(0, 60, 150);

/// What the handout holds.
#[derive(Clone, Copy, Debug)]
pub struct HandoutOptions {
    /// The paper.
    pub paper: Paper,
    /// On its side.
    pub landscape: bool,
    /// With the speaker notes of each step.
    pub notes: bool,
}

/// The light look, as printed.
fn print_style() -> TimelineStyle {
    TimelineStyle::desktop(ThemeChoice::Light)
}

/// Lines of `text` at `size` no wider than `width`: broken between words, and a word
/// wider than a line between characters. Never empty for non-empty text.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if measure(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than a line is broken between characters.
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && measure(&longer, size) > width {
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                } else {
                    line = longer;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// A paragraph of the card, before it is placed.
struct Block {
    lines: Vec<String>,
    size: f32,
    colour: Color32,
    bold: bool,
    /// Space above it, in points.
    gap: f32,
    /// Where its lines link to.
    link: Option<String>,
    /// Indent of every line.
    indent: f32,
    /// A heading: kept with the line after it.
    heading: bool,
    /// A picture (issue 14) above its lines, and its size on the page.
    picture: Option<(std::sync::Arc<Rgba>, Vec2)>,
}

impl Block {
    fn line_height(&self) -> f32 {
        self.size * 1.32
    }

    fn height(&self) -> f32 {
        self.gap
            + self.picture.as_ref().map_or(0.0, |(_, size)| size.y)
            + self.lines.len() as f32 * self.line_height()
    }
}

/// Builds the blocks of a paragraph wrapped to `width`.
fn block(text: &str, size: f32, colour: Color32, bold: bool, gap: f32, width: f32) -> Block {
    Block {
        lines: wrap(text, size, width),
        size,
        colour,
        bold,
        gap,
        link: None,
        indent: 0.0,
        heading: false,
        picture: None,
    }
}

/// A heading, kept with what follows it.
fn heading(text: &str, size: f32, colour: Color32, gap: f32, width: f32) -> Block {
    Block {
        heading: true,
        ..block(text, size, colour, true, gap, width)
    }
}

/// Whether `url` is a web address a reader may follow.
fn web_link(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// The card of a step: title, Korean title, date, summary, every provenance note,
/// people, sources (with links) and, with `notes`, the speaker's note.
fn card_blocks(
    document: &Document,
    event: usize,
    note: Option<&str>,
    width: f32,
    style: &TimelineStyle,
) -> Vec<Block> {
    let Some(shown) = document.timeline.events.get(event) else {
        return Vec::new();
    };
    let record = &shown.record;
    let mut blocks = vec![block(&record.title, 17.0, style.text, true, 0.0, width)];
    if let Some(korean) = &record.native_title {
        blocks.push(block(korean, 13.0, style.weak_text, false, 1.0, width));
    }
    blocks.push(block(
        &shown.date_label(),
        11.5,
        style.highlight,
        true,
        3.0,
        width,
    ));
    blocks.push(block(&record.summary, 10.5, style.text, false, 6.0, width));
    if let Some(item) = record.media.first() {
        blocks.extend(picture_blocks(document, item, width, style));
    }
    for flag in &record.flags {
        let (heading, text) = flag_note(flag);
        blocks.push(self::heading(&heading, 9.5, style.disputed, 5.0, width));
        blocks.push(block(&text, 9.5, style.disputed, false, 0.0, width));
    }
    if !record.people.is_empty() {
        let people: Vec<String> = record
            .people
            .iter()
            .map(|person| match &person.native {
                Some(native) => format!("{} ({native})", person.name),
                None => person.name.to_string(),
            })
            .collect();
        blocks.push(heading("People", 9.5, style.weak_text, 8.0, width));
        blocks.push(block(
            &people.join(" · "),
            9.5,
            style.text,
            false,
            0.0,
            width,
        ));
    }
    if !record.sources.is_empty() {
        blocks.push(heading("Sources", 9.5, style.weak_text, 8.0, width));
        let indent = 14.0;
        for (number, source) in record.sources.iter().enumerate() {
            let (text, url) = match source {
                SourceRecord::Reference { title, url } => {
                    (title.to_string(), url.as_deref().and_then(web_link))
                }
                SourceRecord::Quote { source, quote } => (format!("“{quote}” — {source}"), None),
                SourceRecord::Seed { quote } => (format!("“{quote}” — the seed text"), None),
            };
            let mut entry = block(
                &format!("{}. {text}", number + 1),
                9.0,
                style.text,
                false,
                2.0,
                width - indent,
            );
            entry.indent = indent;
            blocks.push(entry);
            if let Some(url) = url {
                let mut link = block(&url, 8.0, LINK, false, 0.0, width - indent);
                link.indent = indent;
                link.link = Some(url);
                blocks.push(link);
            }
        }
    }
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        blocks.push(heading("Speaker notes", 9.5, style.weak_text, 10.0, width));
        blocks.push(block(note, 10.0, style.text, false, 0.0, width));
    }
    blocks
}

/// The longest side a picture is decoded at for print: about 250 dpi at its largest.
const PRINT_PICTURE_SIDE: u32 = 1200;

/// The most a picture takes on a handout page, in points.
const PRINT_PICTURE_MOST: Vec2 = Vec2::new(300.0, 200.0);

/// The first picture of a step (issue 14): read and decoded (the handout is made off
/// the UI thread), fitted into at most [`PRINT_PICTURE_MOST`] and `width`, with its
/// caption and its credit and licence under it. A picture that cannot be read leaves
/// a line saying so, and the credit.
fn picture_blocks(
    document: &Document,
    item: &MediaRecord,
    width: f32,
    style: &TimelineStyle,
) -> Vec<Block> {
    let folder = document
        .source
        .file()
        .and_then(crate::platform::images::media_folder);
    let decoded = match folder {
        Some(folder) => crate::platform::images::read_image(&folder.join(&item.file))
            .and_then(|bytes| decode_to_fit(&bytes, PRINT_PICTURE_SIDE)),
        None => Err(crate::platform::images::UNAVAILABLE.to_owned()),
    };
    let mut blocks = Vec::new();
    match decoded {
        Ok(rgba) => {
            #[allow(clippy::cast_precision_loss)]
            let pixels = Vec2::new(rgba.width as f32, rgba.height as f32);
            let room = Vec2::new(width.min(PRINT_PICTURE_MOST.x), PRINT_PICTURE_MOST.y);
            let scale = (room.x / pixels.x).min(room.y / pixels.y);
            if scale.is_finite() && scale > 0.0 {
                let mut shown = block("", 8.0, style.text, false, 8.0, width);
                shown.lines.clear();
                shown.picture = Some((std::sync::Arc::new(rgba), pixels * scale));
                blocks.push(shown);
            }
        }
        Err(why) => blocks.push(block(
            &format!("[The picture {} {why}.]", item.file),
            8.5,
            style.weak_text,
            false,
            8.0,
            width,
        )),
    }
    blocks.push(block(&item.caption, 8.5, style.text, false, 2.0, width));
    blocks.push(block(
        &item.credit_line(),
        8.0,
        style.weak_text,
        false,
        0.0,
        width,
    ));
    blocks
}

/// Margins of a handout page, in points.
const HANDOUT_MARGIN: f32 = 46.0;
/// Height of the running head above the content.
const RUNNING_HEAD: f32 = 20.0;
/// Room for the page number below the content.
const FOOTER: f32 = 18.0;

/// Space between the columns of a card, in points.
const COLUMN_GAP: f32 = 22.0;

/// Places text on pages, starting a new page (continued) when one is full.
struct Flow {
    pages: Vec<PrintPage>,
    page: PrintPage,
    /// The top of the next line.
    y: f32,
    /// Where content ends on a page.
    bottom: f32,
    left: f32,
    /// Columns on a page, their width and the gap between them.
    columns: usize,
    column_width: f32,
    /// The column being filled, and where its columns start.
    column: usize,
    columns_top: f32,
    /// The running head of continuation pages.
    head: String,
    style: TimelineStyle,
}

impl Flow {
    fn new(page: PrintPage, y: f32, head: String, style: TimelineStyle) -> Self {
        let (width, height) = page.size;
        Self {
            bottom: height - HANDOUT_MARGIN - FOOTER,
            left: HANDOUT_MARGIN,
            columns: 1,
            column_width: width - 2.0 * HANDOUT_MARGIN,
            column: 0,
            columns_top: y,
            y,
            page,
            pages: Vec::new(),
            head,
            style,
        }
    }

    /// Moves on to the next column, or to a new (continued) page after the last.
    fn break_column(&mut self) {
        if self.column + 1 < self.columns {
            self.column += 1;
            self.left += self.column_width + COLUMN_GAP;
            self.y = self.columns_top;
            return;
        }
        self.column = 0;
        self.left = HANDOUT_MARGIN;
        let size = self.page.size;
        let full = std::mem::replace(
            &mut self.page,
            PrintPage {
                size,
                ..PrintPage::default()
            },
        );
        self.pages.push(full);
        self.y = running_head(
            &mut self.page,
            &format!("{} (continued)", self.head),
            "",
            &self.style,
        );
        self.columns_top = self.y;
    }

    /// Places `blocks` in order; a heading is kept with the first line after it.
    fn place_all(&mut self, blocks: &[Block]) {
        for (k, block) in blocks.iter().enumerate() {
            if block.heading {
                let next = blocks.get(k + 1).map_or(0.0, |n| n.gap + n.line_height());
                if self.y + block.height() + next > self.bottom && self.y > self.columns_top {
                    self.break_column();
                }
            }
            self.place(block);
        }
    }

    fn place(&mut self, block: &Block) {
        self.y += block.gap;
        if let Some((pixels, size)) = &block.picture {
            if self.y + size.y > self.bottom && self.y > self.columns_top {
                self.break_column();
            }
            self.page.images.push(PageImage {
                rect: Rect::from_min_size(pos2(self.left + block.indent, self.y), *size),
                pixels: pixels.clone(),
            });
            self.y += size.y;
        }
        for line in &block.lines {
            if self.y + block.line_height() > self.bottom {
                self.break_column();
            }
            let left = self.left + block.indent;
            let baseline = self.y + block.size * 1.05;
            self.page.texts.push(PageText {
                text: line.clone(),
                left,
                baseline,
                size: block.size,
                colour: block.colour,
                bold: block.bold,
            });
            if let Some(url) = &block.link {
                let width = measure(line, block.size);
                self.page.links.push((
                    Rect::from_min_max(
                        pos2(left, self.y),
                        pos2(left + width, self.y + block.line_height()),
                    ),
                    url.clone(),
                ));
            }
            self.y += block.line_height();
        }
    }

    fn finish(mut self) -> Vec<PrintPage> {
        self.pages.push(self.page);
        self.pages
    }
}

/// The running head of a handout page (the timeline's title, and `right`); returns
/// where content starts below it.
fn running_head(page: &mut PrintPage, left: &str, right: &str, style: &TimelineStyle) -> f32 {
    let (width, _) = page.size;
    let size = 8.5;
    let baseline = HANDOUT_MARGIN;
    let right_width = measure(right, size);
    let room = width - 2.0 * HANDOUT_MARGIN - right_width - 12.0;
    if let Some((text, _)) = fit_text(left, size, room, &measure) {
        page.texts.push(PageText {
            text,
            left: HANDOUT_MARGIN,
            baseline,
            size,
            colour: style.weak_text,
            bold: false,
        });
    }
    if !right.is_empty() {
        page.texts.push(PageText {
            text: right.to_owned(),
            left: width - HANDOUT_MARGIN - right_width,
            baseline,
            size,
            colour: style.weak_text,
            bold: false,
        });
    }
    let rule = baseline + 5.0;
    page.shapes.push(Shape::Line {
        from: pos2(HANDOUT_MARGIN, rule),
        to: pos2(width - HANDOUT_MARGIN, rule),
        stroke: Stroke::new(0.5, style.grid),
        dash: None,
    });
    rule + RUNNING_HEAD - 8.0
}

/// The picture of `view` with `selected` at `size` points, drawn at `scale` points per
/// pixel at `origin`: the SVG export's picture layout (title bar, eras, axis, lanes).
#[allow(clippy::too_many_arguments)]
fn picture(
    document: &Document,
    view: TimeView,
    shown_lanes: &[usize],
    selected: Option<usize>,
    origin: Pos2,
    size: (f32, f32),
    scale: f32,
    style: &TimelineStyle,
) -> (PagePicture, PictureLayout) {
    let pixels = (size.0 / scale, size.1 / scale);
    let layout = picture_layout(
        document,
        &document.lanes,
        shown_lanes,
        view,
        pixels,
        style,
        SceneEmphasis {
            selected,
            is_match: None,
        },
    );
    (
        PagePicture {
            scene: layout.scene.clone(),
            size: layout.size,
            origin,
            scale,
        },
        layout,
    )
}

/// The whole span as the file states it: `1926 – 2021`.
fn span_text(document: &Document) -> String {
    let (from, to) = &document.timeline.span_text;
    let show =
        |text: &str| HistDate::parse(text).map_or_else(|_| text.to_owned(), |d| d.to_string());
    format!("{} – {}", show(from), show(to))
}

/// The lecture handout of `document`: a title page, then one page per tour step (per
/// event, for a file without a tour), each continued on further pages only when its
/// card does not fit beside the smallest picture.
pub fn handout(document: &Document, options: &HandoutOptions) -> PrintDocument {
    let style = print_style();
    let size = options.paper.size(options.landscape);
    let (width, height) = size;
    let content = width - 2.0 * HANDOUT_MARGIN;
    let timeline = &document.timeline;
    let all_lanes: Vec<usize> = (0..timeline.categories.len()).collect();
    let mut pages = Vec::new();

    // The title page: title, subtitle, the whole span, what follows, and the whole
    // span drawn.
    let title_page = PrintPage {
        size,
        bookmark: Some(timeline.title.clone()),
        ..PrintPage::default()
    };
    let mut flow = Flow::new(
        title_page,
        HANDOUT_MARGIN + height * 0.06,
        timeline.title.clone(),
        style,
    );
    let steps = presentation_steps(timeline);
    let kind = if timeline.tour.is_empty() {
        "events"
    } else {
        "tour steps"
    };
    let mut blocks = vec![block(&timeline.title, 26.0, style.text, true, 0.0, content)];
    if !timeline.subtitle.is_empty() {
        blocks.push(block(
            &timeline.subtitle,
            14.0,
            style.weak_text,
            false,
            6.0,
            content,
        ));
    }
    blocks.push(block(
        &span_text(document),
        14.0,
        style.highlight,
        true,
        10.0,
        content,
    ));
    blocks.push(block(
        &format!(
            "A lecture handout: {} {kind}, one a page, each with its view of the timeline, \
             its card, people and sources{}.",
            steps.len(),
            if options.notes {
                ", and the speaker's notes"
            } else {
                ""
            }
        ),
        10.5,
        style.weak_text,
        false,
        12.0,
        content,
    ));
    flow.place_all(&blocks);
    let overview_top = flow.y + 18.0;
    let mut title_pages = flow.finish();
    let overview_height = (content * if options.landscape { 0.42 } else { 0.62 })
        .min(height - HANDOUT_MARGIN - FOOTER - overview_top);
    if let Some(last) = title_pages.last_mut()
        && overview_height > 60.0
    {
        let (overview, _) = picture(
            document,
            document.limits.fitted(),
            &all_lanes,
            None,
            pos2(HANDOUT_MARGIN, overview_top),
            (content, overview_height),
            HANDOUT_SCALE,
            &style,
        );
        last.pictures.push(overview);
    }
    pages.extend(title_pages);

    // One page per step.
    let count = steps.len();
    for (index, step) in steps.iter().enumerate() {
        let Some(event) = timeline.events.get(step.event) else {
            continue;
        };
        let mut page = PrintPage {
            size,
            bookmark: Some(format!("{}. {}", index + 1, event.record.title)),
            ..PrintPage::default()
        };
        let head = format!("Step {} of {count}", index + 1);
        let top = running_head(&mut page, &timeline.title, &head, &style);
        let note = if options.notes {
            step.note.as_deref()
        } else {
            None
        };
        // Landscape sheets set the card in two columns under a wide, low picture.
        let columns = if options.landscape { 2 } else { 1 };
        let column_width = (content - COLUMN_GAP * (columns - 1) as f32) / columns as f32;
        let bottom = height - HANDOUT_MARGIN - FOOTER;
        let preferred_ratio = if options.landscape { 0.34 } else { 0.6 };
        let smallest = content * if options.landscape { 0.22 } else { 0.36 };
        let gap = 14.0;
        // The card's blocks at a column width, and the height they take.
        let card_at = |width: f32| {
            let blocks = card_blocks(document, step.event, note, width, &style);
            let card: f32 = blocks.iter().map(Block::height).sum();
            // A column breaks between lines: allow for the line it cannot fill.
            let card = card / columns as f32 + if columns > 1 { 14.0 } else { 0.0 };
            (blocks, card)
        };
        // On upright sheets the step's map stands beside the card, which narrows; only
        // when the narrower card still fits on the page with the smallest picture.
        let mut map = (!options.landscape)
            .then(|| crate::export::print_map::handout_map(document, step.event, content))
            .flatten();
        let mut chosen = None;
        if let Some(beside) = &map {
            let narrow = column_width - beside.width - COLUMN_GAP;
            let (blocks, card) = card_at(narrow);
            let card = card.max(beside.height);
            // Set the narrower card once on a trial page: it must not run on to another.
            let picture_height =
                (bottom - top - gap - card).clamp(smallest, content * preferred_ratio);
            let mut trial = Flow::new(
                PrintPage {
                    size,
                    ..PrintPage::default()
                },
                top + picture_height + gap,
                String::new(),
                style,
            );
            trial.columns = columns;
            trial.column_width = narrow;
            trial.place_all(&blocks);
            if trial.finish().len() == 1 {
                chosen = Some((blocks, card));
            }
        }
        if chosen.is_none() {
            map = None;
        }
        let (blocks, card) = chosen.unwrap_or_else(|| card_at(column_width));
        let column_width = map
            .as_ref()
            .map_or(column_width, |map| column_width - map.width - COLUMN_GAP);
        let preferred = content * preferred_ratio;
        let picture_height = (bottom - top - gap - card).clamp(smallest, preferred);
        let view = document
            .limits
            .clamp(step_view(step, |e| document.view_around_event(e)));
        // The lanes with something to see at this step, and the step's own, as the
        // presenter shows them.
        let shown: Vec<usize> = all_lanes
            .iter()
            .copied()
            .filter(|&lane| {
                lane == event.category
                    || document
                        .lanes
                        .lane_has_events_in(lane, view.min, view.max())
            })
            .collect();
        let (drawn, _) = picture(
            document,
            view,
            &shown,
            Some(step.event),
            pos2(HANDOUT_MARGIN, top),
            (content, picture_height),
            HANDOUT_SCALE,
            &style,
        );
        page.pictures.push(drawn);
        if let Some(map) = map {
            let left = HANDOUT_MARGIN + content - map.width;
            page.pictures
                .push(map.place(pos2(left, top + picture_height + gap)));
        }
        let head = format!("{}: step {} of {count}", timeline.title, index + 1);
        let mut flow = Flow::new(page, top + picture_height + gap, head, style);
        flow.columns = columns;
        flow.column_width = column_width;
        flow.place_all(&blocks);
        pages.extend(flow.finish());
    }

    // Page numbers.
    let total = pages.len();
    for (number, page) in pages.iter_mut().enumerate() {
        let text = format!("{} / {total}", number + 1);
        let size = 8.5;
        page.texts.push(PageText {
            left: (page.size.0 - measure(&text, size)) / 2.0,
            baseline: page.size.1 - HANDOUT_MARGIN,
            text,
            size,
            colour: style.weak_text,
            bold: false,
        });
    }
    PrintDocument {
        title: format!("{}: lecture handout", timeline.title),
        pages,
    }
}

/// What the poster shows.
#[derive(Clone, Copy, Debug)]
pub struct PosterOptions {
    /// The sheet (always landscape: time runs across).
    pub paper: Paper,
    /// The range; the whole span when `None`.
    pub view: Option<TimeView>,
}

/// Where the parts of a poster go on its sheet, in points.
struct PosterFrame {
    margin: f32,
    title_size: f32,
    picture: Rect,
    legend: Rect,
    legend_size: f32,
}

fn poster_frame(document: &Document, size: (f32, f32)) -> PosterFrame {
    let (width, height) = size;
    let margin = (height * 0.03).max(24.0);
    let title_size = height * 0.03;
    let legend_size = height * 0.0105;
    let row = legend_size * 1.5;
    let timeline = &document.timeline;
    let rows = timeline
        .categories
        .len()
        .max(timeline.eras.len())
        .clamp(KEY_ROWS, 14);
    let legend_height = row * (rows as f32 + 1.5);
    let legend = Rect::from_min_max(
        pos2(margin, height - margin - legend_height),
        pos2(width - margin, height - margin),
    );
    let picture = Rect::from_min_max(
        pos2(margin, margin + title_size * 2.2),
        pos2(width - margin, legend.top() - row),
    );
    PosterFrame {
        margin,
        title_size,
        picture,
        legend,
        legend_size,
    }
}

/// The poster's picture, laid out at the sheet's size: what [`poster`] draws (for tests
/// that count its labels).
pub fn poster_picture(document: &Document, options: &PosterOptions) -> PictureLayout {
    let size = options.paper.size(true);
    let frame = poster_frame(document, size);
    let view = options.view.unwrap_or_else(|| document.limits.fitted());
    let lanes: Vec<usize> = (0..document.timeline.categories.len()).collect();
    picture(
        document,
        view,
        &lanes,
        None,
        frame.picture.min,
        (frame.picture.width(), frame.picture.height()),
        POSTER_SCALE,
        &print_style(),
    )
    .1
}

/// Rows of the provenance key.
const KEY_ROWS: usize = 6;

/// The poster of `document`: title, the picture at the sheet's size, and a legend of
/// lanes, eras and the provenance key.
pub fn poster(document: &Document, options: &PosterOptions) -> PrintDocument {
    let style = print_style();
    let size = options.paper.size(true);
    let frame = poster_frame(document, size);
    let timeline = &document.timeline;
    let layout = poster_picture(document, options);
    let view = layout.frame.mapping.view();
    let mut page = PrintPage {
        size,
        bookmark: Some(timeline.title.clone()),
        ..PrintPage::default()
    };
    page.pictures.push(PagePicture {
        scene: layout.scene.clone(),
        size: layout.size,
        origin: frame.picture.min,
        scale: POSTER_SCALE,
    });
    page.shapes.push(Shape::Outline {
        rect: frame.picture,
        radius: 0.0,
        stroke: Stroke::new(0.75, style.grid),
        inside: false,
    });

    // Title, subtitle, and the range shown.
    let t = frame.title_size;
    // The whole span as the file states it, or the years of the range asked for.
    let range = if options.view.is_some() {
        format!("{} – {}", year_text(view.min), year_text(view.max() - 1e-6))
    } else {
        span_text(document)
    };
    let range_width = measure(&range, t * 0.7);
    let (width, _) = size;
    page.texts.push(PageText {
        text: range,
        left: width - frame.margin - range_width,
        baseline: frame.margin + t,
        size: t * 0.7,
        colour: style.highlight,
        bold: true,
    });
    let room = width - 2.0 * frame.margin - range_width - t;
    if let Some((title, _)) = fit_text(&timeline.title, t, room, &measure) {
        page.texts.push(PageText {
            text: title,
            left: frame.margin,
            baseline: frame.margin + t,
            size: t,
            colour: style.text,
            bold: true,
        });
    }
    if let Some((subtitle, _)) = fit_text(&timeline.subtitle, t * 0.5, room, &measure) {
        page.texts.push(PageText {
            text: subtitle,
            left: frame.margin,
            baseline: frame.margin + t * 1.75,
            size: t * 0.5,
            colour: style.weak_text,
            bold: false,
        });
    }
    legend(&mut page, document, &frame, &style);
    PrintDocument {
        title: format!("{}: poster", timeline.title),
        pages: vec![page],
    }
}

/// A year (or the date's year) of a day count.
fn year_text(days: f64) -> String {
    crate::model::date::date_from_days(days).year().to_string()
}

/// The legend under the poster's picture: lanes, eras, and the key to the marks.
fn legend(page: &mut PrintPage, document: &Document, frame: &PosterFrame, style: &TimelineStyle) {
    let timeline = &document.timeline;
    let size = frame.legend_size;
    let row = size * 1.5;
    let area = frame.legend;
    let columns = [
        (area.left(), area.width() * 0.24),
        (area.left() + area.width() * 0.26, area.width() * 0.34),
        (area.left() + area.width() * 0.62, area.width() * 0.38),
    ];
    let rows = ((area.height() / row) as usize).saturating_sub(1);
    let heading = |page: &mut PrintPage, (left, _): (f32, f32), text: &str| {
        page.texts.push(PageText {
            text: text.to_owned(),
            left,
            baseline: area.top() + size,
            size,
            colour: style.text,
            bold: true,
        });
    };
    let line_at = |k: usize| area.top() + row * (k as f32 + 1.0);
    let swatch = size * 2.2;
    let text = |page: &mut PrintPage, (left, width): (f32, f32), k: usize, words: &str| {
        if let Some((words, _)) = fit_text(words, size, width - swatch - size * 0.6, &measure) {
            page.texts.push(PageText {
                text: words,
                left: left + swatch + size * 0.6,
                baseline: line_at(k) + size,
                size,
                colour: style.text,
                bold: false,
            });
        }
    };

    // Lanes: a dot of each lane's colour.
    heading(page, columns[0], "Lanes");
    for (k, category) in timeline.categories.iter().take(rows).enumerate() {
        let centre = pos2(columns[0].0 + swatch / 2.0, line_at(k) + size * 0.65);
        page.shapes.push(Shape::Circle {
            center: centre,
            radius: size * 0.4,
            fill: Some(style.category_colour(category.colour)),
            stroke: None,
        });
        text(page, columns[0], k, &category.record.name);
    }
    // Eras: a swatch of each era's band, its name and dates.
    heading(page, columns[1], "Eras (the bands behind the lanes)");
    for (k, era) in timeline.eras.iter().take(rows).enumerate() {
        page.shapes.push(Shape::Rect {
            rect: Rect::from_min_size(
                pos2(columns[1].0, line_at(k) + size * 0.15),
                vec2(swatch, size),
            ),
            radius: 0.0,
            fill: style.era_fill(era.colour, crate::view::scene::ERA_BAND_ALPHA),
        });
        text(
            page,
            columns[1],
            k,
            &format!("{}  ({})", era.record.name, era.when),
        );
    }
    // The key: marks drawn as the scene draws them, at the legend's size.
    heading(page, columns[2], "How to read the marks");
    let k_scale = size / style.label_size;
    let lw = style.line_width * k_scale;
    let colour = timeline
        .categories
        .first()
        .map_or(style.text, |c| style.category_colour(c.colour));
    let radius = (style.metrics.marker_base + 3.0 * style.metrics.marker_step) * k_scale;
    let left = columns[2].0;
    let centre = |k: usize| pos2(left + swatch / 2.0, line_at(k) + size * 0.65);
    let entries: [(&str, Vec<Shape>); KEY_ROWS] = [
        (
            "An event on a known day (larger dots: more important)",
            vec![Shape::Circle {
                center: centre(0),
                radius,
                fill: Some(colour),
                stroke: Some(Stroke::new(lw, style.background)),
            }],
        ),
        (
            "Known only to the month, year or decade: the band spans the possible dates",
            vec![
                Shape::Band {
                    rect: Rect::from_center_size(centre(1), vec2(swatch, radius * 1.4)),
                    colour: colour.gamma_multiply(BAND_ALPHA),
                    solid: None,
                },
                Shape::Circle {
                    center: centre(1),
                    radius,
                    fill: Some(colour),
                    stroke: Some(Stroke::new(lw, style.background)),
                },
            ],
        ),
        (
            "A period; faded ends: its start or end is known only roughly",
            {
                let bar = Rect::from_center_size(centre(2), vec2(swatch, size * 0.8));
                let solid = bar.shrink2(vec2(swatch * 0.32, 0.0));
                let margin = colour
                    .gamma_multiply(BAR_ALPHA)
                    .gamma_multiply(MARGIN_ALPHA);
                vec![
                    Shape::Band {
                        rect: Rect::from_x_y_ranges(bar.left()..=solid.left(), bar.y_range()),
                        colour: margin,
                        solid: Some((solid.left(), solid.left())),
                    },
                    Shape::Rect {
                        rect: solid,
                        radius: 0.0,
                        fill: colour.gamma_multiply(BAR_ALPHA),
                    },
                    Shape::Band {
                        rect: Rect::from_x_y_ranges(solid.right()..=bar.right(), bar.y_range()),
                        colour: margin,
                        solid: Some((solid.right(), solid.right())),
                    },
                ]
            },
        ),
        (
            "Ringed: sources disagree on the date (the handout's card gives the other dates)",
            vec![
                Shape::Circle {
                    center: centre(3),
                    radius,
                    fill: Some(colour),
                    stroke: Some(Stroke::new(lw, style.background)),
                },
                Shape::Circle {
                    center: centre(3),
                    radius: radius + 2.5 * lw,
                    fill: None,
                    stroke: Some(Stroke::new(lw * 1.3, style.disputed)),
                },
            ],
        ),
        (
            "A badge: that many events, too close to tell apart at this scale",
            {
                let badge = Rect::from_center_size(centre(4), vec2(swatch, size * 0.95));
                let count_size = badge.height() * COUNT_SCALE;
                let count = "12";
                let count_width = measure(count, count_size);
                let fill = colour.gamma_multiply(CLUSTER_ALPHA);
                vec![
                    Shape::Rect {
                        rect: badge,
                        radius: badge.height() / 2.0,
                        fill,
                    },
                    Shape::Text(crate::view::scene::TextRun {
                        rect: Rect::from_center_size(badge.center(), vec2(count_width, count_size)),
                        text: count.to_owned(),
                        size: count_size,
                        bold: false,
                        colour: style.text_on(fill),
                        plate: None,
                        role: crate::view::scene::TextRole::Count,
                    }),
                ]
            },
        ),
        (
            "Official claims, unconfirmed statements and [citation needed]: on each event's card",
            Vec::new(),
        ),
    ];
    for (k, (words, shapes)) in entries.into_iter().enumerate().take(rows) {
        page.shapes.extend(shapes);
        text(page, columns[2], k, words);
    }
}

/// The bytes of a PDF page tree's page count (`/Type /Pages … /Count N`), read back
/// from a written file: for tests and checks that do not trust the writer's model.
pub fn page_count_in(bytes: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    // `/Type /Pages` or `/Type/Pages`, not `/Type /Page`.
    let at = text.match_indices("/Type").find_map(|(at, _)| {
        let rest = text.get(at + "/Type".len()..)?.trim_start();
        let after = rest.strip_prefix("/Pages")?;
        (!after.starts_with(|c: char| c.is_ascii_alphanumeric())).then_some(at)
    })?;
    // The page tree's dictionary: from its `<<` to its `>>`.
    let start = text.get(..at)?.rfind("<<")?;
    let end = at + text.get(at..)?.find(">>")?;
    let dictionary = text.get(start..end)?;
    let count = dictionary.split("/Count").nth(1)?;
    count
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_have_their_sizes_in_points() {
        let close = |(w, h): (f32, f32), (ew, eh): (f32, f32)| {
            (w - ew).abs() < 0.01 && (h - eh).abs() < 0.01
        };
        assert!(close(Paper::A4.portrait(), (595.28, 841.89)));
        assert!(close(Paper::Letter.portrait(), (612.0, 792.0)));
        assert!(close(Paper::A3.portrait(), (841.89, 1190.55)));
        assert!(close(Paper::A2.portrait(), (1190.55, 1683.78)));
        assert!(close(Paper::A1.portrait(), (1683.78, 2383.94)));
        assert!(close(Paper::A0.portrait(), (2383.94, 3370.39)));
        assert!(close(Paper::Tabloid.portrait(), (792.0, 1224.0)));
        assert!(close(Paper::A4.size(true), (841.89, 595.28)));
        assert_eq!(Paper::parse("a2"), Ok(Paper::A2));
        assert_eq!(Paper::parse(" letter "), Ok(Paper::Letter));
        let unknown = Paper::parse("B5").expect_err("B5 is not offered");
        assert!(
            unknown.contains("A4, Letter, A3, A2, A1, A0, Tabloid"),
            "{unknown}"
        );
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "The August Faction Incident (8월 종파 사건) was an attempt to remove Kim Il Sung \
                    https://en.wikipedia.org/wiki/August_Faction_Incident_and_a_very_long_tail";
        for width in [60.0, 150.0, 400.0] {
            let lines = wrap(text, 10.0, width);
            assert!(lines.len() > 1 || width >= 400.0, "{width}: {lines:?}");
            for line in &lines {
                assert!(measure(line, 10.0) <= width + 0.01, "{width}: {line:?}");
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(joined, original);
        }
        assert!(wrap("", 10.0, 100.0).is_empty());
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(web_link("https://example.org/a").is_some());
        assert!(web_link("file:///etc/passwd").is_none());
        assert!(web_link("javascript:alert(1)").is_none());
        assert!(web_link("not a url").is_none());
    }

    #[test]
    fn page_counts_are_read_from_the_page_tree() {
        let pdf = b"1 0 obj\n<<\n  /Type /Pages\n  /Kids [2 0 R 3 0 R]\n  /Count 2\n>>\nendobj";
        assert_eq!(page_count_in(pdf), Some(2));
        let compact = b"<</Type/Page/Parent 1 0 R>> <</Type/Pages/Count 28/Kids[3 0 R]>>";
        assert_eq!(page_count_in(compact), Some(28));
        assert_eq!(page_count_in(b"no pages here"), None);
    }
}
