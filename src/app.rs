//! The driver: draw, read an event, update, run the effects. The only place
//! that touches the terminal, the clock and (through the store) the disk.

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{DateTime, FixedOffset, Local, SubsecRound};
use std::sync::mpsc::{Receiver, TryRecvError};

use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::DefaultTerminal;

use crate::msg::{Effect, Msg, Stop};
use crate::state::Model;
use crate::store::EntryStore;
use crate::ui;

/// How often unsaved typing is written: at most this much can be lost.
pub const AUTOSAVE_EVERY: Duration = Duration::from_millis(500);

/// Whether the mouse is captured (the `mouse` setting).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Pastes arrive whole; the mouse is ours when the settings say so.
fn enter_modes() {
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    if MOUSE.load(Ordering::Relaxed) {
        let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
}

fn leave_modes() {
    if MOUSE.load(Ordering::Relaxed) {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
}

/// Takes the terminal for a full-screen screen: the alternate screen, raw
/// mode, pastes whole, and the mouse when `mouse`. A panic gives it all back
/// before its message is printed; so does [`close_terminal`].
pub fn open_terminal(mouse: bool) -> DefaultTerminal {
    // ratatui::init installs a panic hook that restores the terminal first.
    let terminal = ratatui::init();
    MOUSE.store(mouse, Ordering::Relaxed);
    enter_modes();
    // ratatui's hook restores the screen; the mouse and pastes are ours to give back.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_modes();
        restore_screen(info);
    }));
    terminal
}

/// Gives the terminal back as it was before [`open_terminal`].
pub fn close_terminal() {
    leave_modes();
    ratatui::restore();
}

/// How often a signal is looked for while nothing happens.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// How often results of background work are looked for while it runs.
const BACKGROUND_POLL: Duration = Duration::from_millis(10);

/// Now, to the second: finer times add nothing a person reads.
/// Now, to the second, in the local time zone: the clock `update` is given.
pub(crate) fn now() -> DateTime<FixedOffset> {
    Local::now().trunc_subsecs(0).fixed_offset()
}

/// Runs the workbook until the person quits. `background` brings results
/// of work done on other threads (see [`start_background`]).
pub fn run(
    model: &mut Model,
    store: &dyn EntryStore,
    data_dir: &Path,
    background: impl FnOnce(&Model) -> Option<Receiver<Msg>>,
) -> anyhow::Result<()> {
    let mut terminal = open_terminal(model.settings.mouse);
    if let Ok(size) = terminal.size() {
        dispatch(
            &mut terminal,
            model,
            store,
            data_dir,
            Msg::Resize {
                width: size.width,
                height: size.height,
            },
        );
    }
    let signals = Signals::watch();
    let result = event_loop(&mut terminal, model, store, data_dir, background, &signals);
    // A signal, or a terminal that can no longer be used: the quit path
    // saves what it can and keeps the rest in a recovery folder.
    let stop = signals
        .received()
        .or(result.is_err().then_some(Stop::TerminalLost));
    if let Some(stop) = stop {
        dispatch(&mut terminal, model, store, data_dir, Msg::Stop(stop));
    }
    close_terminal();
    if model.index_stale && model.read_only.is_none() {
        // Derived data: if this fails, the next start reads the files instead.
        let _ = store.write_index(
            &model.catalog(),
            crate::catalog::worksheets_fingerprint(&model.worksheets),
        );
    }
    match (stop, result) {
        (Some(stop), result) => {
            let mut message = model.exit_message.take().unwrap_or_default();
            if let Err(e) = result
                && stop == Stop::TerminalLost
            {
                message = format!("{message} ({e:#})");
            }
            Err(Stopped { stop, message }.into())
        }
        (None, result) => result,
    }
}

/// Waits up to `wait` for a key, a paste, a click or a resize; a signal
/// ends the wait early. An error when the terminal is gone.
///
/// A closed terminal window (or a logout) does not always send SIGHUP:
/// reading then gives nothing, for ever, and crossterm 0.29 reads on without
/// end inside its own wait. So the waiting is done here, on the keyboard,
/// and crossterm is asked only once the terminal is known to be still
/// there (its settings can no longer be read once it is gone).
pub(crate) fn input_ready(wait: Duration) -> anyhow::Result<bool> {
    use std::io::IsTerminal;
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        let timeout = Timespec {
            tv_sec: wait.as_secs() as _,
            tv_nsec: wait.subsec_nanos() as _,
        };
        match poll(&mut fds, Some(&timeout)) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(io::Error::from(e)).context("cannot read the keyboard"),
        }
    }
    if !io::stdin().is_terminal() {
        anyhow::bail!("the terminal was closed");
    }
    // Resizes come to crossterm by a signal: asked for here, without waiting.
    let wait = if cfg!(unix) { Duration::ZERO } else { wait };
    event::poll(wait).context("cannot read the keyboard")
}

/// The workbook or the review was stopped from outside; its message says
/// where the unsaved work went. `main` exits with the stop's code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Stopped {
    pub stop: Stop,
    pub message: String,
}

/// Notes SIGTERM, SIGHUP and SIGINT instead of dying of them, so the
/// driver loop can save first. A second one of them ends spiral at once
/// (for a save that hangs).
pub struct Signals {
    seen: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Signals {
    pub fn watch() -> Signals {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        use std::sync::Arc;
        let seen = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let again = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            // If these cannot be set up, the signal does what it always did.
            let _ = signal_hook::flag::register_conditional_default(signal, Arc::clone(&again));
            let _ = signal_hook::flag::register(signal, Arc::clone(&again));
            let _ = signal_hook::flag::register_usize(signal, Arc::clone(&seen), signal as usize);
        }
        Signals { seen }
    }

    /// The first signal received, if any.
    pub fn received(&self) -> Option<Stop> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        match self.seen.load(Ordering::SeqCst) as i32 {
            0 => None,
            SIGTERM => Some(Stop::Terminate),
            SIGHUP => Some(Stop::HangUp),
            SIGINT => Some(Stop::Interrupt),
            _ => Some(Stop::Terminate),
        }
    }
}

/// Starts the work that need not hold up the first screen, on another
/// thread: checking every file against the index (when Home came from it),
/// then reading every entry for search. Results come back as messages.
pub fn start_background(
    entries_dir: std::path::PathBuf,
    worksheets: Vec<crate::model::worksheet::Worksheet>,
    check: Option<crate::catalog::Known>,
) -> Receiver<Msg> {
    // Bounded: the reader waits for the screen rather than pile up text in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel(4);
    std::thread::spawn(move || {
        if let Some(known) = check {
            let result =
                crate::catalog::check(&known, &entries_dir, &worksheets).map_err(|e| e.to_string());
            drop(known);
            if tx.send(Msg::Checked(result)).is_err() {
                return;
            }
        }
        // Batches of 64 entries: the list fills in as they come, and little
        // is held here at a time.
        let mut text = String::new();
        let mut items = Vec::new();
        let mut gone = false;
        let _ = crate::catalog::each_file(&entries_dir, |path, _| {
            if gone {
                return;
            }
            if let Ok(entry) = crate::catalog::read_entry_file(&path) {
                let start = text.len();
                crate::catalog::push_search_text(&mut text, &entry);
                items.push((entry.id, start..text.len()));
            }
            if items.len() == 64 {
                let batch = Msg::SearchTexts {
                    text: std::mem::take(&mut text),
                    items: std::mem::take(&mut items),
                };
                gone = tx.send(batch).is_err();
            }
        });
        if !items.is_empty() {
            let _ = tx.send(Msg::SearchTexts { text, items });
        }
    });
    rx
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    store: &dyn EntryStore,
    data_dir: &Path,
    background: impl FnOnce(&Model) -> Option<Receiver<Msg>>,
    signals: &Signals,
) -> anyhow::Result<()> {
    let mut last_tick = Instant::now();
    dispatch(terminal, model, store, data_dir, Msg::Started);
    let mut start = Some(background);
    let mut background = None;
    loop {
        terminal
            .draw(|frame| ui::view(model, frame))
            .context("cannot draw on the terminal")?;
        // Started only now, so it never holds up the first screen.
        if let Some(start) = start.take() {
            background = start(model);
        }
        if model.should_quit || signals.received().is_some() {
            return Ok(());
        }
        // Short waits, so a signal is answered within a moment.
        let mut wait = AUTOSAVE_EVERY
            .saturating_sub(last_tick.elapsed())
            .min(SIGNAL_POLL);
        if let Some(rx) = &background {
            // Look for background results often while there may be some.
            wait = wait.min(BACKGROUND_POLL);
            loop {
                match rx.try_recv() {
                    Ok(msg) => dispatch(terminal, model, store, data_dir, msg),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        background = None;
                        break;
                    }
                }
            }
        }
        if input_ready(wait)? {
            // Take every event already waiting before drawing again, so a
            // fast typist or a paste never waits on the screen.
            loop {
                let msg = match event::read().context("cannot read the keyboard")? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
                    Event::Paste(text) => Some(Msg::Paste(text)),
                    Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
                    Event::Resize(width, height) => Some(Msg::Resize { width, height }),
                    _ => None,
                };
                if let Some(msg) = msg {
                    dispatch(terminal, model, store, data_dir, msg);
                }
                if model.should_quit
                    || signals.received().is_some()
                    || !event::poll(Duration::ZERO).unwrap_or(false)
                {
                    break;
                }
            }
        }
        if last_tick.elapsed() >= AUTOSAVE_EVERY {
            dispatch(terminal, model, store, data_dir, Msg::Tick);
            last_tick = Instant::now();
        }
    }
}

/// Updates the model with `msg`, runs the effects, and feeds their results back.
fn dispatch(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    store: &dyn EntryStore,
    data_dir: &Path,
    msg: Msg,
) {
    let chosen = model.settings.editor.clone();
    let mut editor = |text: &str| edit_externally(terminal, data_dir, chosen.as_deref(), text);
    let mut effects = Effects {
        store,
        data_dir,
        editor: &mut editor,
    };
    effects.dispatch(model, msg, now);
}

/// Runs effects against the world: the store, the recovery folders, an editor.
/// Kept apart from the terminal so tests can drive it with a failing store.
pub struct Effects<'a> {
    pub store: &'a dyn EntryStore,
    pub data_dir: &'a Path,
    /// Opens the text in an editor and returns what came back.
    pub editor: &'a mut dyn FnMut(&str) -> crate::msg::ExternalEdit,
}

impl Effects<'_> {
    /// Updates the model with `msg`, runs the effects, and feeds their results
    /// back until nothing is left to do.
    pub fn dispatch(
        &mut self,
        model: &mut Model,
        msg: Msg,
        clock: impl Fn() -> DateTime<FixedOffset>,
    ) {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            for effect in crate::update::update(model, msg, clock()) {
                queue.push_back(self.run(effect));
            }
        }
    }

    pub fn run(&mut self, effect: Effect) -> Msg {
        let store = self.store;
        match effect {
            Effect::Save(entry) => save(store, &entry),
            Effect::Load(id) => Msg::Loaded {
                result: store.load(&id).map(Box::new),
                id,
            },
            Effect::WriteIndex {
                catalog,
                fingerprint,
            } => Msg::IndexWritten(
                store
                    .write_index(&catalog, fingerprint)
                    .map_err(|e| e.to_string()),
            ),
            Effect::EditExternally { text } => Msg::ExternalEditDone((self.editor)(&text)),
            Effect::WriteRecovery { entries, prep } => {
                let now = Local::now();
                let stamp = now.format("%Y%m%d-%H%M%S").to_string();
                let prep_json =
                    prep.map(|p| crate::export::prep::file_text(&p, now.fixed_offset()));
                match crate::store::recovery_files(&entries, prep_json.as_deref())
                    .and_then(|files| write_recovery(Some(self.data_dir), &files, &stamp))
                {
                    Ok(folder) => Msg::RecoveryWritten {
                        folder: folder.display().to_string(),
                    },
                    Err(error) => Msg::RecoveryFailed { error },
                }
            }
            Effect::Trash(id) => match store.trash(&id) {
                Ok(()) => Msg::Trashed { id },
                Err(e) => trash_failed(e),
            },
            Effect::Restore(id) => match store.restore(&id) {
                Ok(()) => Msg::Restored { id },
                Err(e) => trash_failed(e),
            },
            Effect::EmptyTrash => match store.empty_trash() {
                Ok(count) => Msg::TrashEmptied { count },
                Err(e) => trash_failed(e),
            },
            Effect::ReadForExport(ids) => {
                let read = store.load_many(&ids);
                Msg::ReadForExport(
                    ids.into_iter()
                        .zip(read)
                        .map(|(id, result)| (id, result.map(Box::new)))
                        .collect(),
                )
            }
            Effect::WriteExport { folder, name, text } => {
                Msg::ExportWritten(write_export(&folder, &name, &text))
            }
            Effect::SaveDecisions(remembered) => Msg::DecisionsSaved(
                crate::export::remembered::save(self.data_dir, &remembered).map_err(|e| {
                    format!(
                        "{}: {e}",
                        crate::export::remembered::path(self.data_dir).display()
                    )
                }),
            ),
            Effect::AddToSettings { path, key, text } => Msg::AddedToSettings(
                crate::settings::add_to_list(&path, key, &text)
                    .map(|added| crate::text::export::added_to_settings(&text, key, &path, added)),
            ),
            Effect::LoadPrep => {
                Msg::PrepLoaded(crate::export::prep::load(self.data_dir).map_err(|e| e.to_string()))
            }
            Effect::SavePrep { prep, at } => {
                if let Err(e) = store.check_lock() {
                    return match e {
                        crate::store::StoreError::LockLost { .. } => Msg::LockLost,
                        e => Msg::PrepSaveFailed(e.to_string()),
                    };
                }
                match crate::export::prep::save(self.data_dir, &prep, at) {
                    Ok(()) => Msg::PrepSaved,
                    Err(e) => Msg::PrepSaveFailed(format!(
                        "{}: {e}",
                        crate::export::prep::path(self.data_dir).display()
                    )),
                }
            }
            Effect::FindFeedback => {
                let home = crate::files::home();
                Msg::FeedbackFound(
                    crate::files::newest_feedback(&crate::files::feedback_places())
                        .map(|p| crate::files::show_path(&p, home.as_deref())),
                )
            }
            Effect::CompletePath(typed) => Msg::PathCompleted {
                completion: crate::files::complete(&typed, crate::files::home().as_deref()),
                typed,
            },
            Effect::ReadFeedback { path, have } => read_feedback(store, &path, &have),
        }
    }
}

fn trash_failed(e: crate::store::StoreError) -> Msg {
    match e {
        crate::store::StoreError::LockLost { .. } => Msg::LockLost,
        e => Msg::TrashFailed {
            error: e.to_string(),
        },
    }
}

/// Writes an export as a new file in `folder`, never over an earlier one.
/// The error names the file.
fn write_export(folder: &Path, name: &str, text: &str) -> Result<std::path::PathBuf, String> {
    let path = crate::export::unused_path(&folder.join(name));
    match crate::export::write(&path, text, false) {
        Ok(()) => Ok(path),
        Err(e) => Err(format!("cannot write {}: {e}", path.display())),
    }
}

/// Reads a feedback file, and the entries it names that the app has not
/// read yet (`have` are those it has), for `update` to merge.
fn read_feedback(store: &dyn EntryStore, typed: &str, have: &[String]) -> Msg {
    let path = crate::files::expand_tilde(typed, crate::files::home().as_deref());
    let feedback = match crate::export::feedback::read(&path) {
        Ok(f) => f,
        Err(e) => {
            // The reason the system gave ("No such file or directory") too.
            return Msg::FeedbackRead(Err(crate::files::error_text(&e)));
        }
    };
    let mut entries = Vec::new();
    for f in &feedback.entries {
        if have.contains(&f.entry_id) || entries.iter().any(|(id, _)| id == &f.entry_id) {
            continue;
        }
        entries.push((f.entry_id.clone(), store.load(&f.entry_id).map(Box::new)));
    }
    Msg::FeedbackRead(Ok(Box::new(crate::msg::FeedbackRead { feedback, entries })))
}

/// Saves one entry and says how it went. Nothing about its text is logged.
pub fn save(store: &dyn EntryStore, entry: &crate::model::entry::Entry) -> Msg {
    match store.save(entry) {
        Ok(crate::store::Saved::Written) => Msg::Saved {
            id: entry.id.clone(),
        },
        Ok(saved) => Msg::SavedBoth {
            id: entry.id.clone(),
            saved,
        },
        Err(crate::store::StoreError::LockLost { .. }) => Msg::LockLost,
        Err(e) => Msg::SaveFailed {
            id: entry.id.clone(),
            error: e.to_string(),
        },
    }
}

/// Writes unsaved work (`files`: name and bytes) where it will be kept:
/// beside the entries first (when there is a data folder), then the home
/// folder, and last a new private folder in the temporary folder (made
/// fresh, never one another user could own or write). Returns the folder.
pub(crate) fn write_recovery(
    data_dir: Option<&Path>,
    files: &[(String, Vec<u8>)],
    stamp: &str,
) -> Result<std::path::PathBuf, String> {
    let mut places: Vec<std::path::PathBuf> =
        data_dir.map(|d| d.join("recovered")).into_iter().collect();
    if let Some(home) = crate::files::home() {
        places.push(home.join("spiral-recovered"));
    }
    let first = match crate::store::write_recovery_files(&places, files, stamp) {
        Ok(folder) => return Ok(folder),
        Err(e) => e,
    };
    let fresh = tempfile::Builder::new()
        .prefix("spiral-recovered-")
        .tempdir()
        .map_err(|e| format!("{first}; the temporary folder: {e}"))?
        .keep();
    crate::store::write_recovery_files(&[fresh], files, stamp).map_err(|e| format!("{first}; {e}"))
}

/// The editor for `Ctrl-E`: the settings' `editor`, else `$VISUAL`, else
/// `$EDITOR`, else vi. Blank ones count as unset.
pub fn editor_command(
    setting: Option<&str>,
    visual: Option<String>,
    editor: Option<String>,
) -> String {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    if let Some(s) = setting.filter(|s| !s.trim().is_empty()) {
        return s.to_string();
    }
    [visual, editor]
        .into_iter()
        .find(given)
        .flatten()
        .unwrap_or_else(|| "vi".to_string())
}

/// Hands the answer to the editor (see `editor_command`) in a private file
/// inside the data folder (never the shared temp folder), and reads it back.
fn edit_externally(
    terminal: &mut DefaultTerminal,
    data_dir: &Path,
    setting: Option<&str>,
    text: &str,
) -> crate::msg::ExternalEdit {
    let editor = editor_command(
        setting,
        std::env::var("VISUAL").ok(),
        std::env::var("EDITOR").ok(),
    );
    edit_in_file(data_dir, &editor, text, |command| {
        leave_modes();
        ratatui::restore();
        let status = command.status();
        *terminal = ratatui::init();
        enter_modes();
        let _ = terminal.clear();
        status
    })
}

/// Hands `text` to `editor` in a private file in `data_dir`, runs it with
/// `run` (which gives it the terminal), and reads the file back. The file
/// is deleted only when nothing in it could be lost: the text came back
/// whole, or the editor failed without changing it. Otherwise it is kept,
/// and named in what comes back.
pub fn edit_in_file(
    data_dir: &Path,
    editor: &str,
    text: &str,
    run: impl FnOnce(&mut Process) -> io::Result<std::process::ExitStatus>,
) -> crate::msg::ExternalEdit {
    use crate::msg::ExternalEdit;
    let failed = |error: String| ExternalEdit::Failed { error, kept: None };
    let file = match tempfile::Builder::new()
        .prefix(".editing-")
        .suffix(".txt")
        .tempfile_in(data_dir)
    {
        Ok(file) => file,
        Err(e) => {
            return failed(format!(
                "cannot make a file to edit in {}: {e}",
                data_dir.display()
            ));
        }
    };
    if let Err(e) = std::fs::write(file.path(), text) {
        return failed(format!("cannot write {}: {e}", file.path().display()));
    }
    // Through the shell, so EDITOR="code --wait" works as it does in git.
    let mut command = Process::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path());
    let status = run(&mut command);
    let written = std::fs::read(file.path());
    let keep = |file: tempfile::NamedTempFile| file.into_temp_path().keep().ok();
    match (status, written) {
        (Ok(s), Ok(bytes)) if s.success() => match String::from_utf8(bytes) {
            Ok(text) => ExternalEdit::Done(text),
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                match keep(file) {
                    Some(kept) => ExternalEdit::NotUtf8 { text, kept },
                    None => failed("its file could not be kept".into()),
                }
            }
        },
        (status, written) => {
            let error = match (&status, &written) {
                (Err(e), _) => format!("cannot start {editor}: {e}"),
                (Ok(s), _) if !s.success() => format!("{editor} exited with {s}"),
                (_, Err(e)) => format!("cannot read {} back: {e}", file.path().display()),
                _ => format!("{editor} did not finish"),
            };
            let unchanged = matches!(&written, Ok(bytes) if bytes == text.as_bytes());
            let kept = if unchanged { None } else { keep(file) };
            ExternalEdit::Failed { error, kept }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::editor_command;

    #[test]
    fn the_settings_editor_wins_over_visual_and_editor() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            editor_command(Some("nano"), some("code --wait"), some("vim")),
            "nano"
        );
        assert_eq!(
            editor_command(None, some("code --wait"), some("vim")),
            "code --wait"
        );
        assert_eq!(editor_command(None, None, some("vim")), "vim");
        assert_eq!(editor_command(Some(" "), some(""), some("vim")), "vim");
        assert_eq!(editor_command(None, None, None), "vi");
    }
}
