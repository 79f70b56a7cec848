//! The identifying-details check, run on everything an export would write
//! before anything is written.
//!
//! [`scan`] finds each likely identifier ([`crate::identifiers`]) in every
//! free-text answer, map issue, tag and family label of the chosen entries,
//! and says where it is: the section, the prompt and the words around it.
//! The practitioner then decides each one ([`Decision`]), and [`apply`]
//! puts the placeholders into the copies being exported (and, for those
//! they chose, into their own entries too).

use std::collections::{HashMap, HashSet};

use crate::identifiers::{self, Config, ConfigError, Detector, Hit, Kind};
use crate::model::entry::Entry;
use crate::model::worksheet::{Item, KeyKind, Worksheet};
use crate::settings::Settings;

/// Where in an entry a hit is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// The family label itself.
    Label,
    /// An answer, by key.
    Answer(String),
    /// A map issue's text, when or what-shifted.
    Map {
        item: String,
        issue: u32,
        part: MapPart,
    },
    /// A tag, by its position.
    Tag(usize),
    /// A supervisor's comment brought in from their feedback (exports carry
    /// it): its text, or the reviewer's name on it. By the comment's id.
    Comment { id: String, part: CommentPart },
    /// One of the supervision prep answers, by its place in
    /// [`super::prep::PROMPTS`]. Its finding's `entry` is [`PREP`].
    Prep(usize),
}

/// The `entry` of a finding in the supervision prep answers, which belong
/// to no entry.
pub const PREP: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentPart {
    Text,
    Reviewer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapPart {
    Text,
    When,
    Shifted,
}

/// One likely identifying detail, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The entry's index in the list scanned.
    pub entry: usize,
    pub entry_id: String,
    pub family_label: String,
    pub field: Field,
    /// Where, in the worksheet's words: "2. Subtle intervention".
    pub section: String,
    /// The prompt (and row or question) it answers.
    pub prompt: String,
    pub hit: Hit,
    /// The words around it, on one line.
    pub context: String,
}

impl Finding {
    /// "This looks like a phone number", for the practitioner.
    pub fn describe(&self) -> String {
        format!("This looks like {}", self.hit.kind.describe())
    }

    /// Section and prompt: "2. Subtle intervention › What did you try?"
    pub fn place(&self) -> String {
        if self.section.is_empty() {
            self.prompt.clone()
        } else {
            format!("{} › {}", self.section, self.prompt)
        }
    }
}

/// Where a hit is in `text`, in characters (not bytes) from its start, as
/// scripts count: `start..end`. A range that no longer fits the text is
/// pulled back to the nearest character boundary.
pub fn char_range(text: &str, range: &std::ops::Range<usize>) -> (usize, usize) {
    let chars_before = |at: usize| {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text[..at].chars().count()
    };
    (chars_before(range.start), chars_before(range.end))
}

/// The findings with the same text and kind as finding `i` (it included,
/// in order), ignoring case: one decision for eight "Kayla".
pub fn same_text(findings: &[Finding], i: usize) -> Vec<usize> {
    let Some(f) = findings.get(i) else {
        return Vec::new();
    };
    let want = f.hit.matched.to_lowercase();
    findings
        .iter()
        .enumerate()
        .filter(|(_, g)| g.hit.kind == f.hit.kind && g.hit.matched.to_lowercase() == want)
        .map(|(j, _)| j)
        .collect()
}

/// What the practitioner decided about one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decision {
    /// Not decided yet: exporting needs a reason.
    #[default]
    Open,
    /// Replace it with a placeholder in the export only.
    Replace,
    /// Replace it in the export and in the practitioner's own entry.
    ReplaceInEntry,
    /// Looked at, and fine to keep.
    Accept,
}

impl Decision {
    pub fn replaces(self) -> bool {
        matches!(self, Decision::Replace | Decision::ReplaceInEntry)
    }

    /// A stable name for scripts (`spiral check --json`).
    pub fn id(self) -> &'static str {
        match self {
            Decision::Open => "open",
            Decision::Replace => "replace",
            Decision::ReplaceInEntry => "replace-in-entry",
            Decision::Accept => "keep",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Decision::Open => "not decided",
            Decision::Replace => "replace in the export",
            Decision::ReplaceInEntry => "replace in the export and the entry",
            Decision::Accept => "keep: not identifying",
        }
    }
}

/// The detector for an export: the practitioner's never-export names and
/// reference patterns (each entry adds its own label, see
/// [`Detector::with_family_label`]).
pub fn detector(settings: &Settings) -> Result<Detector, ConfigError> {
    Detector::new(&Config {
        family_label: None,
        never_export: settings.never_export.clone(),
        reference_patterns: settings.reference_patterns.clone(),
        safe_words: settings.safe_words.clone(),
    })
}

/// Every likely identifying detail in `entries`, entry by entry, in the
/// order of the worksheet. Fails only when a reference pattern in the
/// settings cannot be used (which the settings file already warns about).
pub fn scan(
    entries: &[Entry],
    worksheets: &[Worksheet],
    settings: &Settings,
) -> Result<Vec<Finding>, ConfigError> {
    let base = detector(settings)?;
    let plans: Vec<Plan> = worksheets.iter().map(Plan::of).collect();
    // Entries are independent: a big export is checked on every core.
    Ok(crate::parallel::map_runs(entries, 256, |first, run| {
        scan_run(run, first, &plans, &base)
    }))
}

/// [`scan`] for a run of entries, the first of which is entry `first`.
fn scan_run(entries: &[Entry], first: usize, plans: &[Plan], base: &Detector) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Families have many entries: each label's patterns are made once.
    let mut detectors: HashMap<&str, Detector> = HashMap::new();
    for (n, entry) in entries.iter().enumerate() {
        let n = first + n;
        let detector = detectors
            .entry(entry.family_label.as_str())
            .or_insert_with(|| base.with_family_label(&entry.family_label));
        let plan = plans.iter().find(|p| p.ws.id == entry.worksheet.id);
        // The label is printed at the head of the entry: when it looks like
        // a real name, it is itself a detail to take out.
        if identifiers::label_looks_like_a_name(&entry.family_label) {
            findings.push(Finding {
                entry: n,
                entry_id: entry.id.clone(),
                family_label: entry.family_label.clone(),
                field: Field::Label,
                section: String::new(),
                prompt: "Family label".into(),
                context: entry.family_label.clone(),
                hit: Hit {
                    kind: Kind::FamilyLabel,
                    range: 0..entry.family_label.len(),
                    matched: entry.family_label.clone(),
                },
            });
        }
        // Where a hit is (field, section, prompt) is worked out only for a hit.
        let mut add = |text: &str, place: &dyn Fn() -> (Field, String, String)| {
            if text.trim().is_empty() {
                return;
            }
            for hit in detector.scan(text) {
                let (field, section, prompt) = place();
                findings.push(Finding {
                    entry: n,
                    entry_id: entry.id.clone(),
                    family_label: entry.family_label.clone(),
                    field,
                    section,
                    prompt,
                    context: identifiers::context(text, hit.range.clone(), 6),
                    hit,
                });
            }
        };
        for (t, tag) in entry.tags.iter().enumerate() {
            add(tag, &|| (Field::Tag(t), String::new(), "Tags".into()));
        }
        let mut seen: HashSet<&str> = HashSet::new();
        if let Some(plan) = plan {
            let ws = plan.ws;
            for (i, (s, item)) in plan.items.iter().enumerate() {
                let section = || format!("{}. {}", s + 1, ws.sections[*s].title);
                let chosen;
                let keys = if let Item::Choose(_) = item {
                    chosen = keys_of(item, entry, ws);
                    &chosen
                } else {
                    &plan.keys[i]
                };
                for (key, prompt) in keys {
                    if let Some((k, text)) = entry.answers.get_key_value(key) {
                        seen.insert(k);
                        add(text, &|| {
                            (Field::Answer(key.clone()), section(), prompt.clone())
                        });
                    }
                }
                if let Item::Map(p) = item {
                    for issue in entry.map(&p.id) {
                        for (part, text, what) in [
                            (MapPart::Text, &issue.text, "issue"),
                            (MapPart::When, &issue.when, "when"),
                            (MapPart::Shifted, &issue.shifted, "what shifted"),
                        ] {
                            add(text, &|| {
                                (
                                    Field::Map {
                                        item: p.id.clone(),
                                        issue: issue.id,
                                        part,
                                    },
                                    section(),
                                    format!("{} › {what}", p.title),
                                )
                            });
                        }
                    }
                }
            }
        }
        // A supervisor's comments and names go out with the entry too.
        for c in &entry.feedback {
            let about = || match &c.key {
                Some(key) => format!("A supervisor's comment ({key})"),
                None => "A supervisor's comment".to_string(),
            };
            add(&c.text, &|| {
                (
                    Field::Comment {
                        id: c.id.clone(),
                        part: CommentPart::Text,
                    },
                    String::new(),
                    about(),
                )
            });
            if let Some(name) = &c.reviewer {
                add(name, &|| {
                    (
                        Field::Comment {
                            id: c.id.clone(),
                            part: CommentPart::Reviewer,
                        },
                        String::new(),
                        format!("{} › who wrote it", about()),
                    )
                });
            }
        }
        // Answers the worksheet no longer asks for are still exported in the
        // bundle, so they are checked too.
        for (key, text) in &entry.answers {
            if seen.contains(key.as_str())
                || plan.is_some_and(|p| p.kinds.get(key).is_some_and(|k| *k != KeyKind::Text))
            {
                continue;
            }
            add(text, &|| {
                (
                    Field::Answer(key.clone()),
                    String::new(),
                    format!("an answer ({key})"),
                )
            });
        }
    }
    findings
}

/// A worksheet's items and their free-text answer keys, worked out once
/// per export rather than once per entry.
struct Plan<'w> {
    ws: &'w Worksheet,
    /// Every item with its section's index.
    items: Vec<(usize, &'w Item)>,
    /// For each item, its free-text keys and prompts (empty for a choice,
    /// whose keys depend on the questions chosen).
    keys: Vec<Vec<(String, String)>>,
    /// Every answer key the worksheet knows, with its kind.
    kinds: HashMap<String, KeyKind>,
}

impl<'w> Plan<'w> {
    fn of(ws: &'w Worksheet) -> Plan<'w> {
        let items: Vec<(usize, &Item)> = ws
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| section.items.iter().map(move |item| (s, item)))
            .collect();
        let empty = Entry::new(
            String::new(),
            ws,
            String::new(),
            chrono::DateTime::UNIX_EPOCH.fixed_offset(),
        );
        let keys = items
            .iter()
            .map(|(_, item)| match item {
                Item::Choose(_) => Vec::new(),
                _ => keys_of(item, &empty, ws),
            })
            .collect();
        let kinds = ws
            .answer_keys()
            .into_iter()
            .map(|k| (k.key, k.kind))
            .collect();
        Plan {
            ws,
            items,
            keys,
            kinds,
        }
    }
}

/// Every likely identifying detail in the supervision prep answers.
pub fn scan_prep(
    prep: &super::prep::Prep,
    settings: &Settings,
) -> Result<Vec<Finding>, ConfigError> {
    let detector = detector(settings)?;
    let mut findings = Vec::new();
    for (i, ((prompt, _), text)) in super::prep::PROMPTS.iter().zip(&prep.answers).enumerate() {
        for hit in detector.scan(text) {
            findings.push(Finding {
                entry: PREP,
                entry_id: String::new(),
                family_label: String::new(),
                field: Field::Prep(i),
                section: "Supervision prep".into(),
                prompt: (*prompt).to_string(),
                context: identifiers::context(text, hit.range.clone(), 6),
                hit,
            });
        }
    }
    Ok(findings)
}

/// Puts placeholders into the prep answers for the findings decided so.
pub fn apply_prep(prep: &mut super::prep::Prep, findings: &[Finding], decisions: &[Decision]) {
    for (i, answer) in prep.answers.iter_mut().enumerate() {
        let hits: Vec<Hit> = findings
            .iter()
            .zip(decisions)
            .filter(|(f, d)| f.field == Field::Prep(i) && d.replaces())
            .map(|(f, _)| f.hit.clone())
            .collect();
        if !hits.is_empty() {
            *answer = identifiers::redact(answer, &hits);
        }
    }
}

/// The free-text answer keys of one item, each with the prompt it answers.
/// Dates, scales, states and yes/no values are not free text and are not
/// scanned: a review date is the worksheet's own question.
fn keys_of(item: &Item, entry: &Entry, ws: &Worksheet) -> Vec<(String, String)> {
    let mut keys = Vec::new();
    match item {
        Item::Choose(c) => {
            for q in entry.chosen(&c.id) {
                let question = ws.question_text(&c.bank, q).unwrap_or(q);
                for p in &c.prompts {
                    keys.push((
                        crate::model::entry::choice_key(&c.id, q, &p.id),
                        format!("{} › \"{question}\" › {}", c.title, p.title),
                    ));
                }
            }
        }
        _ => {
            for k in item.answer_keys() {
                if k.kind != KeyKind::Text {
                    continue;
                }
                let title = if k.place == item.id() {
                    if k.key == item.id() {
                        item.title().to_string()
                    } else {
                        format!("{} › note", item.title())
                    }
                } else {
                    let row = row_title(item, &k.place).unwrap_or_default();
                    format!("{} › {row}", item.title())
                };
                keys.push((k.key, title));
            }
        }
    }
    keys
}

fn row_title(item: &Item, place: &str) -> Option<String> {
    let row = place.rsplit('/').next()?;
    let rows = match item {
        Item::Table(t) => &t.rows,
        Item::Checklist(c) => &c.checks,
        _ => return None,
    };
    rows.iter().find(|r| r.id == row).map(|r| r.title.clone())
}

/// The placeholder for a finding: the usual one for its kind, except a
/// family label, which becomes "Family A", "Family B"… so entries can still
/// be told apart.
pub fn placeholder(finding: &Finding, labels: &[String]) -> String {
    if finding.field == Field::Label {
        let n = labels
            .iter()
            .position(|l| *l == finding.family_label)
            .unwrap_or(0);
        return format!("Family {}", letters(n));
    }
    identifiers::placeholder(finding.hit.kind).to_string()
}

fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Puts placeholders into `entries` for the findings whose decision
/// `chosen(decision)` is true. Returns how many were replaced.
///
/// `findings` must come from [`scan`] of these same entries (same order);
/// a finding that no longer fits its text is skipped, never misapplied.
pub fn apply(
    entries: &mut [Entry],
    findings: &[Finding],
    decisions: &[Decision],
    chosen: impl Fn(Decision) -> bool,
) -> usize {
    let labels = distinct_labels(findings);
    let mut replaced = 0;
    for (n, entry) in entries.iter_mut().enumerate() {
        let mine: Vec<(&Finding, Decision)> = findings
            .iter()
            .zip(decisions.iter().copied())
            .filter(|(f, d)| f.entry == n && chosen(*d))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut fields: Vec<&Field> = Vec::new();
        for (f, _) in &mine {
            if !fields.contains(&&f.field) {
                fields.push(&f.field);
            }
        }
        for field in fields {
            let hits: Vec<&Finding> = mine
                .iter()
                .filter(|(f, _)| f.field == *field)
                .map(|(f, _)| *f)
                .collect();
            let Some(text) = field_text(entry, field) else {
                continue;
            };
            let hit_list: Vec<Hit> = hits.iter().map(|f| f.hit.clone()).collect();
            let new = identifiers::replace(&text, &hit_list, |hit| {
                let f = hits.iter().find(|f| f.hit == *hit).expect("one of ours");
                placeholder(f, &labels)
            });
            if new != text {
                replaced += hits.len();
                set_field_text(entry, field, new);
            }
        }
    }
    replaced
}

/// The family labels that look like names, in the order first found, for
/// numbering their placeholders.
fn distinct_labels(findings: &[Finding]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.field == Field::Label) {
        if !labels.contains(&f.family_label) {
            labels.push(f.family_label.clone());
        }
    }
    labels
}

/// The text of one field of an entry, as it is now.
pub fn field_text(entry: &Entry, field: &Field) -> Option<String> {
    Some(match field {
        Field::Label => entry.family_label.clone(),
        Field::Answer(key) => entry.answers.get(key)?.clone(),
        Field::Tag(t) => entry.tags.get(*t)?.clone(),
        Field::Prep(_) => return None,
        Field::Comment { id, part } => {
            let c = entry.feedback.iter().find(|c| c.id == *id)?;
            match part {
                CommentPart::Text => c.text.clone(),
                CommentPart::Reviewer => c.reviewer.clone()?,
            }
        }
        Field::Map { item, issue, part } => {
            let issue = entry.map(item).iter().find(|i| i.id == *issue)?;
            match part {
                MapPart::Text => issue.text.clone(),
                MapPart::When => issue.when.clone(),
                MapPart::Shifted => issue.shifted.clone(),
            }
        }
    })
}

fn set_field_text(entry: &mut Entry, field: &Field, text: String) {
    match field {
        Field::Label => entry.family_label = text,
        Field::Answer(key) => {
            entry.set_answer(key, text);
        }
        Field::Tag(t) => {
            if let Some(tag) = entry.tags.get_mut(*t) {
                *tag = text;
            }
        }
        Field::Prep(_) => {}
        Field::Comment { id, part } => {
            if let Some(c) = entry.feedback.iter_mut().find(|c| c.id == *id) {
                match part {
                    CommentPart::Text => c.text = text,
                    CommentPart::Reviewer => c.reviewer = Some(text),
                }
            }
        }
        Field::Map { item, issue, part } => {
            if let Some(issue) = entry
                .maps
                .get_mut(item)
                .and_then(|m| m.iter_mut().find(|i| i.id == *issue))
            {
                match part {
                    MapPart::Text => issue.text = text,
                    MapPart::When => issue.when = text,
                    MapPart::Shifted => issue.shifted = text,
                }
            }
        }
    }
}

/// How the decisions add up, for the export's own record of the check.
pub fn summary(decisions: &[Decision], reason: Option<&str>) -> super::CheckSummary {
    let count = |want: fn(Decision) -> bool| decisions.iter().filter(|d| want(**d)).count();
    let open = count(|d| d == Decision::Open);
    super::CheckSummary {
        replaced: count(Decision::replaces),
        accepted: count(|d| d == Decision::Accept),
        left_in: (open > 0).then(|| super::LeftIn {
            count: open,
            reason: reason.unwrap_or("").trim().to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::map::MapIssue;
    use chrono::DateTime;

    fn setup() -> (Worksheet, Entry) {
        let ws = crate::content::builtin().unwrap().remove(0);
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let entry = Entry::new("e1".into(), &ws, "Jordan Smith".into(), now);
        (ws, entry)
    }

    fn first_prompt(ws: &Worksheet) -> (String, String, String) {
        for (s, section) in ws.sections.iter().enumerate() {
            for item in &section.items {
                if let Item::Prompt(p) = item {
                    return (
                        p.id.clone(),
                        format!("{}. {}", s + 1, section.title),
                        p.title.clone(),
                    );
                }
            }
        }
        panic!("no prompt")
    }

    #[test]
    fn each_hit_is_found_in_its_place_with_the_words_around_it() {
        let (ws, mut entry) = setup();
        let (key, section, prompt) = first_prompt(&ws);
        entry.set_answer(
            &key,
            "Met Jordan at home; mum rang from 07700 900123 about the visit.".into(),
        );
        let findings = scan(std::slice::from_ref(&entry), &[ws], &Settings::default()).unwrap();
        let kinds: Vec<(Kind, &Field)> = findings.iter().map(|f| (f.hit.kind, &f.field)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::FamilyLabel, &Field::Label),
                (Kind::FamilyLabel, &Field::Answer(key.clone())),
                (Kind::Phone, &Field::Answer(key.clone())),
            ]
        );
        let phone = &findings[2];
        assert_eq!(phone.section, section);
        assert_eq!(phone.prompt, prompt);
        assert_eq!(phone.hit.matched, "07700 900123");
        assert!(
            phone.context.contains("rang from 07700 900123 about"),
            "{}",
            phone.context
        );
    }

    #[test]
    fn a_pseudonym_label_and_plain_reflection_find_nothing() {
        let (ws, mut entry) = setup();
        entry.family_label = "Family T".into();
        let (key, ..) = first_prompt(&ws);
        entry.set_answer(
            &key,
            // "Hope" with a capital mid-sentence could be a girl called Hope,
            // so the check asks about it; the word itself is never a name.
            "Acceptance came slowly. On Sunday at 3pm we talked about hope.".into(),
        );
        let findings = scan(std::slice::from_ref(&entry), &[ws], &Settings::default()).unwrap();
        assert_eq!(findings, []);
    }

    #[test]
    fn never_export_names_and_map_issues_and_tags_are_checked() {
        let (ws, mut entry) = setup();
        entry.family_label = "Family T".into();
        let map_item = ws
            .items()
            .find_map(|i| match i {
                Item::Map(p) => Some(p.id.clone()),
                _ => None,
            })
            .expect("the main worksheet has a map");
        entry.maps.insert(
            map_item.clone(),
            vec![MapIssue {
                id: 1,
                text: "Kayla's school place".into(),
                stage: ws.stages[0].id.clone(),
                when: "12/03/2025".into(),
                ..Default::default()
            }],
        );
        entry.tags = vec!["kayla".into()];
        let settings = Settings {
            never_export: vec!["Kayla".into()],
            ..Settings::default()
        };
        let findings = scan(std::slice::from_ref(&entry), &[ws], &settings).unwrap();
        let fields: Vec<&Field> = findings.iter().map(|f| &f.field).collect();
        assert!(fields.contains(&&Field::Tag(0)), "{findings:?}");
        assert!(fields.contains(&&Field::Map {
            item: map_item.clone(),
            issue: 1,
            part: MapPart::Text
        }));
        assert!(fields.contains(&&Field::Map {
            item: map_item,
            issue: 1,
            part: MapPart::When
        }));
    }

    #[test]
    fn replacing_puts_placeholders_only_where_decided() {
        let (ws, mut entry) = setup();
        let (key, ..) = first_prompt(&ws);
        entry.set_answer(&key, "Jordan rang from 07700 900123 today.".into());
        let mut entries = vec![entry.clone()];
        let findings = scan(&entries, std::slice::from_ref(&ws), &Settings::default()).unwrap();
        assert_eq!(findings.len(), 3);
        // Label: replace; name in answer: keep; phone: replace in the entry too.
        let decisions = [
            Decision::Replace,
            Decision::Accept,
            Decision::ReplaceInEntry,
        ];
        let n = apply(&mut entries, &findings, &decisions, Decision::replaces);
        assert_eq!(n, 2);
        assert_eq!(entries[0].family_label, "Family A");
        assert_eq!(entries[0].answer(&key), "Jordan rang from [phone] today.");
        // Only the in-entry decisions go into the stored entry.
        let mut own = vec![entry];
        apply(&mut own, &findings, &decisions, |d| {
            d == Decision::ReplaceInEntry
        });
        assert_eq!(own[0].family_label, "Jordan Smith");
        assert_eq!(own[0].answer(&key), "Jordan rang from [phone] today.");
        let s = summary(&decisions, None);
        assert_eq!((s.replaced, s.accepted, s.left_in), (2, 1, None));
        let open = summary(
            &[Decision::Open, Decision::Accept],
            Some(" needed for the audit "),
        );
        assert_eq!(
            open.left_in,
            Some(super::super::LeftIn {
                count: 1,
                reason: "needed for the audit".into()
            })
        );
    }

    #[test]
    fn a_big_export_is_checked_in_parallel_and_in_order() {
        let (ws, entry) = setup();
        let (key, ..) = first_prompt(&ws);
        let entries: Vec<Entry> = (0..700)
            .map(|i| {
                let mut e = entry.clone();
                e.id = format!("e{i}");
                e.family_label = format!("Family {}", i % 7);
                if i % 3 == 0 {
                    e.set_answer(&key, format!("Rang 07700 900{:03} today.", i % 1000));
                }
                e
            })
            .collect();
        let findings = scan(&entries, std::slice::from_ref(&ws), &Settings::default()).unwrap();
        let found: Vec<usize> = findings.iter().map(|f| f.entry).collect();
        let expected: Vec<usize> = (0..700).filter(|i| i % 3 == 0).collect();
        assert_eq!(found, expected);
        assert!(
            findings
                .iter()
                .all(|f| f.entry_id == format!("e{}", f.entry))
        );
        assert_eq!(findings[1].hit.matched, "07700 900003");
    }

    #[test]
    fn a_supervisors_comment_and_name_are_checked_and_replaced() {
        let (ws, mut entry) = setup();
        entry.family_label = "Family T".into();
        entry.feedback = vec![crate::model::entry::Comment {
            id: "c-1".into(),
            key: None,
            text: "Did you ring 07700 900123 back?".into(),
            reviewer: Some("Kayla".into()),
            written: entry.created,
        }];
        let settings = Settings {
            never_export: vec!["Kayla".into()],
            ..Settings::default()
        };
        let mut entries = vec![entry];
        let findings = scan(&entries, std::slice::from_ref(&ws), &settings).unwrap();
        let found: Vec<(&Field, Kind)> = findings.iter().map(|f| (&f.field, f.hit.kind)).collect();
        let text = Field::Comment {
            id: "c-1".into(),
            part: CommentPart::Text,
        };
        let name = Field::Comment {
            id: "c-1".into(),
            part: CommentPart::Reviewer,
        };
        assert_eq!(found, [(&text, Kind::Phone), (&name, Kind::NeverExport)]);
        assert_eq!(findings[1].prompt, "A supervisor's comment › who wrote it");
        let decisions = [Decision::Replace, Decision::Replace];
        assert_eq!(
            apply(&mut entries, &findings, &decisions, Decision::replaces),
            2
        );
        assert_eq!(entries[0].feedback[0].text, "Did you ring [phone] back?");
        assert_eq!(entries[0].feedback[0].reviewer.as_deref(), Some("[name]"));
    }

    #[test]
    fn label_placeholders_are_lettered() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }
}
