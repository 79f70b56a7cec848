//! What the export and supervision prep screens say.

use crate::export::CheckSummary;

pub const NOTHING_TO_EXPORT: &str = "There is nothing to export yet: n starts an entry.";
pub const NOTHING_LISTED: &str =
    "No entry is listed, so there is nothing to choose from. Esc clears the search first.";
pub const CHOOSE_ONE: &str = "Choose at least one entry first: Space chooses the highlighted one, a chooses every one listed.";
pub const CANCELLED: &str = "Export cancelled: nothing was written.";
pub const REASON_NEEDED: &str = "Write why these details can stay in (it goes into the export), or Esc to go back and decide each one.";
pub const PREP_IS_NOT_AN_ENTRY: &str = "This is in your prep notes, not in an entry: r replaces it in the export, \
and you can change the notes themselves on the prep screen.";
pub const NEWER_ENTRY_KEPT: &str = "That entry was written by a newer spiral and cannot be changed here: \
r replaces it in the export only.";
pub const READ_ONLY_ENTRY_KEPT: &str = "This copy of spiral is read-only, so entries cannot be changed: \
r replaces it in the export only.";
pub const REASON_PLACEHOLDER: &str =
    "e.g. the note stays on my work laptop and goes only to my supervisor";
pub const PREP_SAVED_AFTER_ALL: &str = "Your prep notes are saved after all.";

/// "3 entries chosen".
pub fn chosen(n: usize) -> String {
    match n {
        0 => "No entry chosen yet".into(),
        1 => "1 entry chosen".into(),
        n => format!("{n} entries chosen"),
    }
}

pub fn entries(n: usize) -> String {
    match n {
        1 => "1 entry".into(),
        n => format!("{n} entries"),
    }
}

pub fn unknown_worksheet(id: &str) -> String {
    format!(
        "This entry uses the worksheet {id:?}, which this copy of spiral does not have, \
so it cannot be exported."
    )
}

pub fn read_failed(label: &str, why: &str) -> String {
    format!("The entry for {label} could not be read ({why}), so nothing was exported.")
}

pub fn bad_patterns(error: &str) -> String {
    format!(
        "{error} (in reference_patterns in your settings; `spiral config path` says where). \
Nothing was exported."
    )
}

/// What the identifying-details check came to, in a sentence or two.
pub fn check_note(check: &CheckSummary, found: usize, changed: usize, recalled: usize) -> String {
    if found == 0 {
        return "The check found no identifying details.".into();
    }
    let mut parts = Vec::new();
    if check.replaced > 0 {
        parts.push(format!("{} replaced with placeholders", check.replaced));
    }
    if check.accepted > 0 {
        parts.push(format!("{} kept as fine", check.accepted));
    }
    if let Some(left) = &check.left_in {
        parts.push(format!("{} left in, with your reason", left.count));
    }
    let mut note = format!("Of the possible identifying details, {}.", parts.join(", "));
    match changed {
        0 => {}
        1 => note.push_str(" The placeholders went into your entry too."),
        n => note.push_str(&format!(
            " The placeholders went into {n} of your entries too."
        )),
    }
    match recalled {
        0 => {}
        1 => note.push_str(" One was decided as at an earlier export."),
        n => note.push_str(&format!(" {n} were decided as at an earlier export.")),
    }
    note
}

pub fn added_to_settings(text: &str, key: &str, path: &std::path::Path, added: bool) -> String {
    if added {
        format!("Added \"{text}\" to {key} in {}.", path.display())
    } else {
        format!("\"{text}\" is in {key} already.")
    }
}

pub fn not_added_to_settings(error: &str) -> String {
    format!("Your settings were not changed: {error}")
}

pub const NO_SETTINGS_FILE: &str =
    "There is no settings file to add to (no home folder?): start spiral with --config FILE.";

pub fn decisions_not_kept(error: &str) -> String {
    format!(
        "The export was written, but what you decided about its details could not be kept ({error}): the next export asks about them again."
    )
}

pub fn exported(n: usize, path: &str, note: &str) -> String {
    format!("Exported {} to {path}. {note}", entries(n))
}

pub fn prep_exported(n: usize, path: &str, note: &str) -> String {
    format!(
        "Wrote your supervision prep note, with {}, to {path}. {note}",
        entries(n)
    )
}

pub fn export_failed(error: &str) -> String {
    format!(
        "Nothing was exported: {error}. Your choices are kept: Enter tries again, Esc goes back."
    )
}

pub fn prep_load_failed(error: &str) -> String {
    format!(
        "Your supervision prep notes could not be read: {error}. The file is left as it is; \
move it aside and spiral starts new notes."
    )
}

pub fn prep_save_failed(error: &str) -> String {
    format!(
        "Your prep notes are not saved: {error}. They are safe on screen and spiral keeps trying. \
Free some space or fix the folder."
    )
}

/// The line at the top of the prep screen: since when, and how many
/// entries the note gathers.
pub fn prep_since(since: Option<chrono::NaiveDate>, changed: usize) -> String {
    match since {
        Some(day) => format!(
            "Your last supervision was on {}: {} changed since then.",
            day.format("%-d %b %Y"),
            entries(changed)
        ),
        None => format!(
            "No entry is marked as discussed in supervision yet (v on Home marks one), so {}.",
            match changed {
                0 => "there is no entry to gather".to_string(),
                1 => "the one entry is gathered".to_string(),
                n => format!("all {n} entries are gathered"),
            }
        ),
    }
}

/// A kind of detail with how many were found: "2 phone numbers".
pub fn kind_count(kind: crate::identifiers::Kind, n: usize) -> String {
    use crate::identifiers::Kind;
    let (one, many) = match kind {
        Kind::FamilyLabel => (
            "family label like a real name",
            "family labels like real names",
        ),
        Kind::NeverExport => (
            "name on your never-export list",
            "names on your never-export list",
        ),
        Kind::Email => ("e-mail address", "e-mail addresses"),
        Kind::Phone => ("phone number", "phone numbers"),
        Kind::Postcode => ("postcode", "postcodes"),
        Kind::NhsNumber => ("NHS number", "NHS numbers"),
        Kind::FullDate => ("full date", "full dates"),
        Kind::ExactAge => ("exact age", "exact ages"),
        Kind::Reference => ("case or reference number", "case or reference numbers"),
        Kind::StreetAddress => ("street address", "street addresses"),
        Kind::Name => ("name", "names"),
        Kind::Institution => (
            "named school, service or place",
            "named schools, services or places",
        ),
        Kind::Handle => ("social-media handle", "social-media handles"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What was decided about one entry's details (or all of them), in a line:
/// "2 replaced with placeholders, 1 kept as fine".
pub fn decided(c: &crate::export::summary::Counts) -> String {
    let mut parts = Vec::new();
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    say(c.replaced, "replaced with placeholders");
    say(c.in_entry, "replaced in the export and in your entry");
    say(c.never, "replaced: never exported (your never_export list)");
    say(c.kept, "kept as fine");
    say(c.safe, "kept: safe for you (your safe_words)");
    say(c.open, "left in, with your reason");
    if parts.is_empty() {
        "nothing found to decide".into()
    } else {
        parts.join(", ")
    }
}

/// The summary's first line: the format and how many entries.
pub fn summary_heading(format: &str, entries: usize, prep: bool) -> String {
    if prep {
        format!(
            "Ready to write your supervision prep note, with {}, as {format}.",
            self::entries(entries)
        )
    } else {
        format!("Ready to write {} as {format}.", self::entries(entries))
    }
}

/// The summary's totals: how many possible details in all, and what
/// became of them.
pub fn summary_totals(c: &crate::export::summary::Counts, recalled: usize) -> String {
    let total = c.total();
    if total == 0 {
        return "The check found no identifying details.".into();
    }
    let mut line = format!(
        "In all, {total} possible identifying detail{}: {}.",
        if total == 1 { "" } else { "s" },
        decided(c)
    );
    match recalled {
        0 => {}
        1 => line.push_str(" One was decided as at an earlier export."),
        n => line.push_str(&format!(" {n} were decided as at an earlier export.")),
    }
    line
}

pub const SUMMARY_KEYS: &str =
    "Nothing is written yet. Enter writes the file; Esc goes back, your decisions kept; q cancels.";
pub const SUMMARY_NEW_FILE: &str = "a new file: an earlier export is never written over";
