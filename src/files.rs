//! Finding files for the workbook: the feedback file to suggest when
//! importing, `~` in a typed path, and finishing a file name with Tab.
//! These touch the disk, so the driver (app.rs) calls them, never `update`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use crate::export::feedback::FEEDBACK_SUFFIX;

/// Reads a whole file, but only an ordinary file: a named pipe (FIFO), a
/// device or a socket where a file was expected would otherwise keep the
/// reader waiting for ever. Every file spiral reads goes through here.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_file_with_meta(path).map(|(bytes, _)| bytes)
}

/// [`read_file`], with what the system said of the file as it was read
/// (its size, time and identity), to tell later whether it changed since.
pub fn read_file_with_meta(path: &Path) -> std::io::Result<(Vec<u8>, std::fs::Metadata)> {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO waits for a writer, unless asked not to; an ordinary
    // file reads the same either way.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {}, not an ordinary file", kind_of(&meta.file_type())),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, meta))
}

/// [`read_file`] as UTF-8 text.
/// A byte-order mark at the start (Windows Notepad writes one) is left out.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let mut text = String::from_utf8(read_file(path)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// An error and its causes in one line, each cause said once: many errors
/// already include their cause's words ("cannot save X: Permission
/// denied"), and saying it again only makes the message harder to read.
pub fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        source = cause.source();
    }
    text
}

/// What a file that is not an ordinary file is, in plain words.
pub fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a link"
    } else {
        "something other than a file"
    }
}

/// The person's home folder (`$HOME` first, as a shell would).
pub fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// `~` or `~/…` at the start of a typed path means the home folder.
pub fn expand_tilde(typed: &str, home: Option<&Path>) -> PathBuf {
    let typed = typed.trim();
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    }
}

/// Where a feedback file is most likely to be: the folder spiral was
/// started in, the folder exports go to, and the downloads folder.
pub fn feedback_places() -> Vec<PathBuf> {
    let mut places = Vec::new();
    places.extend(std::env::current_dir().ok());
    places.extend(crate::export::default_folder());
    // The desktop's own downloads folder, else ~/Downloads (where none is set up).
    let downloads = directories::UserDirs::new()
        .and_then(|d| d.download_dir().map(Path::to_path_buf))
        .or_else(|| home().map(|h| h.join("Downloads")));
    // The folder spiral started in may be the downloads folder itself.
    if let Some(place) = downloads
        && !places.contains(&place)
    {
        places.push(place);
    }
    places
}

/// The most recently changed `*.feedback.json` in any of `places`, if any.
pub fn newest_feedback(places: &[PathBuf]) -> Option<PathBuf> {
    let mut best: Option<(SystemTime, PathBuf)> = None;
    for place in places {
        let Ok(list) = std::fs::read_dir(place) else {
            continue;
        };
        for item in list.flatten() {
            let name = item.file_name();
            if !name.to_string_lossy().ends_with(FEEDBACK_SUFFIX) {
                continue;
            }
            let Ok(meta) = item.metadata() else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            let when = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            if best.as_ref().is_none_or(|(b, _)| when > *b) {
                best = Some((when, item.path()));
            }
        }
    }
    best.map(|(_, path)| path)
}

/// A path as a person would type it: the home folder written as `~`.
pub fn show_path(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".into(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

/// Finishing a typed path with Tab.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Completion {
    /// The typed text, finished as far as every match agrees.
    pub text: String,
    /// How many names fit what was typed.
    pub found: usize,
    /// The names that could follow, when more than one does (folders end in `/`).
    pub choices: Vec<String>,
}

/// Finishes the last part of `typed` from the names in its folder: all of
/// it when one name fits, as far as they agree when several do. Hidden
/// names only when a dot was typed. Folders get a `/` so Tab can go on.
pub fn complete(typed: &str, home: Option<&Path>) -> Completion {
    let (folder_typed, start) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let folder = if folder_typed.is_empty() {
        PathBuf::from(".")
    } else {
        expand_tilde(folder_typed, home)
    };
    let mut names: Vec<String> = match std::fs::read_dir(&folder) {
        Ok(list) => list
            .flatten()
            .filter_map(|item| {
                let name = item.file_name().to_str()?.to_string();
                if !name.starts_with(start) || (name.starts_with('.') && !start.starts_with('.')) {
                    return None;
                }
                let dir = item.path().is_dir();
                Some(if dir { format!("{name}/") } else { name })
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let common = match names.as_slice() {
        [] => start.to_string(),
        [first, rest @ ..] => rest.iter().fold(first.clone(), |common, name| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        }),
    };
    Completion {
        text: format!("{folder_typed}{common}"),
        found: names.len(),
        choices: if names.len() > 1 { names } else { Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_means_the_home_folder_only_at_the_start() {
        let home = Path::new("/home/sam");
        assert_eq!(expand_tilde("~", Some(home)), PathBuf::from("/home/sam"));
        assert_eq!(
            expand_tilde(" ~/Downloads/a.feedback.json ", Some(home)),
            PathBuf::from("/home/sam/Downloads/a.feedback.json")
        );
        assert_eq!(expand_tilde("~bob/x", Some(home)), PathBuf::from("~bob/x"));
        assert_eq!(expand_tilde("a/~/b", Some(home)), PathBuf::from("a/~/b"));
        assert_eq!(expand_tilde("~/x", None), PathBuf::from("~/x"));
        assert_eq!(
            show_path(Path::new("/home/sam/Downloads/f.json"), Some(home)),
            "~/Downloads/f.json"
        );
        assert_eq!(
            show_path(Path::new("/tmp/f.json"), Some(home)),
            "/tmp/f.json"
        );
    }

    #[test]
    fn the_newest_feedback_file_is_suggested() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.feedback.json");
        let new = other.path().join("new.feedback.json");
        std::fs::write(&old, "{}").unwrap();
        std::fs::write(dir.path().join("bundle.json"), "{}").unwrap();
        std::fs::write(&new, "{}").unwrap();
        let earlier = SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(earlier)
            .unwrap();
        let places = [
            dir.path().to_path_buf(),
            other.path().to_path_buf(),
            dir.path().join("missing"),
        ];
        assert_eq!(newest_feedback(&places), Some(new));
        assert_eq!(newest_feedback(&places[2..]), None);
    }

    #[test]
    fn tab_finishes_as_far_as_the_names_agree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().display().to_string();
        std::fs::write(dir.path().join("march.feedback.json"), "").unwrap();
        std::fs::write(dir.path().join("may.feedback.json"), "").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join(".hidden"), "").unwrap();
        let c = complete(&format!("{root}/m"), None);
        assert_eq!(c.text, format!("{root}/ma"));
        assert_eq!(c.choices, ["march.feedback.json", "may.feedback.json"]);
        let c = complete(&format!("{root}/mar"), None);
        assert_eq!(c.text, format!("{root}/march.feedback.json"));
        assert!(c.choices.is_empty());
        assert_eq!(
            complete(&format!("{root}/s"), None).text,
            format!("{root}/sub/")
        );
        assert_eq!(
            complete(&format!("{root}/x"), None).text,
            format!("{root}/x")
        );
        let home = dir.path();
        assert_eq!(complete("~/su", Some(home)).text, "~/sub/");
    }
}
