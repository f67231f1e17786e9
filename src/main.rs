//! The `wpk-timeline` binary: parses the command line and runs the viewer or a command.

use std::process::ExitCode;

use clap::Parser;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::cli::{Cli, Command, run_check};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => {
            run_check(&files, &mut std::io::stdout(), &mut std::io::stderr())
        }
        None => run_viewer(cli.open),
    }
}

fn run_viewer(args: wpk_timeline::cli::OpenArgs) -> ExitCode {
    let (width, height) = args.size.unwrap_or((1600, 900));
    #[allow(clippy::cast_precision_loss)]
    let size = [width as f32, height as f32];
    let options = AppOptions {
        file: args.file,
        view: args.view,
        event: args.event,
        screenshot: args.screenshot.clone(),
    };
    let mut app = TimelineApp::new(options);
    let outcome = args.screenshot.map(|path| app.take_screenshot(path));
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("WPK Timeline")
            .with_inner_size(size)
            .with_min_inner_size([400.0, 300.0]),
        ..Default::default()
    };
    if let Err(error) =
        eframe::run_native("WPK Timeline", native, Box::new(|_cc| Ok(Box::new(app))))
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
