//! The web entry point (issue 17): the same [`TimelineApp`] in a browser, through
//! eframe's web runner on the page's `<canvas id="wpk_timeline_canvas">` (see
//! `index.html`; `scripts/web` builds the folder). The page's address says what to open
//! ([`wpk_timeline::platform::web_start`]): `?file=` is fetched from the same site while
//! the window already shows its progress, and the rest are the desktop's options.
//! Everything else that differs from the desktop lives behind `wpk_timeline::platform`.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

/// Built for the desktop this binary does nothing: the desktop program is `wpk-timeline`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "wpk-timeline-web is the web build's entry point; build it with scripts/web \
         (cargo build --target wasm32-unknown-unknown --features web)"
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    use wpk_timeline::app::{AppOptions, TimelineApp};
    use wpk_timeline::platform;

    let runner = eframe::WebRunner::new();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            web_sys::console::error_1(&"wpk-timeline: no document to run in".into());
            return;
        };
        let page = document
            .location()
            .and_then(|l| l.href().ok())
            .unwrap_or_default();
        let start = platform::web_start::parse(&page);
        for problem in &start.problems {
            web_sys::console::warn_1(&format!("wpk-timeline: the address: {problem}").into());
        }
        let file = start.file.map(|(name, fetched)| {
            let path = std::path::PathBuf::from(&name);
            match fetched {
                Ok(url) => platform::files::fetch(path.clone(), url),
                Err(why) => platform::files::remember(&path, Err(why)),
            }
            path
        });
        let options = AppOptions {
            file,
            view: start.view,
            event: start.event,
            screenshot: None,
            present: start.present,
            presenter: false,
            step: start.step,
            settings_path: platform::settings_location::default_path(),
            dark: start.dark,
            native_dialogs: true,
        };
        let app = TimelineApp::start(options);
        document.set_title(&app.window_title());
        let Some(canvas) = document
            .get_element_by_id("wpk_timeline_canvas")
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            web_sys::console::error_1(
                &"wpk-timeline: no <canvas id=\"wpk_timeline_canvas\">".into(),
            );
            return;
        };
        let started = runner
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|_cc| Ok(Box::new(app))),
            )
            .await;
        let loading = document.get_element_by_id("wpk_timeline_loading");
        match started {
            Ok(()) => {
                if let Some(loading) = loading {
                    loading.remove();
                }
            }
            Err(error) => {
                let why = wpk_timeline::platform::files::describe_js(&error);
                web_sys::console::error_1(&format!("wpk-timeline: could not start: {why}").into());
                if let Some(loading) = loading {
                    loading.set_text_content(Some(&format!(
                        "The timeline could not start in this browser: {why}"
                    )));
                }
            }
        }
    });
}
