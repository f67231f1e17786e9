//! The validated, indexed timeline the viewer draws: dates interpreted, ids
//! resolved, events sorted by time once per load.

use std::collections::HashMap;

use super::date::{DateSpan, Days, HistDate};
use super::schema::{CategoryRecord, EraRecord, EventRecord, List, TimelineFile, TourStepRecord};

/// An sRGB colour from the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Reads `#rrggbb`.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Self([channel(0)?, channel(2)?, channel(4)?]))
    }

    /// Back to `#rrggbb`.
    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// Index of an event in [`Timeline::events`] (time order).
pub type EventIndex = usize;

/// A lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// As written in the file.
    pub record: CategoryRecord,
    /// The parsed colour.
    pub colour: Rgb,
}

/// A background band.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    /// As written in the file.
    pub record: EraRecord,
    /// From the start of `start` to the end of `end`.
    pub when: DateSpan,
    /// The parsed colour.
    pub colour: Rgb,
}

/// An event with its dates interpreted and its lane resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// As written in the file.
    pub record: EventRecord,
    /// The parsed date or period.
    pub when: DateSpan,
    /// Index into [`Timeline::categories`].
    pub category: usize,
    /// The other dates sources give, from the `DateDisputed` flags: for the start,
    /// then for the end (every one is drawn where it would fall).
    pub disputed_alternatives: List<HistDate>,
    /// Those of them that are for the end (`DateDisputed(of: end, ...)`), the last
    /// ones of `disputed_alternatives`.
    pub disputed_end_alternatives: List<HistDate>,
    /// Resolved `related` ids (unknown ids were rejected at load).
    pub related: List<EventIndex>,
}

impl Event {
    /// Whether sources disagree on the date.
    pub fn is_date_disputed(&self) -> bool {
        !self.disputed_alternatives.is_empty()
    }

    /// The date as a historian writes it, with the disputed alternatives:
    /// `December 1956 (disputed: 1958)`, `1956–1960 (end disputed: 1961)`.
    pub fn date_label(&self) -> String {
        let ends = self.disputed_end_alternatives.len();
        let starts = self.disputed_alternatives.len().saturating_sub(ends);
        let join = |dates: &[HistDate]| {
            dates
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut label = self.when.to_string();
        if let Some(start) = self.disputed_alternatives.get(..starts)
            && !start.is_empty()
        {
            label.push_str(&format!(" (disputed: {})", join(start)));
        }
        if ends > 0 {
            label.push_str(&format!(
                " (end disputed: {})",
                join(&self.disputed_end_alternatives)
            ));
        }
        label
    }
}

/// One step of a presentation, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct TourStep {
    /// As written in the file.
    pub record: TourStepRecord,
    /// The event shown.
    pub event: EventIndex,
    /// The range to fly to, if the file gives one.
    pub view: Option<(Days, Days)>,
}

/// A tour step before ids are resolved: the record, its event id and its parsed view.
pub(crate) type PendingTourStep = (TourStepRecord, String, Option<(Days, Days)>);

/// A whole timeline, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Shown above the timeline.
    pub title: String,
    /// Shown under the title.
    pub subtitle: String,
    /// The span as written.
    pub span_text: (String, String),
    /// The default view as written, if any.
    pub default_view_text: Option<(String, String)>,
    /// The whole span: start of the first date to the end of the last.
    pub span: (Days, Days),
    /// What is shown first.
    pub default_view: (Days, Days),
    /// Lanes, top to bottom.
    pub categories: Vec<Category>,
    /// Background bands, in file order.
    pub eras: Vec<Era>,
    /// Events sorted by [`DateSpan::anchor`], then most important first.
    pub events: Vec<Event>,
    /// Presentation steps.
    pub tour: Vec<TourStep>,
    /// The gazetteer (empty when the file has none).
    pub places: crate::model::places::Gazetteer,
    /// Problems that did not stop the file from loading (a link to a home page), in
    /// file order; `check` prints them and still passes.
    pub warnings: Vec<crate::model::diagnostic::Diagnostic>,
    /// Every event's index, sorted by id, for binary search (a map from a million ids
    /// would hold a copy of each and cost 70 MB).
    by_id: Vec<u32>,
    /// Every alias to its event (aliases are few).
    aliases: HashMap<super::schema::Text, EventIndex>,
    /// `anchors[i]` is `events[i].when.anchor()`, for binary search.
    anchors: Vec<Days>,
    /// `importances[i]` is `events[i].record.importance`: a cluster's members are ranked
    /// every frame, and among a million events of 344 bytes each reading the byte from
    /// the event itself missed the cache at nearly every member.
    importances: Vec<u8>,
    /// `name_chars[i]`: the characters in the shorter of `events[i]`'s title and short
    /// name (at most `u16::MAX`). A dense frame rules out most labels by this count
    /// before measuring any; read from the events, it missed the cache twice a mark.
    name_chars: Vec<u16>,
}

impl Timeline {
    /// Assembles a timeline from validated parts; `events` may be in any order, and
    /// beside them, if the caller knows it, every event's place in `events` sorted by
    /// the events' ids (else they are sorted here).
    pub(crate) fn assemble(
        file: TimelineFile,
        span: (Days, Days),
        default_view: (Days, Days),
        categories: Vec<Category>,
        eras: Vec<Era>,
        (events, by_id): (Vec<Event>, Option<Vec<u32>>),
        tour: Vec<PendingTourStep>,
    ) -> Self {
        // Sort once per load: by anchor, most important first on the same date, then by id.
        // The keys are computed once (in threads) and sorted in a small array; the large
        // events are then swapped into their places within their own vector (a second
        // vector of a million events would be another 440 MB at the peak of loading).
        // Meanwhile another thread sorts the events' ids for `by_id`, if need be.
        let (mut by_id, mut order) = crate::model::threads::join(
            || match by_id {
                Some(by_id) if by_id.len() == events.len() => by_id,
                _ => ids_in_order(&events),
            },
            || time_order(&events),
        );
        // Where each event goes: `by_id` in places of the sorted events.
        let mut place = vec![0_u32; events.len()];
        for (k, key) in order.iter().enumerate() {
            if let (Some(to), Ok(k)) = (place.get_mut(key.index as usize), u32::try_from(k)) {
                *to = k;
            }
        }
        for index in &mut by_id {
            *index = place.get(*index as usize).copied().unwrap_or(u32::MAX);
        }
        drop(place);
        let mut sorted = events;
        permute_in_place(&mut sorted, &mut order, |key| &mut key.index);
        let anchors = order.iter().map(|key| key.anchor).collect();
        let importances = order.iter().map(|key| key.importance).collect();
        drop(order);
        let mut name_chars = vec![0_u16; sorted.len()];
        crate::model::threads::in_threads(&mut name_chars, |start, piece| {
            for (chars, event) in piece.iter_mut().zip(sorted.iter().skip(start)) {
                *chars = shortest_name_chars(&event.record);
            }
        });
        let mut aliases = HashMap::new();
        for (index, event) in sorted.iter().enumerate() {
            for alias in &event.record.aliases {
                aliases.insert(alias.clone(), index);
            }
        }
        // The first eight bytes of each id in `by_id` as a number ([`name_prefix`]): an id
        // is found among those of the same first bytes, most often one, so the events
        // are read once a lookup, not at every step of a binary search.
        let mut prefixes = vec![0_u64; by_id.len()];
        crate::model::threads::in_threads(&mut prefixes, |start, piece| {
            for (prefix, &index) in piece.iter_mut().zip(by_id.iter().skip(start)) {
                *prefix = sorted
                    .get(index as usize)
                    .map_or(0, |e| name_prefix(&e.record.id));
            }
        });
        let find = |id: &str| {
            let same = by_id.get(same_prefix(&prefixes, id)).unwrap_or_default();
            find_in(&sorted, same, &aliases, id)
        };
        // The related ids of each event, resolved in threads, a piece of the events each.
        let mut related: Vec<List<EventIndex>> = vec![List::default(); sorted.len()];
        crate::model::threads::in_threads(&mut related, |start, piece| {
            for (event, related) in sorted.iter().skip(start).zip(piece) {
                if !event.record.related.is_empty() {
                    *related = event
                        .record
                        .related
                        .iter()
                        .filter_map(|id| find(id))
                        .collect();
                }
            }
        });
        let tour: Vec<TourStep> = tour
            .into_iter()
            .filter_map(|(record, id, view)| {
                find(&id).map(|event| TourStep {
                    record,
                    event,
                    view,
                })
            })
            .collect();
        drop(prefixes);
        let mut timeline = Self {
            places: crate::model::places::Gazetteer::new(file.places),
            title: file.title,
            subtitle: file.subtitle,
            span_text: file.span,
            default_view_text: file.default_view,
            span,
            default_view,
            categories,
            eras,
            events: sorted,
            tour,
            warnings: Vec::new(),
            by_id,
            aliases,
            anchors,
            importances,
            name_chars,
        };
        for (event, related) in timeline.events.iter_mut().zip(related) {
            event.related = related;
        }
        timeline
    }

    /// The event with this id or alias.
    pub fn find(&self, id: &str) -> Option<EventIndex> {
        find_in(&self.events, &self.by_id, &self.aliases, id)
    }

    /// The importance of event `index` (1 to 5), `None` past the last event.
    #[inline]
    pub fn importance(&self, index: EventIndex) -> Option<u8> {
        self.importances.get(index).copied()
    }

    /// The characters in the shorter of event `index`'s title and short name (at most
    /// `u16::MAX`), `None` past the last event.
    #[inline]
    pub fn name_chars(&self, index: EventIndex) -> Option<u16> {
        self.name_chars.get(index).copied()
    }

    /// Every event's anchor, in the order of [`Self::events`] (so sorted).
    pub fn anchors(&self) -> &[Days] {
        &self.anchors
    }

    /// The events whose anchor lies in `[from, to)`, as a range of indices into
    /// [`Self::events`], found by binary search.
    pub fn anchored_in(&self, from: Days, to: Days) -> std::ops::Range<EventIndex> {
        let first = self.anchors.partition_point(|&anchor| anchor < from);
        let last = self.anchors.partition_point(|&anchor| anchor < to);
        first..last.max(first)
    }

    /// The events in time order from `index`, stepping `direction` (+1 or -1); `None` at either end.
    pub fn step_from(&self, index: Option<EventIndex>, forward: bool) -> Option<EventIndex> {
        match (index, forward) {
            (None, true) => (!self.events.is_empty()).then_some(0),
            (None, false) => self.events.len().checked_sub(1),
            (Some(i), true) => (i + 1 < self.events.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        }
    }

    /// The file this timeline was read from, rebuilt (events in time order).
    pub fn to_file(&self) -> TimelineFile {
        TimelineFile {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            span: self.span_text.clone(),
            default_view: self.default_view_text.clone(),
            categories: self.categories.iter().map(|c| c.record.clone()).collect(),
            eras: self.eras.iter().map(|e| e.record.clone()).collect(),
            events: self.events.iter().map(|e| e.record.clone()).collect(),
            tour: self.tour.iter().map(|s| s.record.clone()).collect(),
            places: self.places.places.clone(),
        }
    }
}

/// Sorts `items` by `name`, equal names in the order they had: by the names' first eight
/// bytes as one number first, whole names only where those are equal (a million ids
/// sorted by comparing strings spent a tenth of the loading time in `memcmp`). Gives back
/// those numbers ([`name_prefix`]) in the new order, for lookups that read few names.
pub(crate) fn sort_by_name<'a, T: Copy>(items: &mut [T], name: impl Fn(T) -> &'a str) -> Vec<u64> {
    let mut keyed: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(position, &item)| (name_prefix(name(item)), position))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| match (items.get(a.1), items.get(b.1)) {
                (Some(&x), Some(&y)) => name(x).cmp(name(y)),
                _ => std::cmp::Ordering::Equal,
            })
            .then(a.1.cmp(&b.1))
    });
    let sorted: Vec<T> = keyed
        .iter()
        .filter_map(|&(_, position)| items.get(position).copied())
        .collect();
    items.copy_from_slice(&sorted);
    drop(sorted);
    let mut prefixes: Vec<u64> = keyed.into_iter().map(|(prefix, _)| prefix).collect();
    // Made in the room of the keys, which is twice as large.
    prefixes.shrink_to_fit();
    prefixes
}

/// The event with `id` as its id (by binary search of `by_id`) or as an alias.
fn find_in(
    events: &[Event],
    by_id: &[u32],
    aliases: &HashMap<super::schema::Text, EventIndex>,
    id: &str,
) -> Option<EventIndex> {
    by_id
        .binary_search_by(|&index| {
            events
                .get(index as usize)
                .map_or(std::cmp::Ordering::Less, |e| e.record.id.as_str().cmp(id))
        })
        .ok()
        .and_then(|found| by_id.get(found).map(|&index| index as usize))
        .or_else(|| aliases.get(id).copied())
}

/// What events are sorted by: their anchor, most important first on the same anchor,
/// then their id (the first eight bytes as a number, as [`sort_by_name`] does, so that
/// most ties are told apart without reading the events), and the event's place.
#[derive(Clone, Copy, Default)]
struct TimeKey {
    anchor: Days,
    id_prefix: u64,
    index: u32,
    importance: u8,
}

/// The first eight bytes of `name` as one number, padded with zeros: numbers order as
/// the bytes do (a name and the same name followed by zero bytes tie, and are told
/// apart as whole names).
pub(crate) fn name_prefix(name: &str) -> u64 {
    let mut bytes = [0; 8];
    for (to, from) in bytes.iter_mut().zip(name.bytes()) {
        *to = from;
    }
    u64::from_be_bytes(bytes)
}

/// Where the names whose first eight bytes are `name`'s lie in `prefixes` (the
/// [`name_prefix`]es of names sorted by [`sort_by_name`]).
pub(crate) fn same_prefix(prefixes: &[u64], name: &str) -> std::ops::Range<usize> {
    let prefix = name_prefix(name);
    let from = prefixes.partition_point(|&p| p < prefix);
    let count = prefixes
        .get(from..)
        .map_or(0, |rest| rest.partition_point(|&p| p == prefix));
    from..from + count
}

/// The characters in the shorter of an event's title and short name, at most
/// `u16::MAX`; counted a word at a time where the text is ASCII (most titles).
fn shortest_name_chars(record: &EventRecord) -> u16 {
    let count = |text: &str| {
        if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        }
    };
    let title = count(&record.title);
    let fewest = record
        .short_name
        .as_deref()
        .map_or(title, |short| title.min(count(short)));
    u16::try_from(fewest).unwrap_or(u16::MAX)
}

/// The events' keys in time order ([`TimeKey`]), computed in threads. A timeline in
/// memory has far fewer than 2^32 events.
fn time_order(events: &[Event]) -> Vec<TimeKey> {
    let count = events.len().min(u32::MAX as usize);
    let mut order = vec![TimeKey::default(); count];
    crate::model::threads::in_threads(&mut order, |start, piece| {
        for ((index, event), key) in events.iter().enumerate().skip(start).zip(piece) {
            *key = TimeKey {
                anchor: event.when.anchor(),
                id_prefix: name_prefix(&event.record.id),
                // Below 2^32: `count` is.
                index: u32::try_from(index).unwrap_or(u32::MAX),
                importance: event.record.importance,
            };
        }
    });
    let id = |key: &TimeKey| {
        events
            .get(key.index as usize)
            .map_or("", |e| e.record.id.as_str())
    };
    order.sort_unstable_by(|a, b| {
        a.anchor
            .total_cmp(&b.anchor)
            .then(b.importance.cmp(&a.importance))
            .then(a.id_prefix.cmp(&b.id_prefix))
            .then_with(|| id(a).cmp(id(b)))
    });
    order
}

/// Every event's place in `events`, sorted by the events' ids. A timeline in memory has
/// far fewer than 2^32 events.
fn ids_in_order(events: &[Event]) -> Vec<u32> {
    let mut by_id: Vec<u32> = (0..events.len())
        .map_while(|index| u32::try_from(index).ok())
        .collect();
    sort_by_name(&mut by_id, |index| {
        events
            .get(index as usize)
            .map_or("", |e| e.record.id.as_str())
    });
    by_id
}

/// Puts `items[index(order[k])]` at `k` for every `k`, by swaps within `items` (the way
/// the standard library's `sort_by_cached_key` does). The indices in `order` are a
/// permutation of `0..items.len()`; they are overwritten.
fn permute_in_place<T, K>(items: &mut [T], order: &mut [K], index: impl Fn(&mut K) -> &mut u32) {
    for k in 0..order.len().min(items.len()) {
        // Where the item for `k` is now: swaps at earlier places moved it from where it was
        // to the place recorded for it there.
        let mut from = *index(&mut order[k]) as usize;
        while from < k {
            from = *index(&mut order[from]) as usize;
        }
        // Below 2^32: `from` is at most an index read from `order`.
        *index(&mut order[k]) = u32::try_from(from).unwrap_or(u32::MAX);
        if from < items.len() {
            items.swap(k, from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_s_shortest_name_is_counted_in_characters_not_bytes() {
        let text = r##"(title: "t", span: ("1900", "2000"),
            categories: [(id: "a", name: "A", colour: "#000000")],
            events: [
                (id: "long", title: "조선로동당 창건 (Founding of the Workers' Party)", short_name: "로동당 창건",
                 date: "1945-10-10", category: "a", importance: 5, summary: "s", sources: [Seed(quote: "q")]),
                (id: "short", title: "조선", short_name: "Founding of the Party of Korea",
                 date: "1946-08-28", category: "a", importance: 5, summary: "s", sources: [Seed(quote: "q")]),
                (id: "plain", title: "Plenum", date: "1956-08-30", category: "a", importance: 5,
                 summary: "s", sources: [Seed(quote: "q")]),
            ])"##;
        let timeline = crate::model::load::load_str("names.ron", text).expect("loads");
        let chars = |id: &str| timeline.find(id).and_then(|e| timeline.name_chars(e));
        // The short name, six characters (sixteen bytes).
        assert_eq!(chars("long"), Some(6));
        // The title, shorter than its short name.
        assert_eq!(chars("short"), Some(2));
        assert_eq!(chars("plain"), Some(6));
    }

    #[test]
    fn events_are_sorted_by_anchor_then_importance_then_id_with_anchors_importances_and_ids_matching()
     {
        // Enough events that their keys are computed in threads.
        let count = 3 * crate::model::threads::PARALLEL_FROM;
        let file = crate::generate::generate_timeline(count, 11);
        let text = crate::generate::to_compact_ron(&file).expect("serialises");
        let timeline = crate::model::load::load_str("generated.ron", &text).expect("loads");
        assert_eq!(timeline.events.len(), count);
        let key = |e: &Event| (e.when.anchor(), std::cmp::Reverse(e.record.importance));
        let mut ties = 0;
        for pair in timeline.events.windows(2) {
            let (a, b) = (key(&pair[0]), key(&pair[1]));
            assert!(a.0 <= b.0, "anchors out of order");
            if a.0 == b.0 {
                assert!(a.1 <= b.1, "less important first on {}", a.0);
                if a.1 == b.1 {
                    ties += 1;
                    assert!(pair[0].record.id < pair[1].record.id, "ids out of order");
                }
            }
        }
        assert!(
            ties > 0,
            "the generated data has same-day, same-importance events"
        );
        for (index, event) in timeline.events.iter().enumerate() {
            assert_eq!(timeline.anchors()[index], event.when.anchor());
            assert_eq!(timeline.importance(index), Some(event.record.importance));
            assert_eq!(timeline.find(&event.record.id), Some(index));
            let title = event.record.title.chars().count();
            let fewest = event
                .record
                .short_name
                .as_ref()
                .map_or(title, |short| title.min(short.chars().count()));
            assert_eq!(timeline.name_chars(index), Some(fewest as u16));
        }
        assert_eq!(timeline.importance(count), None);
        assert_eq!(timeline.name_chars(count), None);
    }

    #[test]
    fn related_events_and_tour_steps_are_the_events_their_ids_name() {
        // Generated ids differ in their first eight bytes; the dataset's often do not
        // (`congress-…`, `pak-hon-…`).
        let generated =
            crate::generate::generate_timeline(3 * crate::model::threads::PARALLEL_FROM, 12);
        let text = crate::generate::to_compact_ron(&generated).expect("serialises");
        for timeline in [
            crate::model::load::load_str("generated.ron", &text).expect("loads"),
            crate::model::load::load_embedded().expect("loads"),
        ] {
            let mut related = 0;
            for event in &timeline.events {
                let named: Vec<EventIndex> = event
                    .record
                    .related
                    .iter()
                    .map(|id| timeline.find(id).expect("a known id"))
                    .collect();
                assert_eq!(&*event.related, named.as_slice(), "{}", event.record.id);
                related += named.len();
            }
            assert!(related > 20, "only {related} related events");
            assert!(!timeline.tour.is_empty());
            for step in &timeline.tour {
                assert_eq!(timeline.find(&step.record.event), Some(step.event));
            }
        }
    }

    #[test]
    fn sorting_by_name_orders_as_the_names_do_and_keeps_ties_in_order() {
        let mut rng = fastrand::Rng::with_seed(3);
        let alphabet = ["a", "b", "\0", "é", "aaaaaaaa", "z"];
        for _ in 0..200 {
            let names: Vec<String> = (0..rng.usize(0..40))
                .map(|_| {
                    (0..rng.usize(0..12))
                        .map(|_| alphabet[rng.usize(0..6)])
                        .collect()
                })
                .collect();
            let mut items: Vec<usize> = (0..names.len()).collect();
            let prefixes = sort_by_name(&mut items, |i| names[i].as_str());
            let expected_prefixes: Vec<u64> =
                items.iter().map(|&i| name_prefix(&names[i])).collect();
            assert_eq!(prefixes, expected_prefixes, "{names:?}");
            let mut expected: Vec<usize> = (0..names.len()).collect();
            expected.sort_by(|&a, &b| names[a].cmp(&names[b]));
            assert_eq!(items, expected, "{names:?}");
        }
    }

    #[test]
    fn permuting_in_place_puts_every_item_where_the_order_says() {
        let mut rng = fastrand::Rng::with_seed(7);
        for n in [0, 1, 2, 3, 10, 257] {
            for _ in 0..20 {
                let mut sources: Vec<usize> = (0..n).collect();
                rng.shuffle(&mut sources);
                let mut order: Vec<((), u32)> = sources
                    .iter()
                    .map(|&i| ((), u32::try_from(i).expect("small")))
                    .collect();
                let mut items: Vec<String> = (0..n).map(|i| format!("item {i}")).collect();
                permute_in_place(&mut items, &mut order, |entry| &mut entry.1);
                let expected: Vec<String> = sources.iter().map(|i| format!("item {i}")).collect();
                assert_eq!(items, expected, "{sources:?}");
            }
        }
    }

    #[test]
    fn colours_parse_and_print() {
        assert_eq!(Rgb::parse("#E69F00"), Some(Rgb([0xe6, 0x9f, 0x00])));
        assert_eq!(
            Rgb::parse("#e69f00").map(Rgb::to_hex).as_deref(),
            Some("#e69f00")
        );
        for bad in ["E69F00", "#E69F0", "#E69F000", "#GG9F00", "", "#", "#ééé"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }
}
