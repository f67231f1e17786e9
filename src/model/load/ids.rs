//! Every event id and alias of a file, sorted for binary search while the file is
//! checked: 8 bytes a name, where a set of string slices takes about 32 with its table
//! (35 MB for a million events, at the moment the file's text and its records are
//! both held).

use super::validate::AsRecord;

/// The ids and (non-empty) aliases of a file's events, sorted by name; among equal
/// names, in file order (an event's id before its aliases).
pub(super) struct Names<'a, R> {
    records: &'a [R],
    /// (the event's place in the file, 0 for its id or k + 1 for its alias k).
    sorted: Vec<(u32, u32)>,
    /// The first eight bytes of each name in `sorted` as a number (as
    /// [`crate::model::timeline::name_prefix`]), so a lookup reads the records of the
    /// few names with the same first bytes, not at every step of a binary search.
    prefixes: Vec<u64>,
}

impl<'a, R: AsRecord> Names<'a, R> {
    pub(super) fn new(records: &'a [R]) -> Self {
        let mut sorted = Vec::with_capacity(records.len());
        for (event, record) in records.iter().enumerate() {
            // A file within the size limit has far fewer than 2^32 events or aliases.
            let Ok(event) = u32::try_from(event) else {
                break;
            };
            sorted.push((event, 0));
            for (k, alias) in record.record().aliases.iter().enumerate() {
                if let Ok(slot) = u32::try_from(k + 1)
                    && !alias.trim().is_empty()
                {
                    sorted.push((event, slot));
                }
            }
        }
        // Equal names stay in file order.
        let prefixes =
            crate::model::timeline::sort_by_name(&mut sorted, |entry| name_of(records, entry));
        Self {
            records,
            sorted,
            prefixes,
        }
    }

    /// The name at an entry: the event's id, or one of its aliases.
    fn name(&self, entry: (u32, u32)) -> &'a str {
        name_of(self.records, entry)
    }

    /// Whether some event has `name` as its id or alias.
    pub(super) fn contains(&self, name: &str) -> bool {
        self.sorted
            .get(crate::model::timeline::same_prefix(&self.prefixes, name))
            .unwrap_or_default()
            .binary_search_by(|&entry| self.name(entry).cmp(name))
            .is_ok()
    }

    /// Every event's place in the file, in the order of their ids.
    pub(super) fn ids_in_order(&self) -> Vec<u32> {
        self.sorted
            .iter()
            .filter(|&&(_, slot)| slot == 0)
            .map(|&(event, _)| event)
            .collect()
    }

    /// Every name, in order (each once per event or alias that has it).
    pub(super) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.sorted.iter().map(|&entry| self.name(entry))
    }

    /// The names already taken by an earlier event or alias, as (the event's place in the
    /// file, `None` for its id or `Some(k)` for its alias k), in file order.
    pub(super) fn repeats(&self) -> Vec<(usize, Option<usize>)> {
        let mut repeats: Vec<(usize, Option<usize>)> = self
            .sorted
            .windows(2)
            .filter(|pair| self.name(pair[0]) == self.name(pair[1]))
            .map(|pair| {
                let (event, slot) = pair[1];
                (event as usize, (slot as usize).checked_sub(1))
            })
            .collect();
        repeats.sort_unstable();
        repeats
    }
}

/// The name at an entry of [`Names::sorted`]: the event's id, or one of its aliases.
fn name_of<R: AsRecord>(records: &[R], (event, slot): (u32, u32)) -> &str {
    let Some(record) = records.get(event as usize).map(AsRecord::record) else {
        return "";
    };
    match slot.checked_sub(1) {
        None => &record.id,
        Some(k) => record.aliases.get(k as usize).map_or("", |a| a.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::EventRecord;

    fn record(id: &str, aliases: &[&str]) -> EventRecord {
        let text = format!(
            "(id: {id:?}, aliases: {aliases:?}, title: \"t\", date: \"1950\", category: \"c\", \
             importance: 1, summary: \"s\", sources: [])"
        );
        ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn repeats_are_every_later_use_of_a_name_and_lookups_find_every_name() {
        let records = [
            record("b", &["x", ""]),
            record("a", &[]),
            record("b", &["a", "y"]),
            record("c", &["x", "x"]),
        ];
        let names = Names::new(&records);
        assert_eq!(
            names.repeats(),
            [(2, None), (2, Some(0)), (3, Some(0)), (3, Some(1))]
        );
        for name in ["a", "b", "c", "x", "y"] {
            assert!(names.contains(name), "{name}");
        }
        for name in ["", "d", "B", "xx"] {
            assert!(!names.contains(name), "{name:?}");
        }
        let all: Vec<&str> = names.iter().collect();
        assert_eq!(all, ["a", "a", "b", "b", "c", "x", "x", "x", "y"]);
    }
}
