//! Citing an event: a footnote in the style of the Chicago notes (the event's title,
//! its date as the app writes it, then one line per source), and a command line that
//! reopens the event (`wpk-timeline --event ID`, with the file when it is not the
//! built-in dataset). Pure text; the detail panel puts it on the clipboard.
//!
//! A source line follows the Chicago note for its kind as far as the data says it:
//! a Wikipedia article (`Title (Wikipedia)` in the data, and every quotation from the
//! seed text, which is a Wikipedia article) is `“Title,” Wikipedia, URL.`; any other
//! reference is its title as the data writes it (author, title, publisher or site,
//! date) and its URL; a quotation names the text it is from. Remarks after a dash in a
//! reference's title ("— printed book") are for the reader of the panel, not for a
//! footnote, and are left out. "Accessed" dates are not written: the data has none.

use std::path::Path;

use crate::model::schema::SourceRecord;
use crate::model::timeline::Event;

/// The Wikipedia article the seed text (`data/seed.txt`) is taken from.
pub const SEED_ARTICLE_TITLE: &str = "History of the Workers' Party of Korea";
/// Where the article is.
pub const SEED_ARTICLE_URL: &str =
    "https://en.wikipedia.org/wiki/History_of_the_Workers%27_Party_of_Korea";

/// The program's name on a command line.
const PROGRAM: &str = "wpk-timeline";

/// The footnote citing `event`: `Title [title in its own language], date.` (the
/// brackets Chicago uses for a title in a second language) and a line per source
/// (each once, in the order the data lists them). `built_in` says whether the event is
/// the built-in dataset's, whose seed text is a known Wikipedia article; another file's
/// `Seed(...)` quotations are cited as its own seed text, never as that article.
pub fn footnote(event: &Event, built_in: bool) -> String {
    let record = &event.record;
    let mut heading = record.title.trim().to_owned();
    if let Some(korean) = record.native_title.as_deref().map(str::trim)
        && !korean.is_empty()
    {
        heading.push_str(&format!(" [{korean}]"));
    }
    let mut lines = vec![sentence(&format!("{heading}, {}", event.date_label()))];
    for source in &record.sources {
        let line = source_line(source, built_in);
        if !line.is_empty() && !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// One source as a line of a footnote (`built_in`: see [`footnote`]).
pub fn source_line(source: &SourceRecord, built_in: bool) -> String {
    match source {
        SourceRecord::Seed { .. } if built_in => {
            wikipedia(SEED_ARTICLE_TITLE, Some(SEED_ARTICLE_URL))
        }
        SourceRecord::Seed { .. } => {
            "Quoted from the seed text this timeline was written from.".to_owned()
        }
        SourceRecord::Quote { source, .. } => sentence(source.trim()),
        SourceRecord::Reference { title, url } => {
            let title = without_remark(title);
            let url = url.as_deref().map(str::trim).filter(|u| !u.is_empty());
            match title.strip_suffix("(Wikipedia)").map(str::trim_end) {
                Some(article) if !article.is_empty() => wikipedia(article, url),
                _ => match url {
                    Some(url) if !title.is_empty() => format!("{title}, {url}."),
                    Some(url) => format!("{url}."),
                    None => sentence(title),
                },
            }
        }
    }
}

/// `“Article,” Wikipedia, URL.` (the comma inside the quotation marks, as Chicago has it).
fn wikipedia(article: &str, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("“{article},” Wikipedia, {url}."),
        None => format!("“{article},” Wikipedia."),
    }
}

/// A reference's title without the remark after ` — ` (why it has no link, and the like).
fn without_remark(title: &str) -> &str {
    title.split(" — ").next().unwrap_or(title).trim()
}

/// `text` ending with a full stop, unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The command line that opens `id` selected: `wpk-timeline --event ID`, and the file
/// (absolute, so that it works from any folder) when it is not the built-in dataset.
/// Words are quoted for a POSIX shell where they need it.
pub fn reopen_command(id: &str, file: Option<&Path>) -> String {
    let mut words = vec![PROGRAM.to_owned(), "--event".to_owned(), quote(id)];
    if let Some(file) = file {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        words.push(quote(&absolute.to_string_lossy()));
    }
    words.join(" ")
}

/// `word` quoted for a POSIX shell when it needs it (spaces, quotes, `$`, …).
fn quote(word: &str) -> String {
    shlex::try_quote(word).map_or_else(
        // Only a NUL byte cannot be quoted; no path or id holds one, but never panic.
        |_| format!("'{}'", word.replace('\0', "").replace('\'', "'\\''")),
        std::borrow::Cow::into_owned,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::load_str;

    fn reference(title: &str, url: Option<&str>) -> SourceRecord {
        SourceRecord::Reference {
            title: title.into(),
            url: url.map(Into::into),
        }
    }

    #[test]
    fn each_kind_of_source_is_a_line_of_its_kind() {
        let cases = [
            (
                reference(
                    "August faction incident (Wikipedia)",
                    Some("https://en.wikipedia.org/wiki/August_faction_incident"),
                ),
                "“August faction incident,” Wikipedia, https://en.wikipedia.org/wiki/August_faction_incident.",
            ),
            (
                SourceRecord::Seed {
                    quote: "anything".into(),
                },
                "“History of the Workers' Party of Korea,” Wikipedia, \
                 https://en.wikipedia.org/wiki/History_of_the_Workers%27_Party_of_Korea.",
            ),
            (
                reference(
                    "NK News, \"A brief history of North Korea's Party Foundation Day\", October 2018",
                    Some("https://www.nknews.org/2018/10/a-brief-history/"),
                ),
                "NK News, \"A brief history of North Korea's Party Foundation Day\", October 2018, \
                 https://www.nknews.org/2018/10/a-brief-history/.",
            ),
            (
                reference(
                    "Andrei Lankov, Crisis in North Korea (University of Hawai'i Press, 2005) — printed book",
                    None,
                ),
                "Andrei Lankov, Crisis in North Korea (University of Hawai'i Press, 2005).",
            ),
            (
                SourceRecord::Quote {
                    source: "Rodong Sinmun, 1 May 1956".into(),
                    quote: "words".into(),
                },
                "Rodong Sinmun, 1 May 1956.",
            ),
            (reference("Ends a sentence.", None), "Ends a sentence."),
            (
                reference("(Wikipedia)", Some("https://x.org")),
                "(Wikipedia), https://x.org.",
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(source_line(&source, true), expected, "{source:?}");
        }
    }

    #[test]
    fn the_footnote_of_an_event_has_its_title_date_and_each_source_once() {
        let text = include_str!("../../tests/fixtures/minimal.ron").replace(
            "sources: [Seed(quote: \"a quotation\")]",
            "sources: [Seed(quote: \"a quotation\"), \
             Reference(title: \"A book (Press, 1999) — printed book\"), \
             Seed(quote: \"another quotation\"), \
             Reference(title: \"August faction incident (Wikipedia)\", url: \"https://en.wikipedia.org/wiki/August_faction_incident\")]",
        );
        let timeline = load_str("minimal.ron", &text).expect("loads");
        let first = timeline
            .find("first")
            .and_then(|i| timeline.events.get(i))
            .expect("first");
        assert_eq!(
            footnote(first, true),
            "First event [첫 사건], 30–31 August 1956.\n\
             “History of the Workers' Party of Korea,” Wikipedia, \
             https://en.wikipedia.org/wiki/History_of_the_Workers%27_Party_of_Korea.\n\
             A book (Press, 1999).\n\
             “August faction incident,” Wikipedia, https://en.wikipedia.org/wiki/August_faction_incident."
        );
        // The same quotations in any other file are its own seed text's, not the article's.
        let other = footnote(first, false);
        assert!(!other.contains("Workers' Party"), "{other}");
        assert_eq!(
            other.lines().nth(1),
            Some("Quoted from the seed text this timeline was written from.")
        );
        let second = timeline
            .find("second")
            .and_then(|i| timeline.events.get(i))
            .expect("second");
        // The date as the panel writes it, disputes included.
        assert_eq!(
            footnote(second, true),
            format!(
                "Second event, {}.\nA book, https://example.org/book.",
                second.date_label()
            )
        );
        assert!(
            second.date_label().contains("disputed"),
            "{}",
            second.date_label()
        );
    }

    #[test]
    fn the_command_line_names_the_event_and_a_file_quoted() {
        assert_eq!(
            reopen_command("august-plenum", None),
            "wpk-timeline --event august-plenum"
        );
        let command = reopen_command("first", Some(Path::new("/data/my lecture's.ron")));
        assert_eq!(
            shlex::split(&command),
            Some(vec![
                "wpk-timeline".to_owned(),
                "--event".to_owned(),
                "first".to_owned(),
                "/data/my lecture's.ron".to_owned()
            ]),
            "{command}"
        );
        // A relative path is made absolute, so the line works from any folder.
        let relative = reopen_command("first", Some(Path::new("talk.ron")));
        let words = shlex::split(&relative).expect("splits");
        let file = Path::new(words.last().expect("a file"));
        assert!(
            file.is_absolute() && file.ends_with("talk.ron"),
            "{relative}"
        );
    }
}
