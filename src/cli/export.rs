//! `spiral export`, `spiral prep` and `spiral import-feedback`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound};

use super::ListFilters;
use crate::export::check::{Decision, Finding};
use crate::export::{self, DateRange, Export, Format, Pending, feedback, prep, remembered};
use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;
use crate::settings::Settings;
use crate::store::{EntryStore, JsonDirStore, LockState};

/// How the identifying-details check is answered on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CheckFlags {
    /// Replace every possible identifying detail with a placeholder such as [name], in the export only.
    #[arg(long, conflicts_with = "allow_identifiers")]
    pub placeholders: bool,
    /// Export with the possible identifying details left in; the reason is written into the export.
    #[arg(long, value_name = "REASON")]
    pub allow_identifiers: Option<String>,
    /// Where to write it (a file; `-` for the screen). Default: a new file in this folder.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace the file given with --out if it exists.
    #[arg(long)]
    pub force: bool,
    /// Ask about every possible identifying detail again, not only those new since the last export.
    #[arg(long)]
    pub ask_again: bool,
    /// The settings file, where `n` (never export) and `s` (safe for me)
    /// add what they are about.
    #[arg(skip)]
    pub settings_file: Option<PathBuf>,
}

/// Details to add to a list in the settings once the export is written:
/// (`never_export` or `safe_words`, the text).
pub(crate) type SettingsAdditions = Vec<(&'static str, String)>;

/// The decisions made at earlier exports of these entries, put to
/// `pending`'s open findings (unless `ask_again`). `None` when the file of
/// decisions cannot be read: that is said, every detail is asked about,
/// and the file is left as it is.
pub(crate) fn recall(
    dir: &Path,
    pending: &mut Pending,
    ask_again: bool,
) -> Option<remembered::Remembered> {
    match remembered::load(dir) {
        Ok(r) => {
            if !ask_again {
                let n = r.apply(pending);
                if n > 0 {
                    crate::errln!(
                        "{n} possible identifying detail{} decided as at an earlier export (--ask-again to decide {} afresh).",
                        if n == 1 { " is" } else { "s are" },
                        if n == 1 { "it" } else { "them" }
                    );
                }
            }
            Some(r)
        }
        Err(e) => {
            crate::errln!(
                "{}",
                crate::safe::terminal(&format!(
                    "{e}: every detail is asked about, and the file is left as it is."
                ))
            );
            None
        }
    }
}

/// `spiral export`.
#[allow(clippy::too_many_arguments)]
pub fn export(
    worksheets: &[Worksheet],
    dir: &Path,
    settings: &Settings,
    ids: &[String],
    all: bool,
    filters: &ListFilters,
    format: Format,
    flags: &CheckFlags,
) -> anyhow::Result<()> {
    let (entries, range) = chosen(worksheets, dir, ids, all, filters, "export")?;
    let export = Export::new(entries, worksheets, now(), range).with_settings(settings);
    finish_and_write(export, settings, dir, format, flags)
}

/// The entries named by `ids`, `--all` or the filters, read in full, and
/// the days they cover; `what` ("export", "check") says what for.
pub(super) fn chosen(
    worksheets: &[Worksheet],
    dir: &Path,
    ids: &[String],
    all: bool,
    filters: &ListFilters,
    what: &str,
) -> anyhow::Result<(Vec<Entry>, DateRange)> {
    let filtered = *filters != ListFilters::default();
    if ids.is_empty() && !all && !filtered {
        bail!(
            "say which entries to {what}: their ids (from `spiral list`), --all, or filters such as --family LABEL --since DAY"
        );
    }
    if all && !ids.is_empty() {
        bail!("give entry ids or --all, not both");
    }
    let mut chosen = super::listed(worksheets, dir, filters)?;
    if !ids.is_empty() {
        let mut picked = Vec::new();
        for id in ids {
            let found = super::find_summary(&chosen, id, dir)?;
            if !picked
                .iter()
                .any(|p: &crate::catalog::Summary| p.id == found.id)
            {
                picked.push(found.clone());
            }
        }
        chosen = picked;
    }
    if chosen.is_empty() {
        if what == "export" {
            bail!("no entry matches, so nothing was exported");
        }
        bail!("no entry matches, so nothing was checked");
    }
    let entries = load_entries(dir, worksheets, chosen.iter().map(|s| s.id.as_str()))?;
    let today = now().date_naive();
    let day = |d: &Option<String>| -> anyhow::Result<Option<NaiveDate>> {
        d.as_deref()
            .map(|d| crate::filter::parse_day(d, today).map_err(|e| anyhow::anyhow!("{e}")))
            .transpose()
    };
    let range = DateRange::of(&entries, day(&filters.since)?, day(&filters.until)?);
    Ok((entries, range))
}

/// `spiral prep`.
#[allow(clippy::too_many_arguments)]
pub fn prep(
    worksheets: &[Worksheet],
    dir: &Path,
    settings: &Settings,
    since: Option<&str>,
    answers: [Option<String>; 3],
    format: Format,
    flags: &CheckFlags,
) -> anyhow::Result<()> {
    if format == Format::Json {
        bail!("a prep note is for you and your supervisor to read: use --format md or html");
    }
    let now = now();
    let catalog = crate::catalog::open_checked(dir, worksheets)
        .with_context(|| format!("cannot read the entries in {}", dir.display()))?;
    super::warn_damaged(&catalog);
    let since = match since {
        Some(d) => Some(
            crate::filter::parse_day(d, now.date_naive())
                .map_err(|e| anyhow::anyhow!("--since: {e}"))?,
        ),
        None => prep::last_supervision(catalog.summaries.iter().map(|s| s.discussed)),
    };
    let ids: Vec<&str> = catalog
        .summaries
        .iter()
        .filter(|s| prep::changed_since(&s.updated, since))
        .map(|s| s.id.as_str())
        .collect();
    let entries = load_entries(dir, worksheets, ids.into_iter())?;

    let mut notes = prep::load(dir).map_err(anyhow::Error::new)?;
    let mut given = false;
    for (slot, answer) in notes.answers.iter_mut().zip(answers) {
        if let Some(a) = answer {
            *slot = a;
            given = true;
        }
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !given && notes.is_blank() && interactive {
        ask_prep(
            &mut notes,
            &mut std::io::stdin().lock(),
            &mut std::io::stderr(),
        )?;
        given = !notes.is_blank();
    }
    if given {
        let store = JsonDirStore::open(dir)?;
        let _lock =
            super::lock_for_writing(&store, "write your prep answers there (press p on Home)")?;
        prep::save(dir, &notes, now).with_context(|| {
            format!(
                "cannot keep your prep answers in {}",
                prep::path(dir).display()
            )
        })?;
    }
    notes.since = since;
    let range = DateRange {
        from: since,
        to: Some(now.date_naive()),
    };
    let mut export = Export::new(entries, worksheets, now, range).with_settings(settings);
    export.prep = Some(notes);
    finish_and_write(export, settings, dir, format, flags)
}

/// Asks the prep prompts on the terminal, one line each.
fn ask_prep(
    notes: &mut prep::Prep,
    input: &mut impl BufRead,
    err: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(
        err,
        "A few short notes for your supervisor (press Enter to leave one blank):"
    )?;
    for ((heading, hint), answer) in prep::PROMPTS.iter().zip(notes.answers.iter_mut()) {
        write!(err, "\n{heading}\n  {hint}\n> ")?;
        err.flush()?;
        let mut line = String::new();
        input.read_line(&mut line)?;
        *answer = line.trim().to_string();
    }
    writeln!(err)?;
    Ok(())
}

/// The identifying-details check, then the file, then any entry the
/// practitioner chose to change too.
fn finish_and_write(
    export: Export,
    settings: &Settings,
    dir: &Path,
    format: Format,
    flags: &CheckFlags,
) -> anyhow::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut input = std::io::stdin().lock();
    let mut err = std::io::stderr();
    let ask = interactive.then_some((&mut input, &mut err));
    write_checked(export, settings, dir, format, flags, ask)
}

/// [`finish_and_write`], asking on `ask` (the terminal) when there is one.
fn write_checked<R: BufRead, W: Write>(
    export: Export,
    settings: &Settings,
    dir: &Path,
    format: Format,
    flags: &CheckFlags,
    mut ask: Option<(&mut R, &mut W)>,
) -> anyhow::Result<()> {
    let mut pending = Pending::new(export, settings).map_err(|e| {
        anyhow::anyhow!(
            "{e} (in reference_patterns in your settings; `spiral config path` says where they are)"
        )
    })?;
    let mut remembered = recall(dir, &mut pending, flags.ask_again);
    let mut additions = SettingsAdditions::new();
    let mut reason = flags.allow_identifiers.clone();
    if !pending.findings.is_empty() {
        if flags.placeholders {
            pending.decide_open(Decision::Replace);
        } else if flags.allow_identifiers.is_none()
            && let Some((input, err)) = ask.as_mut()
            && !ask_decisions(&mut pending, &mut additions, input, err)?
        {
            bail!("cancelled: nothing was written");
        }
        // Details left for now keep the decisions already made: one line
        // of reason lets the export go ahead, as in the workbook.
        if reason.is_none()
            && pending.open() > 0
            && let Some((input, err)) = ask.as_mut()
        {
            reason = ask_reason(pending.open(), input, err)?;
            if reason.is_none() {
                bail!("cancelled: nothing was written");
            }
        }
    }
    let open = pending.open();
    if open > 0 && reason.is_none() {
        let mut err = std::io::stderr();
        for (f, _) in pending
            .findings
            .iter()
            .zip(&pending.decisions)
            .filter(|(_, d)| **d == Decision::Open)
        {
            writeln!(err, "{}", describe_finding(f))?;
        }
        bail!(
            "nothing was written: {open} possible identifying detail{} (listed above). Take {} out with --placeholders, or export anyway with --allow-identifiers \"your reason\"",
            if open == 1 {
                " was found"
            } else {
                "s were found"
            },
            if open == 1 { "it" } else { "them" }
        );
    }
    let changes_entries = pending.decisions.contains(&Decision::ReplaceInEntry);
    let store = JsonDirStore::at(dir);
    // Held while entries are changed, so an open workbook cannot write over them.
    let _lock = if changes_entries {
        match store.lock()? {
            LockState::HeldElsewhere => bail!(
                "spiral is open in another window, so your entries cannot be changed from here: close it and export again (nothing was written)"
            ),
            held => Some(held),
        }
    } else {
        None
    };
    // What was decided, remembered once the export is written.
    let decided = remembered
        .as_mut()
        .and_then(|r| r.record(&pending, now()).then_some(&*r));
    // The entries as read before the questions, to tell whether any
    // changed while they were answered (in the workbook, in an editor).
    let before: Vec<Entry> = if changes_entries {
        pending.export.entries.clone()
    } else {
        Vec::new()
    };
    let finished = pending
        .finish(reason.as_deref(), now())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // Read again under the lock: placeholders go only into an entry that
    // is still as it was read, and nothing is written otherwise.
    for entry in &finished.changed_entries {
        let was = before.iter().find(|e| e.id == entry.id);
        let fresh = store.load(&entry.id).ok();
        if fresh.is_none() || fresh.as_ref() != was {
            bail!(
                "entry {} changed while you were deciding (in the workbook or another program), so nothing was written: export again to check it as it is now",
                entry.id
            );
        }
    }
    let text = finished.export.render(format);
    let path = match &flags.out {
        Some(p) if p.as_os_str() == "-" => {
            std::io::stdout().write_all(text.as_bytes())?;
            None
        }
        Some(p) => {
            export::write(p, &text, flags.force)
                .with_context(|| format!("cannot write {}", p.display()))?;
            Some(p.clone())
        }
        None => {
            let p = export::unused_path(Path::new(&export::file_name(&finished.export, format)));
            export::write(&p, &text, false)
                .with_context(|| format!("cannot write {}", p.display()))?;
            Some(p)
        }
    };
    for entry in &finished.changed_entries {
        store.save(entry).with_context(|| {
            format!(
                "the export was written, but entry {} could not be changed",
                entry.id
            )
        })?;
    }
    add_to_settings(flags.settings_file.as_deref(), &additions);
    if let Some(r) = decided
        && let Err(e) = remembered::save(dir, r)
    {
        crate::errln!(
            "The export was written, but the decisions made could not be kept in {} ({e}): the next export asks about them again.",
            remembered::path(dir).display()
        );
    }
    let mut err = std::io::stderr();
    for line in finished.export.check_lines() {
        writeln!(err, "{}", crate::safe::terminal(&line))?;
    }
    if !finished.changed_entries.is_empty() {
        writeln!(
            err,
            "Placeholders were also put into {} of your entries.",
            finished.changed_entries.len()
        )?;
    }
    if let Some(p) = path {
        let n = finished.export.entries.len();
        writeln!(
            err,
            "Exported {n} entr{} to {}",
            if n == 1 { "y" } else { "ies" },
            p.display()
        )?;
    }
    Ok(())
}

/// Adds what `n` and `s` were about to the lists in the settings file,
/// saying what was added and what could not be.
fn add_to_settings(file: Option<&Path>, additions: &SettingsAdditions) {
    if additions.is_empty() {
        return;
    }
    let Some(file) = file else {
        crate::errln!(
            "There is no settings file to add to (no home folder?): give one with --config FILE."
        );
        return;
    };
    for (key, text) in additions {
        let said = match crate::settings::add_to_list(file, key, text) {
            Ok(true) => format!("Added \"{text}\" to {key} in {}.", file.display()),
            Ok(false) => format!("\"{text}\" is in {key} already."),
            Err(e) => format!("\"{text}\" was not added to {key}: {e}"),
        };
        crate::errln!("{}", crate::safe::terminal(&said));
    }
}

/// One finding, for the terminal.
fn describe_finding(f: &Finding) -> String {
    let whose = if f.entry == crate::export::check::PREP {
        "Supervision prep".to_string()
    } else {
        format!("{} ({})", f.family_label, f.entry_id)
    };
    let text = format!(
        "{whose} · {}\n  {}: \"{}\"\n  {}",
        f.place(),
        f.describe(),
        f.hit.matched,
        f.context
    );
    crate::safe::terminal(&text).into_owned()
}

/// Asks about each finding in turn, reading answers from `input`. False
/// when the practitioner cancels (or the input ends).
fn ask_decisions(
    pending: &mut Pending,
    additions: &mut SettingsAdditions,
    input: &mut impl BufRead,
    err: &mut impl Write,
) -> std::io::Result<bool> {
    let total = pending.findings.len();
    writeln!(
        err,
        "Before anything is written: {total} possible identifying detail{} found.",
        if total == 1 { " was" } else { "s were" }
    )?;
    for i in 0..total {
        // Decided already, with "everywhere" on an earlier one.
        if pending.decisions[i] != Decision::Open {
            continue;
        }
        let f = &pending.findings[i];
        let placeholder = crate::identifiers::placeholder(f.hit.kind);
        let same = crate::export::check::same_text(&pending.findings, i);
        writeln!(err, "\n[{}/{total}] {}", i + 1, describe_finding(f))?;
        loop {
            write!(
                err,
                "  r: replace with {placeholder} in the export · e: replace in the export and your entry · k: keep, it is fine · l: leave for now · R: replace all the rest · q: cancel\n  n: never export it (replace it and add it to never_export in your settings) · s: safe for me (keep it and add it to safe_words){}\n> ",
                if same.len() > 1 {
                    format!(
                        "\n  a: replace this and the {} other{} like it everywhere in the export",
                        same.len() - 1,
                        if same.len() == 2 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            )?;
            err.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Ok(false);
            }
            let decision = match line.trim() {
                "r" => Decision::Replace,
                "e" => Decision::ReplaceInEntry,
                "k" => Decision::Accept,
                "l" | "" => Decision::Open,
                "a" if same.len() > 1 => {
                    for &j in &same {
                        pending.decisions[j] = Decision::Replace;
                    }
                    break;
                }
                "n" | "s" => {
                    let (decision, list) = if line.trim() == "n" {
                        (Decision::Replace, "never_export")
                    } else {
                        (Decision::Accept, "safe_words")
                    };
                    additions.push((list, f.hit.matched.clone()));
                    pending.decide_same(i, decision);
                    break;
                }
                "R" => {
                    pending.decisions[i] = Decision::Replace;
                    pending.decide_open(Decision::Replace);
                    return Ok(true);
                }
                "q" => return Ok(false),
                other => {
                    writeln!(
                        err,
                        "  {} is not one of the choices.",
                        crate::safe::terminal(&format!("{other:?}"))
                    )?;
                    continue;
                }
            };
            pending.decisions[i] = decision;
            break;
        }
    }
    Ok(true)
}

/// Asks why the `open` details left undecided can stay. None when the
/// practitioner gives no reason (or the input ends): then nothing is
/// written.
fn ask_reason(
    open: usize,
    input: &mut impl BufRead,
    err: &mut impl Write,
) -> std::io::Result<Option<String>> {
    write!(
        err,
        "\n{open} possible identifying detail{} left in. Why can {} stay? The reason is written into the export; Enter on its own cancels.\n> ",
        if open == 1 { " is" } else { "s are" },
        if open == 1 { "it" } else { "they" }
    )?;
    err.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let reason = crate::safe::strip(line.trim()).into_owned();
    Ok((!reason.is_empty()).then_some(reason))
}

/// `spiral import-feedback FILE`.
pub fn import_feedback(dir: &Path, file: &Path) -> anyhow::Result<()> {
    let fb = feedback::read(file).map_err(anyhow::Error::new)?;
    let store = JsonDirStore::open(dir)?;
    let _lock = super::lock_for_writing(&store, "import the feedback there (press i on Home)")?;
    let (report, not_written) = import_into(&store, &fb)?;
    for line in report.lines().iter().chain(&not_written) {
        crate::outln!("{line}");
    }
    if !report.unknown.is_empty() || !not_written.is_empty() {
        bail!(
            "some feedback is for entries not in {}, or ones it cannot write (listed above); the rest was imported",
            dir.display()
        );
    }
    Ok(())
}

/// Attaches the comments in `fb` to the entries in `store`, saving each
/// entry changed. Also returns what could not be attached to entries that
/// are there (written by a newer spiral), in words.
pub fn import_into(
    store: &impl EntryStore,
    fb: &feedback::Feedback,
) -> anyhow::Result<(feedback::Report, Vec<String>)> {
    let mut not_written = Vec::new();
    let mut report = feedback::Report::default();
    for ef in &fb.entries {
        if ef.is_empty() {
            continue;
        }
        let mut entry = match store.load(&ef.entry_id) {
            Ok(e) => e,
            Err(crate::store::LoadFailure::Missing) => {
                report.unknown.push(ef.clone());
                continue;
            }
            Err(crate::store::LoadFailure::Damaged(d)) => bail!(
                "cannot read {} to add its comments: {} (nothing more was imported)",
                d.path.display(),
                d.error
            ),
        };
        if entry.is_from_newer_spiral() {
            // It cannot be written back; the rest of the file still is.
            not_written.push(crate::text::feedback_for_newer(ef));
            continue;
        }
        let merged = feedback::merge(&mut entry, &fb.signed(ef));
        report.count(merged);
        if merged.changed() {
            store
                .save(&entry)
                .with_context(|| format!("cannot save entry {}", entry.id))?;
        }
    }
    Ok((report, not_written))
}

fn load_entries<'a>(
    dir: &Path,
    worksheets: &[Worksheet],
    ids: impl Iterator<Item = &'a str>,
) -> anyhow::Result<Vec<Entry>> {
    let store = JsonDirStore::at(dir);
    let ids: Vec<String> = ids.map(str::to_string).collect();
    let mut entries = Vec::new();
    for (id, read) in ids.iter().zip(store.load_many(&ids)) {
        let entry = match read {
            Ok(e) => e,
            Err(crate::store::LoadFailure::Missing) => {
                bail!("entry {id} was moved or deleted just now; nothing was exported")
            }
            Err(crate::store::LoadFailure::Damaged(d)) => bail!(
                "cannot read {}: {} (nothing was exported)",
                d.path.display(),
                d.error
            ),
        };
        if !worksheets.iter().any(|w| w.id == entry.worksheet.id) {
            bail!(
                "entry {} uses the worksheet {:?}, which this copy of spiral does not have, so it cannot be exported",
                entry.id,
                entry.worksheet.id
            );
        }
        entries.push(entry);
    }
    Ok(entries)
}

pub(super) fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().trunc_subsecs(0).fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::check::Decision;

    fn pending() -> Pending {
        let worksheets = crate::content::builtin().unwrap();
        let ws = worksheets
            .iter()
            .find(|w| w.id == "building-impactful-partnerships")
            .unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let mut entry = Entry::new("e1".into(), ws, "Family T".into(), now);
        entry.set_answer(
            "kc-earning-acceptance",
            "Mum rang from 07700 900123, then wrote from jo@example.org; we met at 12 Acacia Road."
                .into(),
        );
        let export = Export::new(vec![entry], &worksheets, now, DateRange::default());
        Pending::new(export, &Settings::default()).unwrap()
    }

    fn ask(pending: &mut Pending, typed: &str) -> (bool, String) {
        let (went_on, said, _) = ask_adding(pending, typed);
        (went_on, said)
    }

    /// [`ask`], with what `n` and `s` would add to the settings.
    fn ask_adding(pending: &mut Pending, typed: &str) -> (bool, String, SettingsAdditions) {
        let mut out = Vec::new();
        let mut additions = SettingsAdditions::new();
        let went_on =
            ask_decisions(pending, &mut additions, &mut typed.as_bytes(), &mut out).unwrap();
        (went_on, String::from_utf8(out).unwrap(), additions)
    }

    #[test]
    fn never_export_and_safe_for_me_decide_every_one_like_it_and_are_added_to_the_settings() {
        let worksheets = crate::content::builtin().unwrap();
        let ws = &worksheets[0];
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let mut entry = Entry::new("e1".into(), ws, "Family T".into(), now);
        let key = ws.sections[0].items[0].id().to_string();
        entry.set_answer(
            &key,
            "Mum rang from 07700 900123, and again from 07700 900123; jo@example.org wrote.".into(),
        );
        let export = Export::new(vec![entry], &worksheets, now, DateRange::default());
        let mut p = Pending::new(export, &Settings::default()).unwrap();
        assert_eq!(p.findings.len(), 3, "{:?}", p.findings);
        let (went_on, said, added) = ask_adding(
            &mut p, "n
s
",
        );
        assert!(went_on);
        assert!(said.contains("n: never export it"), "{said}");
        assert_eq!(
            p.decisions,
            [Decision::Replace, Decision::Replace, Decision::Accept],
            "the second number went with the first"
        );
        assert_eq!(
            added,
            [
                ("never_export", "07700 900123".to_string()),
                ("safe_words", "jo@example.org".to_string())
            ]
        );
    }

    #[test]
    fn each_detail_is_asked_about_in_turn() {
        let mut p = pending();
        assert_eq!(p.findings.len(), 3, "{:?}", p.findings);
        let (went_on, said) = ask(&mut p, "e\nwhat?\nk\nl\n");
        assert!(went_on);
        assert_eq!(
            p.decisions,
            [Decision::ReplaceInEntry, Decision::Accept, Decision::Open]
        );
        assert!(said.contains("[1/3] Family T (e1) · 1. Key concepts › Earning acceptance"));
        assert!(said.contains("This looks like a phone number: \"07700 900123\""));
        assert!(said.contains("r: replace with [phone] in the export"));
        assert!(said.contains("\"what?\" is not one of the choices."));
    }

    #[test]
    fn replace_all_the_rest_and_cancel() {
        let mut p = pending();
        let (went_on, _) = ask(&mut p, "k\nR\n");
        assert!(went_on);
        assert_eq!(
            p.decisions,
            [Decision::Accept, Decision::Replace, Decision::Replace]
        );
        let mut p = pending();
        assert!(!ask(&mut p, "r\nq\n").0, "q cancels");
        let mut p = pending();
        assert!(!ask(&mut p, "r\n").0, "the input ending cancels");
    }

    #[test]
    fn leaving_some_keeps_the_decisions_made_and_asks_for_a_reason() {
        let mut p = pending();
        let (went_on, _) = ask(&mut p, "r\nl\nl\n");
        assert!(went_on);
        assert_eq!(
            p.decisions,
            [Decision::Replace, Decision::Open, Decision::Open]
        );
        let mut out = Vec::new();
        let reason = ask_reason(
            p.open(),
            &mut "  kept for the audit \n".as_bytes(),
            &mut out,
        )
        .unwrap();
        assert_eq!(reason.as_deref(), Some("kept for the audit"));
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("2 possible identifying details are left in. Why can they stay?")
        );
        let finished = p.finish(reason.as_deref(), now()).unwrap();
        let text = finished.export.render(Format::Md);
        assert!(
            text.contains("[phone]") || text.contains("\\[phone\\]"),
            "{text}"
        );
        assert!(text.contains("kept for the audit"), "{text}");
        assert!(
            ask_reason(1, &mut "\n".as_bytes(), &mut Vec::new())
                .unwrap()
                .is_none()
        );
        assert!(
            ask_reason(1, &mut "".as_bytes(), &mut Vec::new())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn one_decision_replaces_the_same_detail_everywhere() {
        let worksheets = crate::content::builtin().unwrap();
        let ws = &worksheets[0];
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let entries: Vec<Entry> = (0..3)
            .map(|i| {
                let mut e = Entry::new(format!("e{i}"), ws, "Family T".into(), now);
                e.tags = vec!["kayla".into()];
                e
            })
            .collect();
        let settings = Settings {
            never_export: vec!["Kayla".into()],
            ..Settings::default()
        };
        let export = Export::new(entries, &worksheets, now, DateRange::default());
        let mut p = Pending::new(export, &settings).unwrap();
        assert_eq!(p.findings.len(), 3);
        let (went_on, said) = ask(&mut p, "a\n");
        assert!(went_on);
        assert_eq!(p.decisions, [Decision::Replace; 3]);
        assert!(
            said.contains("a: replace this and the 2 others like it everywhere"),
            "{said}"
        );
        assert!(!said.contains("[2/3]"), "asked once: {said}");
    }

    /// An entry with three possible identifying details, saved in `dir`,
    /// and its export as `spiral export` makes it (read from the folder).
    fn saved_and_read(dir: &Path) -> (Export, PathBuf) {
        let worksheets = crate::content::builtin().unwrap();
        let p = pending();
        let store = JsonDirStore::open(dir).unwrap();
        store.save(&p.export.entries[0]).unwrap();
        let entries = load_entries(dir, &worksheets, ["e1"].into_iter()).unwrap();
        let export = Export::new(entries, &worksheets, now(), DateRange::default());
        (export, store.path_of("e1"))
    }

    fn flags_out(path: &Path) -> CheckFlags {
        CheckFlags {
            out: Some(path.to_path_buf()),
            ..CheckFlags::default()
        }
    }

    #[test]
    fn replacing_in_an_entry_changed_during_the_questions_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (export, path) = saved_and_read(&data);
        // While the questions are answered, the workbook saves new words.
        let workbook = JsonDirStore::at(&data);
        let mut meanwhile = workbook.load("e1").unwrap();
        meanwhile.set_answer("kc-earning-acceptance", "Rewritten in the workbook.".into());
        assert_eq!(
            workbook.save(&meanwhile).unwrap(),
            crate::store::Saved::Written
        );
        let written = std::fs::read_to_string(&path).unwrap();
        let out = dir.path().join("out.md");
        let mut said = Vec::new();
        let result = write_checked(
            export,
            &Settings::default(),
            &data,
            Format::Md,
            &flags_out(&out),
            Some((&mut "e\nk\nk\n".as_bytes(), &mut said)),
        );
        let error = result.unwrap_err().to_string();
        assert!(error.contains("changed while you were deciding"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written, "kept");
        assert!(!out.exists(), "no export either");
        assert!(!data.join("conflicts").exists());
    }

    #[test]
    fn replacing_in_an_unchanged_entry_puts_the_placeholder_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (export, path) = saved_and_read(&data);
        let out = dir.path().join("out.md");
        let mut said = Vec::new();
        write_checked(
            export,
            &Settings::default(),
            &data,
            Format::Md,
            &flags_out(&out),
            Some((&mut "e\nk\nk\n".as_bytes(), &mut said)),
        )
        .unwrap();
        let entry = parse_entry_text(&path);
        assert!(entry.answer("kc-earning-acceptance").contains("[phone]"));
        assert!(out.exists());
    }

    fn parse_entry_text(path: &Path) -> Entry {
        crate::store::parse_entry(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn prep_notes_are_asked_one_line_each() {
        let mut notes = prep::Prep::default();
        let mut out = Vec::new();
        ask_prep(
            &mut notes,
            &mut "Time to think\n\nRang the school\n".as_bytes(),
            &mut out,
        )
        .unwrap();
        assert_eq!(notes.answers, ["Time to think", "", "Rang the school"]);
        assert!(String::from_utf8(out).unwrap().contains("Where I am stuck"));
    }
}
