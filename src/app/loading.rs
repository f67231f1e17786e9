//! Loading a timeline off the UI thread. A [`LoadJob`] reads, parses, validates and
//! indexes on a worker thread and reports its stage through a channel; the UI polls it
//! each frame and keeps showing what it had until the new document is ready. Dropping
//! or cancelling a job makes the worker stop at its next stage and its result unread.
//! A large first file waits for the window's first frame (see [`HELD_FROM`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::document::{DataSource, Document};
use crate::model::diagnostic::Diagnostic;
use crate::model::load::{self, LoadError};
use crate::platform::files;

/// Called from the worker when there is something new to show (a repaint request).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The file named on the command line, when it is at least this large (bytes), is read
/// once the window has shown its first frame ([`LoadJob::window_shown`]). Parsed beside
/// the renderer's start, on two cores with a software renderer, the parse held the window
/// back: half a second with a million events, a third of a second with ten thousand
/// (2.8 MB). A smaller file (parsed in under 10 ms) is read at once and is there in the
/// first frame, with no loading screen.
pub const HELD_FROM: u64 = 1_000_000;

/// How long a held load waits for the window's first frame, at most.
const HOLD_AT_MOST: Duration = Duration::from_secs(1);

/// Why a load was started; decides what its result replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The file named on the command line, before anything is shown.
    Start,
    /// Another file (or the built-in dataset) chosen by the user.
    Open,
    /// The open file again, after it changed on disk or on Ctrl+R.
    Reload,
}

/// Where a load has got to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// Waiting for the worker to begin.
    Queued,
    /// Reading the file (its size, when known).
    Reading(Option<u64>),
    /// Reading, parsing and validating every event (the size of the file).
    Checking(u64),
    /// Building lanes, eras and the search index (the events validated).
    Indexing(usize),
}

/// Where the share of the work done for the progress bar is when the file's text begins
/// to be parsed, and when its last byte has been read (checking and laying out follow).
const PARSING_FROM: f32 = 0.15;
const PARSED_AT: f32 = 0.75;

impl Stage {
    /// A rough share of the whole work done, for a progress bar: at the start of each
    /// stage, and while the text is parsed, by the bytes of it `read` so far.
    pub fn fraction(self, read: u64) -> f32 {
        match self {
            Self::Queued => 0.0,
            Self::Reading(_) => 0.02,
            Self::Checking(size) if size > 0 => {
                #[allow(clippy::cast_precision_loss)]
                let share = (read as f64 / size as f64).clamp(0.0, 1.0) as f32;
                PARSING_FROM + (PARSED_AT - PARSING_FROM) * share
            }
            Self::Checking(_) => PARSING_FROM,
            Self::Indexing(_) => 0.85,
        }
    }

    /// The stage in words, as shown beside the progress bar (with the bytes `read` so
    /// far while the text is parsed).
    pub fn describe(self, read: u64) -> String {
        match self {
            Self::Queued => "Starting…".to_owned(),
            Self::Reading(Some(bytes)) => format!("Reading {}…", megabytes(bytes)),
            Self::Reading(None) => "Reading…".to_owned(),
            Self::Checking(bytes) if read > 0 && read < bytes => format!(
                "Parsing and checking {} of {}…",
                megabytes(read),
                megabytes(bytes)
            ),
            Self::Checking(bytes) => format!("Parsing and checking {}…", megabytes(bytes)),
            Self::Indexing(events) => format!("Laying out {events} events…"),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1_000_000.0;
    if mb < 0.1 {
        format!("{bytes} bytes")
    } else {
        format!("{mb:.1} MB")
    }
}

/// What a finished load hands back.
#[derive(Debug)]
pub struct Loaded {
    /// The document, or every problem found.
    pub result: Result<Document, LoadError>,
    /// Nothing is at the path: the failure is a missing file, not a bad one.
    pub missing: bool,
    /// The file changed on disk while it was read: what was read may be half of it.
    pub changed_while_reading: bool,
}

enum Message {
    Stage(Stage),
    Done(Box<Loaded>),
}

/// A load running on a worker thread.
pub struct LoadJob {
    /// What is being loaded.
    pub source: DataSource,
    /// Why.
    pub purpose: Purpose,
    /// When it began (UI time, seconds).
    pub started: f64,
    stage: Stage,
    messages: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    /// Bytes of the file read so far (counted by the worker as it reads).
    read: Arc<AtomicU64>,
    /// Held by the worker from handing over its result until it has woken the UI, so
    /// that the UI, taking the result, knows no wake of this job is still to come (one
    /// arriving later would make an app at rest draw a frame for nothing).
    handoff: Arc<Mutex<()>>,
    /// While the worker of a first file may wait for the window: dropped to let it go.
    gate: Option<Sender<()>>,
}

impl LoadJob {
    /// Starts loading `source` on a new thread.
    pub fn start(source: DataSource, purpose: Purpose, started: f64, wake: Wake) -> Self {
        let (sender, messages) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let read = Arc::new(AtomicU64::new(0));
        let handoff = Arc::new(Mutex::new(()));
        let (gate, gated) = match purpose {
            Purpose::Start => {
                let (gate, gated) = channel();
                (Some(gate), Some(gated))
            }
            Purpose::Open | Purpose::Reload => (None, None),
        };
        let job = Self {
            source: source.clone(),
            purpose,
            started,
            stage: Stage::Queued,
            messages,
            cancel: cancel.clone(),
            read: read.clone(),
            handoff: handoff.clone(),
            gate,
        };
        let failed = sender.clone();
        let spawned = crate::platform::tasks::spawn("timeline-loader", move || {
            if let Some(gated) = gated {
                wait_for_window(&source, &gated);
            }
            work(&source, &cancel, &sender, &wake, &read, &handoff);
        });
        if let Err(error) = spawned {
            let name = job.source.display_name();
            let diagnostic =
                Diagnostic::whole_file(&name, format!("cannot start loading it: {error}"));
            let _ = failed.send(Message::Done(Box::new(Loaded {
                result: Err(LoadError::Unreadable(diagnostic)),
                missing: false,
                changed_while_reading: false,
            })));
        }
        job
    }

    /// Whether the worker may still be waiting for the window's first frame.
    pub fn is_held(&self) -> bool {
        self.gate.is_some()
    }

    /// The window has shown a frame: a held load goes on.
    pub fn window_shown(&mut self) {
        self.gate = None;
    }

    /// The stage last reported.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// Bytes of the file read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The stage in words (see [`Stage::describe`]).
    pub fn describe(&self) -> String {
        self.stage().describe(self.bytes_read())
    }

    /// The share of the work done (see [`Stage::fraction`]).
    pub fn fraction(&self) -> f32 {
        self.stage().fraction(self.bytes_read())
    }

    /// The result, once the worker has finished; `None` while it works.
    pub fn poll(&mut self) -> Option<Loaded> {
        loop {
            match self.messages.try_recv() {
                Ok(Message::Stage(stage)) => self.stage = stage,
                Ok(Message::Done(loaded)) => {
                    self.wait_for_last_wake();
                    return Some(*loaded);
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => return Some(self.vanished()),
            }
        }
    }

    /// Waits for the result (for the command line's first file when nothing may be
    /// shown before it, and for tests).
    pub fn wait(&mut self) -> Loaded {
        self.window_shown();
        loop {
            match self.messages.recv() {
                Ok(Message::Stage(stage)) => self.stage = stage,
                Ok(Message::Done(loaded)) => {
                    self.wait_for_last_wake();
                    return *loaded;
                }
                Err(_) => return self.vanished(),
            }
        }
    }

    /// Once the result is here, waits for the worker to finish waking the UI (it holds
    /// the handoff from sending the result until then: a moment).
    fn wait_for_last_wake(&self) {
        drop(self.handoff.lock().unwrap_or_else(PoisonError::into_inner));
    }

    /// The worker ended without a result (it panicked): say so as a load failure.
    fn vanished(&self) -> Loaded {
        let name = self.source.display_name();
        Loaded {
            result: Err(LoadError::Unreadable(Diagnostic::whole_file(
                &name,
                "loading stopped unexpectedly (an internal error); please report it",
            ))),
            missing: false,
            changed_while_reading: false,
        }
    }
}

impl Drop for LoadJob {
    /// A job dropped (superseded or cancelled) stops its worker at the next stage.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// A large file waits until the window has shown its first frame (the gate's sender is
/// dropped), or [`HOLD_AT_MOST`].
fn wait_for_window(source: &DataSource, gated: &Receiver<()>) {
    let large = source
        .file()
        .and_then(files::stamp)
        .is_some_and(|(size, _)| size >= HELD_FROM);
    if large {
        crate::platform::tasks::hold(gated, HOLD_AT_MOST);
    }
}

/// The worker: each stage is reported, and a cancelled job stops between stages.
fn work(
    source: &DataSource,
    cancel: &AtomicBool,
    sender: &Sender<Message>,
    wake: &Wake,
    read: &AtomicU64,
    handoff: &Mutex<()>,
) {
    let report = |stage: Stage| {
        if cancel.load(Ordering::Relaxed) {
            return false;
        }
        let sent = sender.send(Message::Stage(stage)).is_ok();
        wake();
        sent
    };
    let Some(loaded) = load(source, &report, read) else {
        return;
    };
    let _handing_over = handoff.lock().unwrap_or_else(PoisonError::into_inner);
    if !cancel.load(Ordering::Relaxed) && sender.send(Message::Done(Box::new(loaded))).is_ok() {
        wake();
    }
}

/// Loads `source`, telling `report` each stage and adding the bytes of the file read to
/// `read` as they are read; `None` when `report` says to stop.
pub fn load(
    source: &DataSource,
    report: &dyn Fn(Stage) -> bool,
    read: &AtomicU64,
) -> Option<Loaded> {
    let path: Option<PathBuf> = source.file().map(std::path::Path::to_path_buf);
    let before = path.as_deref().and_then(files::stamp);
    if !report(Stage::Reading(before.map(|(size, _)| size))) {
        return None;
    }
    let name = source.display_name();
    let timeline = match &path {
        None => load::load_embedded(),
        Some(path) => {
            // Reading and checking go together: a large file is parsed a piece at a time
            // as it is read.
            if !report(Stage::Checking(before.map_or(0, |(size, _)| size))) {
                return None;
            }
            files::load_timeline(path, &name, read)
        }
    };
    let changed_while_reading = path.as_deref().and_then(files::stamp) != before;
    let missing = timeline.is_err() && path.as_deref().is_some_and(files::is_missing);
    let result = match timeline {
        Ok(timeline) => {
            if !report(Stage::Indexing(timeline.events.len())) {
                return None;
            }
            Ok(Document::new(timeline, source.clone()))
        }
        Err(error) => Err(error),
    };
    Some(Loaded {
        result,
        missing,
        changed_while_reading,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn stages_are_reported_in_order_and_a_stop_is_obeyed() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("t.ron");
        std::fs::write(&path, include_str!("../../tests/fixtures/minimal.ron")).expect("write");
        let source = DataSource::File(path.clone());
        let seen = Mutex::new(Vec::new());
        let read = AtomicU64::new(0);
        let loaded = load(
            &source,
            &|stage| {
                seen.lock().expect("lock").push(stage);
                true
            },
            &read,
        )
        .expect("not stopped");
        let document = loaded.result.expect("valid");
        let seen = seen.into_inner().expect("lock");
        let size = std::fs::metadata(&path).expect("size").len();
        assert_eq!(
            seen,
            vec![
                Stage::Reading(Some(size)),
                Stage::Checking(size),
                Stage::Indexing(document.timeline.events.len())
            ]
        );
        assert!(!loaded.missing && !loaded.changed_while_reading);
        assert_eq!(read.into_inner(), size, "every byte read is counted once");
        // Stopped at the second stage: no result.
        let calls = Mutex::new(0);
        let stopped = load(
            &source,
            &|_| {
                let mut calls = calls.lock().expect("lock");
                *calls += 1;
                *calls < 2
            },
            &AtomicU64::new(0),
        );
        assert!(stopped.is_none());
    }

    /// While the text is parsed the bar moves with the bytes read, from where the
    /// reading left it to short of where laying out begins, and never back.
    #[test]
    fn the_progress_follows_the_bytes_read() {
        let size = 4_000_000;
        let mut last = Stage::Reading(Some(size)).fraction(0);
        for read in [0, 1, size / 3, size / 2, size - 1, size, size + 10] {
            let now = Stage::Checking(size).fraction(read);
            assert!(now >= last, "{read} bytes read: {now} after {last}");
            last = now;
        }
        assert!(last < Stage::Indexing(10).fraction(size));
        let half = Stage::Checking(size).fraction(size / 2);
        assert!(
            (half - (PARSING_FROM + PARSED_AT) / 2.0).abs() < 1e-6,
            "{half}"
        );
        assert_eq!(
            Stage::Checking(size).describe(size / 2),
            "Parsing and checking 2.0 MB of 4.0 MB…"
        );
        assert_eq!(
            Stage::Checking(size).describe(0),
            "Parsing and checking 4.0 MB…"
        );
        assert_eq!(Stage::Checking(0).fraction(5), PARSING_FROM);
    }

    #[test]
    fn a_missing_file_is_told_from_a_broken_one() {
        let folder = tempfile::tempdir().expect("folder");
        let missing = folder.path().join("none.ron");
        let loaded = load(&DataSource::File(missing), &|_| true, &AtomicU64::new(0)).expect("ran");
        assert!(loaded.result.is_err() && loaded.missing);
        let broken = folder.path().join("broken.ron");
        std::fs::write(&broken, "(title: ").expect("write");
        let loaded = load(&DataSource::File(broken), &|_| true, &AtomicU64::new(0)).expect("ran");
        assert!(loaded.result.is_err() && !loaded.missing);
    }

    #[test]
    fn a_job_on_its_thread_hands_back_the_document_and_wakes_the_ui() {
        let woken = Arc::new(Mutex::new(0));
        let counter = woken.clone();
        let wake: Wake = Arc::new(move || *counter.lock().expect("lock") += 1);
        let mut job = LoadJob::start(DataSource::Embedded, Purpose::Open, 0.0, wake);
        let loaded = job.wait();
        assert!(loaded.result.is_ok());
        assert!(
            *woken.lock().expect("lock") >= 2,
            "a stage and the end wake the UI"
        );
        assert!(matches!(job.stage(), Stage::Indexing(n) if n > 0));
    }

    /// When the UI has the result, the worker has woken it for the last time: a wake
    /// coming after would make an app at rest draw again.
    #[test]
    fn no_wake_comes_after_the_result_is_taken() {
        for waiting in [true, false] {
            let woken = Arc::new(Mutex::new(0));
            let counter = woken.clone();
            // A worker slow to wake (descheduled on a busy machine).
            let wake: Wake = Arc::new(move || {
                std::thread::sleep(std::time::Duration::from_millis(40));
                *counter.lock().expect("lock") += 1;
            });
            let mut job = LoadJob::start(DataSource::Embedded, Purpose::Open, 0.0, wake);
            let loaded = if waiting {
                job.wait()
            } else {
                loop {
                    if let Some(loaded) = job.poll() {
                        break loaded;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            };
            assert!(loaded.result.is_ok());
            let when_taken = *woken.lock().expect("lock");
            std::thread::sleep(std::time::Duration::from_millis(200));
            assert_eq!(
                *woken.lock().expect("lock"),
                when_taken,
                "a wake after the result was taken (waiting: {waiting})"
            );
        }
    }
    /// A first file at least [`HELD_FROM`] large is not touched until the window has
    /// shown a frame, then loads; nor, at most, for longer than [`HOLD_AT_MOST`]. Other
    /// loads, and smaller first files, are never held.
    #[test]
    fn a_large_first_file_waits_for_the_window() {
        let folder = tempfile::tempdir().expect("folder");
        let large = folder.path().join("large.ron");
        let size = usize::try_from(HELD_FROM).expect("size") + 10;
        std::fs::write(&large, " ".repeat(size)).expect("write");
        let start = |path: &std::path::Path, purpose| {
            LoadJob::start(
                DataSource::File(path.to_owned()),
                purpose,
                0.0,
                Arc::new(|| {}),
            )
        };
        let settle = || std::thread::sleep(Duration::from_millis(200));

        let mut job = start(&large, Purpose::Start);
        assert!(job.is_held());
        settle();
        assert!(job.poll().is_none());
        assert_eq!(job.stage(), Stage::Queued, "nothing read before the window");
        job.window_shown();
        assert!(!job.is_held());
        let loaded = loop {
            if let Some(loaded) = job.poll() {
                break loaded;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(loaded.result.is_err(), "blanks are not a timeline");

        // Nobody says the window is up: it loads after the hold's time all the same.
        let began = std::time::Instant::now();
        let mut job = start(&large, Purpose::Start);
        let loaded = loop {
            if let Some(loaded) = job.poll() {
                break loaded;
            }
            assert!(began.elapsed() < Duration::from_secs(30), "never loaded");
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(loaded.result.is_err());
        assert!(began.elapsed() >= HOLD_AT_MOST - Duration::from_millis(50));

        // A small first file is read at once; other loads are never held.
        let small = folder.path().join("small.ron");
        std::fs::write(&small, " ".repeat(100)).expect("write");
        let mut job = start(&small, Purpose::Start);
        settle();
        let done = job.poll().is_some();
        assert!(
            done || job.stage() != Stage::Queued,
            "a small file is read at once"
        );
        for purpose in [Purpose::Open, Purpose::Reload] {
            assert!(!start(&large, purpose).is_held());
        }
    }
}
