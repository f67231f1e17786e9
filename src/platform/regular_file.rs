//! Opening a file for reading only if it is a regular file, without ever blocking.
//!
//! Looking at a path before opening it is not enough: a FIFO swapped in between the
//! look and the `open` (`rm f; mkfifo f` while the app reloads) would block `open`
//! until someone writes to it. So on Unix the file is opened non-blocking (opening a
//! FIFO that way returns at once) and the opened handle itself is examined; anything
//! but a regular file is refused. Reading a regular file is unaffected by the flag.

use std::fs::{File, FileType, Metadata};
use std::path::Path;

/// Why [`open_regular`] gave no file.
#[derive(Debug)]
pub enum OpenError {
    /// The path could not be opened or examined.
    Io(std::io::Error),
    /// It opened, but is not a regular file (a directory, pipe, device or socket): what
    /// it is.
    NotRegular(FileType),
}

/// Opens `path` for reading if it is a regular file (following symbolic links),
/// returning the handle with its metadata, taken from the handle itself. Never blocks
/// on a pipe; a terminal is not made the controlling terminal.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), OpenError> {
    let file = open_options().open(path).map_err(OpenError::Io)?;
    let metadata = file.metadata().map_err(OpenError::Io)?;
    if metadata.is_file() {
        Ok((file, metadata))
    } else {
        Err(OpenError::NotRegular(metadata.file_type()))
    }
}

#[cfg(unix)]
fn open_options() -> std::fs::OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.read(true).custom_flags(never_block_flags());
    options
}

#[cfg(not(unix))]
fn open_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    options
}

/// `O_NONBLOCK` (and on Linux `O_NOCTTY`), written out because `libc` is not a direct
/// dependency. Values from the kernel's `asm-generic/fcntl.h`, which the Linux
/// architectures listed use, and from the BSDs' and macOS's `sys/fcntl.h` (where `open`
/// never takes a controlling terminal anyway). On a target not listed the flags are 0:
/// the look at the path before opening still refuses pipes, only the narrow race is
/// left open there.
#[cfg(unix)]
const fn never_block_flags() -> i32 {
    const LINUX_O_NONBLOCK: i32 = 0o4000;
    const LINUX_O_NOCTTY: i32 = 0o400;
    const BSD_O_NONBLOCK: i32 = 0x0004;
    if cfg!(all(
        target_os = "linux",
        any(
            target_arch = "x86",
            target_arch = "x86_64",
            target_arch = "arm",
            target_arch = "aarch64",
            target_arch = "riscv64",
            target_arch = "powerpc64",
            target_arch = "s390x",
            target_arch = "loongarch64"
        )
    )) {
        LINUX_O_NONBLOCK | LINUX_O_NOCTTY
    } else if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )) {
        BSD_O_NONBLOCK
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_opens_and_reads_whole() {
        use std::io::Read;
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("t.ron");
        std::fs::write(&path, b"(title: \"x\")").expect("write");
        let (mut file, metadata) = open_regular(&path).expect("regular");
        assert_eq!(metadata.len(), 12);
        let mut text = String::new();
        file.read_to_string(&mut text).expect("read");
        assert_eq!(text, "(title: \"x\")");
    }

    #[test]
    fn a_directory_is_not_regular() {
        let folder = tempfile::tempdir().expect("folder");
        assert!(matches!(
            open_regular(folder.path()),
            Err(OpenError::NotRegular(m)) if m.is_dir()
        ));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let folder = tempfile::tempdir().expect("folder");
        assert!(matches!(
            open_regular(&folder.path().join("none.ron")),
            Err(OpenError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }

    /// The race of issue 11: a FIFO at the path when `open` runs (as if swapped in after
    /// the path was looked at). Opened directly, it must be refused at once, not block.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn a_fifo_opened_directly_is_refused_without_blocking() {
        let folder = tempfile::tempdir().expect("folder");
        let pipe = folder.path().join("pipe.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let (sender, receiver) = std::sync::mpsc::channel();
        let opened = pipe.clone();
        std::thread::spawn(move || {
            let outcome = match open_regular(&opened) {
                Err(OpenError::NotRegular(m)) => {
                    use std::os::unix::fs::FileTypeExt;
                    Ok(m.is_fifo())
                }
                Err(OpenError::Io(e)) => Err(e.to_string()),
                Ok(_) => Err("opened as a regular file".to_owned()),
            };
            let _ = sender.send(outcome);
        });
        // A guard against hanging the test run, not a speed assertion: if `open` blocked,
        // a writer releases it and the test fails.
        match receiver.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(outcome) => assert_eq!(outcome, Ok(true)),
            Err(_) => {
                let _ = std::fs::OpenOptions::new().write(true).open(&pipe);
                panic!("opening a FIFO blocked");
            }
        }
    }
}
