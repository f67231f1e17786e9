//! The About window: the program's version and commit, the licences of the code, the
//! data and the font, the attribution of the Wikipedia text the data quotes, and where
//! the list of third-party crate licences shipped with the package is.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::build_info;

/// The file name of the third-party licence list that `scripts/package` ships.
pub const THIRD_PARTY_LICENSES: &str = "THIRD-PARTY-LICENSES.html";

/// The Wikipedia article that `data/seed.txt` is taken from, and where it is.
pub use crate::model::citation::{SEED_ARTICLE_TITLE, SEED_ARTICLE_URL};
/// The licence of the article, and so of the seed text and the dataset that quotes it.
pub const DATA_LICENSE: &str = "CC BY-SA 4.0";
/// The licence's deed.
pub const DATA_LICENSE_URL: &str = "https://creativecommons.org/licenses/by-sa/4.0/";

const LICENSE_MIT: &str = include_str!("../../LICENSE-MIT");
const LICENSE_APACHE: &str = include_str!("../../LICENSE-APACHE");
const FONT_LICENSE: &str = include_str!("../../assets/fonts/NanumGothic-LICENSE.txt");

/// The program's name as the About window shows it, whatever file is open.
pub const PROGRAM_NAME: &str = "wpk-timeline";

/// The About window's title, and the File menu's entry that opens it.
pub const ABOUT_TITLE: &str = "About wpk-timeline";

/// The About window's state: open or not, and the licence list found when it opened.
#[derive(Debug, Default)]
pub struct About {
    open: bool,
    third_party: Option<PathBuf>,
}

impl About {
    /// Opens the window and looks for the shipped third-party licence list.
    pub fn open(&mut self) {
        self.open = true;
        self.third_party = std::env::current_exe().ok().and_then(|exe| {
            third_party_candidates(&exe)
                .into_iter()
                .find(|p| p.is_file())
        });
    }

    /// Whether the window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Shows the window while it is open.
    pub fn show(&mut self, ctx: &egui::Context) {
        let mut open = self.open;
        egui::Window::new(ABOUT_TITLE)
            .open(&mut open)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .default_width(560.0)
            .default_height(520.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.contents(ui));
            });
        self.open = open;
    }

    fn contents(&self, ui: &mut Ui) {
        ui.heading(PROGRAM_NAME);
        ui.label(format!(
            "Version {} (commit {})",
            build_info::VERSION,
            build_info::COMMIT
        ));
        ui.label(
            "A zoomable, presentable viewer for timelines of history, written as RON files; \
             it comes with one built in (the Workers' Party of Korea, 1926–2021).",
        );

        ui.add_space(8.0);
        ui.strong("The program");
        ui.label(
            "Copyright the wpk-timeline contributors. Licensed under the MIT licence or the \
             Apache License 2.0, at your option.",
        );
        licence_text(ui, "MIT licence", LICENSE_MIT);
        licence_text(ui, "Apache License 2.0", LICENSE_APACHE);

        ui.add_space(8.0);
        ui.strong("The data");
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.label("The built-in dataset quotes and is based on the Wikipedia article ");
            ui.hyperlink_to(format!("“{SEED_ARTICLE_TITLE}”"), SEED_ARTICLE_URL);
            ui.label(" by Wikipedia contributors, licensed under ");
            ui.hyperlink_to(DATA_LICENSE, DATA_LICENSE_URL);
            ui.label(
                ". The dataset (wpk_history.ron) is licensed under CC BY-SA 4.0 as well; \
                 its titles, summaries and accounts are written for this project, and the \
                 quotations from the article are marked as such.",
            );
        });

        ui.add_space(8.0);
        ui.strong("The Hangul font");
        ui.label(crate::platform::fonts::HANGUL_FONT_CREDIT);
        licence_text(ui, "NanumGothic licence", FONT_LICENSE);

        ui.add_space(8.0);
        ui.strong("Third-party crates");
        match &self.third_party {
            Some(path) => {
                ui.label("The licences of every crate built into the program are listed in");
                ui.hyperlink_to(path.display().to_string(), file_url(path));
            }
            None => {
                ui.label(format!(
                    "The licences of every crate built into the program are listed in \
                     {THIRD_PARTY_LICENSES}, shipped beside the program in every package \
                     (not found for this copy: a build from source makes it with \
                     scripts/package)."
                ));
            }
        }
    }
}

/// A licence's full text, folded away until asked for.
fn licence_text(ui: &mut Ui, title: &str, text: &str) {
    egui::CollapsingHeader::new(format!("Full text: {title}"))
        .id_salt(title)
        .show(ui, |ui| {
            ui.label(RichText::new(text).monospace().size(11.0));
        });
}

/// Where a package puts the third-party licence list, relative to the executable:
/// beside it (the tar.gz and the Windows zip), or in `share/doc/wpk-timeline/` next
/// to the `bin/` it is in (the `.deb`, and `/usr/local` installs).
pub fn third_party_candidates(exe: &Path) -> Vec<PathBuf> {
    let Some(dir) = exe.parent() else {
        return Vec::new();
    };
    let mut candidates = vec![dir.join(THIRD_PARTY_LICENSES)];
    if let Some(prefix) = dir.parent() {
        candidates.push(
            prefix
                .join("share/doc/wpk-timeline")
                .join(THIRD_PARTY_LICENSES),
        );
    }
    candidates
}

/// A `file://` URL for a local path, for the browser.
pub fn file_url(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // `C:/…` on Windows becomes `file:///C:/…`.
        url.push('/');
    }
    for c in text.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '%' => url.push_str("%25"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_looked_for_beside_the_program_and_in_share_doc() {
        let candidates = third_party_candidates(Path::new("/usr/bin/wpk-timeline"));
        assert_eq!(
            candidates,
            vec![
                PathBuf::from("/usr/bin/THIRD-PARTY-LICENSES.html"),
                PathBuf::from("/usr/share/doc/wpk-timeline/THIRD-PARTY-LICENSES.html"),
            ]
        );
        assert!(third_party_candidates(Path::new("")).is_empty());
    }

    #[test]
    fn file_urls_escape_what_a_browser_would_misread() {
        assert_eq!(
            file_url(Path::new("/opt/my apps/x#1.html")),
            "file:///opt/my%20apps/x%231.html"
        );
        assert_eq!(
            file_url(Path::new("C:\\Program Files\\wpk\\a.html")),
            "file:///C:/Program%20Files/wpk/a.html"
        );
    }

    #[test]
    fn the_shipped_licence_texts_are_the_real_ones() {
        assert!(LICENSE_MIT.contains("Permission is hereby granted, free of charge"));
        assert!(LICENSE_APACHE.contains("Apache License"));
        assert!(LICENSE_APACHE.contains("Version 2.0, January 2004"));
        assert!(FONT_LICENSE.contains("SIL Open Font License"));
    }
}
