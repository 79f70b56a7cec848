//! Worksheet content: the types that `content/*.json` files deserialise into,
//! the answer keys each kind of item stores its answers under, and the checks
//! a worksheet must pass before the app uses it.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::checks::Rule;
use super::entry::{Entry, choice_key};

/// The content format this build reads. A file with another `version` is
/// refused with a message rather than half-understood.
pub const CONTENT_FORMAT: &str = "spiral-worksheet";
/// The newest content format version: 2 adds tables, checklists, scales,
/// dates, yes/no questions and `checks`. Version 1 files still load.
pub const CONTENT_VERSION: u32 = 2;
pub const OLDEST_CONTENT_VERSION: u32 = 1;

/// Every item `type`, in the order content/README.md documents them.
pub const ITEM_KINDS: [&str; 8] = [
    "prompt",
    "table",
    "choose",
    "checklist",
    "scale",
    "date",
    "yesno",
    "map",
];

/// The lowest and highest number on a scale.
pub const SCALE_MIN: u8 = 0;
pub const SCALE_MAX: u8 = 10;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Worksheet {
    /// Where an editor finds the JSON Schema (`content/worksheet.schema.json`);
    /// spiral itself ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub format: String,
    pub version: u32,
    pub id: String,
    pub revision: u32,
    pub title: String,
    pub source: String,
    pub summary: String,
    pub credit: Credit,
    #[serde(default)]
    pub background: Vec<Page>,
    /// What the worksheet is built around (optional from version 2).
    #[serde(default)]
    pub core: Core,
    #[serde(default)]
    pub stages: Vec<Concept>,
    #[serde(default)]
    pub framing_ideas: Vec<Idea>,
    #[serde(default)]
    pub question_banks: Vec<QuestionBank>,
    pub sections: Vec<Section>,
    /// Rules that warn or remind while the worksheet is filled in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Rule>,
    /// Where this worksheet was read from (not part of the file).
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a worksheet came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary from this `content/` file.
    Builtin(String),
    /// Read at start from a file in the data folder's `worksheets/`.
    User(PathBuf),
}

impl Default for Origin {
    fn default() -> Self {
        Origin::Builtin(String::new())
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(file) if file.is_empty() => write!(f, "built in"),
            Origin::Builtin(file) => write!(f, "built in ({file})"),
            Origin::User(path) => write!(f, "{}", path.display()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub authors: String,
    pub citation: String,
    pub url: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Core {
    pub title: String,
    pub summary: String,
    pub parts: Vec<Idea>,
}

/// A named idea with a short explanation (a framing idea, a part of the core).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    pub id: String,
    pub name: String,
    pub summary: String,
}

/// A stage of the spiral: an idea with examples of what it looks like in practice.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The section's guidance, shown with every prompt in it.
    pub intro: String,
    /// A picture shown beside this section's prompts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagram: Option<Diagram>,
    /// The section is needed only when this holds (a condition, as in the
    /// checks). When it does not, only the answers the condition looks at
    /// count towards progress: answering "no" to "is this a written
    /// agreement?" finishes the written-agreement section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_if: Option<super::checks::Condition>,
    pub items: Vec<Item>,
}

impl Section {
    /// Whether the section is needed for this entry (see [`Section::only_if`]).
    pub fn needed(&self, ws: &Worksheet, entry: &super::entry::Entry) -> bool {
        self.only_if.as_ref().is_none_or(|c| c.holds(ws, entry))
    }
}

/// The pictures spiral can draw.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Diagram {
    /// The stages along a widening spiral around the core.
    Spiral,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Item {
    Prompt(Prompt),
    Choose(Choice),
    /// Map the issues worked on with a family along the spiral.
    Map(Prompt),
    /// One free-text answer per row.
    Table(Table),
    /// Each check gets a state (done, not yet, not relevant) and a note.
    Checklist(Checklist),
    /// A number from 0 to 10, with anchors saying what the ends mean, and a note.
    Scale(Scale),
    /// A date, written YYYY-MM-DD.
    Date(Prompt),
    /// Yes or no, with an optional follow-up question.
    #[serde(rename = "yesno")]
    YesNo(YesNo),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// A stage id: its summary and examples are shown as extra guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

/// "Choose `count` questions from `bank`, then answer `prompts` for each."
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub title: String,
    pub bank: String,
    pub count: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    pub prompts: Vec<Prompt>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    pub rows: Vec<Prompt>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    pub checks: Vec<Prompt>,
    /// What the note beside each check asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// What some of the numbers mean, lowest first; 0 and 10 at least.
    pub anchors: Vec<Anchor>,
    /// What the note under the number asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub value: u8,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YesNo {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
}

/// A question asked after the yes or no: after either, or only one of them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub text: String,
    #[serde(default)]
    pub when: FollowUpWhen,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum FollowUpWhen {
    Yes,
    No,
    #[default]
    Always,
}

impl FollowUp {
    /// Whether the follow-up is asked, given the yes/no answer so far.
    pub fn applies(&self, answer: Option<bool>) -> bool {
        match self.when {
            FollowUpWhen::Always => true,
            FollowUpWhen::Yes => answer == Some(true),
            FollowUpWhen::No => answer == Some(false),
        }
    }
}

/// The state of one check on a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckState {
    Done,
    NotYet,
    NotRelevant,
}

impl CheckState {
    /// In the order Space and → step through them.
    pub const ALL: [CheckState; 3] = [
        CheckState::Done,
        CheckState::NotYet,
        CheckState::NotRelevant,
    ];

    /// As stored in an entry's answers.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckState::Done => "done",
            CheckState::NotYet => "not-yet",
            CheckState::NotRelevant => "not-relevant",
        }
    }

    /// As shown to people.
    pub fn label(self) -> &'static str {
        match self {
            CheckState::Done => "done",
            CheckState::NotYet => "not yet",
            CheckState::NotRelevant => "not relevant",
        }
    }

    pub fn parse(value: &str) -> Option<CheckState> {
        CheckState::ALL
            .into_iter()
            .find(|s| s.as_str() == value.trim())
    }
}

/// A scale answer, if the text is one: a whole number from 0 to 10.
pub fn parse_scale(value: &str) -> Option<u8> {
    value
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (SCALE_MIN..=SCALE_MAX).contains(n))
}

/// A date answer, if the text is one: exactly YYYY-MM-DD, and a real day.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let shape = v.len() == 10
        && v.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
}

/// A yes/no answer, if the text is one.
pub fn parse_yes_no(value: &str) -> Option<bool> {
    match value.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The answer key of one row of a table: `table/row`.
pub fn row_key(item: &str, row: &str) -> String {
    format!("{item}/{row}")
}

/// The answer key of a check's state: `checklist/check/state`.
pub fn state_key(item: &str, check: &str) -> String {
    format!("{item}/{check}/state")
}

/// The answer key of a check's note: `checklist/check/note`.
pub fn check_note_key(item: &str, check: &str) -> String {
    format!("{item}/{check}/note")
}

/// The answer key of a scale's note: `scale/note`.
pub fn note_key(item: &str) -> String {
    format!("{item}/note")
}

/// The answer key of a yes/no question's follow-up: `question/follow-up`.
pub fn follow_up_key(item: &str) -> String {
    format!("{item}/follow-up")
}

/// What kind of value an answer key holds, and so when it counts as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Free text: given when it is not blank.
    Text,
    /// A check's state: "done", "not-yet" or "not-relevant".
    State,
    /// A number from 0 to 10.
    Scale,
    /// A date, YYYY-MM-DD.
    Date,
    /// "yes" or "no".
    YesNo,
}

impl KeyKind {
    /// Whether `value` is a proper answer of this kind.
    pub fn is_given(self, value: &str) -> bool {
        match self {
            KeyKind::Text => !value.trim().is_empty(),
            KeyKind::State => CheckState::parse(value).is_some(),
            KeyKind::Scale => parse_scale(value).is_some(),
            KeyKind::Date => parse_date(value).is_some(),
            KeyKind::YesNo => parse_yes_no(value).is_some(),
        }
    }
}

/// One answer key an item can have, and where on the worksheet it is asked
/// (an item id, or `item/row` and `item/check` for a table row or a check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerKey {
    pub key: String,
    pub kind: KeyKind,
    pub place: String,
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Prompt(p) | Item::Map(p) | Item::Date(p) => &p.id,
            Item::Choose(c) => &c.id,
            Item::Table(t) => &t.id,
            Item::Checklist(c) => &c.id,
            Item::Scale(s) => &s.id,
            Item::YesNo(y) => &y.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Item::Prompt(p) | Item::Map(p) | Item::Date(p) => &p.title,
            Item::Choose(c) => &c.title,
            Item::Table(t) => &t.title,
            Item::Checklist(c) => &c.title,
            Item::Scale(s) => &s.title,
            Item::YesNo(y) => &y.title,
        }
    }

    /// The question the item asks as a whole.
    pub fn text(&self) -> &str {
        match self {
            Item::Prompt(p) | Item::Map(p) | Item::Date(p) => &p.text,
            Item::Choose(c) => &c.text,
            Item::Table(t) => &t.text,
            Item::Checklist(c) => &c.text,
            Item::Scale(s) => &s.text,
            Item::YesNo(y) => &y.text,
        }
    }

    pub fn guidance(&self) -> Option<&str> {
        match self {
            Item::Prompt(p) | Item::Map(p) | Item::Date(p) => p.guidance.as_deref(),
            Item::Choose(c) => c.guidance.as_deref(),
            Item::Table(t) => t.guidance.as_deref(),
            Item::Checklist(c) => c.guidance.as_deref(),
            Item::Scale(s) => s.guidance.as_deref(),
            Item::YesNo(y) => y.guidance.as_deref(),
        }
    }

    /// The `type` as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Prompt(_) => "prompt",
            Item::Choose(_) => "choose",
            Item::Map(_) => "map",
            Item::Table(_) => "table",
            Item::Checklist(_) => "checklist",
            Item::Scale(_) => "scale",
            Item::Date(_) => "date",
            Item::YesNo(_) => "yesno",
        }
    }

    /// How many answers this item asks for when it is complete.
    pub fn answer_slots(&self) -> usize {
        match self {
            Item::Prompt(_) | Item::Map(_) | Item::Scale(_) | Item::Date(_) | Item::YesNo(_) => 1,
            Item::Choose(c) => c.count * c.prompts.len(),
            Item::Table(t) => t.rows.len(),
            Item::Checklist(c) => c.checks.len(),
        }
    }

    /// How many of those answers the entry has. Notes and follow-ups are
    /// welcome but optional: a check counts once it has a state, a scale
    /// once it has a number, a yes/no once it is answered.
    pub fn answered_slots(&self, entry: &Entry) -> usize {
        let given = |key: &str, kind: KeyKind| usize::from(kind.is_given(entry.answer(key)));
        match self {
            Item::Prompt(p) => given(&p.id, KeyKind::Text),
            Item::Map(p) => usize::from(!entry.map(&p.id).is_empty()),
            Item::Choose(c) => entry
                .chosen(&c.id)
                .iter()
                .take(c.count)
                .flat_map(|q| {
                    c.prompts
                        .iter()
                        .map(move |p| given(&choice_key(&c.id, q, &p.id), KeyKind::Text))
                })
                .sum(),
            Item::Table(t) => t
                .rows
                .iter()
                .map(|r| given(&row_key(&t.id, &r.id), KeyKind::Text))
                .sum(),
            Item::Checklist(c) => c
                .checks
                .iter()
                .map(|k| given(&state_key(&c.id, &k.id), KeyKind::State))
                .sum(),
            Item::Scale(s) => given(&s.id, KeyKind::Scale),
            Item::Date(d) => given(&d.id, KeyKind::Date),
            Item::YesNo(y) => given(&y.id, KeyKind::YesNo),
        }
    }

    /// Every answer key this item can have, apart from a choice's (which
    /// depend on the questions chosen) and a map's (kept under `maps`).
    pub fn answer_keys(&self) -> Vec<AnswerKey> {
        let key = |key: String, kind: KeyKind, place: &str| AnswerKey {
            key,
            kind,
            place: place.to_string(),
        };
        match self {
            Item::Prompt(p) => vec![key(p.id.clone(), KeyKind::Text, &p.id)],
            Item::Choose(_) | Item::Map(_) => Vec::new(),
            Item::Table(t) => t
                .rows
                .iter()
                .map(|r| {
                    let k = row_key(&t.id, &r.id);
                    key(k.clone(), KeyKind::Text, &k)
                })
                .collect(),
            Item::Checklist(c) => c
                .checks
                .iter()
                .flat_map(|k| {
                    let place = row_key(&c.id, &k.id);
                    [
                        key(state_key(&c.id, &k.id), KeyKind::State, &place),
                        key(check_note_key(&c.id, &k.id), KeyKind::Text, &place),
                    ]
                })
                .collect(),
            Item::Scale(s) => vec![
                key(s.id.clone(), KeyKind::Scale, &s.id),
                key(note_key(&s.id), KeyKind::Text, &s.id),
            ],
            Item::Date(d) => vec![key(d.id.clone(), KeyKind::Date, &d.id)],
            Item::YesNo(y) => {
                let mut keys = vec![key(y.id.clone(), KeyKind::YesNo, &y.id)];
                if y.follow_up.is_some() {
                    keys.push(key(follow_up_key(&y.id), KeyKind::Text, &y.id));
                }
                keys
            }
        }
    }
}

impl Worksheet {
    pub fn bank(&self, id: &str) -> Option<&QuestionBank> {
        self.question_banks.iter().find(|b| b.id == id)
    }

    /// The text of a question in a bank, if both still exist.
    pub fn question_text(&self, bank: &str, question: &str) -> Option<&str> {
        self.bank(bank)?
            .questions
            .iter()
            .find(|q| q.id == question)
            .map(|q| q.text.as_str())
    }

    pub fn stage(&self, id: &str) -> Option<&Concept> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.items().find_map(|item| match item {
            Item::Choose(c) if c.id == id => Some(c),
            _ => None,
        })
    }

    /// Every item, section by section.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }

    /// Every answer key the worksheet can have (see [`Item::answer_keys`]).
    pub fn answer_keys(&self) -> Vec<AnswerKey> {
        self.items().flat_map(Item::answer_keys).collect()
    }

    /// What kind of answer `key` holds, if it is one of this worksheet's.
    pub fn key_kind(&self, key: &str) -> Option<KeyKind> {
        self.answer_keys()
            .into_iter()
            .find(|k| k.key == key)
            .map(|k| k.kind)
    }

    /// Every answer the worksheet asks for, across all sections.
    pub fn total_slots(&self) -> usize {
        self.items().map(Item::answer_slots).sum()
    }

    /// Checks what serde cannot, as plain sentences naming the place.
    pub fn validate(&self) -> Vec<String> {
        self.problems().iter().map(Problem::to_string).collect()
    }

    /// Checks what serde cannot: ids that must be unique or must refer to
    /// something, counts that must make sense, rules that must name real
    /// answers. Returns every problem found, each with where it is.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.format != CONTENT_FORMAT {
            problems.push(Problem::new(
                "/format",
                format!(
                    "\"format\" is {:?}; expected {CONTENT_FORMAT:?}",
                    self.format
                ),
            ));
        }
        if !(OLDEST_CONTENT_VERSION..=CONTENT_VERSION).contains(&self.version) {
            problems.push(Problem::new(
                "/version",
                format!(
                    "\"version\" is {}; this build of spiral reads versions {OLDEST_CONTENT_VERSION} to {CONTENT_VERSION}",
                    self.version
                ),
            ));
        }
        if !is_slug(&self.id) {
            problems.push(Problem::new(
                "/id",
                format!(
                    "\"id\" {:?} should use only lowercase letters, digits and hyphens",
                    self.id
                ),
            ));
        }
        if self.sections.is_empty() {
            problems.push(Problem::new(
                "/sections",
                "\"sections\" is empty; a worksheet needs at least one",
            ));
        }
        let mut seen = HashSet::new();
        let mut check_unique = |id: &str, at: String, problems: &mut Vec<Problem>| {
            if id.is_empty() {
                problems.push(Problem::new(format!("{at}/id"), "\"id\" is empty"));
            } else if !seen.insert(id.to_string()) {
                problems.push(Problem::new(
                    format!("{at}/id"),
                    format!(
                        "id {id:?} is used more than once; every id in a worksheet must be its own"
                    ),
                ));
            } else if id.contains('/') {
                problems.push(Problem::new(
                    format!("{at}/id"),
                    format!("id {id:?} contains '/'; answer keys use '/' to join ids"),
                ));
            }
        };
        for (b, bank) in self.question_banks.iter().enumerate() {
            let at = format!("/question_banks/{b}");
            check_unique(&bank.id, at.clone(), &mut problems);
            if bank.questions.is_empty() {
                problems.push(Problem::new(
                    format!("{at}/questions"),
                    format!("question bank {:?} has no questions", bank.id),
                ));
            }
            for (q, question) in bank.questions.iter().enumerate() {
                check_unique(&question.id, format!("{at}/questions/{q}"), &mut problems);
            }
        }
        for (s, stage) in self.stages.iter().enumerate() {
            check_unique(&stage.id, format!("/stages/{s}"), &mut problems);
        }
        let stage_ids: Vec<&str> = self.stages.iter().map(|s| s.id.as_str()).collect();
        let check_stage = |stage: &Option<String>, at: String, problems: &mut Vec<Problem>| {
            if let Some(stage) = stage
                && self.stage(stage).is_none()
            {
                problems.push(Problem::new(
                    format!("{at}/stage"),
                    format!(
                        "\"stage\" {stage:?} is not a stage id; expected {}",
                        one_of(stage, &stage_ids)
                    ),
                ));
            }
        };
        for (s, section) in self.sections.iter().enumerate() {
            let at = format!("/sections/{s}");
            check_unique(&section.id, at.clone(), &mut problems);
            if section.items.is_empty() {
                problems.push(Problem::new(
                    format!("{at}/items"),
                    format!("section {:?} has no items", section.id),
                ));
            }
            for (i, item) in section.items.iter().enumerate() {
                let at = format!("{at}/items/{i}");
                check_unique(item.id(), at.clone(), &mut problems);
                if self.version < 2
                    && !matches!(item, Item::Prompt(_) | Item::Choose(_) | Item::Map(_))
                {
                    problems.push(Problem::new(
                        format!("{at}/type"),
                        format!(
                            "\"type\": {:?} needs \"version\": 2 (this file says {}); raise the version so older copies of spiral refuse the file clearly",
                            item.kind(),
                            self.version
                        ),
                    ));
                }
                match item {
                    Item::Map(_) if self.stages.is_empty() => problems.push(Problem::new(
                        format!("{at}/type"),
                        "a map places issues in stages, and \"stages\" is empty; add stages or use another type",
                    )),
                    Item::Map(_) => {}
                    Item::Prompt(p) | Item::Date(p) => check_stage(&p.stage, at, &mut problems),
                    Item::Table(t) => {
                        sub_ids(&t.rows, &format!("{at}/rows"), "row", &mut problems);
                        for (r, row) in t.rows.iter().enumerate() {
                            check_stage(&row.stage, format!("{at}/rows/{r}"), &mut problems);
                        }
                    }
                    Item::Checklist(c) => {
                        sub_ids(&c.checks, &format!("{at}/checks"), "check", &mut problems);
                        for (k, check) in c.checks.iter().enumerate() {
                            check_stage(&check.stage, format!("{at}/checks/{k}"), &mut problems);
                        }
                    }
                    Item::Scale(scale) => scale_problems(scale, &at, &mut problems),
                    Item::YesNo(y) => {
                        if let Some(f) = &y.follow_up
                            && f.text.trim().is_empty()
                        {
                            problems.push(Problem::new(
                                format!("{at}/follow_up/text"),
                                "the follow-up's \"text\" is empty; say what to ask after the yes or no",
                            ));
                        }
                    }
                    Item::Choose(c) => {
                        let banks: Vec<&str> =
                            self.question_banks.iter().map(|b| b.id.as_str()).collect();
                        match self.bank(&c.bank) {
                            None => problems.push(Problem::new(
                                format!("{at}/bank"),
                                format!(
                                    "\"bank\" {:?} is not a question bank id; expected {}",
                                    c.bank,
                                    one_of(&c.bank, &banks)
                                ),
                            )),
                            Some(bank) => {
                                if c.count == 0 || c.count > bank.questions.len() {
                                    problems.push(Problem::new(
                                        format!("{at}/count"),
                                        format!(
                                            "\"count\" is {}; it must be from 1 to {} (the questions in {:?})",
                                            c.count,
                                            bank.questions.len(),
                                            bank.id
                                        ),
                                    ));
                                }
                            }
                        }
                        sub_ids(&c.prompts, &format!("{at}/prompts"), "sub-prompt", &mut problems);
                        for (p, prompt) in c.prompts.iter().enumerate() {
                            check_stage(&prompt.stage, format!("{at}/prompts/{p}"), &mut problems);
                        }
                    }
                }
            }
        }
        if !self.checks.is_empty() && self.version < 2 {
            problems.push(Problem::new(
                "/checks",
                format!(
                    "\"checks\" needs \"version\": 2 (this file says {})",
                    self.version
                ),
            ));
        }
        problems.extend(super::checks::problems(self));
        problems
    }
}

/// The rows, checks or sub-prompts of an item: there must be some, and
/// their ids are unique within the item and contain no '/'.
fn sub_ids(list: &[Prompt], at: &str, what: &str, problems: &mut Vec<Problem>) {
    if list.is_empty() {
        problems.push(Problem::new(
            at,
            format!("there are no {what}s; give at least one"),
        ));
    }
    let mut seen = HashSet::new();
    for (n, p) in list.iter().enumerate() {
        if p.id.is_empty() || p.id.contains('/') || !seen.insert(p.id.as_str()) {
            problems.push(Problem::new(
                format!("{at}/{n}/id"),
                format!(
                    "{what} id {:?} must be non-empty, unique within its item and contain no '/'",
                    p.id
                ),
            ));
        }
    }
}

fn scale_problems(scale: &Scale, at: &str, problems: &mut Vec<Problem>) {
    if scale.anchors.is_empty() {
        problems.push(Problem::new(
            format!("{at}/anchors"),
            format!(
                "a scale needs anchors saying what {SCALE_MIN} and {SCALE_MAX} mean, e.g. [{{ \"value\": 0, \"text\": \"…\" }}, {{ \"value\": 10, \"text\": \"…\" }}]"
            ),
        ));
        return;
    }
    for (n, anchor) in scale.anchors.iter().enumerate() {
        if anchor.value > SCALE_MAX {
            problems.push(Problem::new(
                format!("{at}/anchors/{n}/value"),
                format!(
                    "anchor value {} is off the scale; expected a whole number from {SCALE_MIN} to {SCALE_MAX}",
                    anchor.value
                ),
            ));
        }
        if n > 0 && anchor.value <= scale.anchors[n - 1].value {
            problems.push(Problem::new(
                format!("{at}/anchors/{n}/value"),
                format!(
                    "anchor value {} comes after {}; expected the anchors lowest first, each value once",
                    anchor.value,
                    scale.anchors[n - 1].value
                ),
            ));
        }
    }
    let ends = (
        scale.anchors.first().map(|a| a.value),
        scale.anchors.last().map(|a| a.value),
    );
    if ends != (Some(SCALE_MIN), Some(SCALE_MAX)) {
        problems.push(Problem::new(
            format!("{at}/anchors"),
            format!(
                "the anchors must start at {SCALE_MIN} and end at {SCALE_MAX}, so both ends of the scale say what they mean"
            ),
        ));
    }
}

/// One thing wrong with a worksheet: where (a JSON pointer into the file,
/// e.g. `/sections/0/items/2/stage`) and what, with what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
}

impl Problem {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// The place as a person reads it: `sections[0].items[2].stage`.
    pub fn place(&self) -> String {
        place_of(&self.pointer)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.place();
        if place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{place}: {}", self.message)
        }
    }
}

/// `/sections/0/items/2` as `sections[0].items[2]`.
pub fn place_of(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        let part = part.replace("~1", "/").replace("~0", "~");
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part);
        }
    }
    out
}

/// "one of a, b, c" for a message, with the likeliest meant first.
pub fn one_of(wrong: &str, candidates: &[&str]) -> String {
    if candidates.is_empty() {
        return "one, but there are none".into();
    }
    if let Some(near) = closest(wrong, candidates) {
        return format!("one of {} (did you mean {near:?}?)", list(candidates));
    }
    format!("one of {}", list(candidates))
}

fn list(candidates: &[&str]) -> String {
    const MAX: usize = 8;
    let shown: Vec<String> = candidates
        .iter()
        .take(MAX)
        .map(|c| format!("{c:?}"))
        .collect();
    if candidates.len() > MAX {
        format!("{}, … ({} in all)", shown.join(", "), candidates.len())
    } else {
        shown.join(", ")
    }
}

/// The candidate a typo most likely meant, if one is close enough.
pub fn closest<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(wrong, c), *c))
        .filter(|(d, c)| *d > 0 && *d <= (c.chars().count() / 4).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_days_written_year_month_day() {
        assert!(parse_date("2026-11-26").is_some());
        assert!(parse_date(" 2026-11-26 ").is_some());
        for bad in [
            "2026-11-31",
            "26/11/2026",
            "2026-1-5",
            "2026-11-26x",
            "",
            "tomorrow",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn scales_run_from_zero_to_ten() {
        assert_eq!(parse_scale("0"), Some(0));
        assert_eq!(parse_scale("10"), Some(10));
        assert_eq!(parse_scale("11"), None);
        assert_eq!(parse_scale("-1"), None);
        assert_eq!(parse_scale("seven"), None);
    }

    #[test]
    fn check_states_read_back_what_they_write() {
        for s in CheckState::ALL {
            assert_eq!(CheckState::parse(s.as_str()), Some(s));
        }
        assert_eq!(CheckState::parse("Done"), None);
    }

    #[test]
    fn places_read_like_paths_and_typos_get_a_suggestion() {
        assert_eq!(
            place_of("/sections/0/items/12/stage"),
            "sections[0].items[12].stage"
        );
        assert_eq!(place_of(""), "");
        assert_eq!(
            closest("earning-acceptence", &["earning-acceptance", "repair"]),
            Some("earning-acceptance")
        );
        assert_eq!(closest("zzz", &["earning-acceptance"]), None);
    }
}
