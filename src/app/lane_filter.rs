//! The lane index for the importance filter: built again when the filter changes, on a
//! worker for a large timeline (a million events took the UI thread 0.12–0.22 s, a
//! frozen frame at each move of the slider), while the frames go on drawing the lanes
//! as the filter had them. A document's first filtered lanes are built at once.

use std::sync::Arc;

use super::latest_job::{LatestJob, Polled};
use super::loading::Wake;
use crate::model::timeline::{EventIndex, Timeline};
use crate::view::layout::{LaneIndex, MAX_BAR_ROWS};

/// What an index is built for: the minimum importance shown, and the selected event kept
/// although it is below it.
pub type Key = (u8, Option<EventIndex>);

/// From this many events the index is built on a worker (below, it takes a few
/// milliseconds: a worker would only make the new lanes a frame late).
pub const ON_WORKER_FROM: usize = 20_000;

/// The index built last, and the one being built.
#[derive(Default)]
pub struct LaneFilter {
    built: Option<(Key, LaneIndex)>,
    building: LatestJob<Key, LaneIndex>,
}

impl LaneFilter {
    /// Forgets every index (another document: its events are others).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Takes a finished worker's index, and makes sure the index for `key` is built or
    /// being built: here for a small timeline or the document's first, else on a worker
    /// that calls `wake` once it is done (made only when a worker starts).
    pub fn update(&mut self, timeline: &Arc<Timeline>, key: Key, wake: impl FnOnce() -> Wake) {
        match self.building.poll() {
            Polled::Waiting => {}
            Polled::Done(built_for, index) => self.built = Some((built_for, index)),
            // The worker ended without an index (it panicked): built here instead of
            // asking another worker every frame.
            Polled::Lost(built_for) => self.build_now(timeline, built_for),
        }
        if self.is_ready(key) {
            // A worker still building for another key is not waited for.
            self.building.clear();
            return;
        }
        if self.building.is_running(&key) {
            return;
        }
        // The first lanes of a document are built here: until then there would only be
        // the unfiltered lanes to draw, and a flash of every event at each reload
        // misleads more than a frame that waits (as long as the load's own last step).
        if timeline.events.len() < ON_WORKER_FROM || self.built.is_none() {
            self.build_now(timeline, key);
            return;
        }
        let shared = timeline.clone();
        let work = move || build(&shared, key);
        if !self.building.start("lane-filter", key, work, wake()) {
            // No thread to be had: here, as for a small timeline.
            self.build_now(timeline, key);
        }
    }

    /// Whether a worker is building an index.
    pub fn is_building(&self) -> bool {
        self.building.is_busy()
    }

    /// Whether the index for `key` is the one built.
    pub fn is_ready(&self, key: Key) -> bool {
        self.built.as_ref().is_some_and(|(k, _)| *k == key)
    }

    /// Builds the index for `key` here, unless it is built already (an export writes what
    /// is asked for, not the lanes shown while a worker builds them).
    pub fn build_now(&mut self, timeline: &Timeline, key: Key) {
        if !self.is_ready(key) {
            self.built = Some((key, build(timeline, key)));
        }
    }

    /// The index to draw with: for the filter as it is, or, while that one is being
    /// built, for the filter as it was; `None` before any was built.
    pub fn index(&self) -> Option<&LaneIndex> {
        self.built.as_ref().map(|(_, index)| index)
    }
}

/// The lanes of the events `key` shows.
fn build(timeline: &Timeline, (minimum, kept): Key) -> LaneIndex {
    LaneIndex::filtered(
        timeline,
        &|e| {
            timeline
                .events
                .get(e)
                .is_some_and(|event| event.record.importance >= minimum)
                || Some(e) == kept
        },
        MAX_BAR_ROWS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    fn timeline(events: usize) -> Arc<Timeline> {
        let file = crate::generate::generate_timeline(events, 3);
        let text = crate::generate::to_compact_ron(&file).expect("serialise");
        Arc::new(crate::model::load::load_str("generated.ron", &text).expect("valid"))
    }

    /// Whether `index` puts every event where the index built here for `key` does.
    fn is_built_for(index: Option<&LaneIndex>, timeline: &Timeline, key: Key) -> bool {
        let expected = build(timeline, key);
        index.is_some_and(|index| {
            (0..timeline.events.len()).all(|e| index.position_of(e) == expected.position_of(e))
        })
    }

    /// Updates until the index for `key` is ready; returns how many updates that took.
    fn until_ready(filter: &mut LaneFilter, timeline: &Arc<Timeline>, key: Key) -> usize {
        let began = Instant::now();
        let mut updates = 0;
        while !filter.is_ready(key) {
            assert!(began.elapsed() < Duration::from_secs(60), "never built");
            filter.update(timeline, key, || Arc::new(|| {}));
            updates += 1;
            std::thread::sleep(Duration::from_millis(2));
        }
        updates
    }

    #[test]
    fn a_large_timeline_s_lanes_are_built_on_a_worker_and_the_old_ones_drawn_meanwhile() {
        let timeline = timeline(ON_WORKER_FROM);
        let mut filter = LaneFilter::default();
        let woken = Arc::new(Mutex::new(0));
        let counter = woken.clone();
        // The document's first filtered lanes: built at once (else every event would be
        // drawn meanwhile).
        let first = (2, None);
        filter.update(&timeline, first, || {
            panic!("the first lanes are built here")
        });
        assert!(filter.is_ready(first));
        let key = (3, None);
        filter.update(&timeline, key, || {
            Arc::new(move || *counter.lock().expect("lock") += 1)
        });
        // The update came back before the index was built: the lanes of the filter as it
        // was are drawn meanwhile, and the worker wakes the app.
        assert!(!filter.is_ready(key));
        assert!(is_built_for(filter.index(), &timeline, first));
        until_ready(&mut filter, &timeline, key);
        assert_eq!(*woken.lock().expect("lock"), 1);
        assert!(is_built_for(filter.index(), &timeline, key));
        // Another minimum: the lanes of the old one are drawn until the new ones are ready.
        let other = (4, Some(7));
        filter.update(&timeline, other, || Arc::new(|| {}));
        assert!(!filter.is_ready(other));
        assert!(filter.is_ready(key), "the old lanes, meanwhile");
        until_ready(&mut filter, &timeline, other);
        assert!(is_built_for(filter.index(), &timeline, other));
        assert!(!is_built_for(filter.index(), &timeline, key));
        // Back to the first: built again (only the last is kept), and an export gets it
        // at once.
        filter.update(&timeline, key, || Arc::new(|| {}));
        assert!(!filter.is_ready(key));
        filter.build_now(&timeline, key);
        assert!(filter.is_ready(key));
        filter.clear();
        assert!(filter.index().is_none());
    }

    #[test]
    fn a_small_timeline_s_lanes_are_built_at_once() {
        let timeline = timeline(500);
        let mut filter = LaneFilter::default();
        let key = (4, None);
        filter.update(&timeline, key, || panic!("no worker for a small timeline"));
        assert!(filter.is_ready(key));
        assert!(is_built_for(filter.index(), &timeline, key));
        // A kept event below the minimum is in the lanes; without it, it is not.
        let minor = timeline
            .events
            .iter()
            .position(|e| e.record.importance < 4)
            .expect("a minor event");
        assert!(filter.index().is_some_and(|index| !index.contains(minor)));
        filter.update(&timeline, (4, Some(minor)), || panic!("small"));
        assert!(filter.is_ready((4, Some(minor))));
        assert!(filter.index().is_some_and(|index| index.contains(minor)));
    }
}
