//! Searching a large timeline on a worker: at a million events a query typed in the box
//! cost the UI thread up to 55 ms a keystroke (a single letter matches most events).
//! The frames go on with the results of the query before until the new ones are in.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::loading::Wake;
use crate::model::search::SearchIndex;
use crate::model::timeline::EventIndex;

/// From this many events a search runs on a worker (below, it takes a few
/// milliseconds: a worker would only make the results a frame late).
pub const ON_WORKER_FROM: usize = 100_000;

/// The search running on a worker, if any: its query and where its results come.
#[derive(Default)]
pub struct SearchRuns {
    running: Option<(String, Receiver<Vec<EventIndex>>)>,
}

impl SearchRuns {
    /// Forgets the search running (another document, or the query it ran for is gone).
    pub fn clear(&mut self) {
        self.running = None;
    }

    /// Whether a search for `query` is running.
    pub fn is_running(&self, query: &str) -> bool {
        self.running.as_ref().is_some_and(|(q, _)| q == query)
    }

    /// The query and results of the search that has finished, if one has.
    pub fn finished(&mut self) -> Option<(String, Vec<EventIndex>)> {
        let (_, results) = self.running.as_ref()?;
        match results.try_recv() {
            Ok(results) => self.running.take().map(|(query, _)| (query, results)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                None
            }
        }
    }

    /// Starts searching `index` for `query` on a worker, which calls `wake` when done
    /// (a search running for another query is dropped: its results are never read);
    /// `false` when no thread could be started.
    pub fn start(&mut self, index: &Arc<SearchIndex>, query: &str, wake: Wake) -> bool {
        let (sender, results) = channel();
        let index = index.clone();
        let searched = query.to_owned();
        let spawned = crate::platform::tasks::spawn("search", move || {
            // Superseded (the receiver dropped): nobody is woken for nothing.
            if sender.send(index.find(&searched)).is_ok() {
                wake();
            }
        });
        self.running = spawned.is_ok().then(|| (query.to_owned(), results));
        spawned.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    #[test]
    fn a_search_on_a_worker_hands_back_its_query_s_results_and_a_superseded_one_is_dropped() {
        let file = crate::generate::generate_timeline(2_000, 5);
        let text = crate::generate::to_compact_ron(&file).expect("serialise");
        let timeline = crate::model::load::load_str("generated.ron", &text).expect("valid");
        let index = Arc::new(SearchIndex::new(&timeline));
        let woken = Arc::new(Mutex::new(0));
        let counter = woken.clone();
        let mut runs = SearchRuns::default();
        assert!(runs.start(&index, "con", Arc::new(|| {})));
        assert!(runs.is_running("con"));
        // Typed on before it finished: the first is dropped, only the second comes back.
        assert!(runs.start(
            &index,
            "congress",
            Arc::new(move || *counter.lock().expect("lock") += 1)
        ));
        assert!(!runs.is_running("con") && runs.is_running("congress"));
        let began = Instant::now();
        let (query, results) = loop {
            if let Some(finished) = runs.finished() {
                break finished;
            }
            assert!(began.elapsed() < Duration::from_secs(60), "never finished");
            std::thread::sleep(Duration::from_millis(2));
        };
        assert_eq!(query, "congress");
        assert!(!results.is_empty());
        assert_eq!(results, index.find("congress"));
        assert_ne!(
            results,
            index.find("con"),
            "the queries differ in what they find"
        );
        assert_eq!(*woken.lock().expect("lock"), 1);
        assert!(runs.finished().is_none() && !runs.is_running("congress"));
    }
}
