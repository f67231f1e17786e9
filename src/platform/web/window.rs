//! The window itself (web: eframe's web runner ignores viewport commands, so full
//! screen is asked of the browser: the page's root element, as a video player does).
//! Browsers grant it only just after a key press or click, which is when presenting
//! starts; a refusal leaves the page as it is (the browser's own F11 still works).

use wasm_bindgen::JsCast;

/// Whether the application can close its own window: a page cannot close its tab, so
/// the File menu has no Quit.
pub const CAN_QUIT: bool = false;

/// Whether the application can open a second window (the presenter's view): a page
/// cannot (egui would draw it inside the page, on the projector for all to read).
pub const SECOND_WINDOWS: bool = false;

/// Asks the browser for full screen (presenting), or gives the screen back.
pub fn set_fullscreen(_ctx: &egui::Context, on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let is_fullscreen = document.fullscreen_element().is_some();
    let (target, method): (wasm_bindgen::JsValue, &str) = match (on, is_fullscreen) {
        (true, false) => match document.document_element() {
            Some(root) => (root.into(), "requestFullscreen"),
            None => return,
        },
        (false, true) => (document.into(), "exitFullscreen"),
        _ => return,
    };
    // Called by name to keep the promise: awaiting it handles a refusal quietly,
    // instead of an "uncaught (in promise)" error in the console.
    let promise = js_sys::Reflect::get(&target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&target).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = promise {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
