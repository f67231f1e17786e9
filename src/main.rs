//! The `wpk-timeline` binary: parses the command line and runs the viewer or a command.

// On Windows, no console window when started from the desktop; commands run from a
// terminal attach to its console instead (see `windows_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::cli::{Cli, Command, run_check, run_search};

#[cfg(windows)]
mod windows_console;

fn main() -> ExitCode {
    #[cfg(windows)]
    windows_console::attach_to_parent_console();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => {
            run_check(&files, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Generate(args)) => report(wpk_timeline::generate::run_generate(&args)),
        Some(Command::Export(args)) => report(wpk_timeline::export::run_export(&args)),
        Some(Command::Search { query, file }) => run_search(
            &query,
            file.as_deref(),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        None => run_viewer(cli.open),
    }
}

/// Prints what a command did, or its error, and turns it into an exit code.
fn report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wpk-timeline: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The `--step` as a 1-based step the file has, or the error naming the valid range.
/// The only place the viewer reads its file before the window: a step is checked
/// against the steps the file really has (its tour, or its events for a tour-less
/// file). A file that does not load is left to the window's error screen.
fn checked_step(args: &wpk_timeline::cli::OpenArgs) -> Result<Option<usize>, String> {
    let Some(step) = args.step else {
        return Ok(None);
    };
    let loaded = match &args.file {
        Some(path) => wpk_timeline::model::load::load_path(path),
        None => wpk_timeline::model::load::load_embedded(),
    };
    match loaded {
        Ok(timeline) => {
            let steps = wpk_timeline::ui::present::presentation_steps(&timeline).len();
            wpk_timeline::cli::check_step(step, steps).map(|index| Some(index + 1))
        }
        Err(_) => Ok(usize::try_from(step).ok()),
    }
}

fn run_viewer(args: wpk_timeline::cli::OpenArgs) -> ExitCode {
    // The window draws a frame after another: what one frees, the next reuses.
    wpk_timeline::platform::memory::keep_freed_memory();
    let step = match checked_step(&args) {
        Ok(step) => step,
        Err(error) => {
            eprintln!(
                "wpk-timeline: {}",
                wpk_timeline::model::diagnostic::escape_control(&error)
            );
            return ExitCode::from(2);
        }
    };
    // Screenshots are reproducible: they neither read nor write the remembered settings.
    let settings_path = if args.screenshot.is_some() {
        None
    } else {
        wpk_timeline::platform::settings_location::default_path()
    };
    let options = AppOptions {
        file: args.file,
        view: args.view,
        event: args.event,
        screenshot: args.screenshot.clone(),
        present: args.present,
        presenter: args.presenter,
        step,
        settings_path,
        dark: args.dark,
        native_dialogs: true,
    };
    // The window comes up at once; the file loads on a worker behind a progress bar.
    // Settings are read once, by the app (which moves a damaged file aside and says so).
    let mut app = TimelineApp::start(options);
    let title = app.window_title();
    let remembered_size = app.remembered_window_size();
    if let Some((width, height)) = args.size {
        #[allow(clippy::cast_precision_loss)]
        app.set_requested_size((width as f32, height as f32));
    }
    #[allow(clippy::cast_precision_loss)]
    let size = match (args.size, remembered_size) {
        (Some((width, height)), _) => [width as f32, height as f32],
        (None, Some((width, height))) => [width, height],
        (None, None) => [1600.0, 900.0],
    };
    let outcome = args.screenshot.map(|path| app.take_screenshot(path));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_inner_size(size)
        .with_min_inner_size([400.0, 300.0]);
    if let Some(icon) = wpk_timeline::ui::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    if let Err(error) =
        eframe::run_native("wpk-timeline", native, Box::new(|_cc| Ok(Box::new(app))))
    {
        eprintln!("wpk-timeline: could not open a window: {error}");
        eprintln!("(Is a display available? See Troubleshooting in the README.)");
        return ExitCode::from(3);
    }
    match outcome.map(|slot| slot.lock().map(|mut s| s.take()).ok().flatten()) {
        None => ExitCode::SUCCESS,
        Some(Some(Ok(path))) => {
            println!("saved {}", path.display());
            ExitCode::SUCCESS
        }
        Some(Some(Err(error))) => {
            eprintln!("wpk-timeline: screenshot failed: {error}");
            ExitCode::FAILURE
        }
        Some(None) => {
            eprintln!("wpk-timeline: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
    }
}
