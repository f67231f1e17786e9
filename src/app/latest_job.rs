//! Work for what is asked last, on a worker: the importance filter's lanes of a large
//! timeline, a search of one. Starting a job drops the one before (its result is never
//! read, and its worker wakes nobody); the UI polls each frame and is woken when the
//! result is in.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::loading::Wake;

/// The job running on a worker, if any: what it is for and where its result comes.
pub struct LatestJob<K, T> {
    running: Option<(K, Receiver<T>)>,
}

impl<K, T> Default for LatestJob<K, T> {
    fn default() -> Self {
        Self { running: None }
    }
}

/// What a poll found.
pub enum Polled<K, T> {
    /// No job, or its result not in yet.
    Waiting,
    /// The result, and what it was for.
    Done(K, T),
    /// The worker ended without a result (it panicked): what it was for.
    Lost(K),
}

impl<K: PartialEq, T: Send + 'static> LatestJob<K, T> {
    /// Forgets the job running: its result is never read.
    pub fn clear(&mut self) {
        self.running = None;
    }

    /// Whether a job is running.
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// Whether the job running is for `key`.
    pub fn is_running(&self, key: &K) -> bool {
        self.running.as_ref().is_some_and(|(k, _)| k == key)
    }

    /// Takes the finished job's result, if it has finished.
    pub fn poll(&mut self) -> Polled<K, T> {
        let Some((_, results)) = &self.running else {
            return Polled::Waiting;
        };
        match results.try_recv() {
            Err(TryRecvError::Empty) => Polled::Waiting,
            Ok(result) => match self.running.take() {
                Some((key, _)) => Polled::Done(key, result),
                None => Polled::Waiting,
            },
            Err(TryRecvError::Disconnected) => match self.running.take() {
                Some((key, _)) => Polled::Lost(key),
                None => Polled::Waiting,
            },
        }
    }

    /// Runs `work` for `key` on a worker named `name`, which calls `wake` once its result
    /// is in; the job running before is dropped. `false` when no thread could be started.
    pub fn start(
        &mut self,
        name: &str,
        key: K,
        work: impl FnOnce() -> T + Send + 'static,
        wake: Wake,
    ) -> bool {
        let (sender, results) = channel();
        let spawned = crate::platform::tasks::spawn(name, move || {
            // Superseded (the receiver dropped): nobody is woken for nothing.
            if sender.send(work()).is_ok() {
                wake();
            }
        });
        self.running = spawned.is_ok().then_some((key, results));
        spawned.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::search::SearchIndex;
    use crate::model::timeline::EventIndex;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    fn search(
        job: &mut LatestJob<String, Vec<EventIndex>>,
        index: &Arc<SearchIndex>,
        query: &str,
        wake: Wake,
    ) -> bool {
        let index = index.clone();
        let searched = query.to_owned();
        job.start(
            "search",
            query.to_owned(),
            move || index.find(&searched),
            wake,
        )
    }

    #[test]
    fn a_search_on_a_worker_hands_back_its_query_s_results_and_a_superseded_one_is_dropped() {
        let file = crate::generate::generate_timeline(2_000, 5);
        let text = crate::generate::to_compact_ron(&file).expect("serialise");
        let timeline = crate::model::load::load_str("generated.ron", &text).expect("valid");
        let index = Arc::new(SearchIndex::new(&timeline));
        let woken = Arc::new(Mutex::new(0));
        let counter = woken.clone();
        let mut runs = LatestJob::default();
        assert!(search(&mut runs, &index, "con", Arc::new(|| {})));
        assert!(runs.is_running(&"con".to_owned()));
        // Typed on before it finished: the first is dropped, only the second comes back.
        assert!(search(
            &mut runs,
            &index,
            "congress",
            Arc::new(move || *counter.lock().expect("lock") += 1)
        ));
        assert!(!runs.is_running(&"con".to_owned()) && runs.is_running(&"congress".to_owned()));
        let began = Instant::now();
        let (query, results) = loop {
            if let Polled::Done(query, results) = runs.poll() {
                break (query, results);
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
        assert!(matches!(runs.poll(), Polled::Waiting) && !runs.is_running(&query));
    }
}
