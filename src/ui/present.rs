//! Presentation mode: the steps of a lecture, what each key of a presentation
//! clicker does, and the large event card. The presenter's window is in
//! [`super::presenter`].
//!
//! The stepping logic is a small state machine ([`Presentation::press`]) with no
//! egui in it; the drawing functions below only show its state.

use crate::model::wording::short_title;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{FontId, Galley, Key, RichText, Ui};

use super::detail_panel::flag_line;
use super::theme::TimelineStyle;
use crate::model::date::Days;
use crate::model::timeline::{EventIndex, Timeline};
use crate::view::transform::TimeView;

/// One step of a lecture.
#[derive(Clone, Debug, PartialEq)]
pub struct PresentationStep {
    /// The event shown.
    pub event: EventIndex,
    /// The range to fly to; a window around the event when `None`.
    pub view: Option<(Days, Days)>,
    /// The lecturer's note.
    pub note: Option<String>,
}

/// The tour of the file, or, without one, every event in a stable order: by the start
/// of its date's range (a period where it begins, "1956" on 1 January 1956), then the
/// more important first, then by title, then as in the file.
pub fn presentation_steps(timeline: &Timeline) -> Vec<PresentationStep> {
    if timeline.tour.is_empty() {
        let mut order: Vec<EventIndex> = (0..timeline.events.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&timeline.events[a], &timeline.events[b]);
            a.when
                .interval()
                .0
                .total_cmp(&b.when.interval().0)
                .then(b.record.importance.cmp(&a.record.importance))
                .then_with(|| a.record.title.cmp(&b.record.title))
        });
        return order
            .into_iter()
            .map(|event| PresentationStep {
                event,
                view: None,
                note: None,
            })
            .collect();
    }
    timeline
        .tour
        .iter()
        .map(|step| PresentationStep {
            event: step.event,
            view: step.view,
            note: step.record.note.clone(),
        })
        .collect()
}

/// A key of the presentation, already read from the keyboard or a clicker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentKey {
    /// Right, Down, PageDown, Space.
    Next,
    /// Left, Up, PageUp.
    Previous,
    /// Enter: the typed step number, or the next step.
    Enter,
    /// Backspace: deletes a typed digit, or goes back.
    Backspace,
    /// Home.
    First,
    /// End.
    Last,
    /// A digit of a step number.
    Digit(u8),
    /// B: black screen.
    Black,
    /// W: white screen.
    White,
    /// P: the presenter's window.
    TogglePresenter,
    /// T: light or dark projector theme.
    ToggleTheme,
    /// G: ask for a step number.
    GoToPrompt,
    /// A step picked from the presenter's list (0-based).
    GoTo(usize),
    /// Ctrl +: larger type.
    TypeLarger,
    /// Ctrl −: smaller type.
    TypeSmaller,
    /// Ctrl 0: the default type size.
    TypeReset,
    /// The presenter's timer: pause or go on.
    PauseTimer,
    /// The presenter's timer: back to zero.
    ResetTimer,
    /// Escape.
    Escape,
    /// Any other key (ends a blank screen).
    Other,
}

/// A blanked screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// All black (B).
    Black,
    /// All white (W).
    White,
}

/// What the application must do after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentOutcome {
    /// Nothing visible beyond the presentation's own state.
    Stay,
    /// Fly to the current step.
    Fly,
    /// Leave presentation mode.
    Leave,
    /// Open or close the presenter's window.
    TogglePresenter,
    /// Switch the projector theme.
    ToggleTheme,
    /// Change the type scale by this many steps (0: back to the default).
    TypeScale(i8),
    /// Pause the timer, or let it go on.
    PauseTimer,
    /// Set the timer back to zero.
    ResetTimer,
}

/// Where the lecture is.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// The steps.
    pub steps: Vec<PresentationStep>,
    /// The step shown (0-based).
    pub current: usize,
    /// Digits typed so far for a jump.
    pub typed: String,
    /// Whether `G` asked for a step number (shown even before a digit is typed).
    pub prompt: bool,
    /// A blanked screen, until any key.
    pub blank: Option<Blank>,
    /// An event clicked during the lecture, shown instead of the step's card.
    pub card_override: Option<EventIndex>,
    /// When the lecture started (egui time, seconds), moved on by pauses and resets.
    pub started_at: f64,
    /// When the timer was paused, while it is.
    pub paused_at: Option<f64>,
}

impl Presentation {
    /// A lecture at `start` (clamped), begun at time `now`.
    pub fn new(steps: Vec<PresentationStep>, start: usize, now: f64) -> Self {
        let current = start.min(steps.len().saturating_sub(1));
        Self {
            steps,
            current,
            typed: String::new(),
            prompt: false,
            blank: None,
            card_override: None,
            started_at: now,
            paused_at: None,
        }
    }

    /// Seconds since the lecture started, not counting pauses.
    pub fn elapsed(&self, now: f64) -> f64 {
        let elapsed = self.paused_at.unwrap_or(now) - self.started_at;
        if elapsed.is_finite() {
            elapsed.max(0.0)
        } else {
            0.0
        }
    }

    /// Pauses the timer, or lets it go on from where it stood.
    pub fn toggle_pause(&mut self, now: f64) {
        match self.paused_at.take() {
            Some(paused) => self.started_at += now - paused,
            None => self.paused_at = Some(now),
        }
    }

    /// Sets the timer back to zero (still paused if it was).
    pub fn reset_timer(&mut self, now: f64) {
        self.started_at = now;
        if self.paused_at.is_some() {
            self.paused_at = Some(now);
        }
    }

    /// The same lecture with its steps replaced by `steps` (the file may have changed
    /// since), at the same step where it still exists, the timer as it was.
    pub fn resumed(mut self, steps: Vec<PresentationStep>) -> Self {
        self.current = self.current.min(steps.len().saturating_sub(1));
        self.steps = steps;
        self.typed.clear();
        self.prompt = false;
        self.blank = None;
        self.card_override = None;
        self
    }

    /// Whether a "Go to step" line is shown.
    pub fn is_asking_for_step(&self) -> bool {
        self.prompt || !self.typed.is_empty()
    }

    /// The step shown.
    pub fn step(&self) -> Option<&PresentationStep> {
        self.steps.get(self.current)
    }

    /// The step after this one.
    pub fn next_step(&self) -> Option<&PresentationStep> {
        self.steps.get(self.current + 1)
    }

    /// The event whose card is shown.
    pub fn card_event(&self) -> Option<EventIndex> {
        self.card_override.or(self.step().map(|s| s.event))
    }

    /// `7 / 24`.
    pub fn progress(&self) -> String {
        format!("{} / {}", self.current + 1, self.steps.len())
    }

    fn go_to(&mut self, step: usize) -> PresentOutcome {
        let step = step.min(self.steps.len().saturating_sub(1));
        self.card_override = None;
        if step == self.current {
            return PresentOutcome::Stay;
        }
        self.current = step;
        PresentOutcome::Fly
    }

    /// Applies one key.
    pub fn press(&mut self, key: PresentKey) -> PresentOutcome {
        // The presenter's timer buttons leave a blank screen blank.
        match key {
            PresentKey::PauseTimer => return PresentOutcome::PauseTimer,
            PresentKey::ResetTimer => return PresentOutcome::ResetTimer,
            _ => {}
        }
        if self.blank.take().is_some() {
            return PresentOutcome::Stay;
        }
        match key {
            PresentKey::Digit(digit) => {
                if self.typed.len() < 4 {
                    self.typed.push(char::from(b'0' + digit.min(9)));
                }
                PresentOutcome::Stay
            }
            PresentKey::Enter if !self.typed.is_empty() => {
                let number: usize = self.typed.parse().unwrap_or(1);
                self.typed.clear();
                self.prompt = false;
                self.go_to(number.max(1) - 1)
            }
            PresentKey::Enter | PresentKey::Escape if self.prompt => {
                self.prompt = false;
                PresentOutcome::Stay
            }
            PresentKey::Backspace if !self.typed.is_empty() => {
                self.typed.pop();
                PresentOutcome::Stay
            }
            PresentKey::Escape if !self.typed.is_empty() => {
                self.typed.clear();
                self.prompt = false;
                PresentOutcome::Stay
            }
            PresentKey::GoToPrompt => {
                self.prompt = true;
                PresentOutcome::Stay
            }
            PresentKey::GoTo(step) => {
                self.typed.clear();
                self.prompt = false;
                self.go_to(step)
            }
            PresentKey::TypeLarger => PresentOutcome::TypeScale(1),
            PresentKey::TypeSmaller => PresentOutcome::TypeScale(-1),
            PresentKey::TypeReset => PresentOutcome::TypeScale(0),
            PresentKey::PauseTimer => PresentOutcome::PauseTimer,
            PresentKey::ResetTimer => PresentOutcome::ResetTimer,
            PresentKey::Next | PresentKey::Enter => {
                self.typed.clear();
                self.prompt = false;
                self.go_to(self.current + 1)
            }
            PresentKey::Previous | PresentKey::Backspace => {
                self.typed.clear();
                self.prompt = false;
                self.go_to(self.current.saturating_sub(1))
            }
            PresentKey::First => self.go_to(0),
            PresentKey::Last => self.go_to(self.steps.len().saturating_sub(1)),
            PresentKey::Black => {
                self.blank = Some(Blank::Black);
                PresentOutcome::Stay
            }
            PresentKey::White => {
                self.blank = Some(Blank::White);
                PresentOutcome::Stay
            }
            PresentKey::TogglePresenter => PresentOutcome::TogglePresenter,
            PresentKey::ToggleTheme => PresentOutcome::ToggleTheme,
            PresentKey::Escape => PresentOutcome::Leave,
            PresentKey::Other => PresentOutcome::Stay,
        }
    }
}

/// Reads (and consumes) the presentation keys pressed this frame in `ui`'s window.
pub fn read_keys(ui: &Ui) -> Vec<PresentKey> {
    ui.input_mut(|input| {
        let mut keys = Vec::new();
        input.events.retain(|event| {
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            if modifiers.command {
                let mapped = match key {
                    Key::Plus | Key::Equals => PresentKey::TypeLarger,
                    Key::Minus => PresentKey::TypeSmaller,
                    Key::Num0 => PresentKey::TypeReset,
                    _ => return true,
                };
                keys.push(mapped);
                return false;
            }
            let mapped = match key {
                Key::ArrowRight | Key::ArrowDown | Key::PageDown | Key::Space => PresentKey::Next,
                Key::ArrowLeft | Key::ArrowUp | Key::PageUp => PresentKey::Previous,
                Key::Enter => PresentKey::Enter,
                Key::Backspace => PresentKey::Backspace,
                Key::Home => PresentKey::First,
                Key::End => PresentKey::Last,
                Key::B => PresentKey::Black,
                Key::W => PresentKey::White,
                Key::P => PresentKey::TogglePresenter,
                Key::T => PresentKey::ToggleTheme,
                Key::G => PresentKey::GoToPrompt,
                Key::Escape => PresentKey::Escape,
                // L is the laser pointer, held down (see `laser`); F5 does nothing here.
                Key::F5 | Key::L => return false,
                other => match other.name().parse::<u8>() {
                    Ok(digit) if digit <= 9 => PresentKey::Digit(digit),
                    _ => PresentKey::Other,
                },
            };
            keys.push(mapped);
            false
        });
        keys
    })
}

/// The view a step flies to: its own range, or a window around its event.
pub fn step_view(
    step: &PresentationStep,
    around_event: impl Fn(EventIndex) -> TimeView,
) -> TimeView {
    match step.view {
        Some((from, to)) => TimeView::between(from, to),
        None => around_event(step.event),
    }
}

/// The card's title (with the Korean title) and date, which are always shown whole:
/// the card is at least as tall as they need.
pub fn card_heading_ui(ui: &mut Ui, timeline: &Timeline, event: EventIndex, style: &TimelineStyle) {
    let Some(shown) = timeline.events.get(event) else {
        return;
    };
    let record = &shown.record;
    let title_size = style.text_size * 1.3;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(short_title(&record.title))
                .size(title_size)
                .strong()
                .color(style.text),
        );
        if let Some(korean) = &record.native_title {
            ui.label(
                RichText::new(&**korean)
                    .size(title_size * 0.75)
                    .color(style.weak_text),
            );
        }
    });
    ui.label(
        RichText::new(shown.date_label())
            .size(style.text_size * 1.1)
            .strong()
            .color(style.highlight),
    );
}

/// The large card of an event: title, date, summary and provenance notes, in the
/// height left in `ui`. Where the summary and notes do not all fit, a paragraph is cut
/// after its last whole row that does, ending in "…", and the notes after it are left
/// out; text is never cut mid-row.
///
/// When the event has places with coordinates, the locator map stands beside the text
/// ([`crate::ui::locator_map::beside_map_ui`]).
pub fn card_ui(ui: &mut Ui, timeline: &Timeline, event: EventIndex, style: &TimelineStyle) {
    crate::ui::locator_map::beside_map_ui(ui, timeline, event, style, |ui| {
        card_text_ui(ui, timeline, event, style)
    });
}

/// The card's text: [`card_ui`] without the map. Returns how many letters of the
/// summary and how many of its paragraphs (summary, notes) are shown, whole or cut.
fn card_text_ui(
    ui: &mut Ui,
    timeline: &Timeline,
    event: EventIndex,
    style: &TimelineStyle,
) -> (usize, usize) {
    let Some(shown) = timeline.events.get(event) else {
        return (0, 0);
    };
    let record = &shown.record;
    card_heading_ui(ui, timeline, event, style);
    ui.add_space(style.text_size * 0.3);
    let mut details = vec![(
        record.summary.to_string(),
        FontId::proportional(style.text_size),
        style.text,
    )];
    for flag in &record.flags {
        details.push((
            flag_line(flag),
            FontId::proportional(style.label_size),
            style.disputed,
        ));
    }
    let width = ui.available_width();
    let galleys: Vec<Arc<Galley>> = details
        .into_iter()
        .map(|(text, font, colour)| ui.painter().layout(text, font, colour, width))
        .collect();
    let row_bottoms: Vec<Vec<f32>> = galleys
        .iter()
        .map(|galley| galley.rows.iter().map(|row| row.max_y()).collect())
        .collect();
    let shown_rows = rows_that_fit(
        ui.available_height(),
        ui.spacing().item_spacing.y,
        &row_bottoms,
    );
    // A paragraph cut short ends in "…"; notes left out whole leave no mark (a "…"
    // after a complete sentence would read as if the sentence were cut).
    let shown_paragraphs = shown_rows.iter().take_while(|&&rows| rows > 0).count();
    // A summary shown whole counts as whole (a row break drops a space, so the rows of
    // a narrower column hold fewer glyphs for the same text).
    let summary_letters: usize = galleys.first().map_or(0, |galley| {
        let rows = shown_rows.first().copied().unwrap_or(0);
        if rows >= galley.rows.len() {
            usize::MAX
        } else {
            galley
                .rows
                .iter()
                .take(rows)
                .map(|row| row.glyphs.len())
                .sum()
        }
    });
    for (galley, rows) in galleys.into_iter().zip(shown_rows) {
        if rows == 0 {
            break;
        }
        if rows < galley.rows.len() {
            ui.label(elided(ui, &galley, rows, width));
        } else {
            ui.label(galley);
        }
    }
    (summary_letters, shown_paragraphs)
}

/// How many rows of each paragraph fit in `room` points when the paragraphs follow one
/// another `gap` apart, in order; `row_bottoms[i]` holds the bottom of each row of
/// paragraph `i`, measured from its top. After a paragraph that is cut, nothing is shown.
fn rows_that_fit(room: f32, gap: f32, row_bottoms: &[Vec<f32>]) -> Vec<usize> {
    // Layout rounds positions to pixels: a fraction of a point over is still a fit.
    let room = room + 0.5;
    let mut top = 0.0;
    let mut cut = false;
    row_bottoms
        .iter()
        .map(|bottoms| {
            let rows = if cut {
                0
            } else {
                bottoms
                    .iter()
                    .take_while(|&&bottom| top + bottom <= room)
                    .count()
            };
            cut |= rows < bottoms.len();
            top += bottoms.last().copied().unwrap_or(0.0) + gap;
            rows
        })
        .collect()
}

/// `galley` cut to its first `rows` rows, ending in "…" after the last whole word.
fn elided(ui: &Ui, galley: &Galley, rows: usize, width: f32) -> Arc<Galley> {
    let chars: usize = galley
        .rows
        .iter()
        .take(rows)
        .map(|row| row.char_count_excluding_newline().0 + usize::from(row.ends_with_newline))
        .sum();
    let mut kept: String = galley.text().chars().take(chars).collect();
    let format = galley
        .job
        .sections
        .first()
        .map(|section| section.format.clone())
        .unwrap_or_default();
    loop {
        let end = kept
            .trim_end()
            .trim_end_matches([',', ';', ':', '.', '–', '—', '-'])
            .trim_end();
        let mut job = LayoutJob::simple(
            format!("{end}…"),
            format.font_id.clone(),
            format.color,
            width,
        );
        job.wrap.max_rows = rows;
        let cut = ui.painter().layout_job(job);
        // Where "…" pushed the last word onto another row, that word goes too.
        match end.rfind(char::is_whitespace) {
            Some(space) if cut.elided => kept.truncate(space),
            _ => return cut,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lecture(steps: usize) -> Presentation {
        let steps = (0..steps)
            .map(|event| PresentationStep {
                event,
                view: None,
                note: None,
            })
            .collect();
        Presentation::new(steps, 0, 0.0)
    }

    #[test]
    fn clicker_keys_step_and_stop_at_the_ends() {
        let mut p = lecture(3);
        assert_eq!(p.press(PresentKey::Previous), PresentOutcome::Stay);
        assert_eq!(p.current, 0);
        assert_eq!(p.press(PresentKey::Next), PresentOutcome::Fly);
        assert_eq!(p.press(PresentKey::Enter), PresentOutcome::Fly);
        assert_eq!(p.current, 2);
        assert_eq!(p.press(PresentKey::Next), PresentOutcome::Stay);
        assert_eq!(p.press(PresentKey::Backspace), PresentOutcome::Fly);
        assert_eq!(p.current, 1);
        assert_eq!(p.press(PresentKey::First), PresentOutcome::Fly);
        assert_eq!(p.press(PresentKey::Last), PresentOutcome::Fly);
        assert_eq!(p.progress(), "3 / 3");
    }

    #[test]
    fn a_typed_number_and_enter_jumps() {
        let mut p = lecture(30);
        for digit in [1, 2] {
            assert_eq!(p.press(PresentKey::Digit(digit)), PresentOutcome::Stay);
        }
        assert_eq!(p.typed, "12");
        assert_eq!(p.press(PresentKey::Backspace), PresentOutcome::Stay);
        assert_eq!(p.press(PresentKey::Digit(5)), PresentOutcome::Stay);
        assert_eq!(p.press(PresentKey::Enter), PresentOutcome::Fly);
        assert_eq!(p.current, 14);
        assert!(p.typed.is_empty());
        // Past the end lands on the last step; Escape with digits only clears them.
        p.press(PresentKey::Digit(9));
        p.press(PresentKey::Digit(9));
        p.press(PresentKey::Enter);
        assert_eq!(p.current, 29);
        p.press(PresentKey::Digit(3));
        assert_eq!(p.press(PresentKey::Escape), PresentOutcome::Stay);
        assert_eq!(p.press(PresentKey::Escape), PresentOutcome::Leave);
    }

    #[test]
    fn a_blank_screen_lasts_until_any_key() {
        let mut p = lecture(5);
        p.press(PresentKey::Black);
        assert_eq!(p.blank, Some(Blank::Black));
        assert_eq!(p.press(PresentKey::Next), PresentOutcome::Stay);
        assert_eq!(p.blank, None);
        assert_eq!(
            p.current, 0,
            "the key that ends the blank does nothing else"
        );
        p.press(PresentKey::White);
        assert_eq!(p.blank, Some(Blank::White));
        p.press(PresentKey::Other);
        assert_eq!(p.blank, None);
    }

    #[test]
    fn details_that_do_not_fit_are_cut_after_whole_rows() {
        // A summary of two 25-point rows and two notes of 20-point rows, 4 points apart.
        let paragraphs = vec![vec![25.0, 50.0], vec![20.0, 40.0, 60.0], vec![20.0]];
        // Room for everything: 50 + 4 + 60 + 4 + 20.
        assert_eq!(rows_that_fit(138.0, 4.0, &paragraphs), vec![2, 3, 1]);
        // A little less: the last note goes.
        assert_eq!(rows_that_fit(130.0, 4.0, &paragraphs), vec![2, 3, 0]);
        // Two rows of the first note; after a cut note, no other is shown.
        assert_eq!(rows_that_fit(100.0, 4.0, &paragraphs), vec![2, 2, 0]);
        // Not even the summary's first row.
        assert_eq!(rows_that_fit(10.0, 4.0, &paragraphs), vec![0, 0, 0]);
        // Unlimited room (the measuring pass).
        assert_eq!(
            rows_that_fit(f32::INFINITY, 4.0, &paragraphs),
            vec![2, 3, 1]
        );
    }

    #[test]
    fn a_file_without_a_tour_steps_by_start_then_importance_then_title() {
        let event = |id: &str, date: &str, end: &str, importance: u8| {
            let end = if end.is_empty() {
                String::new()
            } else {
                format!("end: \"{end}\",")
            };
            format!(
                "(id: \"{id}\", title: \"{id}\", date: \"{date}\", {end} category: \"a\", \
                 importance: {importance}, summary: \"s\", sources: [Seed(quote: \"q\")]),"
            )
        };
        let events = [
            // A period from December 1955 starts before a point in February 1956.
            event("secret-speech", "1956-02-25", "", 5),
            event("purges", "1955-12", "1958", 3),
            // "1956" starts on 1 January: before February, after December 1955.
            event("year", "1956", "", 1),
            // Same start: the more important first, then by title.
            event("b-minor", "1957-03-01", "", 2),
            event("major", "1957-03-01", "", 4),
            event("a-minor", "1957-03-01", "", 2),
        ]
        .concat();
        let text = format!(
            "(title: \"t\", span: (\"1950\", \"1960\"), categories: [(id: \"a\", name: \"A\", \
             colour: \"#000000\")], events: [{events}])"
        );
        let timeline =
            crate::model::load::load_str("fixture", &text).unwrap_or_else(|e| panic!("{e}"));
        let order: Vec<&str> = presentation_steps(&timeline)
            .iter()
            .map(|step| timeline.events[step.event].record.title.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "purges",
                "year",
                "secret-speech",
                "major",
                "a-minor",
                "b-minor"
            ]
        );
    }

    #[test]
    fn the_timer_pauses_resets_and_survives_a_resume() {
        let mut p = lecture(5);
        assert_eq!(p.elapsed(10.0), 10.0);
        p.toggle_pause(10.0);
        assert_eq!(p.elapsed(50.0), 10.0, "paused");
        p.toggle_pause(50.0);
        assert_eq!(p.elapsed(60.0), 20.0, "the pause does not count");
        p.reset_timer(60.0);
        assert_eq!(p.elapsed(65.0), 5.0);
        p.press(PresentKey::Last);
        let resumed = p.clone().resumed(lecture(3).steps);
        assert_eq!(resumed.current, 2, "clamped to a shorter tour");
        assert_eq!(resumed.elapsed(65.0), 5.0, "the timer runs on");
        assert_eq!(p.elapsed(f64::NAN), 0.0);
    }

    #[test]
    fn a_clicked_event_shows_its_card_until_the_next_step() {
        let mut p = lecture(5);
        p.card_override = Some(4);
        assert_eq!(p.card_event(), Some(4));
        assert_eq!(p.current, 0);
        p.press(PresentKey::Next);
        assert_eq!(p.card_event(), Some(1));
    }
}
