//! A supervisor's feedback in the workbook: the path field on Home (`i`),
//! merging the file's comments into the entries once it has been read, and
//! hiding or showing the comments on the worksheet screen (F4). Pure, like
//! the rest of `update`: the file is found, read and completed by effects.

use std::collections::HashMap;

use crossterm::event::KeyEvent;

use super::{info, paste_one_line, problem, refused, save_unsaved, type_one_line};
use crate::export::feedback::{Report, merge};
use crate::keymap::Command;
use crate::model::entry::Entry;
use crate::msg::{Effect, FeedbackRead};
use crate::state::{ImportField, Model, Record, label_input};
use crate::store::LoadFailure;
use crate::text;

/// The longest path the field takes.
pub const MAX_PATH_CHARS: usize = 4096;

fn path_input(text: &str, suggestion: Option<&str>) -> ratatui_textarea::TextArea<'static> {
    let mut input = label_input();
    input.set_placeholder_text(match suggestion {
        Some(s) => s.to_string(),
        None => text::IMPORT_PLACEHOLDER.to_string(),
    });
    input.insert_str(text);
    input
}

/// `i` on Home: the path field, and a look for a file to suggest.
pub(super) fn open_import(model: &mut Model, fx: &mut Vec<Effect>) {
    if refused(model) {
        return;
    }
    model.import = Some(ImportField {
        input: path_input("", None),
        suggestion: None,
        choices: Vec::new(),
    });
    fx.push(Effect::FindFeedback);
}

/// The newest feedback file nearby, shown in the empty field.
pub(super) fn on_found(model: &mut Model, found: Option<String>) {
    if let Some(field) = &mut model.import {
        let typed = field.input.lines().concat();
        field.input = path_input(&typed, found.as_deref());
        field.suggestion = found;
    }
}

pub(super) fn on_key(
    model: &mut Model,
    key: KeyEvent,
    command: Option<Command>,
    fx: &mut Vec<Effect>,
) {
    let Some(field) = &mut model.import else {
        return;
    };
    let typed = field.input.lines().concat();
    match command {
        Some(Command::Back) => {
            model.import = None;
            // Why the last file could not be read no longer matters.
            if model
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with(text::NOTHING_IMPORTED))
            {
                model.status = None;
            }
        }
        Some(Command::Complete) => match (typed.trim(), &field.suggestion) {
            ("", Some(suggestion)) => {
                field.input = path_input(suggestion, field.suggestion.as_deref());
                field.choices.clear();
            }
            ("", None) => model.status = Some(info(text::IMPORT_NOTHING_TYPED)),
            _ => fx.push(Effect::CompletePath(typed)),
        },
        Some(Command::Open) => {
            let path = match (typed.trim(), &field.suggestion) {
                ("", Some(suggestion)) => suggestion.clone(),
                ("", None) => {
                    model.status = Some(info(text::IMPORT_NOTHING_TYPED));
                    return;
                }
                (typed, _) => typed.to_string(),
            };
            // The entries already in memory are not read again.
            let have = model
                .entries
                .iter()
                .filter(|r| r.entry.is_some())
                .map(|r| r.id().to_string())
                .collect();
            fx.push(Effect::ReadFeedback { path, have });
        }
        _ => {
            if type_one_line(&mut field.input, key, MAX_PATH_CHARS) {
                model.status = Some(info(text::PATH_TOO_LONG));
            }
            field.choices.clear();
        }
    }
}

pub(super) fn on_paste(model: &mut Model, pasted: &str) {
    if let Some(field) = &mut model.import {
        paste_one_line(&mut field.input, pasted.trim(), MAX_PATH_CHARS);
        field.choices.clear();
    }
}

/// Tab's answer: used only if the field still holds what was completed.
pub(super) fn on_completed(model: &mut Model, typed: String, completion: crate::files::Completion) {
    let Some(field) = &mut model.import else {
        return;
    };
    if field.input.lines().concat() != typed {
        return;
    }
    if completion.found == 0 {
        model.status = Some(info(text::NO_NAME_STARTS_SO));
        return;
    }
    field.input = path_input(&completion.text, field.suggestion.as_deref());
    field.choices = completion.choices;
}

/// Merges what was read into the entries, saves those that changed, and
/// says what happened. A file that could not be read changes nothing.
pub(super) fn on_read(
    model: &mut Model,
    result: Result<Box<FeedbackRead>, String>,
    fx: &mut Vec<Effect>,
) {
    let read = match result {
        Ok(read) => *read,
        Err(why) => {
            // The field stays open, so the path can be put right.
            model.status = Some(problem(text::feedback_not_read(&why)));
            return;
        }
    };
    if refused(model) {
        return;
    }
    let FeedbackRead {
        feedback, entries, ..
    } = read;
    let mut fresh: HashMap<String, Result<Box<Entry>, LoadFailure>> = entries.into_iter().collect();
    let mut report = Report::default();
    let mut skipped = Vec::new();
    for wanted in &feedback.entries {
        if wanted.is_empty() {
            continue;
        }
        let id = wanted.entry_id.as_str();
        let known = model.index_of(id);
        let in_memory = known.filter(|&i| model.entries[i].entry.is_some());
        let index = match (in_memory, fresh.remove(id)) {
            (Some(i), _) => i,
            (None, Some(Ok(entry))) => match known {
                Some(i) => {
                    super::install_loaded(model, i, entry);
                    model.loading.remove(id);
                    i
                }
                // On disk, though the list had not caught up with it yet.
                None => {
                    model
                        .entries
                        .push(Record::loaded(*entry, &model.worksheets));
                    model.view_stale = true;
                    model.index_stale = true;
                    model.entries.len() - 1
                }
            },
            (None, Some(Err(LoadFailure::Damaged(d)))) => {
                skipped.push(text::feedback_for_damaged(
                    wanted,
                    &d.path.display().to_string(),
                    &d.error,
                ));
                continue;
            }
            (None, Some(Err(LoadFailure::Missing)) | None) => {
                if model.trash.iter().any(|s| s.id == id) {
                    skipped.push(text::feedback_for_trashed(wanted));
                } else {
                    report.unknown.push(wanted.clone());
                }
                continue;
            }
        };
        let Some(entry) = model.entries[index].entry.as_deref_mut() else {
            continue;
        };
        if entry.is_from_newer_spiral() {
            skipped.push(text::feedback_for_newer(wanted));
            continue;
        }
        let merged = merge(entry, &feedback.signed(wanted));
        report.count(merged);
        if merged.changed() {
            model.unsaved.insert(entry.id.clone());
            model.resummarize(index);
        }
    }
    save_unsaved(model, fx);
    // Entries read only for the import are let go again, as any others.
    super::forget_some(model);
    model.import = None;
    model.view_stale = true;
    // Said once, like any other outcome: it is not a problem that lasts.
    let mut lines = report.lines();
    lines.extend(skipped);
    model.status = Some(info(lines.join(" ")));
}

/// F5 on the worksheet screen: every comment on the entry, to scroll through.
pub(super) fn read_comments(model: &mut Model) {
    let any = model
        .session()
        .and_then(|s| model.entry(s.entry))
        .is_some_and(|e| !e.feedback.is_empty());
    if any {
        model.overlay = Some(crate::state::Overlay::Comments { scroll: 0 });
    } else {
        model.status = Some(info(text::NO_COMMENTS_YET));
    }
}

/// F4 on the worksheet screen.
pub(super) fn toggle_comments(model: &mut Model) {
    model.show_comments = !model.show_comments;
    let any = model
        .session()
        .and_then(|s| model.entry(s.entry))
        .is_some_and(|e| !e.feedback.is_empty());
    model.status = Some(info(match (model.show_comments, any) {
        (true, true) => text::COMMENTS_SHOWN,
        (false, true) => text::COMMENTS_HIDDEN,
        (true, false) => text::NO_COMMENTS_YET,
        (false, false) => text::COMMENTS_HIDDEN_NONE_YET,
    }));
}

#[cfg(test)]
mod tests;
