//! The words the app says to people, in one place. Plain words a family
//! could read.

pub mod export;

pub const LABEL_REMINDER: &str = "Use initials or a pseudonym, never a real name. \
Keep names, addresses, dates of birth and other identifying details out of what you write.";
pub const LABEL_LOOKS_LIKE_A_NAME: &str = "This looks like a real name. \
Initials or a pseudonym, such as Family K, keep the family unknown to anyone who reads an export.";

/// The note under a family label as it is typed: the usual reminder, or,
/// once the label looks like a real name, a gentle word about that.
pub fn label_note(typed: &str) -> &'static str {
    if crate::identifiers::label_looks_like_a_name(typed.trim()) {
        LABEL_LOOKS_LIKE_A_NAME
    } else {
        LABEL_REMINDER
    }
}

pub const LABEL_NEEDED: &str = "Type initials or a pseudonym for the family first.";
pub const LABEL_TOO_LONG: &str = "A family label is one short line: initials or a pseudonym.";
pub const LAST_PROMPT: &str =
    "This is the last prompt. Esc goes back to Home; everything is saved.";
pub const FIRST_PROMPT: &str = "This is the first prompt.";
pub const LAST_SECTION: &str = "This is the last section.";
pub const NOTHING_TO_SAVE: &str = "Everything is already saved.";
pub const SAVED_AFTER_ALL: &str = "Saved. Everything you wrote is on disk.";
pub const HOME_EMPTY: &str = "No reflections yet. Press n to start one.";
pub const CHOOSE_FIRST: &str = "Space chooses a question below; then Tab takes you through the prompts for each one you chose.";

pub fn save_failed(error: &str) -> String {
    format!(
        "Not saved: {error}. Your text is safe on screen; spiral keeps trying. \
Free some space or fix the folder's permissions."
    )
}

pub fn external_editor_failed(error: &str, kept: Option<&str>) -> String {
    match kept {
        Some(file) => format!(
            "The external editor did not finish: {error}. Your answer is unchanged; \
what the editor wrote is kept in {file}."
        ),
        None => format!("The external editor did not finish: {error}. Your answer is unchanged."),
    }
}

pub fn external_editor_not_utf8(kept: &str) -> String {
    format!(
        "Some of what the editor wrote is not UTF-8 text: it shows as \u{FFFD} in your answer \
(Ctrl-Z undoes the edit). The file as the editor wrote it is kept in {kept}."
    )
}

pub fn unknown_worksheet(id: &str) -> String {
    format!(
        "This entry uses the worksheet {id:?}, which this copy of spiral does not have. \
Its file is left as it is; update spiral to open it."
    )
}

pub fn choose_limit(count: usize) -> String {
    format!("You have chosen {count} already. Unchoose one first (Space on a ✓ question).")
}

/// Saved, but the entry's file had been changed by another program since
/// it was read: that version was kept whole at `other`.
pub fn other_version_kept(label: &str, other: &str) -> String {
    format!(
        "{label} was changed outside spiral while it was open here. Your version is saved; \
the other one is kept whole in {other}. To use it instead, close spiral and move it over \
the entry's file (spiral doctor lists it until then)."
    )
}

/// Not saved over the entry's file, which a newer spiral wrote meanwhile:
/// what was written here is kept at `mine`.
pub fn written_beside_newer(label: &str, mine: &str) -> String {
    format!(
        "{label} was replaced outside spiral by a file from a newer spiral, which this one never \
writes over. What you write here is kept in {mine}: open both in the newer spiral to merge them."
    )
}

/// The last line of Home's box of damaged files, when not all fit.
pub fn damaged_not_shown(more: usize) -> String {
    format!("…and {more} more not shown here: spiral doctor lists every one, with how to fix it")
}

pub const READ_ONLY_FOLDER: &str = "Read-only: you cannot write to the data folder (its permissions, \
or a disk that is read-only). spiral doctor says what to change.";
/// The workbook opens read-only: the folder's lock cannot be taken.
pub fn read_only_no_lock(error: &str) -> String {
    format!("Read-only: {error}. spiral doctor says what to change.")
}
/// The trash folder cannot be read (it is a file, say): shown empty.
pub fn trash_unreadable(error: &str) -> String {
    format!("The trash cannot be shown: {error}. spiral doctor says what to change.")
}

pub const READ_ONLY_OTHER_COPY: &str =
    "Another copy of spiral is using this data folder. Close it and restart this one to write.";
pub const LOCK_LOST: &str = "Read-only now: the data folder's lock file was deleted and another copy \
of spiral took the folder. What you have not saved stays on screen; quit and press w to keep it in a recovery folder.";
pub const LOCK_LOST_SHORT: &str = "another copy of spiral took the data folder";
/// Said by a command that would write while the workbook has the folder
/// (`do_there` says how to do it in the workbook instead).
pub fn open_elsewhere(do_there: &str) -> String {
    format!(
        "spiral is open in another window: {do_there}, or close it and run this again. Nothing was changed."
    )
}
pub const READ_ONLY_REFUSED: &str = "Read-only copy: nothing you change here is kept.";
pub const NO_DELETE_WHILE_UNSAVED: &str =
    "Saving is failing, so nothing can be moved to the trash until it works again.";
pub const TRASH_EMPTY: &str = "The trash is empty. Deleted entries wait here until you empty it.";

pub fn trashed(label: &str) -> String {
    format!("Moved {label} to the trash. t shows the trash, where r restores it.")
}

pub fn restored(label: &str) -> String {
    format!("Restored {label}.")
}

pub fn trash_emptied(count: usize) -> String {
    match count {
        1 => "Emptied the trash: 1 entry deleted for good.".into(),
        n => format!("Emptied the trash: {n} entries deleted for good."),
    }
}

pub fn trash_failed(error: &str) -> String {
    format!("The trash could not be changed: {error}. Nothing was lost.")
}

pub fn recovery_written(folder: &str) -> String {
    format!(
        "spiral could not save to the data folder, so your latest changes were written to {folder}. \
Each file there is a whole entry: once the data folder works again, move the file into its entries folder."
    )
}

/// Said after a signal (or a lost terminal) stopped the workbook and every change was saved.
pub fn stopped_saved(why: &str) -> String {
    format!("spiral was stopped ({why}); everything you wrote was saved.")
}

/// Said after a stop when the data folder would not take the changes but a recovery folder did.
pub fn stopped_recovered(why: &str, folder: &str) -> String {
    format!("spiral was stopped ({why}). {}", recovery_written(folder))
}

/// Said after a stop when nothing could be written anywhere.
pub fn stopped_lost(why: &str, error: &str) -> String {
    format!("spiral was stopped ({why}) and could not write your latest changes anywhere: {error}")
}

pub fn recovery_failed(error: &str) -> String {
    format!(
        "No recovery file could be written either: {error}. Stay, and copy your text somewhere safe."
    )
}

pub const NEWER_ENTRY: &str =
    "This entry was written by a newer spiral: it is shown read-only. Update spiral to change it.";

pub const ISSUE_DELETED: &str = "Deleted the issue. u brings it back.";
pub const ISSUE_NEEDS_TEXT: &str = "Give the issue a few words first.";
pub const ISSUE_DRAFT_KEPT: &str =
    "Not on the map yet: your unfinished issue is kept as a draft. a, e or u brings it back.";
pub const ISSUE_DRAFT_WAITING: &str =
    "An unfinished issue is kept as a draft: a, e or u brings it back.";
pub const ISSUE_DRAFT_BACK: &str =
    "Your unfinished issue is back: Enter puts it on the map, Esc keeps it as a draft again.";
pub const MAP_UNDONE: &str = "Undone: the map is as it was before its last change.";
pub const NOTHING_TO_UNDO: &str = "Nothing to undo on this map.";
pub const NOTHING_TO_UNDO_HERE: &str =
    "Nothing to undo here: this answer is as it was when you came to it.";
pub const NOTHING_TO_REDO: &str = "Nothing to redo.";
pub const PICK_UNDONE: &str = "Undone: the answer is as it was before its last change.";
pub const NOTHING_TO_UNDO_ON_PICK: &str =
    "Nothing to undo: the answer has not changed since you came to this prompt.";
pub const NOTHING_TO_UNDO_IN_FIELD: &str =
    "Nothing to undo in this field. Esc leaves the form (what you wrote is kept as a draft).";

pub fn cannot_move(why: &str) -> String {
    format!("Cannot move it: {why}.")
}
pub const MAP_EMPTY: &str =
    "No issues yet. Press a to add the first one you worked on with this family.";

pub fn check_failed(error: &str) -> String {
    format!(
        "Could not check the entries folder for changes made outside spiral: {error}. \
What Home shows may be out of date; restart spiral to read it again."
    )
}

pub fn entry_gone(label: &str) -> String {
    format!(
        "The entry for {label} is no longer in the entries folder (moved or deleted outside spiral), \
so it has left the list."
    )
}

pub fn entry_damaged(label: &str, path: &str, error: &str) -> String {
    format!(
        "The entry for {label} could not be opened: {path} {error}. The file is left as it is; \
it is listed below Home until it is fixed."
    )
}

pub const SEARCH_PLACEHOLDER: &str =
    "words to find, and tag:… family:… worksheet:… status:… since:… until:…";
pub const SEARCH_HELP: &str =
    "tag:sleep  family:\"Family K\"  status:complete  since:2026-01-31  until:7d  (F1 more)";
pub const LABEL_PLACEHOLDER: &str = "initials or a pseudonym, never a real name";
pub const TAGS_PLACEHOLDER: &str = "tags, separated by commas: e.g. sleep, first visits";
pub const TAGS_TOO_LONG: &str = "That is as many tags as one entry can hold.";
pub const FRESH_START: &str =
    "A fresh start for the same family: a new, empty entry. The earlier one is unchanged.";
pub const ONE_MOMENT: &str = "One moment: still reading that entry. Press the key again.";

pub fn sorted(how: &str) -> String {
    format!("Sorted {how} (s changes the order).")
}

pub fn marked_complete(label: &str) -> String {
    format!("Marked the entry for {label} complete (c again puts it back in progress).")
}

pub fn back_in_progress(label: &str) -> String {
    format!("The entry for {label} is back in progress.")
}

pub fn marked_discussed(label: &str) -> String {
    format!("Marked the entry for {label} as discussed in supervision today.")
}

pub fn unmarked_discussed(label: &str) -> String {
    format!("The entry for {label} is no longer marked as discussed in supervision.")
}
pub const NOTHING_MATCHES: &str = "No entry matches. Esc clears the search and filters.";

/// "2 warnings and 1 reminder", for the checks that fire on an entry.
pub fn checks_summary(findings: &[crate::model::checks::Finding]) -> String {
    use crate::model::checks::Severity;
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let reminders = findings.len() - warnings;
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    match (warnings, reminders) {
        (0, r) => count(r, "reminder", "reminders"),
        (w, 0) => count(w, "warning", "warnings"),
        (w, r) => format!(
            "{} and {}",
            count(w, "warning", "warnings"),
            count(r, "reminder", "reminders")
        ),
    }
}

/// Said at start when worksheet files in the data folder could not be used.
pub fn worksheets_skipped(problems: &[crate::content::ContentError]) -> Option<String> {
    let first = problems.first()?;
    let name = |e: &crate::content::ContentError| {
        std::path::Path::new(&e.file)
            .file_name()
            .map_or(e.file.clone(), |n| n.to_string_lossy().into_owned())
    };
    Some(match problems {
        [one] => {
            let why = first
                .problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            let stop = if why.ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            };
            format!(
                "The worksheet {} was skipped: {why}{stop} `spiral worksheets validate FILE` lists every problem.",
                name(one)
            )
        }
        many => format!(
            "{} worksheet files were skipped ({}); the others work. `spiral worksheets` says why.",
            many.len(),
            many.iter().map(name).collect::<Vec<_>>().join(", ")
        ),
    })
}

pub const DATE_FORMAT: &str =
    "A date is written year-month-day, like 2026-11-26. Ctrl-T puts in today's date.";
pub const NO_PICTURE: &str = "This worksheet has no spiral picture.";

pub fn date_not_finished(typed: &str) -> String {
    format!(
        "{:?} is not a date yet, so it does not count as answered. It is kept as typed; \
write it as year-month-day, like 2026-11-26.",
        typed.trim()
    )
}
/// A key that changed nothing on a prompt, and the keys that do something.
pub fn no_change_here(keys: &str) -> String {
    format!("That key changes nothing here. Keys: {keys}.")
}

pub const WRITING_THE_NOTE: &str =
    "Writing in the note: the answer above is unchanged (Shift-Tab goes back to it).";

/// A letter typed on a yes/no question that has no note to take it.
pub fn no_note_to_write(has_follow_up: bool) -> &'static str {
    if has_follow_up {
        "Nothing to write here yet: answer with y or n first; the follow-up opens after the answer it asks about."
    } else {
        "This question is answered with y or n (Space changes it); it has no note to write in."
    }
}
pub const NO_FOLLOW_UP: &str = "No follow-up for this answer. Tab goes on.";
pub const NOTE_PLACEHOLDER: &str = "A note, if you want one…";

// A supervisor's feedback.
pub const IMPORT_PLACEHOLDER: &str = "the .feedback.json file your supervisor sent back";
pub const IMPORT_NOTHING_TYPED: &str =
    "Type where the feedback file is, e.g. ~/Downloads/reflections.feedback.json.";
pub const IMPORT_HELP: &str =
    "Enter imports · Tab completes · Esc cancels · your own answers are not changed";
pub const PATH_TOO_LONG: &str = "That path is longer than any file's.";
pub const NO_NAME_STARTS_SO: &str = "No file or folder there starts with that.";
pub const COMMENTS_SHOWN: &str = "Your supervisor's comments are shown again.";
pub const COMMENTS_HIDDEN: &str =
    "Your supervisor's comments are hidden. F4 shows them; ✎ in the outline marks where they are.";
pub const NO_COMMENTS_YET: &str =
    "No comments from a supervisor on this entry yet. Import them from Home with i.";
pub const COMMENTS_HIDDEN_NONE_YET: &str =
    "Supervisor's comments will be hidden (this entry has none yet). F4 shows them again.";

pub const NOTHING_IMPORTED: &str = "Nothing was imported:";

pub fn feedback_not_read(why: &str) -> String {
    format!("{NOTHING_IMPORTED} {why}")
}

fn comments(n: usize) -> String {
    match n {
        1 => "1 comment".into(),
        n => format!("{n} comments"),
    }
}

pub fn feedback_for_damaged(
    f: &crate::export::feedback::EntryFeedback,
    path: &str,
    error: &str,
) -> String {
    format!(
        "Not imported: {} for {} ({}), whose file {path} cannot be read ({error}); fix it and import again.",
        comments(f.comments.len()),
        f.family_label,
        f.entry_id
    )
}

pub fn feedback_for_trashed(f: &crate::export::feedback::EntryFeedback) -> String {
    format!(
        "Not imported: {} for {} ({}), which is in the trash; restore it (t, then r) and import again.",
        comments(f.comments.len()),
        f.family_label,
        f.entry_id
    )
}

pub fn feedback_for_newer(f: &crate::export::feedback::EntryFeedback) -> String {
    format!(
        "Not imported: {} for {} ({}), which a newer spiral wrote; update spiral and import again.",
        comments(f.comments.len()),
        f.family_label,
        f.entry_id
    )
}

/// "2 comments from your supervisor", for Home's preview.
pub fn comments_from_supervisor(n: usize) -> String {
    format!("{} from your supervisor", comments(n))
}
