//! Checks: rules written in a worksheet's `checks` that warn or remind while
//! it is filled in ("a vague timescale and no review date"). The rules are
//! content; this is the small, generic engine that evaluates them. Nothing
//! here knows about any one worksheet.
//!
//! A rule fires when its `when` holds (or it has none) and its `unless` does
//! not. Conditions look at answers by their answer keys:
//!
//! - `{ "answered": KEY }`: the answer is given (for a date, a real date; for
//!   a check, a state; for free text, not blank).
//! - `{ "answer": KEY, "matches_any": [PHRASE, ...] }`: the answer contains
//!   one of the phrases as whole words, ignoring case and punctuation.
//! - `{ "answer": KEY, "equals": VALUE }`: the answer is VALUE (ignoring case
//!   and spaces at the ends), e.g. "yes" or "done".
//! - `{ "all": [COND, ...] }`, `{ "any": [COND, ...] }`, `{ "not": COND }`.

use serde::{Deserialize, Serialize};

use super::entry::Entry;
use super::worksheet::{Problem, Worksheet, one_of};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<Condition>,
    /// The message when the rule fires, as a warning: something to fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn: Option<String>,
    /// The message when the rule fires, as a reminder: something to keep in mind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind: Option<String>,
    /// Where to show it: an item id, or `item/row` / `item/check`. By
    /// default, where the first answer the rule looks at is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// One condition: exactly one of the forms in the module docs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matches_any: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Condition>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Reminder,
}

/// A rule that fires for an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding<'w> {
    pub rule: &'w str,
    pub severity: Severity,
    pub message: &'w str,
    /// Where it is shown: an item id, or `item/row` / `item/check`.
    pub at: String,
}

impl Condition {
    /// Whether the condition holds for this entry.
    pub fn holds(&self, ws: &Worksheet, entry: &Entry) -> bool {
        if let Some(key) = &self.answered {
            let kind = ws.key_kind(key).unwrap_or(super::worksheet::KeyKind::Text);
            return kind.is_given(entry.answer(key));
        }
        if let Some(key) = &self.answer {
            let text = entry.answer(key);
            if let Some(phrases) = &self.matches_any {
                return phrases.iter().any(|p| contains_phrase(text, p));
            }
            if let Some(value) = &self.equals {
                return text.trim().eq_ignore_ascii_case(value.trim());
            }
            return false;
        }
        if let Some(all) = &self.all {
            return all.iter().all(|c| c.holds(ws, entry));
        }
        if let Some(any) = &self.any {
            return any.iter().any(|c| c.holds(ws, entry));
        }
        if let Some(not) = &self.not {
            return !not.holds(ws, entry);
        }
        false
    }

    /// Whether the condition looks at any answer of the item `id`.
    pub fn looks_at_item(&self, id: &str) -> bool {
        let mut keys = Vec::new();
        self.keys(&mut keys);
        keys.iter()
            .any(|k| *k == id || k.strip_prefix(id).is_some_and(|rest| rest.starts_with('/')))
    }

    /// The answer keys this condition looks at, in order.
    fn keys<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.extend(self.answered.as_deref());
        out.extend(self.answer.as_deref());
        for c in self.all.iter().chain(&self.any).flatten() {
            c.keys(out);
        }
        if let Some(c) = &self.not {
            c.keys(out);
        }
    }
}

impl Rule {
    pub fn severity(&self) -> Severity {
        if self.warn.is_some() {
            Severity::Warning
        } else {
            Severity::Reminder
        }
    }

    pub fn message(&self) -> &str {
        self.warn
            .as_deref()
            .or(self.remind.as_deref())
            .unwrap_or("")
    }

    pub fn fires(&self, ws: &Worksheet, entry: &Entry) -> bool {
        self.when.as_ref().is_none_or(|c| c.holds(ws, entry))
            && !self.unless.as_ref().is_some_and(|c| c.holds(ws, entry))
    }

    /// Where the rule is shown: its `at`, else where the first answer it
    /// looks at is asked.
    pub fn place(&self, ws: &Worksheet) -> Option<String> {
        if let Some(at) = &self.at {
            return Some(at.clone());
        }
        let mut keys = Vec::new();
        for c in self.when.iter().chain(&self.unless) {
            c.keys(&mut keys);
        }
        let answer_keys = ws.answer_keys();
        keys.iter().find_map(|k| {
            answer_keys
                .iter()
                .find(|a| a.key == *k)
                .map(|a| a.place.clone())
        })
    }
}

/// Every rule of the worksheet that fires for this entry, in file order.
pub fn active<'w>(ws: &'w Worksheet, entry: &Entry) -> Vec<Finding<'w>> {
    ws.checks
        .iter()
        .filter(|r| r.fires(ws, entry))
        .map(|r| Finding {
            rule: &r.id,
            severity: r.severity(),
            message: r.message(),
            at: r.place(ws).unwrap_or_default(),
        })
        .collect()
}

/// Whether a finding shown at `at` belongs to the step at `place` of `item`.
pub fn shown_at(at: &str, item: &str, place: &str) -> bool {
    at == place || at == item
}

/// Whether `text` holds `phrase` as whole words, ignoring case and punctuation:
/// "ongoing" is found in "Ongoing." but not in "ongoingness".
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let phrase = words(phrase);
    if phrase.is_empty() {
        return false;
    }
    let text = words(text);
    text.windows(phrase.len()).any(|w| w == phrase.as_slice())
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What is wrong with the worksheet's checks: each needs an id of its own,
/// exactly one message, conditions of exactly one form, and keys and places
/// that are on the worksheet.
pub fn problems(ws: &Worksheet) -> Vec<Problem> {
    let mut problems = Vec::new();
    let keys = ws.answer_keys();
    let key_names: Vec<&str> = keys.iter().map(|k| k.key.as_str()).collect();
    let mut places: Vec<String> = ws.items().map(|i| i.id().to_string()).collect();
    places.extend(keys.iter().map(|k| k.place.clone()));
    places.dedup();
    let place_names: Vec<&str> = places.iter().map(String::as_str).collect();
    let mut seen = std::collections::HashSet::new();
    for (n, section) in ws.sections.iter().enumerate() {
        if let Some(c) = &section.only_if {
            condition_problems(
                c,
                &format!("/sections/{n}/only_if"),
                &key_names,
                &mut problems,
            );
        }
    }
    for (n, rule) in ws.checks.iter().enumerate() {
        let at = format!("/checks/{n}");
        if rule.id.is_empty() || !seen.insert(rule.id.as_str()) {
            problems.push(Problem::new(
                format!("{at}/id"),
                format!(
                    "check id {:?} must be non-empty and used once among the checks",
                    rule.id
                ),
            ));
        }
        match (&rule.warn, &rule.remind) {
            (Some(_), Some(_)) => problems.push(Problem::new(
                at.clone(),
                "a check has both \"warn\" and \"remind\"; expected exactly one",
            )),
            (None, None) => problems.push(Problem::new(
                at.clone(),
                "a check has neither \"warn\" nor \"remind\"; expected one, the message to show",
            )),
            (Some(m), None) | (None, Some(m)) if m.trim().is_empty() => problems.push(
                Problem::new(at.clone(), "the check's message is empty; say what to show"),
            ),
            _ => {}
        }
        if let Some(c) = &rule.when {
            condition_problems(c, &format!("{at}/when"), &key_names, &mut problems);
        }
        if let Some(c) = &rule.unless {
            condition_problems(c, &format!("{at}/unless"), &key_names, &mut problems);
        }
        match &rule.at {
            Some(place) if !places.contains(place) => problems.push(Problem::new(
                format!("{at}/at"),
                format!(
                    "\"at\" {place:?} is not an item, row or check of this worksheet; expected {}",
                    one_of(place, &place_names)
                ),
            )),
            Some(_) => {}
            None if rule.place(ws).is_none() => problems.push(Problem::new(
                at.clone(),
                "this check looks at no answer, so give \"at\": the item id where it is shown",
            )),
            None => {}
        }
    }
    problems
}

fn condition_problems(c: &Condition, at: &str, keys: &[&str], problems: &mut Vec<Problem>) {
    let forms = [
        c.answered.is_some(),
        c.answer.is_some(),
        c.all.is_some(),
        c.any.is_some(),
        c.not.is_some(),
    ]
    .iter()
    .filter(|f| **f)
    .count();
    if forms != 1 {
        problems.push(Problem::new(
            at,
            "a condition needs exactly one of \"answered\", \"answer\" (with \"matches_any\" or \"equals\"), \"all\", \"any\" or \"not\"",
        ));
        return;
    }
    let check_key = |field: &str, key: &str, problems: &mut Vec<Problem>| {
        if !keys.contains(&key) {
            problems.push(Problem::new(
                format!("{at}/{field}"),
                format!(
                    "{key:?} is not an answer key of this worksheet; expected {}",
                    one_of(key, keys)
                ),
            ));
        }
    };
    if c.answer.is_none() && (c.matches_any.is_some() || c.equals.is_some()) {
        problems.push(Problem::new(
            at,
            "\"matches_any\" and \"equals\" go with \"answer\": the key of the answer they test",
        ));
    }
    if let Some(key) = &c.answered {
        check_key("answered", key, problems);
    }
    if let Some(key) = &c.answer {
        check_key("answer", key, problems);
        match (&c.matches_any, &c.equals) {
            (Some(phrases), None) => {
                if phrases.is_empty() || phrases.iter().any(|p| words(p).is_empty()) {
                    problems.push(Problem::new(
                        format!("{at}/matches_any"),
                        "\"matches_any\" needs phrases with at least one word each",
                    ));
                }
            }
            (None, Some(_)) => {}
            _ => problems.push(Problem::new(
                at,
                "\"answer\" needs exactly one of \"matches_any\" (a list of phrases) or \"equals\" (a value)",
            )),
        }
    }
    for (field, list) in [("all", &c.all), ("any", &c.any)] {
        if let Some(list) = list {
            if list.is_empty() {
                problems.push(Problem::new(
                    format!("{at}/{field}"),
                    format!("\"{field}\" is empty; give the conditions it combines"),
                ));
            }
            for (n, inner) in list.iter().enumerate() {
                condition_problems(inner, &format!("{at}/{field}/{n}"), keys, problems);
            }
        }
    }
    if let Some(inner) = &c.not {
        condition_problems(inner, &format!("{at}/not"), keys, problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::worksheet::Worksheet;

    fn agreement() -> Worksheet {
        crate::content::builtin()
            .unwrap()
            .into_iter()
            .find(|w| w.id == "working-agreement")
            .unwrap()
    }

    fn entry_with(ws: &Worksheet, answers: &[(&str, &str)]) -> Entry {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap();
        let mut e = Entry::new("e".into(), ws, "K".into(), now);
        for (k, v) in answers {
            e.answers.insert(k.to_string(), v.to_string());
        }
        e
    }

    #[test]
    fn the_written_agreement_section_counts_only_when_there_is_one() {
        let ws = agreement();
        let section = ws
            .sections
            .iter()
            .position(|s| s.id == "written-agreement")
            .unwrap();
        let progress = |answers: &[(&str, &str)]| {
            let p = entry_with(&ws, answers).section_progress(&ws, section);
            (p.answered, p.total)
        };
        // Not yet said: the one question is what is left to answer.
        assert_eq!(progress(&[]), (0, 1));
        // No written agreement: answering that finishes the section.
        assert_eq!(progress(&[("is-written", "no")]), (1, 1));
        assert!(!ws.sections[section].needed(&ws, &entry_with(&ws, &[("is-written", "no")])));
        // Yes: every question in it counts.
        let (answered, total) = progress(&[("is-written", "yes"), ("breach", "Contact stops.")]);
        assert_eq!(answered, 2);
        assert!(total > 5, "{total}");
        // The same entry's whole progress can now be complete without it.
        let whole = entry_with(&ws, &[("is-written", "no")]).progress(&ws);
        assert_eq!(
            whole.total,
            ws.sections[0]
                .items
                .iter()
                .map(|i| i.answer_slots())
                .sum::<usize>()
                + 1
        );
    }

    #[test]
    fn a_section_condition_on_an_unknown_answer_is_refused() {
        let mut ws = agreement();
        ws.sections[1].only_if = Some(Condition {
            answered: Some("no-such-question".into()),
            ..Condition::default()
        });
        let found = problems(&ws);
        assert!(
            found
                .iter()
                .any(|p| p.pointer.starts_with("/sections/1/only_if")),
            "{found:?}"
        );
    }

    fn fired(ws: &Worksheet, answers: &[(&str, &str)]) -> Vec<String> {
        active(ws, &entry_with(ws, answers))
            .iter()
            .map(|f| f.rule.to_string())
            .collect()
    }

    #[test]
    fn vague_timescales_warn_without_a_review_point_and_specific_ones_stay_quiet() {
        let ws = agreement();
        // (timescale, review date, does the vague-timescale check fire?)
        let cases = [
            ("Ongoing", "", true),
            ("on-going support", "", true),
            ("Until further notice.", "", true),
            ("As needed", "", true),
            ("Visits as and when the family asks", "", true),
            ("As required", "", true),
            ("Indefinitely", "", true),
            ("Open-ended for now", "", true),
            ("For the foreseeable future", "", true),
            ("TBC", "", true),
            ("Ongoing", "26/11", true),
            ("Ongoing", "2026-02-30", true),
            ("Ongoing", "2026-12-01", false),
            ("Until further notice", "2026-12-01", false),
            ("Six weeks, from 2026-11-30 to 2027-01-11", "", false),
            (
                "Friday night and the weekend; reviewed on Monday morning",
                "",
                false,
            ),
            ("Until the core group meeting on 2026-12-05", "", false),
            ("Going through to the end of term", "", false),
            ("Noticeably shorter than last time: three weeks", "", false),
            ("", "", false),
        ];
        for (timescale, review, fires) in cases {
            let got = fired(
                &ws,
                &[("agreement/timescale", timescale), ("review-date", review)],
            );
            assert_eq!(
                got.contains(&"vague-timescale".to_string()),
                fires,
                "timescale {timescale:?}, review date {review:?}: {got:?}"
            );
        }
    }

    #[test]
    fn a_missing_review_date_is_warned_about_once_the_agreement_has_begun() {
        let ws = agreement();
        assert!(
            fired(&ws, &[]).is_empty(),
            "an empty agreement says nothing"
        );
        let begun = [("agreement/why-involved", "An assessment.")];
        assert!(fired(&ws, &begun).contains(&"no-review-date".to_string()));
        let reviewed = [
            ("agreement/why-involved", "An assessment."),
            ("review-date", "2026-12-01"),
        ];
        assert!(!fired(&ws, &reviewed).contains(&"no-review-date".to_string()));
    }

    #[test]
    fn a_written_agreement_needs_consequences_and_a_contingency_and_gets_its_reminders() {
        let ws = agreement();
        let warned = fired(&ws, &[("is-written", "yes")]);
        for rule in [
            "written-breach",
            "written-contingency",
            "written-not-binding",
            "written-consent",
            "never-close",
        ] {
            assert!(warned.contains(&rule.to_string()), "{rule}: {warned:?}");
        }
        let complete = fired(
            &ws,
            &[
                ("is-written", "yes"),
                ("breach", "It may be used as evidence."),
                ("contingency", "Grandmother collects the children."),
                ("legal-advice", "yes"),
            ],
        );
        assert!(!complete.contains(&"written-breach".to_string()));
        assert!(!complete.contains(&"written-contingency".to_string()));
        assert!(!complete.contains(&"no-legal-advice".to_string()));
        assert!(
            complete.contains(&"never-close".to_string()),
            "the reminders stay while it is a written agreement"
        );
        assert!(fired(&ws, &[("is-written", "no")]).is_empty());
        assert!(fired(&ws, &[("legal-advice", "no")]).contains(&"no-legal-advice".to_string()));
    }

    #[test]
    fn loose_words_in_what_is_expected_are_caught() {
        let ws = agreement();
        for (text, fires) in [
            ("Mum will supervise contact appropriately", true),
            ("Dad will try to stay away", true),
            ("Reasonable contact at weekends", true),
            (
                "Dad will not visit the house from Friday 6pm to Monday 9am",
                false,
            ),
        ] {
            assert_eq!(
                fired(&ws, &[("expected", text)]).contains(&"loose-expectations".to_string()),
                fires,
                "{text}"
            );
        }
    }

    #[test]
    fn every_check_is_shown_somewhere_on_its_worksheet() {
        for ws in crate::content::builtin().unwrap() {
            let places: Vec<String> = ws
                .items()
                .map(|i| i.id().to_string())
                .chain(ws.answer_keys().into_iter().map(|k| k.place))
                .collect();
            for rule in &ws.checks {
                let at = rule.place(&ws).unwrap_or_default();
                assert!(places.contains(&at), "{}: {} at {at:?}", ws.id, rule.id);
            }
        }
    }

    #[test]
    fn conditions_combine() {
        let ws = agreement();
        let e = entry_with(&ws, &[("is-written", "yes"), ("breach", "x")]);
        let c = |json: &str| -> Condition { serde_json::from_str(json).unwrap() };
        assert!(
            c(r#"{"all":[{"answered":"breach"},{"answer":"is-written","equals":"YES"}]}"#)
                .holds(&ws, &e)
        );
        assert!(!c(r#"{"all":[{"answered":"breach"},{"answered":"contingency"}]}"#).holds(&ws, &e));
        assert!(c(r#"{"any":[{"answered":"contingency"},{"answered":"breach"}]}"#).holds(&ws, &e));
        assert!(c(r#"{"not":{"answered":"contingency"}}"#).holds(&ws, &e));
        assert!(!c("{}").holds(&ws, &e), "an empty condition never holds");
    }

    #[test]
    fn phrases_match_whole_words_whatever_the_case_and_punctuation() {
        assert!(contains_phrase("Ongoing.", "ongoing"));
        assert!(contains_phrase(
            "This lasts until   further\nnotice!",
            "until further notice"
        ));
        assert!(!contains_phrase("ongoingness", "ongoing"));
        assert!(!contains_phrase("until notice", "until further notice"));
        assert!(!contains_phrase("anything", ""));
    }
}
