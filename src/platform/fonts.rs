//! The Korean font embedded in the application (desktop: the whole NanumGothic, SIL
//! OFL, `assets/fonts/`, Hangul and Hanja).

/// The font's bytes, embedded in the binary.
pub const HANGUL_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// What the About window says of it.
pub const HANGUL_FONT_CREDIT: &str =
    "NanumGothic, © NAVER Corporation, under the SIL Open Font License 1.1.";

#[cfg(test)]
mod tests {
    use skrifa::MetadataProvider;
    use skrifa::string::StringId;

    /// The web build's font (`web/fonts.rs`, made by `scripts/web-font`), checked here
    /// where tests run.
    const WEB_FONT: &[u8] = include_bytes!("../../assets/fonts/WPKHangul-web.ttf");

    #[test]
    fn the_web_font_has_every_hangul_syllable_and_the_dataset_s_characters() {
        let font = skrifa::FontRef::new(WEB_FONT).expect("the web font parses");
        let charmap = font.charmap();
        for c in ('가'..='힣').chain('A'..='z').chain("·–—‘’“”…".chars()) {
            assert!(
                charmap.map(c).is_some(),
                "{c:?} ({:X}) is missing",
                c as u32
            );
        }
        // Every character of the built-in dataset that the desktop draws in NanumGothic
        // (run scripts/web-font when the dataset gains one).
        let desktop = skrifa::FontRef::new(super::HANGUL_FONT).expect("NanumGothic parses");
        let dataset = include_str!("../../data/wpk_history.ron");
        for c in dataset
            .chars()
            .filter(|&c| !c.is_control() && desktop.charmap().map(c).is_some())
        {
            assert!(
                charmap.map(c).is_some(),
                "{c:?} is in the dataset but not the web font"
            );
        }
    }

    #[test]
    fn the_web_font_does_not_carry_nanumgothic_s_reserved_name() {
        // The SIL OFL's Reserved Font Name: a modified version is renamed.
        let font = skrifa::FontRef::new(WEB_FONT).expect("the web font parses");
        let names: Vec<String> = [
            StringId::FAMILY_NAME,
            StringId::FULL_NAME,
            StringId::POSTSCRIPT_NAME,
            StringId::UNIQUE_ID,
        ]
        .into_iter()
        .flat_map(|id| font.localized_strings(id).map(|s| s.to_string()))
        .collect();
        assert!(names.iter().any(|n| n == "WPK Hangul"), "{names:?}");
        for name in &names {
            assert!(!name.contains("Nanum"), "{name:?} carries a reserved name");
        }
        assert!(WEB_FONT.len() * 2 < super::HANGUL_FONT.len());
    }
}
