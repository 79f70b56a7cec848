//! The pure state machine: `update(model, msg, now)` changes the model and
//! returns the effects to run. No disk, no clock, no terminal in here.

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use crate::keymap::{self, Command, Context};
use crate::model::entry::Entry;
use crate::model::map::{self, MapIssue};
use crate::model::steps::{Pick, Step, first_of_section, steps};
use crate::model::worksheet::{CheckState, Item, parse_date, parse_scale, parse_yes_no};
use crate::msg::{Effect, ExternalEdit, Msg};
use crate::state::{
    Focus, FormField, HomeInput, HomeInputKind, IssueForm, Model, Overlay, Record, Screen, Session,
    Status, answer_editor, date_input, editor_text, label_input, replace_editor_text,
};
use crate::text;
use ratatui_textarea::TextArea;

/// The longest family label: a label is initials or a pseudonym, not a story.
pub const MAX_LABEL_CHARS: usize = 60;
/// The longest search, and the longest list of tags on one entry.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_TAGS_CHARS: usize = 200;

pub fn update(model: &mut Model, msg: Msg, now: DateTime<FixedOffset>) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(key) => {
            // A new key press clears a passing message, never an error.
            if model.status.as_ref().is_some_and(|s| !s.error) {
                model.status = None;
            }
            on_key(model, key, now, &mut fx);
            if let Screen::Worksheet(s) = &mut model.screen {
                s.last_key = Some((key.code, now));
            }
        }
        Msg::Paste(text) => {
            if let Screen::Worksheet(s) = &mut model.screen {
                s.last_key = None;
            }
            on_paste(model, &text, now)
        }
        Msg::Resize { width, height } => {
            model.screen_size = ratatui::layout::Rect::new(0, 0, width, height)
        }
        Msg::Mouse(event) => on_mouse(model, event, now, &mut fx),
        Msg::Tick => {
            save_unsaved(model, &mut fx);
            export::save_prep(model, now, &mut fx);
            if model.index_write_soon && !model.checking {
                write_index(model, &mut fx);
            }
        }
        Msg::Started => {}
        msg @ (Msg::ReadForExport(_)
        | Msg::ExportWritten(_)
        | Msg::PrepLoaded(_)
        | Msg::PrepSaved
        | Msg::PrepSaveFailed(_)
        | Msg::DecisionsSaved(_)
        | Msg::AddedToSettings(_)) => export::on_msg(model, msg, now, &mut fx),
        Msg::Loaded { id, result } => on_loaded(model, id, result),
        Msg::Checked(Ok(changes)) => on_checked(model, changes, &mut fx),
        Msg::Checked(Err(error)) => {
            model.checking = false;
            model.status = Some(problem(text::check_failed(&error)));
        }
        Msg::SearchTexts { text, items } => {
            // Texts come in file order, which is mostly the list's order:
            // look next to the last one found before looking everywhere.
            let mut next = 0;
            for (id, range) in items {
                let found = match model.entries.get(next) {
                    Some(r) if r.id() == id => Some(next),
                    _ => model.index_of(&id),
                };
                let Some(i) = found else {
                    continue;
                };
                next = i + 1;
                let record = &mut model.entries[i];
                if record.entry.is_none()
                    && let Some(part) = text.get(range)
                {
                    // Copied here, each in one piece, so memory stays compact.
                    record.search = Some(part.into());
                }
            }
            if model.query.needs_text() {
                model.view_stale = true;
            }
        }
        Msg::IndexWritten(result) => {
            if result.is_err() {
                // Derived data: try again when the workbook closes.
                model.index_stale = true;
            }
        }
        Msg::SavedBoth { id, saved } => {
            let label = model.index_of(&id).map_or(id.clone(), |i| {
                model.entries[i].summary.family_label.clone()
            });
            let said = match &saved {
                crate::store::Saved::OtherKept { other } => {
                    text::other_version_kept(&label, &other.display().to_string())
                }
                crate::store::Saved::WrittenBeside { mine } => {
                    text::written_beside_newer(&label, &mine.display().to_string())
                }
                crate::store::Saved::Written => String::new(),
            };
            fx.extend(update(model, Msg::Saved { id }, now));
            if !said.is_empty() {
                // Stays until read: the person decides which version to keep.
                model.status = Some(problem(said));
            }
            return fx;
        }
        Msg::Saved { id } => {
            model.unsaved.remove(&id);
            if model.save_error.take().is_some() {
                model.status = Some(info(text::SAVED_AFTER_ALL));
            }
            if model.unsaved.is_empty() && !model.prep.unsaved {
                if model.overlay == Some(Overlay::ConfirmQuit) {
                    model.overlay = None;
                }
                if model.quitting {
                    model.should_quit = true;
                }
            }
        }
        Msg::LockLost => {
            // Another copy writes now: this one drops to read-only (the
            // banner says why), and keeps what is unsaved for a recovery folder.
            model.read_only = Some(text::LOCK_LOST.to_string());
            model.status = Some(problem(text::LOCK_LOST));
            model.save_error = Some(text::LOCK_LOST_SHORT.to_string());
            if model.stopping.is_some() {
                stop_save_failed(model, &mut fx);
            } else if model.quitting {
                model.quitting = false;
                model.overlay = Some(Overlay::ConfirmQuit);
            }
        }
        Msg::SaveFailed { error, .. } => {
            model.status = Some(problem(text::save_failed(&error)));
            model.save_error = Some(error);
            if model.stopping.is_some() {
                stop_save_failed(model, &mut fx);
            } else if model.quitting {
                model.quitting = false;
                model.overlay = Some(Overlay::ConfirmQuit);
            }
        }
        Msg::Trashed { id } => {
            if let Some(i) = model.index_of(&id) {
                let summary = model.entries[i].summary.clone();
                model.status = Some(info(text::trashed(&summary.family_label)));
                model.trash.insert(0, summary);
                model.unsaved.remove(&id);
                remove_records(model, |r| r.id() == id);
            }
        }
        Msg::Restored { id } => {
            if let Some(i) = model.trash.iter().position(|e| e.id == id) {
                let mut summary = model.trash.remove(i);
                model.status = Some(info(text::restored(&summary.family_label)));
                // Read again at the next start, from where it is now.
                summary.stamp = None;
                model.entries.push(Record::summarized(summary));
                model.view_stale = true;
                model.index_stale = true;
                model.trash_selected = model
                    .trash_selected
                    .min(model.trash.len().saturating_sub(1));
            }
        }
        Msg::TrashEmptied { count } => {
            model.trash.clear();
            model.trash_selected = 0;
            model.status = Some(info(text::trash_emptied(count)));
            // What was decided about details of entries gone for good goes too.
            if let Some(remembered) = model.remembered.as_mut()
                && remembered.forget_all_but(model.entries.iter().map(|r| r.summary.id.as_str()))
            {
                fx.push(Effect::SaveDecisions(remembered.clone()));
            }
        }
        Msg::RecoveryWritten { folder } => {
            model.exit_message = Some(match model.stopping {
                Some(why) => text::stopped_recovered(why.name(), &folder),
                None => text::recovery_written(&folder),
            });
            model.should_quit = true;
        }
        Msg::RecoveryFailed { error } => match model.stopping {
            // Stopped from outside: nobody is there to read a message.
            Some(why) => {
                model.exit_message = Some(text::stopped_lost(why.name(), &error));
                model.should_quit = true;
            }
            None => model.status = Some(problem(text::recovery_failed(&error))),
        },
        Msg::Stop(why) => stop(model, why, now, &mut fx),
        Msg::TrashFailed { error } => model.status = Some(problem(text::trash_failed(&error))),
        Msg::FeedbackFound(found) => feedback::on_found(model, found),
        Msg::PathCompleted { typed, completion } => {
            feedback::on_completed(model, typed, completion)
        }
        Msg::FeedbackRead(result) => feedback::on_read(model, result, &mut fx),
        Msg::ExternalEditDone(edit) => match edit {
            ExternalEdit::NotUtf8 {
                text: new_text,
                kept,
            } => {
                if let Screen::Worksheet(session) = &mut model.screen {
                    let typed = new_text.trim_end_matches('\n');
                    replace_editor_text(&mut session.editor, typed, typed.len());
                    commit_editor_as(model, now, Some(crate::undo::Kind::Whole));
                }
                model.status = Some(problem(text::external_editor_not_utf8(
                    &kept.display().to_string(),
                )));
            }
            ExternalEdit::Done(new_text) => {
                if let Screen::Worksheet(session) = &mut model.screen {
                    // One step for undo: one Ctrl-Z brings back the text
                    // exactly as it was before.
                    let text = new_text.trim_end_matches('\n');
                    replace_editor_text(&mut session.editor, text, text.len());
                    commit_editor_as(model, now, Some(crate::undo::Kind::Whole));
                }
            }
            ExternalEdit::Failed { error, kept } => {
                let kept = kept.map(|p| p.display().to_string());
                model.status = Some(problem(text::external_editor_failed(
                    &error,
                    kept.as_deref(),
                )))
            }
        },
    }
    housekeeping(model, &mut fx);
    fx
}

/// After every message: the open entry's summary follows its text, Home's
/// rows follow the summaries, and the entry Home previews is read.
fn housekeeping(model: &mut Model, fx: &mut Vec<Effect>) {
    if let Some(entry) = model.session().map(|s| s.entry) {
        model.resummarize(entry);
    }
    if !matches!(model.screen, Screen::Home) {
        return;
    }
    if model.view_stale {
        model.refresh_view();
    }
    if let Some(selected) = model.selected_entry() {
        want_loaded(model, selected, fx);
    }
}

/// Writes the summary index now, when it is out of date after reading the
/// files. Changes made in the workbook need no write until it closes: the
/// next start reads any file the index does not vouch for.
fn write_index(model: &mut Model, fx: &mut Vec<Effect>) {
    if !model.index_stale || model.read_only.is_some() {
        return;
    }
    model.index_stale = false;
    model.index_write_soon = false;
    fx.push(Effect::WriteIndex {
        catalog: Box::new(model.catalog()),
        fingerprint: crate::catalog::worksheets_fingerprint(&model.worksheets),
    });
}

/// Asks for the whole entry at `index` to be read, unless it is or is being.
fn want_loaded(model: &mut Model, index: usize, fx: &mut Vec<Effect>) {
    let record = &model.entries[index];
    if record.entry.is_none() && !model.loading.contains(record.id()) {
        model.loading.insert(record.id().to_string());
        fx.push(Effect::Load(record.id().to_string()));
    }
}

/// Where each entry is in `model.entries`, by id.
fn ids(model: &Model) -> std::collections::HashMap<String, usize> {
    model
        .entries
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id().to_string(), i))
        .collect()
}

/// At most this many whole entries are kept that could be read again.
const KEEP_READ: usize = 64;

/// Keeps an entry just read from its file in its record, and brings the
/// record's summary up to date if the file changed behind the app's back
/// since the index was made.
fn install_loaded(model: &mut Model, index: usize, entry: Box<Entry>) {
    let summary = crate::catalog::Summary::of(
        &entry,
        &model.worksheets,
        model.entries[index].summary.stamp,
    );
    let record = &mut model.entries[index];
    if !summary.shows_same(&record.summary) {
        record.summary = crate::catalog::Summary {
            stamp: None,
            ..summary
        };
        model.view_stale = true;
        model.index_stale = true;
    }
    record.entry = Some(entry);
    record.search = None;
}

fn on_loaded(model: &mut Model, id: String, result: Result<Box<Entry>, crate::store::LoadFailure>) {
    model.loading.remove(&id);
    let Some(index) = model.index_of(&id) else {
        return;
    };
    match result {
        Ok(entry) => {
            if model.entries[index].entry.is_some() {
                return;
            }
            install_loaded(model, index, entry);
            if model.pending_open.as_deref() == Some(id.as_str()) {
                model.pending_open = None;
                if matches!(model.screen, Screen::Home) && model.overlay.is_none() {
                    open_entry(model, index);
                }
            }
            forget_some(model);
        }
        Err(failure) => {
            // Said when the person asked to open it; otherwise the list
            // simply shows the folder as it is, as the background check does.
            if model.pending_open.as_deref() == Some(id.as_str()) {
                model.pending_open = None;
                let label = model.entries[index].summary.family_label.clone();
                model.status = Some(problem(match &failure {
                    crate::store::LoadFailure::Missing => text::entry_gone(&label),
                    crate::store::LoadFailure::Damaged(d) => {
                        text::entry_damaged(&label, &d.path.display().to_string(), &d.error)
                    }
                }));
            }
            if let crate::store::LoadFailure::Damaged(d) = failure {
                model.damaged.retain(|x| x.path != d.path);
                model.damaged.push(d);
            }
            remove_records(model, |r| r.id() == id);
        }
    }
}

/// Lets go of whole entries read only to be previewed, beyond [`KEEP_READ`]:
/// never one that is open, selected, shown or not yet saved.
fn forget_some(model: &mut Model) {
    let read = model.entries.iter().filter(|r| r.entry.is_some()).count();
    if read <= KEEP_READ {
        return;
    }
    let mut keep: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    keep.extend(model.session().map(|s| s.entry));
    keep.extend(model.selected_entry());
    if let Some(Overlay::Family { entry }) = model.overlay {
        keep.extend(model.family_of(entry));
    }
    let mut excess = read - KEEP_READ;
    for i in 0..model.entries.len() {
        if excess == 0 {
            break;
        }
        let record = &mut model.entries[i];
        if record.entry.is_some() && !keep.contains(&i) && !model.unsaved.contains(record.id()) {
            if let Some(entry) = record.entry.take()
                && record.search.is_none()
            {
                record.search = Some(crate::catalog::search_text(&entry).into());
            }
            excess -= 1;
        }
    }
}

/// Removes entries from the list, keeping the open entry and any overlay
/// pointing at the same entries as before.
fn remove_records(model: &mut Model, gone: impl Fn(&Record) -> bool) {
    let mut new_index = Vec::with_capacity(model.entries.len());
    let mut next = 0;
    for record in &model.entries {
        if gone(record) {
            new_index.push(None);
        } else {
            new_index.push(Some(next));
            next += 1;
        }
    }
    if next == model.entries.len() {
        return;
    }
    if let Screen::Worksheet(session) = &mut model.screen {
        match new_index[session.entry] {
            Some(i) => session.entry = i,
            // Never happens: an open entry is never removed. Be safe anyway.
            None => model.screen = Screen::Home,
        }
    }
    if let Some(Overlay::Family { entry }) = &mut model.overlay {
        match new_index[*entry] {
            Some(i) => *entry = i,
            None => model.overlay = None,
        }
    }
    let mut i = 0;
    model.entries.retain(|_| {
        let keep = new_index[i].is_some();
        i += 1;
        keep
    });
    // Home's rows keep their order, less the entries gone.
    model.view = model
        .view
        .iter()
        .filter_map(|&i| new_index.get(i).copied().flatten())
        .collect();
    model.view_stale = true;
    model.index_stale = true;
    if matches!(model.screen, Screen::Home) {
        model.refresh_view();
    }
}

/// Applies what the background check found. The app's own copy of an entry
/// that is open or not yet saved wins: it is about to be written anyway.
fn on_checked(model: &mut Model, changes: crate::catalog::Changes, fx: &mut Vec<Effect>) {
    model.checking = false;
    let open = model.session().map(|s| s.entry);
    let busy =
        |model: &Model, i: usize| Some(i) == open || model.unsaved.contains(model.entries[i].id());
    let by_id = ids(model);
    for summary in changes.changed {
        match by_id.get(&summary.id) {
            Some(&i) if busy(model, i) => {}
            Some(&i) => {
                let record = &mut model.entries[i];
                if !record.summary.shows_same(&summary) {
                    // What was read before is out of date.
                    record.entry = None;
                    record.search = None;
                }
                record.summary = summary;
            }
            None => model.entries.push(Record::summarized(summary)),
        }
    }
    let removed: std::collections::HashSet<String> = changes
        .removed
        .into_iter()
        .filter(|id| by_id.get(id).is_some_and(|&i| !busy(model, i)))
        .collect();
    remove_records(model, |r| removed.contains(r.id()));
    model.damaged = changes.damaged;
    model.view_stale = true;
    if changes.any {
        model.index_stale = true;
        write_index(model, fx);
    }
}

/// A message that stays until the problem is gone.
fn problem(text: impl Into<String>) -> Status {
    Status {
        text: text.into(),
        error: true,
    }
}

fn info(text: impl Into<String>) -> Status {
    Status {
        text: text.into(),
        error: false,
    }
}

/// In a read-only copy, says why a change is refused. Returns whether it was.
fn refused(model: &mut Model) -> bool {
    if let Some(why) = model.read_only_reason() {
        let why = if model.read_only.is_some() {
            text::READ_ONLY_REFUSED
        } else {
            why
        };
        model.status = Some(info(why));
        true
    } else {
        false
    }
}

fn save_unsaved(model: &Model, fx: &mut Vec<Effect>) {
    if model.read_only.is_some() {
        return;
    }
    for id in &model.unsaved {
        if let Some(entry) = model
            .entries
            .iter()
            .filter_map(|r| r.entry.as_deref())
            .find(|e| &e.id == id && !e.is_from_newer_spiral())
        {
            fx.push(Effect::Save(Box::new(entry.clone())));
        }
    }
}

/// Where a person writes or answers on the worksheet screen: no printable
/// key may do nothing there without a word (see [`on_key`]).
fn is_prompt(context: Context) -> bool {
    matches!(
        context,
        Context::Editor
            | Context::Chooser
            | Context::Map
            | Context::MapForm
            | Context::Checklist
            | Context::Scale
            | Context::YesNo
            | Context::Date
    )
}

/// The issue form's state: field, stage, part, return, parts fed, texts.
type FormPrint = (FormField, usize, usize, Option<u32>, Vec<bool>, Vec<String>);

/// What a key on a prompt can change: the entries, where the keyboard is,
/// the issue form, what is shown and said.
#[derive(PartialEq)]
struct Footprint {
    changes: u64,
    focus: Option<Focus>,
    step: Option<usize>,
    overlay: Option<Overlay>,
    form: Option<FormPrint>,
    status: Option<Status>,
    quitting: bool,
}

impl Footprint {
    fn of(model: &Model) -> Footprint {
        let session = model.session();
        Footprint {
            changes: model.unsaved.changes(),
            focus: session.map(|s| s.focus),
            step: session.map(|s| s.step),
            overlay: model.overlay,
            form: session.and_then(|s| s.form.as_deref()).map(|f| {
                let lines = [&f.text, &f.when, &f.shifted]
                    .iter()
                    .flat_map(|t| t.lines().iter().cloned())
                    .collect();
                (
                    f.field,
                    f.stage,
                    f.part,
                    f.return_of,
                    f.feeds.clone(),
                    lines,
                )
            }),
            status: model.status.clone(),
            quitting: model.quitting || model.should_quit,
        }
    }
}

/// A key press. On a prompt, a printable key that changed nothing (a
/// letter the map has no use for, `y` on a question already answered yes,
/// `k` on the top row) says so and names the keys that do something: no
/// key is swallowed without a word.
fn on_key(model: &mut Model, key: KeyEvent, now: DateTime<FixedOffset>, fx: &mut Vec<Effect>) {
    let context = model.context();
    let before = (printable(&key) && is_prompt(context)).then(|| Footprint::of(model));
    on_key_here(model, key, context, now, fx);
    if let Some(before) = before
        && before == Footprint::of(model)
        && model.status.as_ref().is_none_or(|s| !s.error)
    {
        let keys: Vec<String> = keymap::footer(context)
            .into_iter()
            .map(|(key, what)| format!("{key} {what}"))
            .collect();
        model.status = Some(info(text::no_change_here(&keys.join(" · "))));
    }
}

fn on_key_here(
    model: &mut Model,
    key: KeyEvent,
    context: Context,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let command = keymap::lookup(context, &key);
    if command == Some(Command::Quit) {
        return request_quit(model, now, fx);
    }
    if command == Some(Command::Help) {
        model.overlay = Some(Overlay::Help { scroll: 0 });
        return;
    }
    match context {
        Context::QuitUnsaved => match command {
            Some(Command::Yes) => model.should_quit = true,
            Some(Command::No) => {
                model.overlay = None;
                model.quitting = false;
            }
            Some(Command::WriteRecovery) => fx.push(write_recovery(model)),
            _ => {}
        },
        Context::Confirm => match (command, model.overlay) {
            (Some(Command::Yes), Some(Overlay::ConfirmQuit)) => model.should_quit = true,
            (Some(Command::Yes), Some(Overlay::ConfirmEmptyTrash)) => {
                model.overlay = None;
                fx.push(Effect::EmptyTrash);
            }
            (Some(Command::No), _) => model.overlay = None,
            _ => {}
        },
        Context::Trash => on_trash_key(model, command, fx),
        Context::ExportChoose
        | Context::ExportFormat
        | Context::ExportCheck
        | Context::ExportReason
        | Context::ExportSummary
        | Context::Prep => export::on_key(model, context, key, command, now, fx),
        Context::Reading => on_reading_key(model, command),
        Context::Home => on_home_key(model, command, now, fx),
        Context::Search => on_search_key(model, key, command, now),
        Context::HomeInput => on_home_input_key(model, key, command, now),
        Context::ImportFeedback => feedback::on_key(model, key, command, fx),
        Context::Picker => on_picker_key(model, command),
        Context::Label => on_label_key(model, key, command, now, fx),
        Context::MapForm => on_form_key(model, key, command, now, fx),
        Context::Map
            if matches!(
                command,
                Some(
                    Command::Up
                        | Command::Down
                        | Command::AddIssue
                        | Command::EditIssue
                        | Command::DeleteIssue
                        | Command::MoveUp
                        | Command::MoveDown
                        | Command::UndoMap
                )
            ) =>
        {
            on_map_key(model, command, now)
        }
        Context::Editor
        | Context::Chooser
        | Context::Outline
        | Context::Map
        | Context::Checklist
        | Context::Scale
        | Context::YesNo
        | Context::Date => on_worksheet_key(model, key, command, now, fx),
    }
}

/// Everything not yet saved (entries and prep answers), to be written to a recovery folder.
fn write_recovery(model: &Model) -> Effect {
    let entries = model
        .entries
        .iter()
        .filter_map(|r| r.entry.as_deref())
        .filter(|e| model.unsaved.contains(&e.id))
        .cloned()
        .collect();
    let prep = model
        .prep
        .unsaved
        .then(|| model.prep.answers.clone())
        .flatten();
    Effect::WriteRecovery { entries, prep }
}

/// Stopped from outside: save everything without asking; what cannot be
/// saved goes to a recovery folder (see `SaveFailed`), and then quit.
fn stop(
    model: &mut Model,
    why: crate::msg::Stop,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    if model.stopping.is_some() {
        return;
    }
    model.stopping = Some(why);
    model.quitting = true;
    model.exit_message = Some(text::stopped_saved(why.name()));
    export::save_prep(model, now, fx);
    save_unsaved(model, fx);
    if !fx.is_empty() {
        return;
    }
    if model.unsaved.is_empty() && !model.prep.unsaved {
        model.should_quit = true;
    } else {
        // Nothing can be saved here (read-only): keep it elsewhere.
        fx.push(write_recovery(model));
    }
}

/// A save failed while stopping: the first failure writes everything still
/// unsaved to a recovery folder (once), instead of asking.
fn stop_save_failed(model: &mut Model, fx: &mut Vec<Effect>) {
    if !model.recovering {
        model.recovering = true;
        fx.push(write_recovery(model));
    }
}

fn request_quit(model: &mut Model, now: DateTime<FixedOffset>, fx: &mut Vec<Effect>) {
    // Prep notes typed a moment ago are written first.
    export::save_prep(model, now, fx);
    if model.unsaved.is_empty() && !model.prep.unsaved {
        model.should_quit = true;
    } else if model.save_error.is_some() || model.prep.error.is_some() {
        // Saving is failing: ask before anything is given up, and try once more.
        model.overlay = Some(Overlay::ConfirmQuit);
        model.quitting = true;
        save_unsaved(model, fx);
    } else {
        model.quitting = true;
        save_unsaved(model, fx);
    }
}

fn on_reading_key(model: &mut Model, command: Option<Command>) {
    let Some(overlay) = &mut model.overlay else {
        return;
    };
    let scroll = match overlay {
        Overlay::Help { scroll }
        | Overlay::Background { scroll, .. }
        | Overlay::Comments { scroll } => scroll,
        Overlay::Diagram { .. } | Overlay::Family { .. } => {
            if command == Some(Command::Back) {
                model.overlay = None;
            }
            return;
        }
        Overlay::ConfirmQuit | Overlay::ConfirmEmptyTrash => return,
    };
    match command {
        Some(Command::Up) => *scroll = scroll.saturating_sub(1),
        Some(Command::Down) => *scroll = scroll.saturating_add(1),
        Some(Command::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Command::PageDown) => *scroll = scroll.saturating_add(10),
        Some(Command::Back) => model.overlay = None,
        _ => {}
    }
}

fn on_home_key(
    model: &mut Model,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let count = model.view.len();
    match command {
        Some(Command::Search) => {
            let mut input = label_input();
            input.set_placeholder_text(text::SEARCH_PLACEHOLDER);
            input.insert_str(&model.query_text);
            model.search_box = Some(input);
        }
        Some(Command::Sort) => {
            model.sort = model.sort.next();
            model.view_stale = true;
            model.status = Some(info(text::sorted(model.sort.describe())));
        }
        Some(Command::ClearFilter) => clear_filter(model),
        Some(
            Command::Rename
            | Command::Tags
            | Command::ToggleComplete
            | Command::ToggleDiscussed
            | Command::Duplicate,
        ) if refused(model) => {}
        Some(Command::Duplicate) => {
            if let Some(index) = model.selected_entry() {
                let summary = &model.entries[index].summary;
                let Some(worksheet) = model.worksheet_by_id(&summary.worksheet.id) else {
                    model.status = Some(problem(text::unknown_worksheet(&summary.worksheet.id)));
                    return;
                };
                let (label, tags) = (summary.family_label.clone(), summary.tags.clone());
                create_entry(model, worksheet, label, now, fx);
                if let Some(entry) = model.session().map(|s| s.entry)
                    && let Some(entry) = model.entry_mut(entry)
                {
                    entry.tags = tags;
                }
                model.status = Some(info(text::FRESH_START));
            }
        }
        Some(
            command @ (Command::Rename
            | Command::Tags
            | Command::ToggleComplete
            | Command::ToggleDiscussed),
        ) => {
            let Some(index) = model.selected_entry() else {
                return;
            };
            if model.entry(index).is_none() {
                model.status = Some(info(text::ONE_MOMENT));
                return want_loaded(model, index, fx);
            }
            change_on_home(model, index, command, now);
        }
        Some(Command::ImportFeedback) => feedback::open_import(model, fx),
        Some(Command::FamilyMap) => {
            if let Some(entry) = model.selected_entry() {
                model.overlay = Some(Overlay::Family { entry });
                for member in model.family_of(entry) {
                    want_loaded(model, member, fx);
                }
            }
        }
        Some(Command::Export) => export::start_export(model),
        Some(Command::Prep) => export::start_prep(model, fx),
        Some(Command::ToggleTrash) => {
            model.show_trash = true;
            model.trash_selected = 0;
        }
        Some(Command::Delete) if refused(model) => {}
        Some(Command::Delete) => {
            if model.save_error.is_some() {
                model.status = Some(info(text::NO_DELETE_WHILE_UNSAVED));
            } else if let Some(index) = model.selected_entry() {
                let id = model.entries[index].id().to_string();
                // Anything not yet on disk goes into the trash with it.
                if let Some(entry) = model.entry(index).filter(|_| model.unsaved.contains(&id)) {
                    fx.push(Effect::Save(Box::new(entry.clone())));
                }
                fx.push(Effect::Trash(id));
            }
        }
        Some(Command::Up) => model.home_selected = model.home_selected.saturating_sub(1),
        Some(Command::Down) => {
            model.home_selected = (model.home_selected + 1).min(count.saturating_sub(1))
        }
        Some(Command::New) if refused(model) => {}
        Some(Command::New) => {
            // The settings' default worksheet, else the main one (listed first).
            model.screen = Screen::Picker {
                selected: model.settings.worksheet_index(&model.worksheets),
            };
        }
        Some(Command::Open) => {
            if let Some(index) = model.selected_entry() {
                if model.entry(index).is_some() {
                    open_entry(model, index);
                } else {
                    model.pending_open = Some(model.entries[index].id().to_string());
                    want_loaded(model, index, fx);
                }
            }
        }
        _ => {}
    }
}

fn clear_filter(model: &mut Model) {
    if model.filtered() || model.search_box.is_some() {
        model.query_text.clear();
        model.query = crate::filter::Query::default();
        model.query_error = None;
        model.sort = crate::filter::Sort::default();
        model.search_box = None;
        model.view_stale = true;
    }
}

/// Typing in Home's search box: the list follows every key.
fn on_search_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) {
    match command {
        Some(Command::Open) => model.search_box = None,
        Some(Command::ClearFilter) => clear_filter(model),
        _ => {
            if let Some(input) = &mut model.search_box {
                type_one_line(input, key, MAX_QUERY_CHARS);
            }
            apply_query(model, now);
        }
    }
}

/// Reads the search box again. A query that does not parse (a date still
/// being typed) keeps the last good one and says why.
fn apply_query(model: &mut Model, now: DateTime<FixedOffset>) {
    let Some(input) = &model.search_box else {
        return;
    };
    let typed = input.lines().join(" ");
    if typed == model.query_text {
        return;
    }
    match crate::filter::Query::parse(&typed, now.date_naive()) {
        Ok(query) => {
            model.query = query;
            model.query_error = None;
        }
        Err(why) => model.query_error = Some(why),
    }
    model.query_text = typed;
    model.view_stale = true;
}

/// The wheel scrolls what is under the keyboard; a click selects an entry
/// on Home (a second click opens it) or jumps to a section or prompt in the
/// outline.
fn on_mouse(
    model: &mut Model,
    event: crossterm::event::MouseEvent,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEventKind};
    let as_key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let scroll = match event.kind {
        MouseEventKind::ScrollUp => Some(KeyCode::Up),
        MouseEventKind::ScrollDown => Some(KeyCode::Down),
        _ => None,
    };
    let context = model.context();
    if let Some(code) = scroll {
        match context {
            Context::Editor => {
                if let Screen::Worksheet(session) = &mut model.screen {
                    let rows: i16 = if code == KeyCode::Up { -3 } else { 3 };
                    session.editor.scroll((rows, 0));
                }
            }
            Context::Home
            | Context::Trash
            | Context::Reading
            | Context::Picker
            | Context::Chooser
            | Context::Outline
            | Context::Map
            | Context::ExportChoose
            | Context::ExportFormat
            | Context::ExportCheck
            | Context::ExportSummary => fx.extend(update(model, as_key(code), now)),
            _ => {}
        }
        return;
    }
    if event.kind != MouseEventKind::Down(MouseButton::Left) || model.overlay.is_some() {
        return;
    }
    let body = crate::ui::body_area(model, model.screen_size);
    let at = ratatui::layout::Position::new(event.column, event.row);
    match context {
        Context::Home => {
            let list = crate::ui::home::areas(model, body).list;
            // Inside the border, below the header row.
            if !list.contains(at) || event.row < list.y + 2 || event.row + 1 >= list.bottom() {
                return;
            }
            let (offset, _) = crate::ui::home::list_window(model, list);
            let row = offset + usize::from(event.row - list.y - 2);
            if row >= model.view.len() {
                return;
            }
            if row == model.home_selected {
                fx.extend(update(model, as_key(KeyCode::Enter), now));
            } else {
                model.home_selected = row;
                if let Some(selected) = model.selected_entry() {
                    want_loaded(model, selected, fx);
                }
            }
        }
        Context::Editor
        | Context::Chooser
        | Context::Map
        | Context::Checklist
        | Context::Scale
        | Context::YesNo
        | Context::Date => {
            let Some((all, session)) = model.session_steps() else {
                return;
            };
            let (rows, side) = crate::ui::outline_targets(&all, body);
            let Some(side) = side.filter(|s| s.contains(at)) else {
                return;
            };
            if event.row <= side.y || event.row + 1 >= side.bottom() {
                return;
            }
            // The outline keeps the open step in sight, as drawn.
            let selected_row = rows
                .iter()
                .position(|r| *r == crate::ui::OutlineRowRef::Step(session.step))
                .unwrap_or(0);
            let height = usize::from(side.height.saturating_sub(2)).max(1);
            let offset = selected_row.saturating_sub(height - 1);
            let Some(target) = rows.get(offset + usize::from(event.row - side.y - 1)) else {
                return;
            };
            let step = match *target {
                crate::ui::OutlineRowRef::Step(i) | crate::ui::OutlineRowRef::Title(i) => i,
                crate::ui::OutlineRowRef::Section(s) => {
                    all.iter().position(|st| st.section() == s).unwrap_or(0)
                }
            };
            if matches!(session.focus, Focus::Editor) {
                commit_editor(model, now);
            }
            leave_step_to(model, step, fx);
        }
        _ => {}
    }
}

/// Renaming, tags, complete and discussed: changes to one entry made from Home.
fn change_on_home(model: &mut Model, index: usize, command: Command, now: DateTime<FixedOffset>) {
    let Some(entry) = model.entries[index].entry.as_deref_mut() else {
        return;
    };
    let id = entry.id.clone();
    match command {
        Command::Rename | Command::Tags => {
            let (kind, text) = if command == Command::Rename {
                (HomeInputKind::Rename, entry.family_label.clone())
            } else {
                (HomeInputKind::Tags, entry.tags.join(", "))
            };
            let mut input = label_input();
            input.set_placeholder_text(if kind == HomeInputKind::Rename {
                text::LABEL_PLACEHOLDER
            } else {
                text::TAGS_PLACEHOLDER
            });
            input.insert_str(text);
            model.home_input = Some(HomeInput { kind, id, input });
            return;
        }
        Command::ToggleComplete => {
            entry.completed = match entry.completed {
                Some(_) => None,
                None => Some(now),
            };
            let label = entry.family_label.clone();
            model.status = Some(info(if entry.completed.is_some() {
                text::marked_complete(&label)
            } else {
                text::back_in_progress(&label)
            }));
        }
        Command::ToggleDiscussed => {
            entry.discussed = match entry.discussed {
                Some(_) => None,
                None => Some(now.date_naive()),
            };
            let label = entry.family_label.clone();
            model.status = Some(info(if entry.discussed.is_some() {
                text::marked_discussed(&label)
            } else {
                text::unmarked_discussed(&label)
            }));
        }
        _ => return,
    }
    entry.updated = now;
    model.unsaved.insert(id);
    model.resummarize(index);
}

/// The rename and tags fields on Home.
fn on_home_input_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) {
    let in_use = if command == Some(Command::Complete) {
        model.tags_in_use()
    } else {
        Vec::new()
    };
    let Some(field) = &mut model.home_input else {
        return;
    };
    let max = match field.kind {
        HomeInputKind::Rename => MAX_LABEL_CHARS,
        HomeInputKind::Tags => MAX_TAGS_CHARS,
    };
    match command {
        Some(Command::Back) => model.home_input = None,
        Some(Command::Complete) if field.kind == HomeInputKind::Tags => {
            let typed = field.input.lines().join(" ");
            if let Some(done) = complete_tag(&typed, &in_use) {
                let mut input = label_input();
                input.set_placeholder_text(text::TAGS_PLACEHOLDER);
                input.insert_str(done);
                field.input = input;
            }
        }
        Some(Command::Open) => {
            let typed = field.input.lines().join(" ");
            let (kind, id) = (field.kind, field.id.clone());
            let Some(index) = model.index_of(&id) else {
                model.home_input = None;
                return;
            };
            let Some(entry) = model.entries[index].entry.as_deref_mut() else {
                model.home_input = None;
                return;
            };
            match kind {
                HomeInputKind::Rename => {
                    let label = typed.trim().to_string();
                    if label.is_empty() {
                        model.status = Some(info(text::LABEL_NEEDED));
                        return;
                    }
                    if label == entry.family_label {
                        model.home_input = None;
                        return;
                    }
                    entry.family_label = label;
                }
                HomeInputKind::Tags => {
                    let tags = parse_tags(&typed);
                    if tags == entry.tags {
                        model.home_input = None;
                        return;
                    }
                    entry.tags = tags;
                }
            }
            entry.updated = now;
            model.unsaved.insert(id);
            model.home_input = None;
            model.resummarize(index);
        }
        _ => {
            if type_one_line(&mut field.input, key, max) {
                model.status = Some(info(if field.kind == HomeInputKind::Rename {
                    text::LABEL_TOO_LONG
                } else {
                    text::TAGS_TOO_LONG
                }));
            }
        }
    }
}

/// Tags as typed: separated by commas, spaces at the ends trimmed, each
/// once (ignoring case), in the order given.
pub fn parse_tags(typed: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let typed = crate::safe::strip(typed);
    for tag in typed.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag) || t.to_lowercase() == tag.to_lowercase())
        {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// Finishes the last tag being typed with the first tag in use that starts
/// with it and is not already there.
pub fn complete_tag(typed: &str, in_use: &[String]) -> Option<String> {
    let (before, last) = match typed.rfind(',') {
        Some(i) => (&typed[..=i], typed[i + 1..].trim_start()),
        None => ("", typed.trim_start()),
    };
    let have = parse_tags(before);
    let found = in_use.iter().find(|t| {
        t.to_lowercase().starts_with(&last.to_lowercase())
            && !have.iter().any(|h| h.to_lowercase() == t.to_lowercase())
    })?;
    let before = before.trim_end();
    Some(if before.is_empty() {
        format!("{found}, ")
    } else {
        format!("{before} {found}, ")
    })
}

/// The tags in use that could finish what is being typed.
pub fn tag_suggestions(typed: &str, in_use: &[String]) -> Vec<String> {
    let (before, last) = match typed.rfind(',') {
        Some(i) => (&typed[..=i], typed[i + 1..].trim()),
        None => ("", typed.trim()),
    };
    let have = parse_tags(before);
    in_use
        .iter()
        .filter(|t| {
            t.to_lowercase().starts_with(&last.to_lowercase())
                && !have.iter().any(|h| h.to_lowercase() == t.to_lowercase())
        })
        .take(8)
        .cloned()
        .collect()
}

fn on_trash_key(model: &mut Model, command: Option<Command>, fx: &mut Vec<Effect>) {
    match command {
        Some(Command::ToggleTrash) => model.show_trash = false,
        Some(Command::Up) => model.trash_selected = model.trash_selected.saturating_sub(1),
        Some(Command::Down) => {
            model.trash_selected =
                (model.trash_selected + 1).min(model.trash.len().saturating_sub(1))
        }
        Some(Command::Restore | Command::EmptyTrash) if refused(model) => {}
        Some(Command::Restore) => {
            if let Some(entry) = model.trash.get(model.trash_selected) {
                fx.push(Effect::Restore(entry.id.clone()));
            }
        }
        Some(Command::EmptyTrash) if !model.trash.is_empty() => {
            model.overlay = Some(Overlay::ConfirmEmptyTrash)
        }
        _ => {}
    }
}

fn on_picker_key(model: &mut Model, command: Option<Command>) {
    let Screen::Picker { selected } = &mut model.screen else {
        return;
    };
    match command {
        Some(Command::Up) => *selected = selected.saturating_sub(1),
        Some(Command::Down) => {
            *selected = (*selected + 1).min(model.worksheets.len().saturating_sub(1))
        }
        Some(Command::Open) if !model.worksheets.is_empty() => {
            let worksheet = *selected;
            model.screen = Screen::Label {
                worksheet,
                input: label_input(),
            };
        }
        Some(Command::Diagram)
            if model
                .worksheets
                .get(*selected)
                .is_some_and(|w| w.stages.is_empty()) =>
        {
            model.status = Some(info(text::NO_PICTURE))
        }
        Some(Command::Diagram) if !model.worksheets.is_empty() => {
            model.overlay = Some(Overlay::Diagram {
                worksheet: *selected,
            })
        }
        Some(Command::Background) if !model.worksheets.is_empty() => {
            model.overlay = Some(Overlay::Background {
                worksheet: *selected,
                scroll: 0,
            })
        }
        Some(Command::Back) => model.screen = Screen::Home,
        _ => {}
    }
}

fn on_label_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Screen::Label { worksheet, input } = &mut model.screen else {
        return;
    };
    let worksheet = *worksheet;
    match command {
        Some(Command::Back) => {
            model.screen = Screen::Picker {
                selected: worksheet,
            }
        }
        Some(Command::Open) => {
            let label = input.lines().join(" ").trim().to_string();
            if label.is_empty() {
                model.status = Some(info(text::LABEL_NEEDED));
                return;
            }
            create_entry(model, worksheet, label, now, fx);
        }
        _ => {
            if type_one_line(input, key, MAX_LABEL_CHARS) {
                model.status = Some(info(text::LABEL_TOO_LONG));
            }
        }
    }
}

fn on_paste(model: &mut Model, pasted: &str, now: DateTime<FixedOffset>) {
    if matches!(model.screen, Screen::Worksheet(_)) && refused(model) {
        return;
    }
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    // Pasted text keeps no control character or bidi override, wherever
    // it goes.
    let pasted = crate::safe::strip(&pasted);
    if matches!(model.screen, Screen::Home) {
        if let Some(field) = &mut model.home_input {
            let max = match field.kind {
                HomeInputKind::Rename => MAX_LABEL_CHARS,
                HomeInputKind::Tags => MAX_TAGS_CHARS,
            };
            paste_one_line(&mut field.input, &pasted, max);
        } else if model.import.is_some() {
            feedback::on_paste(model, &pasted);
        } else if let Some(input) = &mut model.search_box {
            paste_one_line(input, &pasted, MAX_QUERY_CHARS);
            apply_query(model, now);
        }
        return;
    }
    match &mut model.screen {
        Screen::Label { input, .. } => {
            paste_one_line(input, &pasted, MAX_LABEL_CHARS);
        }
        Screen::Worksheet(session) if session.focus == Focus::Editor => {
            session.editor.insert_str(&pasted);
            commit_editor_as(model, now, Some(crate::undo::Kind::Whole));
        }
        Screen::Worksheet(session) if session.focus == Focus::Date => {
            paste_one_line(&mut session.editor, &pasted, MAX_DATE_CHARS);
            commit_editor(model, now);
        }
        Screen::Worksheet(session) if session.focus == Focus::MapForm => {
            if let Some(input) = session.form.as_mut().and_then(|f| f.input_mut()) {
                paste_one_line(input, &pasted, MAX_ISSUE_CHARS);
            }
        }
        Screen::Export(_) | Screen::Prep(_) => export::on_paste(model, &pasted),
        _ => {}
    }
}

/// Pastes into a one-line field: line breaks become spaces, and the field
/// takes no more than `max` characters.
fn paste_one_line(input: &mut TextArea<'static>, pasted: &str, max: usize) {
    let room = max.saturating_sub(input.lines().concat().chars().count());
    let one_line: String = pasted.replace('\n', " ").chars().take(room).collect();
    input.insert_str(one_line);
}

/// Types a key into a one-line field; what would make it two lines, or
/// longer than `max` characters, is refused. Returns whether it was.
fn type_one_line(input: &mut TextArea<'static>, key: KeyEvent, max: usize) -> bool {
    let before = input.lines().concat();
    input.input(key);
    if input.lines().len() > 1 || input.lines().concat().chars().count() > max {
        let placeholder = input.placeholder_text().to_string();
        *input = label_input();
        input.set_placeholder_text(placeholder);
        input.insert_str(&before);
        return true;
    }
    false
}

/// A unique, readable, sortable id: the creation time plus this copy's salt.
fn new_id(model: &Model, now: DateTime<FixedOffset>) -> String {
    let base = format!("{}-{}", now.format("%Y%m%d-%H%M%S"), model.id_salt);
    let taken = |id: &str| {
        model.entries.iter().any(|r| r.id() == id)
            || model.trash.iter().any(|s| s.id == id)
            || model
                .damaged
                .iter()
                .any(|d| d.path.file_stem().is_some_and(|s| s == id))
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn create_entry(
    model: &mut Model,
    worksheet: usize,
    label: String,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let id = new_id(model, now);
    let entry = Entry::new(id.clone(), &model.worksheets[worksheet], label, now);
    model.entries.push(Record::loaded(entry, &model.worksheets));
    model.view_stale = true;
    model.index_stale = true;
    model.unsaved.insert(id);
    let index = model.entries.len() - 1;
    open_entry(model, index);
    save_unsaved(model, fx);
}

fn open_entry(model: &mut Model, index: usize) {
    let Some(entry) = model.entry(index) else {
        return;
    };
    let Some(worksheet) = model.worksheet_of(entry) else {
        model.status = Some(problem(text::unknown_worksheet(&entry.worksheet.id)));
        return;
    };
    let ws = &model.worksheets[worksheet];
    let all = steps(ws, entry);
    let step = entry
        .position
        .as_deref()
        .and_then(|pos| all.iter().position(|s| s.key(ws) == pos))
        .unwrap_or(0);
    model.screen = Screen::Worksheet(Session {
        entry: index,
        worksheet,
        step: 0,
        editor: answer_editor(""),
        focus: Focus::Editor,
        form: None,
        map_undo: Vec::new(),
        pick_undo: Vec::new(),
        last_key: None,
        history: Default::default(),
    });
    enter_step(model, step);
}

/// Makes `index` the current step: loads its answer into the editor and
/// remembers it as where the practitioner is.
fn enter_step(model: &mut Model, index: usize) {
    let Screen::Worksheet(session) = &mut model.screen else {
        return;
    };
    let ws = &model.worksheets[session.worksheet];
    let Some(entry) = model.entries[session.entry].entry.as_deref_mut() else {
        return;
    };
    let all = steps(ws, entry);
    let index = index.min(all.len().saturating_sub(1));
    let Some(step) = all.get(index) else {
        return;
    };
    session.step = index;
    session.form = None;
    session.map_undo.clear();
    session.pick_undo.clear();
    session.history = Default::default();
    match step {
        Step::Choose { .. } => {
            session.focus = Focus::Chooser { selected: 0 };
        }
        Step::Map { .. } => {
            session.focus = Focus::Map { selected: 0 };
        }
        Step::Date { .. } => {
            let text = step.answer_key(ws).map(|k| entry.answer(&k).to_string());
            session.editor = date_input(text.as_deref().unwrap_or(""));
            session.focus = Focus::Date;
        }
        step if step.pick().is_some() => {
            // The pick comes first; the editor below holds the note.
            let text = step.answer_key(ws).map(|k| entry.answer(&k).to_string());
            session.editor = answer_editor(text.as_deref().unwrap_or(""));
            session.editor.set_placeholder_text(text::NOTE_PLACEHOLDER);
            if let Some(kind) = step.pick() {
                session.focus = Focus::Pick(kind);
            }
        }
        _ => {
            let text = step.answer_key(ws).map(|k| entry.answer(&k).to_string());
            session.editor = answer_editor(text.as_deref().unwrap_or(""));
            session.focus = Focus::Editor;
        }
    }
    let key = step.key(ws);
    let writable = model.read_only.is_none() && !entry.is_from_newer_spiral();
    if entry.position.as_deref() != Some(key.as_str()) && writable {
        entry.position = Some(key);
        model.unsaved.insert(entry.id.clone());
    }
}

/// Copies the editor's text into the entry, marking it changed if it is,
/// and keeps the change for undo as typing.
fn commit_editor(model: &mut Model, now: DateTime<FixedOffset>) {
    commit_editor_as(model, now, Some(crate::undo::Kind::Typing));
}

/// [`commit_editor`], the change kept for undo as `kind` (`None`: not kept,
/// as when undoing).
fn commit_editor_as(
    model: &mut Model,
    now: DateTime<FixedOffset>,
    kind: Option<crate::undo::Kind>,
) {
    let Screen::Worksheet(session) = &mut model.screen else {
        return;
    };
    let ws = &model.worksheets[session.worksheet];
    let Some(entry) = model.entries[session.entry].entry.as_deref_mut() else {
        return;
    };
    let all = steps(ws, entry);
    let Some(key) = all.get(session.step).and_then(|s| s.answer_key(ws)) else {
        return;
    };
    let text = editor_text(&session.editor);
    if let Some(kind) = kind {
        session.history.record(entry.answer(&key), &text, kind, now);
    }
    if entry.set_answer(&key, text) {
        entry.updated = now;
        model.unsaved.insert(entry.id.clone());
    }
}

fn on_worksheet_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Some((all, session)) = model.session_steps() else {
        return;
    };
    let (step, focus, section) = (session.step, session.focus, all[session.step].section());
    let (worksheet, entry) = (session.worksheet, session.entry);
    let sections = model.worksheets[worksheet].sections.len();

    // The outline is a list over every step.
    if let Focus::Outline { selected } = focus {
        let selected = match command {
            Some(Command::Up) => selected.saturating_sub(1),
            Some(Command::Down) => (selected + 1).min(all.len() - 1),
            Some(Command::Open) => return leave_step_to(model, selected, fx),
            Some(Command::Back) => return restore_focus(model),
            _ => selected,
        };
        if let Screen::Worksheet(s) = &mut model.screen {
            s.focus = Focus::Outline { selected };
        }
        return;
    }

    let current = &all[step];
    let ws = &model.worksheets[worksheet];
    match (focus, command) {
        (
            Focus::Pick(kind),
            Some(Command::Left | Command::Right | Command::Pick | Command::Clear),
        ) => return on_pick_key(model, kind, key, command, now),
        // A letter that is not one of the prompt's keys is the start of a
        // note: it is never swallowed (see `type_into_note`).
        (Focus::Pick(_), None) if printable(&key) => return type_into_note(model, key, now),
        (Focus::Pick(_), Some(Command::Undo)) => return undo_pick(model, now),
        (Focus::Pick(_), Some(Command::Up)) if step > 0 => {
            return leave_step_to(model, step - 1, fx);
        }
        (Focus::Pick(_), Some(Command::Down)) if step + 1 < all.len() => {
            return leave_step_to(model, step + 1, fx);
        }
        (Focus::Pick(_), Some(Command::NextPrompt))
            if model.entry(entry).is_some_and(|e| current.has_note(ws, e)) =>
        {
            if let Some(s) = session_mut(model) {
                s.focus = Focus::Editor;
            }
            return;
        }
        (Focus::Editor, Some(Command::PrevPrompt)) if current.pick().is_some() => {
            if let (Some(s), Some(kind)) = (session_mut(model), current.pick()) {
                s.focus = Focus::Pick(kind);
            }
            return;
        }
        (Focus::Date, Some(Command::Today)) => {
            if !refused(model)
                && let Some(s) = session_mut(model)
            {
                s.editor = date_input(&now.format("%Y-%m-%d").to_string());
                commit_editor(model, now);
            }
            return;
        }
        (Focus::Date, None) => {
            if refused(model) {
                return;
            }
            if let Some(s) = session_mut(model)
                && type_one_line(&mut s.editor, key, MAX_DATE_CHARS)
            {
                model.status = Some(info(text::DATE_FORMAT));
            }
            return commit_editor(model, now);
        }
        _ => {}
    }

    match command {
        Some(Command::NextPrompt) => {
            if step + 1 < all.len() {
                leave_step_to(model, step + 1, fx);
            } else {
                model.status = Some(info(text::LAST_PROMPT));
            }
        }
        Some(Command::PrevPrompt) => {
            if step > 0 {
                leave_step_to(model, step - 1, fx);
            } else {
                model.status = Some(info(text::FIRST_PROMPT));
            }
        }
        Some(Command::NextSection) => {
            if section + 1 < sections {
                let target = first_of_section(&all, section + 1).unwrap_or(step);
                leave_step_to(model, target, fx);
            } else {
                model.status = Some(info(text::LAST_SECTION));
            }
        }
        Some(Command::PrevSection) => {
            // From inside a section, go to its start first, as a book would.
            let start = first_of_section(&all, section).unwrap_or(0);
            let target = if step > start {
                start
            } else if section > 0 {
                first_of_section(&all, section - 1).unwrap_or(0)
            } else {
                model.status = Some(info(text::FIRST_PROMPT));
                return;
            };
            leave_step_to(model, target, fx);
        }
        Some(Command::Outline) => {
            if let Screen::Worksheet(s) = &mut model.screen {
                s.focus = Focus::Outline { selected: step };
            }
        }
        Some(Command::ToggleGuidance) => model.show_guidance = !model.show_guidance,
        Some(Command::ToggleComments) => feedback::toggle_comments(model),
        Some(Command::ReadComments) => feedback::read_comments(model),
        Some(Command::Diagram) if model.worksheets[worksheet].stages.is_empty() => {
            model.status = Some(info(text::NO_PICTURE))
        }
        Some(Command::Diagram) => model.overlay = Some(Overlay::Diagram { worksheet }),
        Some(Command::Background) => {
            model.overlay = Some(Overlay::Background {
                worksheet,
                scroll: 0,
            })
        }
        Some(Command::SaveNow) => {
            save_unsaved(model, fx);
            if fx.is_empty() {
                model.status = Some(info(text::NOTHING_TO_SAVE));
            }
        }
        Some(Command::Back) => {
            save_unsaved(model, fx);
            model.screen = Screen::Home;
            model.resummarize(entry);
            model.refresh_view();
            model.home_selected = model.view.iter().position(|&i| i == entry).unwrap_or(0);
        }
        Some(Command::ExternalEditor | Command::Undo | Command::Redo | Command::ToggleChoice)
            if refused(model) => {}
        Some(Command::ExternalEditor) => {
            if let Some(s) = model.session() {
                fx.push(Effect::EditExternally {
                    text: editor_text(&s.editor),
                });
            }
        }
        Some(Command::Undo | Command::Redo) => {
            let undo = command == Some(Command::Undo);
            if let Screen::Worksheet(s) = &mut model.screen {
                let text = editor_text(&s.editor);
                let done = if undo {
                    s.history.undo(&text)
                } else {
                    s.history.redo(&text)
                };
                match done {
                    Some((text, cursor)) => {
                        replace_editor_text(&mut s.editor, &text, cursor);
                        commit_editor_as(model, now, None);
                    }
                    None => {
                        model.status = Some(info(if undo {
                            text::NOTHING_TO_UNDO_HERE
                        } else {
                            text::NOTHING_TO_REDO
                        }))
                    }
                }
            }
        }
        Some(Command::Up | Command::Down | Command::ToggleChoice) => {
            on_chooser_key(model, command, now)
        }
        _ => {
            let read_only = model.read_only_reason().is_some();
            let stored = stored_text(model);
            if focus == Focus::Editor
                && let Screen::Worksheet(s) = &mut model.screen
                && s.editor.input(key)
            {
                if read_only {
                    // Moving about is fine; changing the text is not.
                    let cursor = s.editor.cursor();
                    let stored = stored.unwrap_or_default();
                    let offset = byte_offset(&stored, cursor.0, cursor.1);
                    replace_editor_text(&mut s.editor, &stored, offset);
                    refused(model);
                } else {
                    commit_editor(model, now);
                }
            }
        }
    }
}

/// A character typed as text: no Ctrl or Alt with it (Shift is fine).
fn printable(key: &KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// On a check, a scale or a yes/no question, a printable key that is not
/// one of its own keys: focus moves to the note and the key is typed
/// there. Where there is no note (yes/no without a follow-up for this
/// answer) it is refused, and the message says which keys answer.
fn type_into_note(model: &mut Model, key: KeyEvent, now: DateTime<FixedOffset>) {
    if refused(model) {
        return;
    }
    let Some((all, session)) = model.session_steps() else {
        return;
    };
    let ws = &model.worksheets[session.worksheet];
    let step = &all[session.step];
    let Some(entry) = model.entry(session.entry) else {
        return;
    };
    if !step.has_note(ws, entry) {
        let follow_up = matches!(step.item(ws), Item::YesNo(y) if y.follow_up.is_some());
        model.status = Some(info(text::no_note_to_write(follow_up)));
        return;
    }
    if let Some(s) = session_mut(model) {
        s.focus = Focus::Editor;
        s.editor.input(key);
    }
    commit_editor(model, now);
    model.status = Some(info(text::WRITING_THE_NOTE));
}

/// The stored text of the open step's editor.
fn stored_text(model: &Model) -> Option<String> {
    let (all, session) = model.session_steps()?;
    let ws = &model.worksheets[session.worksheet];
    let key = all.get(session.step)?.answer_key(ws)?;
    Some(model.entry(session.entry)?.answer(&key).to_string())
}

/// The byte offset of a (row, column in characters) place in `text`.
fn byte_offset(text: &str, row: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i == row {
            return offset
                + line
                    .char_indices()
                    .nth(col)
                    .map_or(line.len(), |(at, _)| at);
        }
        offset += line.len() + 1;
    }
    text.len()
}

fn restore_focus(model: &mut Model) {
    if let Screen::Worksheet(s) = &model.screen {
        let step = s.step;
        enter_step(model, step);
    }
}

/// Leaves the current step (saving if anything changed) for another.
fn leave_step_to(model: &mut Model, index: usize, fx: &mut Vec<Effect>) {
    if let Some(s) = model.session()
        && s.focus == Focus::Date
    {
        let typed = editor_text(&s.editor);
        if !typed.trim().is_empty() && parse_date(&typed).is_none() {
            model.status = Some(info(text::date_not_finished(&typed)));
        }
    }
    enter_step(model, index);
    save_unsaved(model, fx);
}

fn on_chooser_key(model: &mut Model, command: Option<Command>, now: DateTime<FixedOffset>) {
    let Screen::Worksheet(session) = &mut model.screen else {
        return;
    };
    let Focus::Chooser { selected } = session.focus else {
        return;
    };
    let ws = &model.worksheets[session.worksheet];
    let Some(entry) = model.entries[session.entry].entry.as_deref_mut() else {
        return;
    };
    let all = steps(ws, entry);
    let Item::Choose(choice) = all[session.step].item(ws) else {
        return;
    };
    let Some(bank) = ws.bank(&choice.bank) else {
        return;
    };
    match command {
        Some(Command::Up) => {
            session.focus = Focus::Chooser {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Command::Down) => {
            session.focus = Focus::Chooser {
                selected: (selected + 1).min(bank.questions.len().saturating_sub(1)),
            }
        }
        Some(Command::ToggleChoice) => {
            let Some(question) = bank.questions.get(selected) else {
                return;
            };
            let chosen = entry.chosen.entry(choice.id.clone()).or_default();
            if let Some(at) = chosen.iter().position(|q| q == &question.id) {
                // Answers about it stay in the file, and come back if it is chosen again.
                chosen.remove(at);
            } else if chosen.len() < choice.count {
                chosen.push(question.id.clone());
            } else {
                model.status = Some(info(text::choose_limit(choice.count)));
                return;
            }
            if chosen.is_empty() {
                entry.chosen.remove(&choice.id);
            }
            entry.updated = now;
            model.unsaved.insert(entry.id.clone());
        }
        _ => {}
    }
}

/// The open map step: its item id, the entry and the worksheet (indices).
fn map_step(model: &Model) -> Option<(String, usize, usize)> {
    let session = model.session()?;
    let ws = &model.worksheets[session.worksheet];
    let all = steps(ws, model.entry(session.entry)?);
    match all.get(session.step)? {
        step @ Step::Map { .. } => Some((
            step.item(ws).id().to_string(),
            session.entry,
            session.worksheet,
        )),
        _ => None,
    }
}

fn session_mut(model: &mut Model) -> Option<&mut Session> {
    match &mut model.screen {
        Screen::Worksheet(s) => Some(s),
        _ => None,
    }
}

/// Changes the open map, keeping the old one for `u`, and marks the entry changed.
fn change_map(
    model: &mut Model,
    now: DateTime<FixedOffset>,
    change: impl FnOnce(&mut Vec<MapIssue>, &mut usize) -> Result<(), String>,
) {
    let Some((item, entry_index, _)) = map_step(model) else {
        return;
    };
    let mut selected = match model.session().map(|s| s.focus) {
        Some(Focus::Map { selected }) => selected,
        _ => 0,
    };
    let Some(entry) = model.entries[entry_index].entry.as_deref_mut() else {
        return;
    };
    let before = entry.map(&item).to_vec();
    let mut issues = before.clone();
    if let Err(why) = change(&mut issues, &mut selected) {
        model.status = Some(info(why));
        return;
    }
    if issues == before {
        return;
    }
    if issues.is_empty() {
        entry.maps.remove(&item);
    } else {
        entry.maps.insert(item, issues);
    }
    entry.updated = now;
    model.unsaved.insert(entry.id.clone());
    let id = entry.id.clone();
    for draft in &mut model.issue_drafts {
        if draft.entry == id {
            draft.latest = false;
        }
    }
    if let Some(s) = session_mut(model) {
        s.map_undo.push(before);
        if s.map_undo.len() > MAP_UNDO_KEEP {
            s.map_undo.remove(0);
        }
        s.focus = Focus::Map { selected };
    }
}

/// How many changes to one map `u` can take back.
const MAP_UNDO_KEEP: usize = 100;

fn on_map_key(model: &mut Model, command: Option<Command>, now: DateTime<FixedOffset>) {
    let changes = matches!(
        command,
        Some(
            Command::AddIssue
                | Command::EditIssue
                | Command::DeleteIssue
                | Command::MoveUp
                | Command::MoveDown
                | Command::UndoMap
        )
    );
    if changes && refused(model) {
        return;
    }
    let Some((item, entry_index, ws_index)) = map_step(model) else {
        return;
    };
    // A draft left on this map comes back before anything else opens, and
    // before older changes are undone.
    let draft = model
        .issue_drafts
        .iter()
        .find(|d| d.entry == model.entries[entry_index].id() && d.item == item);
    let nothing_else = model.session().is_none_or(|s| s.map_undo.is_empty());
    let draft_first = match command {
        Some(Command::AddIssue | Command::EditIssue) => draft.is_some(),
        Some(Command::UndoMap) => draft.is_some_and(|d| d.latest || nothing_else),
        _ => false,
    };
    if draft_first && reopen_draft(model) {
        return;
    }
    let Screen::Worksheet(session) = &mut model.screen else {
        return;
    };
    let Focus::Map { selected } = session.focus else {
        return;
    };
    let ws = &model.worksheets[ws_index];
    let Some(issues) = model.entries[entry_index]
        .entry
        .as_deref()
        .map(|e| e.map(&item))
    else {
        return;
    };
    let parts = ws.core.parts.len();
    match command {
        Some(Command::Up) => {
            session.focus = Focus::Map {
                selected: selected.saturating_sub(1),
            }
        }
        Some(Command::Down) => {
            session.focus = Focus::Map {
                selected: (selected + 1).min(issues.len().saturating_sub(1)),
            }
        }
        Some(Command::AddIssue) => {
            // A new issue starts in the stage of the one selected: work often stays there.
            let stage = issues
                .get(selected)
                .and_then(|i| ws.stages.iter().position(|s| s.id == i.stage))
                .unwrap_or(0);
            session.form = Some(Box::new(IssueForm::new(
                None,
                &MapIssue::default(),
                stage,
                vec![false; parts],
            )));
            session.focus = Focus::MapForm;
        }
        Some(Command::EditIssue) => {
            if let Some(issue) = issues.get(selected) {
                let stage = ws
                    .stages
                    .iter()
                    .position(|s| s.id == issue.stage)
                    .unwrap_or(0);
                let feeds = ws
                    .core
                    .parts
                    .iter()
                    .map(|p| issue.feeds.contains(&p.id))
                    .collect();
                session.form = Some(Box::new(IssueForm::new(
                    Some(selected),
                    issue,
                    stage,
                    feeds,
                )));
                session.focus = Focus::MapForm;
            }
        }
        Some(Command::DeleteIssue) if !issues.is_empty() => {
            change_map(model, now, |issues, selected| {
                map::delete(issues, *selected);
                *selected = (*selected).min(issues.len().saturating_sub(1));
                Ok(())
            });
            model.status = Some(info(text::ISSUE_DELETED));
        }
        Some(Command::MoveUp | Command::MoveDown) => {
            let up = command == Some(Command::MoveUp);
            change_map(model, now, |issues, selected| {
                *selected = map::move_issue(issues, *selected, up).map_err(text::cannot_move)?;
                Ok(())
            });
        }
        Some(Command::UndoMap) => match session.map_undo.pop() {
            Some(previous) => {
                let Some(entry) = model.entries[entry_index].entry.as_deref_mut() else {
                    return;
                };
                let count = previous.len();
                if previous.is_empty() {
                    entry.maps.remove(&item);
                } else {
                    entry.maps.insert(item, previous);
                }
                entry.updated = now;
                model.unsaved.insert(entry.id.clone());
                session.focus = Focus::Map {
                    selected: selected.min(count.saturating_sub(1)),
                };
                model.status = Some(info(text::MAP_UNDONE));
            }
            None => model.status = Some(info(text::NOTHING_TO_UNDO)),
        },
        _ => {}
    }
}

fn on_form_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Some((item, entry_index, ws_index)) = map_step(model) else {
        return;
    };
    let Screen::Worksheet(session) = &mut model.screen else {
        return;
    };
    let ws = &model.worksheets[ws_index];
    let Some(issues) = model.entries[entry_index]
        .entry
        .as_deref()
        .map(|e| e.map(&item))
    else {
        return;
    };
    let Some(form) = &mut session.form else {
        return;
    };
    let field = form.field;
    let text_field = form.input_mut().is_some();
    match command {
        Some(Command::Back) => {
            let selected = form.editing.unwrap_or(issues.len().saturating_sub(1));
            let original = form.editing.and_then(|i| issues.get(i));
            let changed = match original {
                Some(issue) => form_issue(form, ws, issue.id) != *issue,
                None => {
                    form_issue(form, ws, 0)
                        != MapIssue {
                            stage: form_issue(form, ws, 0).stage,
                            ..MapIssue::default()
                        }
                }
            };
            let issue = original.map(|i| i.id);
            session.focus = Focus::Map { selected };
            if let Some(form) = session.form.take().filter(|_| changed) {
                let entry = model.entries[entry_index].id().to_string();
                model
                    .issue_drafts
                    .retain(|d| !(d.entry == entry && d.item == item));
                model.issue_drafts.push(crate::state::IssueDraft {
                    entry,
                    item,
                    issue,
                    form,
                    latest: true,
                });
                model.status = Some(info(text::ISSUE_DRAFT_KEPT));
            }
        }
        Some(Command::Undo) => match form.input_mut() {
            Some(input) => {
                if !input.undo() {
                    model.status = Some(info(text::NOTHING_TO_UNDO_IN_FIELD));
                }
            }
            None => model.status = Some(info(text::NOTHING_TO_UNDO_IN_FIELD)),
        },
        Some(Command::NextField) => form.field = field.step(true),
        Some(Command::PrevField) => form.field = field.step(false),
        Some(Command::Left | Command::Right) if !text_field => {
            let forward = command == Some(Command::Right);
            let cycle = |i: usize, n: usize| {
                if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }
            };
            match field {
                FormField::Stage if !ws.stages.is_empty() => {
                    form.stage = cycle(form.stage, ws.stages.len())
                }
                FormField::Feeds if !form.feeds.is_empty() => {
                    form.part = cycle(form.part, form.feeds.len())
                }
                FormField::ReturnOf => {
                    // None, then each earlier issue.
                    let earlier: Vec<Option<u32>> = std::iter::once(None)
                        .chain(
                            issues[..form.editing.unwrap_or(issues.len())]
                                .iter()
                                .map(|i| Some(i.id)),
                        )
                        .collect();
                    let at = earlier
                        .iter()
                        .position(|o| *o == form.return_of)
                        .unwrap_or(0);
                    form.return_of = earlier[cycle(at, earlier.len())];
                }
                _ => {}
            }
        }
        Some(Command::ToggleChoice) if field == FormField::Feeds => {
            if let Some(f) = form.feeds.get_mut(form.part) {
                *f = !*f;
            }
        }
        Some(Command::SaveIssue) => {
            if form.text.lines().join(" ").trim().is_empty() {
                form.field = FormField::Text;
                model.status = Some(info(text::ISSUE_NEEDS_TEXT));
                return;
            }
            let editing = form.editing;
            let id = editing
                .and_then(|i| issues.get(i))
                .map_or_else(|| map::next_id(issues), |i| i.id);
            let issue = form_issue(form, ws, id);
            session.form = None;
            session.focus = Focus::Map { selected: 0 };
            change_map(model, now, |issues, selected| {
                match editing {
                    Some(i) if i < issues.len() => {
                        issues[i] = issue;
                        *selected = i;
                    }
                    _ => {
                        issues.push(issue);
                        *selected = issues.len() - 1;
                    }
                }
                Ok(())
            });
            save_unsaved(model, fx);
        }
        _ => {
            // Typing, and moving within a text field.
            if let Some(input) = form.input_mut() {
                type_one_line(input, key, MAX_ISSUE_CHARS);
            }
        }
    }
}

/// The issue as the form has it, with this id.
fn form_issue(form: &IssueForm, ws: &crate::model::worksheet::Worksheet, id: u32) -> MapIssue {
    let line = |input: &TextArea<'static>| input.lines().join(" ").trim().to_string();
    MapIssue {
        id,
        text: line(&form.text),
        stage: ws
            .stages
            .get(form.stage)
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        when: line(&form.when),
        shifted: line(&form.shifted),
        return_of: form.return_of,
        feeds: ws
            .core
            .parts
            .iter()
            .zip(&form.feeds)
            .filter(|(_, on)| **on)
            .map(|(p, _)| p.id.clone())
            .collect(),
    }
}

/// Opens the draft left on this map, if there is one: its form again, on
/// the issue it changes (found by id: the map may have changed since).
/// Returns whether there was one.
fn reopen_draft(model: &mut Model) -> bool {
    let Some((item, entry_index, _)) = map_step(model) else {
        return false;
    };
    let entry = model.entries[entry_index].id().to_string();
    let Some(at) = model
        .issue_drafts
        .iter()
        .position(|d| d.entry == entry && d.item == item)
    else {
        return false;
    };
    let draft = model.issue_drafts.remove(at);
    let editing = draft.issue.and_then(|id| {
        model.entries[entry_index]
            .entry
            .as_deref()
            .and_then(|e| e.map(&item).iter().position(|i| i.id == id))
    });
    let Some(session) = session_mut(model) else {
        return false;
    };
    let mut form = draft.form;
    form.editing = editing;
    session.form = Some(form);
    session.focus = Focus::MapForm;
    model.status = Some(info(text::ISSUE_DRAFT_BACK));
    true
}

/// The longest text a date field takes: YYYY-MM-DD.
pub const MAX_DATE_CHARS: usize = 10;

/// How soon after `1` a `0` must come to make 10 on a scale: a moment,
/// as when typing a number.
pub const TEN_WITHIN: chrono::TimeDelta = chrono::TimeDelta::milliseconds(1500);

/// A pick step's keys: change a check's state, the number on a scale, or
/// yes/no; or clear it. The answer is stored at once, like typing.
fn on_pick_key(
    model: &mut Model,
    kind: Pick,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) {
    if refused(model) {
        return;
    }
    let Screen::Worksheet(session) = &model.screen else {
        return;
    };
    let ws = &model.worksheets[session.worksheet];
    let Some(entry) = model.entries[session.entry].entry.as_deref_mut() else {
        return;
    };
    let all = steps(ws, entry);
    let Some(answer_key) = all.get(session.step).and_then(|s| s.pick_key(ws)) else {
        return;
    };
    let current = entry.answer(&answer_key).to_string();
    let typed = match key.code {
        crossterm::event::KeyCode::Char(c) => Some(c),
        _ => None,
    };
    let forward = command != Some(Command::Left);
    // None: the key means nothing here. Some(""): clear the answer.
    let next: Option<String> = match (kind, command) {
        (_, Some(Command::Clear)) => Some(String::new()),
        (Pick::Check, Some(Command::Pick)) => typed
            .and_then(|c| match c {
                'd' => Some(CheckState::Done),
                'n' => Some(CheckState::NotYet),
                'x' => Some(CheckState::NotRelevant),
                _ => None,
            })
            .map(|s| s.as_str().to_string()),
        (Pick::Check, _) => {
            let all = CheckState::ALL;
            let at = all
                .iter()
                .position(|s| Some(*s) == CheckState::parse(&current));
            let n = all.len();
            let i = match (at, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            Some(all[i].as_str().to_string())
        }
        (Pick::Scale, Some(Command::Pick)) => {
            // 1 then 0 typed within a moment is 10, as the number is read.
            let one_just_now = session.last_key.is_some_and(|(code, at)| {
                code == crossterm::event::KeyCode::Char('1')
                    && now.signed_duration_since(at) <= TEN_WITHIN
            }) && current == "1";
            typed.and_then(|c| c.to_digit(10)).map(|d| {
                if d == 0 && one_just_now {
                    "10".to_string()
                } else {
                    d.to_string()
                }
            })
        }
        (Pick::Scale, _) => {
            use crate::model::worksheet::{SCALE_MAX, SCALE_MIN};
            let n = match (parse_scale(&current), forward) {
                (None, true) => SCALE_MIN,
                (None, false) => SCALE_MAX,
                (Some(n), true) => (n + 1).min(SCALE_MAX),
                (Some(n), false) => n.saturating_sub(1),
            };
            Some(n.to_string())
        }
        (Pick::YesNo, Some(Command::Pick)) => match typed {
            Some('y') => Some("yes".into()),
            Some('n') => Some("no".into()),
            _ => None,
        },
        (Pick::YesNo, _) => {
            let yes = parse_yes_no(&current).is_none_or(|b| !b);
            Some(if yes { "yes" } else { "no" }.into())
        }
    };
    if let Some(next) = next
        && entry.set_answer(&answer_key, next)
    {
        entry.updated = now;
        model.unsaved.insert(entry.id.clone());
        if let Some(s) = session_mut(model) {
            s.pick_undo.push((answer_key, current));
        }
    }
}

/// Ctrl-Z on a check, a scale or a yes/no question: the answer goes back
/// to what it was before its last change on this step, or the message
/// says there is none.
fn undo_pick(model: &mut Model, now: DateTime<FixedOffset>) {
    if refused(model) {
        return;
    }
    let Some(s) = session_mut(model) else {
        return;
    };
    let Some((key, before)) = s.pick_undo.pop() else {
        model.status = Some(info(text::NOTHING_TO_UNDO_ON_PICK));
        return;
    };
    let entry_index = s.entry;
    if let Some(entry) = model.entry_mut(entry_index)
        && entry.set_answer(&key, before)
    {
        entry.updated = now;
        let id = entry.id.clone();
        model.unsaved.insert(id);
    }
    model.status = Some(info(text::PICK_UNDONE));
}

/// A map issue is a few words, not an essay: the longest text a field takes.
pub const MAX_ISSUE_CHARS: usize = 200;

mod export;
mod feedback;
pub use feedback::MAX_PATH_CHARS;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod kinds_tests;

#[cfg(test)]
mod export_tests;
