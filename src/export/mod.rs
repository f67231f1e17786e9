//! Exporting views of a timeline as files: `wpk-timeline export` draws a view as SVG
//! or PNG without opening a window ([`svg`] lays it out and writes the SVG;
//! [`crate::render::png`] rasterises that SVG), or prints a lecture handout or a poster
//! as PDF ([`print`] lays out the pages).

pub mod print;
pub mod print_map;
pub mod svg;

use std::ops::RangeInclusive;
use std::path::Path;

pub use svg::render_svg;

use crate::atomic_file::write_atomically;
use crate::cli::{ExportArgs, ExportFormat};
use crate::document::{DataSource, Document};
use crate::model::date::{DateSpan, HistDate};
use crate::ui::theme::{ThemeChoice, TimelineStyle};
use crate::view::scene::SceneEmphasis;
use crate::view::transform::TimeView;

/// Widths a picture may have, in pixels.
pub const WIDTHS: RangeInclusive<u32> = 200..=16_384;
/// Heights a picture may have, in pixels.
pub const HEIGHTS: RangeInclusive<u32> = 150..=16_384;

/// `wpk-timeline export`: writes the SVG or PNG and says what it wrote.
pub fn run_export(args: &ExportArgs) -> Result<String, String> {
    let out = args.out.display();
    if args.handout || args.poster {
        return run_print(args);
    }
    if args.paper.is_some() {
        return Err("--paper is for printing: add --handout or --poster".to_owned());
    }
    if has_extension(&args.out, "pdf") {
        return Err(format!(
            "{out}: a PDF is a handout or a poster: add --handout or --poster \
             (or export the view to an .svg or .png file)"
        ));
    }
    let format = args.format.unwrap_or_else(|| format_of(&args.out));
    let named = if has_extension(&args.out, "png") {
        Some(ExportFormat::Png)
    } else if has_extension(&args.out, "svg") {
        Some(ExportFormat::Svg)
    } else {
        None
    };
    if args.outline_text && format == ExportFormat::Png {
        return Err(format!(
            "{out}: --outline-text is for SVG; a PNG is drawn in the program's own fonts already"
        ));
    }
    if let Some(named) = named.filter(|&named| named != format) {
        return Err(format!(
            "{out}: the name says {} but --format says {}; name the file for what it holds",
            format_name(named),
            format_name(format)
        ));
    }
    check_replaceable(&args.out, args.file.as_deref())?;
    if !WIDTHS.contains(&args.width) || !HEIGHTS.contains(&args.height) {
        return Err(format!(
            "{}x{} is outside {}x{} to {}x{}",
            args.width,
            args.height,
            WIDTHS.start(),
            HEIGHTS.start(),
            WIDTHS.end(),
            HEIGHTS.end()
        ));
    }
    let source = args
        .file
        .clone()
        .map_or(DataSource::Embedded, DataSource::File);
    let document = Document::load(source).map_err(|error| error.to_string())?;
    let selected = match &args.event {
        Some(id) => Some(
            document
                .timeline
                .find(id)
                .ok_or_else(|| format!("--event: no event with id `{id}`"))?,
        ),
        None => None,
    };
    let view = match (selected, &args.view) {
        (Some(event), None) => document.view_around_event(event),
        _ => export_view(&document, args.view.as_ref())?,
    };
    let style = TimelineStyle::desktop(if args.dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    });
    let shown_lanes: Vec<usize> = (0..document.timeline.categories.len()).collect();
    // Both at most 16384, so exact in f32.
    let size = (args.width as f32, args.height as f32);
    let picture = svg::picture_layout(
        &document,
        &document.lanes,
        &shown_lanes,
        view,
        size,
        &style,
        SceneEmphasis {
            selected,
            is_match: None,
        },
    );
    let text = svg::draw_picture(&document, &document.lanes, &picture);
    let bytes = match format {
        ExportFormat::Svg if args.outline_text => {
            crate::render::outline::outline_text(&text)?.into_bytes()
        }
        ExportFormat::Svg => text.into_bytes(),
        ExportFormat::Png => crate::render::png::svg_to_png(&text, (args.width, args.height))?,
    };
    write_atomically(&args.out, &bytes).map_err(|error| format!("cannot write {out}: {error}"))?;
    let events = picture.events_in_view();
    Ok(format!(
        "wrote {out}: {events} event{} in view, {}x{}",
        if events == 1 { "" } else { "s" },
        args.width,
        args.height
    ))
}

/// `wpk-timeline export --handout` or `--poster`: lays out the pages, writes the PDF
/// atomically (never over anything but a regular file) and says what it wrote.
pub fn run_print(args: &ExportArgs) -> Result<String, String> {
    use print::{HandoutOptions, Paper, PosterOptions};
    let out = args.out.display();
    if !has_extension(&args.out, "pdf") {
        return Err(format!(
            "{out}: a handout or a poster is a PDF: name the file with .pdf at the end, e.g. lecture.pdf"
        ));
    }
    let (kind, papers, default) = if args.handout {
        ("a handout", &Paper::HANDOUT[..], Paper::A4)
    } else {
        ("a poster", &Paper::POSTER[..], Paper::A2)
    };
    let paper = args.paper.unwrap_or(default);
    if !papers.contains(&paper) {
        return Err(format!(
            "--paper {}: {kind} is printed on {}",
            paper.name(),
            papers
                .iter()
                .map(|p| p.name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // Refused before any work: a folder, a device, a pipe, the timeline itself or any
    // file this program did not write is never replaced.
    check_replaceable(&args.out, args.file.as_deref())?;
    let source = args
        .file
        .clone()
        .map_or(DataSource::Embedded, DataSource::File);
    let document = Document::load(source).map_err(|error| error.to_string())?;
    let printed = if args.handout {
        print::handout(
            &document,
            &HandoutOptions {
                paper,
                landscape: args.landscape,
                notes: args.notes,
            },
        )
    } else {
        let view = match &args.view {
            Some(range) => Some(export_view(&document, Some(range))?),
            None => None,
        };
        print::poster(&document, &PosterOptions { paper, view })
    };
    let fonts = crate::render::pdf::PdfFonts::new()?;
    let bytes = crate::render::pdf::write_document(&printed, &fonts)?;
    write_atomically(&args.out, &bytes).map_err(|error| format!("cannot write {out}: {error}"))?;
    let pages = printed.pages.len();
    let what = if args.handout {
        format!(
            "handout, {pages} page{}, {} {}{}",
            if pages == 1 { "" } else { "s" },
            paper.name(),
            if args.landscape {
                "landscape"
            } else {
                "portrait"
            },
            if args.notes {
                ", with speaker notes"
            } else {
                ""
            }
        )
    } else {
        format!("poster, {} landscape", paper.name())
    };
    Ok(format!("wrote {out}: {what}"))
}

/// The view to draw: `range` (`FROM`, `TO` in any date notation, from the start of
/// `FROM` to the end of `TO`) within the document's limits, or the document's default view.
pub fn export_view(
    document: &Document,
    range: Option<&(String, String)>,
) -> Result<TimeView, String> {
    let Some((from, to)) = range else {
        return Ok(document.default_view());
    };
    let parse = |text: &str| HistDate::parse(text).map_err(|error| format!("--view: {error}"));
    let (start, end) = DateSpan {
        start: parse(from)?,
        end: Some(parse(to)?),
    }
    .interval();
    Ok(document.limits.clamp(TimeView::between(start, end)))
}

/// The format a path's extension asks for: PNG for `.png` (any case), SVG otherwise.
fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Svg => "SVG",
        ExportFormat::Png => "PNG",
    }
}

/// Whether `out` may be written: not a folder, device or pipe (see
/// [`crate::atomic_file::write_target`]), not the timeline being exported, and, if it
/// exists, empty or a picture or PDF (an SVG, PNG or PDF by its first bytes). A slip
/// such as `export talk.ron --out talk.ron`, or a name that is a lecture's notes, never
/// destroys the file: export writes over its own kind of output only.
pub fn check_replaceable(out: &Path, input: Option<&Path>) -> Result<(), String> {
    let shown = out.display();
    let target = crate::atomic_file::write_target(out)
        .map_err(|error| format!("cannot write {shown}: {error}"))?;
    let Ok(existing) = std::fs::File::open(&target) else {
        // Nothing there yet (or unreadable: the write itself will say why).
        return Ok(());
    };
    if let Some(input) = input {
        let same = std::fs::canonicalize(&target)
            .ok()
            .zip(std::fs::canonicalize(input).ok())
            .is_some_and(|(a, b)| a == b);
        if same {
            return Err(format!(
                "{shown} is the timeline being exported; export never writes over it: \
                 choose another name for the picture"
            ));
        }
    }
    let mut start = Vec::with_capacity(512);
    std::io::Read::read_to_end(&mut std::io::Read::take(existing, 512), &mut start)
        .map_err(|error| format!("cannot read {shown} to check what it holds: {error}"))?;
    let text = String::from_utf8_lossy(&start);
    let ours = start.is_empty()
        || start.starts_with(b"\x89PNG\r\n\x1a\n")
        || start.starts_with(b"%PDF-")
        || text.contains("<svg");
    if ours {
        Ok(())
    } else {
        Err(format!(
            "{shown} already exists and is not an SVG, PNG or PDF; export never replaces \
             other files: choose another name, or move that file away first"
        ))
    }
}

/// The format a file name asks for: `.png` is PNG, anything else SVG.
pub fn format_of(path: &Path) -> ExportFormat {
    if has_extension(path, "png") {
        ExportFormat::Png
    } else {
        ExportFormat::Svg
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}
