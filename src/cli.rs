//! The command line: opening the viewer with options, and the commands that run
//! without a window: `check` validates files, `search` lists matching events.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::load::{LoadError, load_embedded, load_path};
use crate::model::search::SearchIndex;

/// A zoomable, presentable history timeline read from a RON file (by default the
/// built-in dataset).
#[derive(Debug, Parser)]
#[command(
    name = "wpk-timeline",
    version = crate::build_info::VERSION_LINE,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A command; without one, the viewer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the viewer.
    #[command(flatten)]
    pub open: OpenArgs,
}

/// How to open the viewer.
#[derive(Clone, Debug, Default, Args)]
pub struct OpenArgs {
    /// A timeline file (RON). Without it, the built-in dataset opens.
    pub file: Option<PathBuf>,
    /// Open showing this range, e.g. `1950..1960` or `1956-06..1956-10`.
    #[arg(long, value_name = "FROM..TO", value_parser = parse_range, allow_hyphen_values = true)]
    pub view: Option<(String, String)>,
    /// Open with this event selected, e.g. `august-plenum`.
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// Save the window as it first appears to this PNG file, then exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// The window's inner size, e.g. `1600x900`.
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Use the dark theme (otherwise the remembered one, or light).
    #[arg(long)]
    pub dark: bool,
    /// Start in presentation mode (full screen, projector theme, the tour's steps).
    #[arg(long)]
    pub present: bool,
    /// With --present: also open the presenter's window.
    #[arg(long, requires = "present")]
    pub presenter: bool,
    /// With --present: start at this step (1-based).
    // Checked against the steps the file has before the window opens ([`check_step`]).
    // Signed, so that `--step -1` gets the same clear message as `--step 0` instead of
    // clap's advice to write `-- -1` (which then fails as a file name).
    #[arg(
        long,
        value_name = "N",
        requires = "present",
        allow_negative_numbers = true
    )]
    pub step: Option<i64>,
}

/// Commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate timeline files and report every problem with its line and column.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a large, realistic, reproducible timeline for measurements.
    Generate(GenerateArgs),
    /// Draw a view of a timeline as SVG or PNG, or print a lecture handout or a poster
    /// as PDF, without opening a window.
    Export(ExportArgs),
    /// Print the events matching a search (id, date, title), one a line, in time order.
    Search {
        /// What to look for, as in the search box: any case, accents, spacing, and any
        /// romanisation of Korean (`kim chong il`, `Gim Jeong-il`, `김정일`).
        query: String,
        /// A timeline file (RON). Without it, the built-in dataset.
        file: Option<PathBuf>,
    },
}

/// `wpk-timeline generate`.
#[derive(Clone, Debug, Args)]
pub struct GenerateArgs {
    /// How many events.
    #[arg(long)]
    pub events: usize,
    /// The random seed; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the RON file.
    #[arg(long)]
    pub out: PathBuf,
}

/// `wpk-timeline export`.
#[derive(Clone, Debug, Default, Args)]
pub struct ExportArgs {
    /// A timeline file (RON). Without it, the built-in dataset.
    pub file: Option<PathBuf>,
    /// The range to draw, e.g. `1953..1961`; the file's default view when omitted.
    #[arg(long, value_name = "FROM..TO", value_parser = parse_range, allow_hyphen_values = true)]
    pub view: Option<(String, String)>,
    /// Width of the picture in pixels.
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    /// Height of the picture in pixels.
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
    /// Draw with this event selected (and, without --view, around it), e.g. `august-plenum`.
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// Use the dark theme.
    #[arg(long)]
    pub dark: bool,
    /// The kind of file; without it, `.png` at the end of --out means PNG, anything else SVG.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Where to write the file (the PDF, with --handout or --poster).
    #[arg(long)]
    pub out: PathBuf,
    /// With an SVG: draw its text as outlines in the program's own fonts, so that any
    /// program (slides, Inkscape, browsers without the fonts) shows it exactly as the
    /// window does; the text can then not be selected, searched or read aloud.
    #[arg(long, conflicts_with_all = ["handout", "poster"])]
    pub outline_text: bool,
    /// Print a lecture handout (PDF): a title page, then a page per tour step (per
    /// event without a tour) with its view, card, people and sources.
    #[arg(long, conflicts_with_all = ["poster", "event", "dark", "view", "width", "height"])]
    pub handout: bool,
    /// With --handout: add each step's speaker notes.
    #[arg(long, requires = "handout")]
    pub notes: bool,
    /// Print a poster (PDF) of the whole span, or of --view, laid out at the sheet's size
    /// with a legend of lanes and eras and the key to the marks.
    #[arg(long, conflicts_with_all = ["event", "dark", "width", "height"])]
    pub poster: bool,
    /// The paper: A4 or Letter for a handout (A4 when omitted); A3, A2, A1, A0 or
    /// Tabloid for a poster (A2 when omitted).
    #[arg(long, value_name = "SIZE", value_parser = crate::export::print::Paper::parse)]
    pub paper: Option<crate::export::print::Paper>,
    /// With --handout: print on the sheet turned on its side.
    #[arg(long, requires = "handout")]
    pub landscape: bool,
}

/// What `wpk-timeline export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Vector drawing, text as text.
    Svg,
    /// Picture of exactly --width x --height pixels, drawn without a window.
    Png,
}

/// Reads `FROM..TO`.
pub fn parse_range(text: &str) -> Result<(String, String), String> {
    let (from, to) = text
        .split_once("..")
        .ok_or_else(|| format!("expected FROM..TO, e.g. 1950..1960, not {text:?}"))?;
    let start = crate::model::date::HistDate::parse(from).map_err(|e| e.to_string())?;
    let end = crate::model::date::HistDate::parse(to).map_err(|e| e.to_string())?;
    let (from, to) = (from.trim(), to.trim());
    if end.interval().1 <= start.interval().0 {
        return Err(format!(
            "{from}..{to} ends before it starts; write the earlier date first, e.g. {to}..{from}"
        ));
    }
    Ok((from.to_owned(), to.to_owned()))
}

/// Reads `WIDTHxHEIGHT`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let invalid = || format!("expected WIDTHxHEIGHT, e.g. 1600x900, not {text:?}");
    let (width, height) = text.split_once(['x', 'X']).ok_or_else(invalid)?;
    let width: u32 = width.trim().parse().map_err(|_| invalid())?;
    let height: u32 = height.trim().parse().map_err(|_| invalid())?;
    if !(200..=16_384).contains(&width) || !(150..=16_384).contains(&height) {
        return Err(format!(
            "{width}x{height} is outside 200x150 to 16384x16384"
        ));
    }
    Ok((width, height))
}

/// The 0-based tour step for `--step N`, or an error naming the valid range.
pub fn check_step(step: i64, tour_len: usize) -> Result<usize, String> {
    let index = usize::try_from(step).ok().and_then(|n| n.checked_sub(1));
    match index {
        Some(index) if index < tour_len => Ok(index),
        _ if tour_len == 0 => Err(format!("--step {step}: the timeline has no tour")),
        _ => Err(format!(
            "--step {step}: the tour has {tour_len} step{} (1–{tour_len})",
            if tour_len == 1 { "" } else { "s" }
        )),
    }
}

/// `1 era`, `2 eras`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `wpk-timeline check FILE...`: 0 when all are valid, 1 when any has errors, 2 when any cannot be read.
pub fn run_check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut worst = 0u8;
    for file in files {
        match load_path(file) {
            Ok(timeline) => {
                // Worth fixing, but the file loads: printed, and the exit code stays 0.
                for warning in &timeline.warnings {
                    let _ = writeln!(err, "warning: {warning}");
                }
                // A closed stdout is not worth a panic.
                let _ = writeln!(
                    out,
                    "ok: {}: {}, {}, {}, {}",
                    file.display(),
                    count(timeline.events.len(), "event", "events"),
                    count(timeline.eras.len(), "era", "eras"),
                    count(timeline.categories.len(), "category", "categories"),
                    count(timeline.tour.len(), "tour step", "tour steps")
                );
            }
            Err(error) => {
                for diagnostic in error.diagnostics() {
                    let _ = writeln!(err, "error: {diagnostic}");
                }
                let code = match error {
                    LoadError::Unreadable(_) => 2,
                    LoadError::Invalid(diagnostics) => {
                        let _ = writeln!(
                            err,
                            "{}: {} problem{} found",
                            file.display(),
                            diagnostics.len(),
                            if diagnostics.len() == 1 { "" } else { "s" }
                        );
                        1
                    }
                };
                worst = worst.max(code);
            }
        }
    }
    ExitCode::from(worst)
}

/// `wpk-timeline search QUERY [FILE]`: each matching event as `id<TAB>date<TAB>title`.
/// 0 when something matched, 1 when nothing did, 2 when the file cannot be loaded.
pub fn run_search(
    query: &str,
    file: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let loaded = match file {
        Some(path) => load_path(path),
        None => load_embedded(),
    };
    let timeline = match loaded {
        Ok(timeline) => timeline,
        Err(error) => {
            for diagnostic in error.diagnostics() {
                let _ = writeln!(err, "error: {diagnostic}");
            }
            return ExitCode::from(2);
        }
    };
    let found = SearchIndex::new(&timeline).find(query);
    for event in found.iter().filter_map(|&i| timeline.events.get(i)) {
        // A closed stdout (`| head`) is not worth a panic.
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            event.record.id,
            event.date_label(),
            event.record.title
        );
    }
    if found.is_empty() {
        let _ = writeln!(err, "no events match {query:?}");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_views_and_steps_out_of_the_tour_are_errors() {
        let reversed = parse_range("2021..1926").expect_err("reversed");
        assert!(reversed.contains("ends before it starts"), "{reversed}");
        assert!(
            parse_range("1956-08..1956-08").is_ok(),
            "one month is a range"
        );
        assert_eq!(check_step(1, 27), Ok(0));
        assert_eq!(check_step(27, 27), Ok(26));
        for step in [-1, 0, 28, 99, 9999, i64::MIN, i64::MAX] {
            assert_eq!(
                check_step(step, 27),
                Err(format!("--step {step}: the tour has 27 steps (1–27)"))
            );
        }
        assert_eq!(
            check_step(1, 0),
            Err("--step 1: the timeline has no tour".to_owned())
        );
    }

    #[test]
    fn ranges_and_sizes_parse() {
        assert_eq!(
            parse_range("1950..1960"),
            Ok(("1950".to_owned(), "1960".to_owned()))
        );
        assert_eq!(
            parse_range("1956-06..1956-10").map(|r| r.1),
            Ok("1956-10".to_owned())
        );
        assert!(parse_range("1950-1960").is_err());
        assert!(parse_range("1950..1956-13").is_err());
        assert_eq!(parse_size("1600x900"), Ok((1600, 900)));
        assert!(parse_size("1600").is_err());
        assert!(parse_size("10x10").is_err());
    }
}
