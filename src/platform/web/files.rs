//! Files on the web: a page cannot see the disk, so every timeline it opens was handed
//! over by the browser (the file picker, a dropped file, or `?file=URL` fetched from the
//! same site) and is kept here in memory under its name. The loader reads them through
//! the same [`read_timeline`] as on the desktop, so a file with a mistake gets the same
//! positioned messages. Writing a file (an SVG or PNG export) downloads it.
//!
//! Reading a dropped file and fetching a URL take time and are asynchronous in the
//! browser; such a file is *pending* until its bytes arrive, and the loader
//! ([`super::tasks::spawn`]) waits for pending files ([`until_nothing_pending`]) before it
//! runs, so opening a file the moment it is dropped works.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::SystemTime;

use wasm_bindgen::JsCast;

use crate::model::diagnostic::Diagnostic;
use crate::model::load::{LoadError, MAX_FILE_BYTES};

thread_local! {
    /// The files the browser handed over, by name: their bytes, or why there are none.
    static FILES: RefCell<HashMap<PathBuf, Result<Vec<u8>, String>>> = RefCell::new(HashMap::new());
    /// How many files are still on their way.
    static PENDING: Cell<usize> = const { Cell::new(0) };
    /// Who waits for the pending files.
    static WAITING: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `contents` (the bytes, or why they could not be had) as the file `path`.
pub fn remember(path: &Path, contents: Result<Vec<u8>, String>) {
    FILES.with(|files| files.borrow_mut().insert(path.to_path_buf(), contents));
}

/// Marks the file `path` as on its way: `contents` delivers it (the bytes or why not).
pub fn remember_later(
    path: PathBuf,
    contents: impl Future<Output = Result<Vec<u8>, String>> + 'static,
) {
    PENDING.with(|pending| pending.set(pending.get() + 1));
    wasm_bindgen_futures::spawn_local(async move {
        let contents = contents.await;
        remember(&path, contents);
        PENDING.with(|pending| pending.set(pending.get().saturating_sub(1)));
        if PENDING.with(Cell::get) == 0 {
            for waker in WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut())) {
                waker.wake();
            }
        }
    });
}

/// Resolves once no file is on its way any more.
pub fn until_nothing_pending() -> impl Future<Output = ()> {
    NothingPending
}

struct NothingPending;

impl Future for NothingPending {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if PENDING.with(Cell::get) == 0 {
            Poll::Ready(())
        } else {
            WAITING.with(|waiting| waiting.borrow_mut().push(cx.waker().clone()));
            Poll::Pending
        }
    }
}

/// The path to open for a file dropped on the page (its name), after starting to read
/// its bytes; `None` for an entry without a name.
pub fn dropped(file: &egui::DroppedFileHandle) -> Option<PathBuf> {
    let path = file.path().to_path_buf();
    if path.as_os_str().is_empty() {
        return None;
    }
    let file = file.clone();
    remember_later(path.clone(), async move { file.bytes_async().await });
    Some(path)
}

/// Fetches `url` (on the same site) as the file `path`; a failure is kept as the file's
/// error, so it is shown where the file's problems are shown.
pub fn fetch(path: PathBuf, url: String) {
    remember_later(path, async move { fetch_bytes(&url).await });
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|error| format!("could not be fetched from {url} ({})", describe_js(&error)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("could not be fetched from {url}"))?;
    if !response.ok() {
        return Err(format!(
            "could not be fetched from {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|error| describe_js(&error))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|error| format!("could not be read from {url} ({})", describe_js(&error)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A JavaScript error in words.
pub fn describe_js(value: &wasm_bindgen::JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Whether a file can be opened again later by its path: no, a page only has the files
/// the browser handed over in this visit (the File menu has no Open by path or recent
/// files).
pub const PATHS_PERSIST: bool = false;

/// Reads a timeline the browser handed over, within the loader's limits.
pub fn read_timeline(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let contents = FILES.with(|files| files.borrow().get(path).cloned());
    match contents {
        None => Err(LoadError::Unreadable(Diagnostic::whole_file(
            name,
            "is not here: a web page can only open a file chosen with Open, dropped on it, \
             or named by ?file= in its address",
        ))),
        Some(Err(why)) => Err(LoadError::Unreadable(Diagnostic::whole_file(name, why))),
        Some(Ok(bytes)) if bytes.len() as u64 > MAX_FILE_BYTES => {
            Err(LoadError::Invalid(vec![Diagnostic::whole_file(
                name,
                format!(
                    "is too large to be a timeline: the limit is {} MiB",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )]))
        }
        Some(Ok(bytes)) => Ok(bytes),
    }
}

/// Loads a timeline the browser handed over (its bytes are in memory already: `read`
/// gets all of them at once).
pub fn load_timeline(
    path: &Path,
    name: &str,
    read: &std::sync::atomic::AtomicU64,
) -> Result<crate::model::timeline::Timeline, LoadError> {
    let bytes = read_timeline(path, name)?;
    read.store(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
    let folder = crate::platform::images::media_folder(path);
    crate::model::load::load_owned_in(name, bytes, folder.as_deref())
}

/// "Writes" `bytes` to `path` the only way a page can: the browser downloads them under
/// the file's name.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map_or_else(
        || "download".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    download(&name, bytes).map_err(|why| format!("cannot download {name}: {why}"))
}

fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|e| describe_js(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe_js(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe_js(&e))?
        .dyn_into()
        .map_err(|_| "cannot make a link".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Whether the browser handed over nothing under `path`.
pub fn is_missing(path: &Path) -> bool {
    FILES.with(|files| !files.borrow().contains_key(path))
}

/// What identifies a version of a file: here only its size (files never change in place).
pub fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    FILES.with(|files| match files.borrow().get(path) {
        Some(Ok(bytes)) => Some((bytes.len() as u64, SystemTime::UNIX_EPOCH)),
        _ => None,
    })
}
