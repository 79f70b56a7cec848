//! Exports and supervision prep from the workbook: choose the entries and
//! the format, decide about each possible identifying detail, then ask the
//! driver to write the file. The same steps as `spiral export` and
//! `spiral prep` (see `cli::export`), through the same `export` module.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;

use super::{info, problem, save_unsaved};
use crate::export::check::{self, Decision};
use crate::export::{self, DateRange, Export, Pending, prep, summary};
use crate::keymap::{Command, Context};
use crate::model::entry::Entry;
use crate::msg::{Effect, Msg};
use crate::state::export::{ExportFlow, ExportStep, Exporting, PrepScreen, since_last_supervision};
use crate::state::{Model, Screen, editor_text};
use crate::store::LoadFailure;
use crate::text::export as say;

/// The longest reason for leaving details in: a sentence, not a report.
pub const MAX_REASON_CHARS: usize = 300;

/// `x` on Home: the chooser, with the selected entry already chosen.
pub(super) fn start_export(model: &mut Model) {
    if model.entries.is_empty() {
        model.status = Some(info(say::NOTHING_TO_EXPORT));
        return;
    }
    if model.view.is_empty() {
        model.status = Some(info(say::NOTHING_LISTED));
        return;
    }
    let rows: Vec<String> = model
        .view
        .iter()
        .map(|&i| model.entries[i].id().to_string())
        .collect();
    let mut chosen = BTreeSet::new();
    if let Some(i) = model.selected_entry().filter(|&i| exportable(model, i)) {
        chosen.insert(model.entries[i].id().to_string());
    }
    let mut flow = ExportFlow::new(Exporting::Entries, rows, chosen);
    flow.row = model.home_selected;
    model.screen = Screen::Export(Box::new(flow));
}

/// `p` on Home: the prep screen, once the answers kept so far are read.
pub(super) fn start_prep(model: &mut Model, fx: &mut Vec<Effect>) {
    match &model.prep.answers {
        Some(answers) => {
            model.screen = Screen::Prep(Box::new(PrepScreen::new(answers)));
        }
        None => fx.push(Effect::LoadPrep),
    }
}

/// Whether an entry can be exported: its worksheet is one this spiral has.
use crate::state::export::exportable;

pub(super) fn on_key(
    model: &mut Model,
    context: Context,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    match context {
        Context::ExportChoose => on_choose_key(model, command),
        Context::ExportFormat => on_format_key(model, command, now, fx),
        Context::ExportCheck => on_check_key(model, command, fx),
        Context::ExportReason => on_reason_key(model, key, command),
        Context::ExportSummary => on_summary_key(model, command, now, fx),
        Context::Prep => on_prep_key(model, key, command, now, fx),
        _ => {}
    }
}

fn flow_mut(model: &mut Model) -> Option<&mut ExportFlow> {
    match &mut model.screen {
        Screen::Export(flow) => Some(flow),
        _ => None,
    }
}

fn on_choose_key(model: &mut Model, command: Option<Command>) {
    let Screen::Export(flow) = &model.screen else {
        return;
    };
    let at = flow.row.min(flow.rows.len().saturating_sub(1));
    let here = flow.rows.get(at).and_then(|id| model.index_of(id));
    let usable: Vec<String> = if command == Some(Command::MarkAll) {
        flow.rows
            .iter()
            .filter(|id| model.index_of(id).is_some_and(|i| exportable(model, i)))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let why_not = here
        .filter(|&i| !exportable(model, i))
        .map(|i| say::unknown_worksheet(&model.entries[i].summary.worksheet.id));
    let Screen::Export(flow) = &mut model.screen else {
        return;
    };
    match command {
        Some(Command::Up) => flow.row = at.saturating_sub(1),
        Some(Command::Down) => flow.row = (at + 1).min(flow.rows.len().saturating_sub(1)),
        Some(Command::ToggleChoice) => {
            if let Some(why) = why_not {
                model.status = Some(info(why));
            } else if let Some(id) = flow.rows.get(at) {
                if !flow.chosen.remove(id) {
                    flow.chosen.insert(id.clone());
                }
                flow.row = (at + 1).min(flow.rows.len().saturating_sub(1));
            }
        }
        Some(Command::MarkAll) => {
            if usable.iter().all(|id| flow.chosen.contains(id)) {
                flow.chosen.clear();
            } else {
                flow.chosen.extend(usable);
            }
        }
        Some(Command::Open) => {
            // Only what is still listed counts.
            let rows: BTreeSet<&String> = flow.rows.iter().collect();
            flow.chosen.retain(|id| rows.contains(id));
            if flow.chosen.is_empty() {
                model.status = Some(info(say::CHOOSE_ONE));
            } else {
                flow.step = ExportStep::Format;
            }
        }
        Some(Command::Back) => model.screen = Screen::Home,
        _ => {}
    }
}

fn on_format_key(
    model: &mut Model,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Some(flow) = flow_mut(model) else {
        return;
    };
    if flow.step != ExportStep::Format {
        // Reading or writing: a moment, and nothing to decide.
        return;
    }
    let count = flow.formats().len();
    match command {
        Some(Command::Up) => flow.format = flow.format.saturating_sub(1),
        Some(Command::Down) => flow.format = (flow.format + 1).min(count - 1),
        Some(Command::Back) => {
            if flow.is_prep() {
                leave(model);
            } else {
                flow.step = ExportStep::Choose;
            }
        }
        Some(Command::Open) => read_entries(model, now, fx),
        _ => {}
    }
}

/// The entries going into the export, by id: those chosen, or for a prep
/// note those changed since the last supervision.
fn wanted(model: &Model, flow: &ExportFlow) -> Vec<String> {
    if flow.is_prep() {
        let (_, changed) = since_last_supervision(model);
        changed
            .into_iter()
            .map(|i| model.entries[i].id().to_string())
            .collect()
    } else {
        flow.chosen.iter().cloned().collect()
    }
}

/// Each entry's index by its id, for looking up many at once (`index_of`
/// looks through every entry each time).
fn ids_to_indices(model: &Model) -> std::collections::HashMap<&str, usize> {
    model
        .entries
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id(), i))
        .collect()
}

/// Asks for the entries not yet read; with all of them at hand, checks them.
fn read_entries(model: &mut Model, now: DateTime<FixedOffset>, fx: &mut Vec<Effect>) {
    let Screen::Export(flow) = &model.screen else {
        return;
    };
    let index = ids_to_indices(model);
    let unread: Vec<String> = wanted(model, flow)
        .into_iter()
        .filter(|id| {
            index
                .get(id.as_str())
                .and_then(|&i| model.entry(i))
                .is_none()
        })
        .collect();
    if unread.is_empty() {
        build(model, Vec::new(), now);
    } else {
        if let Some(flow) = flow_mut(model) {
            flow.step = ExportStep::Reading;
        }
        fx.push(Effect::ReadForExport(unread));
    }
}

/// Makes the export from the entries (the app's own copies, and those just
/// read), and runs the identifying-details check.
fn build(
    model: &mut Model,
    read: Vec<(String, Result<Box<Entry>, LoadFailure>)>,
    now: DateTime<FixedOffset>,
) {
    let Screen::Export(flow) = &model.screen else {
        return;
    };
    let index = ids_to_indices(model);
    let mut read: std::collections::HashMap<String, Result<Box<Entry>, LoadFailure>> =
        read.into_iter().collect();
    let mut entries = Vec::new();
    for id in wanted(model, flow) {
        let own = index
            .get(id.as_str())
            .and_then(|&i| model.entry(i))
            .cloned();
        let found = own
            .map(Ok)
            .or_else(|| read.remove(&id).map(|result| result.map(|e| *e)));
        match found {
            Some(Ok(entry)) => entries.push(entry),
            other => {
                let label = model.index_of(&id).map_or(id.clone(), |i| {
                    model.entries[i].summary.family_label.clone()
                });
                let why = match other {
                    Some(Err(LoadFailure::Damaged(d))) => {
                        format!("{}: {}", d.path.display(), d.error)
                    }
                    _ => "it was moved or deleted outside spiral".to_string(),
                };
                model.status = Some(problem(say::read_failed(&label, &why)));
                if let Some(flow) = flow_mut(model) {
                    flow.step = ExportStep::Format;
                }
                return;
            }
        }
    }
    let (since, _) = since_last_supervision(model);
    let Screen::Export(flow) = &model.screen else {
        return;
    };
    let (range, notes) = match &flow.what {
        Exporting::Prep(screen) => (
            DateRange {
                from: since,
                to: Some(now.date_naive()),
            },
            Some(prep::Prep {
                answers: screen.answers(),
                since,
            }),
        ),
        Exporting::Entries => (DateRange::of(&entries, None, None), None),
    };
    let mut export =
        Export::new(entries, &model.worksheets, now, range).with_settings(&model.settings);
    export.prep = notes;
    let mut pending = match Pending::new(export, &model.settings) {
        Ok(p) => p,
        Err(e) => {
            model.status = Some(problem(say::bad_patterns(&e.to_string())));
            if let Some(flow) = flow_mut(model) {
                flow.step = ExportStep::Format;
            }
            return;
        }
    };
    // What was decided at earlier exports is decided so again: only what
    // is new is asked about.
    let recalled = model
        .remembered
        .as_ref()
        .map_or(0, |r| r.apply(&mut pending));
    let Some(flow) = flow_mut(model) else {
        return;
    };
    let nothing_to_ask = pending.open() == 0;
    flow.current = pending
        .decisions
        .iter()
        .position(|d| *d == Decision::Open)
        .unwrap_or(0);
    flow.pending = Some(Box::new(pending));
    flow.recalled = recalled;
    if nothing_to_ask {
        to_summary(model);
    } else {
        flow.step = ExportStep::Check;
    }
}

/// The next finding still open after `current`, going round; `None` when
/// every one is decided and the export can be written.
fn next_open(pending: &Pending, current: usize) -> Option<usize> {
    let total = pending.findings.len();
    (1..=total)
        .map(|step| (current + step) % total)
        .find(|&i| pending.decisions[i] == Decision::Open)
}

fn on_check_key(model: &mut Model, command: Option<Command>, fx: &mut Vec<Effect>) {
    let read_only = model.read_only.is_some();
    let Screen::Export(flow) = &model.screen else {
        return;
    };
    let Some(pending) = flow.pending.as_deref() else {
        return;
    };
    let total = pending.findings.len();
    let current = flow.current.min(total.saturating_sub(1));
    // Whether the entry of the finding shown may be changed, and if not why.
    let refuse_in_entry = pending.findings.get(current).and_then(|f| {
        if f.entry == check::PREP {
            Some(say::PREP_IS_NOT_AN_ENTRY)
        } else if read_only {
            Some(say::READ_ONLY_ENTRY_KEPT)
        } else if pending
            .export
            .entries
            .get(f.entry)
            .is_some_and(Entry::is_from_newer_spiral)
        {
            Some(say::NEWER_ENTRY_KEPT)
        } else {
            None
        }
    });
    let decision = match command {
        Some(Command::Replace) => Some(Decision::Replace),
        Some(Command::ReplaceInEntry) => match refuse_in_entry {
            Some(why) => {
                model.status = Some(info(why));
                return;
            }
            None => Some(Decision::ReplaceInEntry),
        },
        Some(Command::Keep) => Some(Decision::Accept),
        _ => None,
    };
    let Some(flow) = flow_mut(model) else {
        return;
    };
    let Some(pending) = flow.pending.as_deref_mut() else {
        return;
    };
    if let Some(decision) = decision {
        pending.decisions[current] = decision;
        match next_open(pending, current) {
            Some(next) => flow.current = next,
            None => to_summary(model),
        }
        return;
    }
    match command {
        Some(Command::Up) => flow.current = current.saturating_sub(1),
        Some(Command::Down) => flow.current = (current + 1).min(total.saturating_sub(1)),
        Some(Command::ReplaceRest) => {
            pending.decide_open(Decision::Replace);
            to_summary(model);
        }
        Some(command @ (Command::NeverExport | Command::SafeForMe)) if current < total => {
            let (decision, key) = if command == Command::NeverExport {
                (Decision::Replace, "never_export")
            } else {
                (Decision::Accept, "safe_words")
            };
            let text = pending.findings[current].hit.matched.clone();
            pending.decide_same(current, decision);
            let next = next_open(pending, current);
            if let Some(next) = next {
                flow.current = next;
            }
            // The list in memory at once, so the rest of this session agrees.
            let list = if key == "never_export" {
                &mut model.settings.never_export
            } else {
                &mut model.settings.safe_words
            };
            if !list.iter().any(|w| w.to_lowercase() == text.to_lowercase()) {
                list.push(text.clone());
            }
            match model.settings_path.clone() {
                Some(path) => fx.push(Effect::AddToSettings { path, key, text }),
                None => model.status = Some(problem(say::NO_SETTINGS_FILE)),
            }
            if next.is_none() {
                to_summary(model);
            }
        }
        Some(Command::ReplaceSame) if current < total => {
            pending.decide_same(current, Decision::Replace);
            match next_open(pending, current) {
                Some(next) => flow.current = next,
                None => to_summary(model),
            }
        }
        Some(Command::Open) => {
            if pending.open() > 0 {
                flow.step = ExportStep::Reason;
            } else {
                to_summary(model);
            }
        }
        Some(Command::Cancel) => {
            leave(model);
            model.status = Some(info(say::CANCELLED));
        }
        _ => {}
    }
}

fn on_reason_key(model: &mut Model, key: KeyEvent, command: Option<Command>) {
    let Some(flow) = flow_mut(model) else {
        return;
    };
    match command {
        Some(Command::Back) => flow.step = ExportStep::Check,
        Some(Command::Open) => {
            if editor_text(&flow.reason).trim().is_empty() {
                model.status = Some(info(say::REASON_NEEDED));
            } else {
                to_summary(model);
            }
        }
        _ => {
            super::type_one_line(&mut flow.reason, key, MAX_REASON_CHARS);
        }
    }
}

/// Adds up what will be written and shows it: the last step before the
/// file is written (the check done, or nothing found).
fn to_summary(model: &mut Model) {
    let Screen::Export(flow) = &mut model.screen else {
        return;
    };
    let Some(pending) = flow.pending.as_deref() else {
        return;
    };
    let reason = editor_text(&flow.reason);
    flow.summary = Some(summary::of(
        pending,
        &model.settings.never_export,
        &model.settings.safe_words,
        &reason,
    ));
    flow.summary_scroll = 0;
    flow.step = ExportStep::Summary;
}

fn on_summary_key(
    model: &mut Model,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Some(flow) = flow_mut(model) else {
        return;
    };
    let rows = flow.summary.as_ref().map_or(0, |s| s.lines.len());
    match command {
        Some(Command::Open) => finish(model, now, fx),
        Some(Command::Back) => {
            // Every decision and the reason stay as they were.
            flow.step = if flow.findings().is_empty() {
                ExportStep::Format
            } else {
                ExportStep::Check
            };
        }
        Some(Command::Cancel) => {
            leave(model);
            model.status = Some(info(say::CANCELLED));
        }
        Some(Command::Up) => flow.summary_scroll = flow.summary_scroll.saturating_sub(1),
        Some(Command::Down) => {
            flow.summary_scroll = (flow.summary_scroll + 1).min(rows.saturating_sub(1));
        }
        _ => {}
    }
}

/// Puts in the placeholders decided on, and asks for the file to be
/// written. Entries changed too are kept until the file is there.
fn finish(model: &mut Model, now: DateTime<FixedOffset>, fx: &mut Vec<Effect>) {
    let folder = model.export_folder.clone();
    let Some(flow) = flow_mut(model) else {
        return;
    };
    let Some(pending) = flow.pending.as_deref() else {
        return;
    };
    let found = pending.findings.len();
    let reason = editor_text(&flow.reason);
    // A copy is finished, so the decisions are still there if writing fails.
    let finished = match pending.clone().finish(Some(&reason), now) {
        Ok(f) => f,
        Err(e) => {
            flow.step = ExportStep::Reason;
            model.status = Some(info(e.to_string()));
            return;
        }
    };
    let format = flow.chosen_format();
    let text = finished.export.render(format);
    let name = export::file_name(&finished.export, format);
    let note = say::check_note(
        &finished.export.check,
        found,
        finished.changed_entries.len(),
        flow.recalled,
    );
    flow.done = Some((finished.export.entries.len(), note));
    flow.changed = finished.changed_entries;
    flow.step = ExportStep::Writing;
    fx.push(Effect::WriteExport { folder, name, text });
}

/// Back to where the export started: Home, or the prep screen.
fn leave(model: &mut Model) {
    let screen = std::mem::replace(&mut model.screen, Screen::Home);
    if let Screen::Export(flow) = screen
        && let Exporting::Prep(prep) = flow.what
    {
        model.screen = Screen::Prep(prep);
    }
}

/// The driver's answers to the effects asked for here.
pub(super) fn on_msg(
    model: &mut Model,
    msg: Msg,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    match msg {
        Msg::ReadForExport(read) => {
            if matches!(&model.screen, Screen::Export(f) if f.step == ExportStep::Reading) {
                build(model, read, now);
            }
        }
        Msg::ExportWritten(result) => on_written(model, result, fx),
        Msg::PrepLoaded(Ok(answers)) => {
            if matches!(model.screen, Screen::Home) && model.overlay.is_none() {
                model.screen = Screen::Prep(Box::new(PrepScreen::new(&answers)));
            }
            model.prep.answers = Some(answers);
        }
        Msg::PrepLoaded(Err(error)) => {
            model.status = Some(problem(say::prep_load_failed(&error)));
        }
        Msg::AddedToSettings(Ok(said)) => model.status = Some(info(said)),
        Msg::AddedToSettings(Err(error)) => {
            model.status = Some(problem(say::not_added_to_settings(&error)));
        }
        Msg::DecisionsSaved(Ok(())) => {}
        Msg::DecisionsSaved(Err(error)) => {
            model.status = Some(problem(say::decisions_not_kept(&error)));
        }
        Msg::PrepSaved => {
            model.prep.unsaved = false;
            if model.prep.error.take().is_some() {
                model.status = Some(info(say::PREP_SAVED_AFTER_ALL));
            }
            if model.quitting && model.unsaved.is_empty() {
                model.should_quit = true;
            }
        }
        Msg::PrepSaveFailed(error) => {
            model.status = Some(problem(say::prep_save_failed(&error)));
            // Kept apart from the entries' error, so an entry saved later
            // does not say all is well while the prep notes still fail.
            model.prep.error = Some(error);
            if model.stopping.is_some() {
                super::stop_save_failed(model, fx);
            } else if model.quitting {
                model.quitting = false;
                model.overlay = Some(crate::state::Overlay::ConfirmQuit);
            }
        }
        _ => {}
    }
}

fn on_written(model: &mut Model, result: Result<std::path::PathBuf, String>, fx: &mut Vec<Effect>) {
    let Some(flow) = flow_mut(model) else {
        return;
    };
    if flow.step != ExportStep::Writing {
        return;
    }
    match result {
        Err(error) => {
            // Nothing is lost: the choices and decisions are all still
            // here, on the summary, where Enter tries again.
            flow.changed.clear();
            flow.step = ExportStep::Summary;
            model.status = Some(problem(say::export_failed(&error)));
        }
        Ok(path) => {
            let changed = std::mem::take(&mut flow.changed);
            let (n, note) = flow.done.take().unwrap_or_default();
            // What was decided is remembered for the next export (not by a
            // read-only copy: the copy that has the folder writes there).
            let pending = flow.pending.take().filter(|_| model.read_only.is_none());
            if let (Some(pending), Some(remembered)) = (pending, model.remembered.as_mut())
                && remembered.record(&pending, pending.export.exported_at)
            {
                fx.push(Effect::SaveDecisions(remembered.clone()));
            }
            let Some(flow) = flow_mut(model) else {
                return;
            };
            let path = path.display().to_string();
            let done = if flow.is_prep() {
                say::prep_exported(n, &path, &note)
            } else {
                say::exported(n, &path, &note)
            };
            leave(model);
            for entry in changed {
                let Some(i) = model.index_of(&entry.id) else {
                    continue;
                };
                model.unsaved.insert(entry.id.clone());
                model.entries[i].entry = Some(Box::new(entry));
                model.resummarize(i);
            }
            save_unsaved(model, fx);
            model.status = Some(info(done));
        }
    }
}

fn on_prep_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fx: &mut Vec<Effect>,
) {
    let Screen::Prep(screen) = &mut model.screen else {
        return;
    };
    let fields = screen.fields.len();
    match command {
        Some(Command::NextField) => screen.focus_on((screen.focus + 1) % fields),
        Some(Command::PrevField) => screen.focus_on((screen.focus + fields - 1) % fields),
        Some(Command::SaveNow) => {
            if model.read_only.is_some() {
                model.status = Some(info(crate::text::READ_ONLY_REFUSED));
            } else if model.prep.unsaved {
                save_prep(model, now, fx);
            } else {
                model.status = Some(info(crate::text::NOTHING_TO_SAVE));
            }
        }
        Some(Command::Back) => {
            save_prep(model, now, fx);
            model.screen = Screen::Home;
        }
        Some(Command::Export) => {
            save_prep(model, now, fx);
            let screen = std::mem::replace(&mut model.screen, Screen::Home);
            if let Screen::Prep(screen) = screen {
                let flow = ExportFlow::new(Exporting::Prep(screen), Vec::new(), BTreeSet::new());
                model.screen = Screen::Export(Box::new(flow));
            }
        }
        // A read-only copy keeps nothing: say so rather than take typing it would drop.
        _ if model.read_only.is_some() => {
            model.status = Some(info(crate::text::READ_ONLY_REFUSED));
        }
        _ => {
            screen.fields[screen.focus].input(key);
            commit_prep(model);
        }
    }
}

/// Copies the prep fields into the notes, marking them unsaved if changed.
fn commit_prep(model: &mut Model) {
    let Screen::Prep(screen) = &model.screen else {
        return;
    };
    let answers = screen.answers();
    let notes = model.prep.answers.get_or_insert_default();
    if notes.answers != answers {
        notes.answers = answers;
        // A read-only copy keeps nothing, as with entries.
        model.prep.unsaved = model.read_only.is_none();
    }
}

/// Writes the prep notes when they have changed.
pub(super) fn save_prep(model: &Model, now: DateTime<FixedOffset>, fx: &mut Vec<Effect>) {
    if !model.prep.unsaved || model.read_only.is_some() {
        return;
    }
    if let Some(answers) = &model.prep.answers {
        fx.push(Effect::SavePrep {
            prep: prep::Prep {
                answers: answers.answers.clone(),
                since: None,
            },
            at: now,
        });
    }
}

pub(super) fn on_paste(model: &mut Model, pasted: &str) {
    match &mut model.screen {
        Screen::Prep(_) if model.read_only.is_some() => {
            model.status = Some(info(crate::text::READ_ONLY_REFUSED));
        }
        Screen::Prep(screen) => {
            screen.fields[screen.focus].insert_str(pasted);
            commit_prep(model);
        }
        Screen::Export(flow) if flow.step == ExportStep::Reason => {
            super::paste_one_line(&mut flow.reason, pasted, MAX_REASON_CHARS);
        }
        _ => {}
    }
}
