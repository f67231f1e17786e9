//! Pictures decoded off the UI thread and kept within a memory bound (issue 14).
//!
//! The UI asks the [`ImageCache`] for a picture at a size each frame it shows one;
//! the first ask queues a decode, later ones get a placeholder until the worker hands
//! the pixels back, then the texture. A decode reads the file through the platform
//! ([`crate::platform::images`]), decodes and shrinks it ([`crate::model::media`]) on a
//! worker ([`crate::platform::tasks`]), and sends RGBA back through a channel; the UI
//! thread only uploads it ([`egui::Context::load_texture`]).
//!
//! The bound: at most [`CacheLimits::thumbnails`] thumbnails and
//! [`CacheLimits::displays`] large images are kept, the least recently shown dropped
//! first (their textures are freed with their handles); at most
//! [`CacheLimits::decoding`] decodes run at once, and at most [`CacheLimits::waiting`]
//! wait, the newest first, so flicking through many events does not pile up work for
//! pictures no longer on screen. [`ImageCache::cached_bytes`] is the cache's own
//! accounting, and never exceeds [`CacheLimits::max_bytes`].

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::model::media::{DISPLAY_SIDE, Rgba, THUMBNAIL_SIDE, decode_to_fit};

/// Which size of a picture is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageSize {
    /// At most [`THUMBNAIL_SIDE`] pixels on its longer side: strips and small cards.
    Thumbnail,
    /// At most [`DISPLAY_SIDE`] pixels: the large view and the presentation card.
    Display,
}

impl ImageSize {
    /// The longest side, in pixels.
    pub fn max_side(self) -> u32 {
        match self {
            Self::Thumbnail => THUMBNAIL_SIDE,
            Self::Display => DISPLAY_SIDE,
        }
    }

    /// The most bytes one picture of this size holds (RGBA).
    pub fn max_bytes(self) -> usize {
        let side = self.max_side() as usize;
        side * side * 4
    }
}

/// How much the cache keeps and does at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheLimits {
    /// Thumbnails kept.
    pub thumbnails: usize,
    /// Large pictures kept.
    pub displays: usize,
    /// Decodes running at once.
    pub decoding: usize,
    /// Decodes waiting to start; older ones are forgotten.
    pub waiting: usize,
}

impl Default for CacheLimits {
    /// 64 thumbnails (16 MiB at most) and 3 large pictures (48 MiB at most); two
    /// decodes at once, sixteen waiting.
    fn default() -> Self {
        Self {
            thumbnails: 64,
            displays: 3,
            decoding: 2,
            waiting: 16,
        }
    }
}

impl CacheLimits {
    /// The most bytes of pixels the cache holds.
    pub fn max_bytes(&self) -> usize {
        self.thumbnails * ImageSize::Thumbnail.max_bytes()
            + self.displays * ImageSize::Display.max_bytes()
    }

    fn kept(&self, size: ImageSize) -> usize {
        match size {
            ImageSize::Thumbnail => self.thumbnails,
            ImageSize::Display => self.displays,
        }
    }
}

/// A picture as the UI finds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Picture {
    /// Not decoded yet: show a placeholder.
    Loading,
    /// Ready: the texture and its size in pixels.
    Ready {
        /// The uploaded texture.
        texture: egui::TextureId,
        /// Its width and height in pixels.
        size: egui::Vec2,
    },
    /// It cannot be shown: why, a phrase following the file's name (`is missing …`).
    Failed(String),
}

type Key = (PathBuf, ImageSize);

enum State {
    Waiting,
    Decoding,
    Ready {
        texture: egui::TextureHandle,
        bytes: usize,
    },
    Failed(String),
}

struct Entry {
    state: State,
    /// When it was last asked for (the cache's own clock).
    used: u64,
}

/// Decoded pictures by file and size, within [`CacheLimits`].
pub struct ImageCache {
    entries: HashMap<Key, Entry>,
    /// Decodes not started yet, the most recently asked for first.
    waiting: VecDeque<Key>,
    decoding: usize,
    sender: Sender<(Key, Result<Rgba, String>)>,
    results: Receiver<(Key, Result<Rgba, String>)>,
    clock: u64,
    limits: CacheLimits,
}

impl Default for ImageCache {
    fn default() -> Self {
        Self::new(CacheLimits::default())
    }
}

impl ImageCache {
    /// An empty cache with these limits.
    pub fn new(limits: CacheLimits) -> Self {
        let (sender, results) = channel();
        Self {
            entries: HashMap::new(),
            waiting: VecDeque::new(),
            decoding: 0,
            sender,
            results,
            clock: 0,
            limits,
        }
    }

    /// The limits it keeps.
    pub fn limits(&self) -> CacheLimits {
        self.limits
    }

    /// The picture at `path` in `size`: ready, failed, or loading (its decode queued).
    pub fn get(&mut self, ctx: &egui::Context, path: &Path, size: ImageSize) -> Picture {
        self.clock += 1;
        let key = (path.to_path_buf(), size);
        let entry = self.entries.entry(key.clone()).or_insert(Entry {
            state: State::Waiting,
            used: 0,
        });
        entry.used = self.clock;
        let picture = match &entry.state {
            State::Waiting => None,
            State::Decoding => Some(Picture::Loading),
            State::Ready { texture, .. } => Some(Picture::Ready {
                texture: texture.id(),
                size: texture.size_vec2(),
            }),
            State::Failed(why) => Some(Picture::Failed(why.clone())),
        };
        let picture = picture.unwrap_or_else(|| {
            // Asked for (again): to the front of the queue; the oldest beyond the
            // limit are forgotten.
            self.waiting.retain(|waiting| *waiting != key);
            self.waiting.push_front(key);
            while self.waiting.len() > self.limits.waiting {
                if let Some(forgotten) = self.waiting.pop_back() {
                    self.entries.remove(&forgotten);
                }
            }
            Picture::Loading
        });
        self.start_decodes(ctx);
        picture
    }

    /// Takes in what the workers finished (uploading textures), drops what is over the
    /// limits, and starts waiting decodes. Call once a frame.
    pub fn update(&mut self, ctx: &egui::Context) {
        while let Ok((key, result)) = self.results.try_recv() {
            self.decoding = self.decoding.saturating_sub(1);
            let Some(entry) = self.entries.get_mut(&key) else {
                continue;
            };
            entry.state = match result {
                Ok(rgba) => {
                    let size = [rgba.width as usize, rgba.height as usize];
                    let bytes = rgba.pixels.len();
                    let image = egui::ColorImage::from_rgba_unmultiplied(size, &rgba.pixels);
                    let name = format!("{} ({:?})", key.0.display(), key.1);
                    State::Ready {
                        texture: ctx.load_texture(name, image, egui::TextureOptions::LINEAR),
                        bytes,
                    }
                }
                Err(why) => State::Failed(why),
            };
        }
        self.evict();
        self.start_decodes(ctx);
    }

    /// Whether a decode is running or waiting (a screenshot waits for them).
    pub fn is_busy(&self) -> bool {
        self.decoding > 0 || !self.waiting.is_empty()
    }

    /// The bytes of pixels held in textures now.
    pub fn cached_bytes(&self) -> usize {
        self.entries
            .values()
            .map(|entry| match entry.state {
                State::Ready { bytes, .. } => bytes,
                _ => 0,
            })
            .sum()
    }

    /// How many textures the cache holds.
    pub fn texture_count(&self) -> usize {
        self.entries
            .values()
            .filter(|entry| matches!(entry.state, State::Ready { .. }))
            .count()
    }

    /// Forgets every picture (a new file is open): textures are freed, running
    /// decodes are ignored when they finish.
    pub fn clear(&mut self) {
        self.entries
            .retain(|_, entry| matches!(entry.state, State::Decoding));
        self.waiting.clear();
    }

    /// Drops the least recently asked-for finished pictures over each size's limit.
    fn evict(&mut self) {
        for size in [ImageSize::Thumbnail, ImageSize::Display] {
            let mut finished: Vec<(u64, Key)> = self
                .entries
                .iter()
                .filter(|(key, entry)| {
                    key.1 == size && matches!(entry.state, State::Ready { .. } | State::Failed(_))
                })
                .map(|(key, entry)| (entry.used, key.clone()))
                .collect();
            let keep = self.limits.kept(size);
            if finished.len() <= keep {
                continue;
            }
            finished.sort_unstable_by_key(|(used, _)| *used);
            let over = finished.len() - keep;
            for (_, key) in finished.into_iter().take(over) {
                self.entries.remove(&key);
            }
        }
    }

    /// Starts waiting decodes while fewer than the limit run.
    fn start_decodes(&mut self, ctx: &egui::Context) {
        while self.decoding < self.limits.decoding {
            let Some(key) = self.waiting.pop_front() else {
                return;
            };
            let Some(entry) = self.entries.get_mut(&key) else {
                continue;
            };
            let sender = self.sender.clone();
            let repaint = ctx.clone();
            let (path, size) = key.clone();
            let job = move || {
                let result = crate::platform::images::read_image(&path)
                    .and_then(|bytes| decode_to_fit(&bytes, size.max_side()));
                let _ = sender.send(((path, size), result));
                repaint.request_repaint();
            };
            match crate::platform::tasks::spawn("image-decoder", job) {
                Ok(()) => {
                    entry.state = State::Decoding;
                    self.decoding += 1;
                }
                Err(error) => entry.state = State::Failed(format!("cannot be decoded: {error}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(folder: &Path, name: &str, width: u32, height: u32) -> PathBuf {
        let path = folder.join(name);
        image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
            .save(&path)
            .expect("save");
        path
    }

    /// Updates until nothing is decoding or waiting.
    fn settle(cache: &mut ImageCache, ctx: &egui::Context) {
        for _ in 0..100_000 {
            cache.update(ctx);
            if !cache.is_busy() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the decodes never finished");
    }

    #[test]
    fn a_picture_loads_then_is_ready_and_a_missing_one_fails() {
        let folder = tempfile::tempdir().expect("folder");
        let path = png(folder.path(), "a.png", 600, 300);
        let ctx = egui::Context::default();
        let mut cache = ImageCache::default();
        assert_eq!(
            cache.get(&ctx, &path, ImageSize::Thumbnail),
            Picture::Loading
        );
        let missing = folder.path().join("none.png");
        cache.get(&ctx, &missing, ImageSize::Thumbnail);
        settle(&mut cache, &ctx);
        match cache.get(&ctx, &path, ImageSize::Thumbnail) {
            Picture::Ready { size, .. } => assert_eq!(size, egui::vec2(256.0, 128.0)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            cache.get(&ctx, &missing, ImageSize::Thumbnail),
            Picture::Failed(why) if why.contains("missing")
        ));
        assert_eq!(cache.cached_bytes(), 256 * 128 * 4);
        assert_eq!(cache.texture_count(), 1);
        cache.clear();
        assert_eq!((cache.cached_bytes(), cache.texture_count()), (0, 0));
    }

    #[test]
    fn the_least_recently_shown_are_dropped_over_the_limit() {
        let folder = tempfile::tempdir().expect("folder");
        let paths: Vec<PathBuf> = (0..4)
            .map(|i| png(folder.path(), &format!("{i}.png"), 40, 40))
            .collect();
        let ctx = egui::Context::default();
        let mut cache = ImageCache::new(CacheLimits {
            thumbnails: 2,
            displays: 1,
            decoding: 1,
            waiting: 8,
        });
        for path in &paths[..2] {
            cache.get(&ctx, path, ImageSize::Thumbnail);
        }
        settle(&mut cache, &ctx);
        // The first is shown again, then two new ones: the second goes, then the first.
        cache.get(&ctx, &paths[0], ImageSize::Thumbnail);
        cache.get(&ctx, &paths[2], ImageSize::Thumbnail);
        settle(&mut cache, &ctx);
        assert!(matches!(
            cache.get(&ctx, &paths[0], ImageSize::Thumbnail),
            Picture::Ready { .. }
        ));
        assert_eq!(cache.texture_count(), 2);
        assert_eq!(
            cache.get(&ctx, &paths[1], ImageSize::Thumbnail),
            Picture::Loading,
            "the second was dropped and is decoded again"
        );
    }

    #[test]
    fn only_the_newest_waiting_decodes_are_kept() {
        let folder = tempfile::tempdir().expect("folder");
        let ctx = egui::Context::default();
        let mut cache = ImageCache::new(CacheLimits {
            thumbnails: 64,
            displays: 1,
            decoding: 1,
            waiting: 3,
        });
        let paths: Vec<PathBuf> = (0..10)
            .map(|i| png(folder.path(), &format!("{i}.png"), 8, 8))
            .collect();
        for path in &paths {
            cache.get(&ctx, path, ImageSize::Thumbnail);
        }
        settle(&mut cache, &ctx);
        // The first started at once; of the nine after it, the last three waited.
        assert_eq!(cache.texture_count(), 4);
        for path in [&paths[0], &paths[7], &paths[8], &paths[9]] {
            assert!(matches!(
                cache.get(&ctx, path, ImageSize::Thumbnail),
                Picture::Ready { .. }
            ));
        }
    }
}
