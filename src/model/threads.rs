//! Work on a large list shared among as many threads as there are cores (at most four),
//! for the steps of loading that touch every event: a short list stays on the calling
//! thread.

/// From this many items on, a list is worked on in several threads.
pub(crate) const PARALLEL_FROM: usize = 10_000;

/// How many threads work on `len` items: one below [`PARALLEL_FROM`], else one per core
/// (at most four).
pub(crate) fn threads_for(len: usize) -> usize {
    if len < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4))
    }
}

/// Runs `background` on a thread of its own while `here` runs on this one, and gives
/// both results; where no thread can be started (a browser page has none: the web
/// build's loading runs here) one after the other. A panic in `background` goes on in
/// the caller.
pub(crate) fn join<A: Send, B>(
    background: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    join_for(PARALLEL_FROM, background, here)
}

/// [`join`] for work on `len` items: below [`PARALLEL_FROM`] one after the other on
/// this thread (starting a thread would cost more than it saves).
pub(crate) fn join_for<A: Send, B>(
    len: usize,
    background: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    if threads_for(len) == 1 {
        let b = here();
        return (background(), b);
    }
    std::thread::scope(|scope| {
        let handle = scope.spawn(background);
        let b = here();
        match handle.join() {
            Ok(a) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Runs `work(start, piece)` on pieces of `items` that together are all of it, in order
/// (`start`: where the piece begins in `items`); a large list in as many threads as
/// there are cores.
pub(crate) fn in_threads<T: Send>(items: &mut [T], work: impl Fn(usize, &mut [T]) + Sync) {
    let size = items.len().div_ceil(threads_for(items.len())).max(1);
    std::thread::scope(|scope| {
        let mut pieces = items.chunks_mut(size).enumerate();
        let first = pieces.next();
        for (number, piece) in pieces {
            let work = &work;
            scope.spawn(move || work(number * size, piece));
        }
        if let Some((_, first)) = first {
            work(0, first);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_of_a_join_run_and_give_their_results() {
        let (a, b) = join(|| (0..1000).sum::<u32>(), || "here");
        assert_eq!((a, b), (499_500, "here"));
    }

    #[test]
    fn every_item_is_worked_on_once_with_its_place() {
        for len in [
            0,
            1,
            7,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            3 * PARALLEL_FROM + 5,
        ] {
            let mut items = vec![usize::MAX; len];
            in_threads(&mut items, |start, piece| {
                for (k, item) in piece.iter_mut().enumerate() {
                    *item = if *item == usize::MAX { start + k } else { 0 };
                }
            });
            assert!(
                items.iter().enumerate().all(|(i, &item)| item == i),
                "{len}"
            );
        }
    }
}
