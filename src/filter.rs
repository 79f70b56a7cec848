//! Finding entries: one query language for Home's search box and the same
//! filters behind `spiral list`'s flags.
//!
//! A query is words to find in the text (every word must appear, anywhere in
//! the label, an answer, a mapped issue or a tag; "quoted words" must appear
//! together) and any of these filters:
//!
//! | filter | matches |
//! | --- | --- |
//! | `tag:sleep` | entries with that tag (several: all of them) |
//! | `family:"Family K"` | that family label, ignoring case |
//! | `worksheet:contracting` | a worksheet whose id or title holds the word |
//! | `status:complete` | `in-progress`, `complete` or `reviewed` |
//! | `since:2026-01-31`, `until:2026-06-30` | last changed on or after / on or before a day; also `today`, `7d`, `4w` |
//!
//! Everything ignores case.

use chrono::{Duration, NaiveDate};

use crate::catalog::Summary;
use crate::model::entry::EntryStatus;
use crate::model::worksheet::Worksheet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Lower-cased; each must appear in the entry's search text.
    pub words: Vec<String>,
    pub tags: Vec<String>,
    pub family: Option<String>,
    pub worksheet: Option<String>,
    pub status: Option<EntryStatus>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// Home's and `spiral list`'s orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Changed,
    /// Most recently started first.
    Created,
    /// By family label, A to Z.
    Family,
    /// Least far along first.
    Progress,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Changed => Sort::Created,
            Sort::Created => Sort::Family,
            Sort::Family => Sort::Progress,
            Sort::Progress => Sort::Changed,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Sort::Changed => "last changed first",
            Sort::Created => "newest first",
            Sort::Family => "by family",
            Sort::Progress => "least done first",
        }
    }
}

/// Splits a query into words, keeping "quoted words" together (a quote may
/// follow `key:`).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in text.chars() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(current);
    }
    out
}

/// A day given as `2026-01-31`, `today`, or so many days (`7d`) or weeks
/// (`4w`) before today.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim().to_lowercase();
    if t == "today" {
        return Ok(today);
    }
    if let Some(n) = t.strip_suffix('d').and_then(|n| n.parse::<i64>().ok()) {
        return Ok(today - Duration::days(n));
    }
    if let Some(n) = t.strip_suffix('w').and_then(|n| n.parse::<i64>().ok()) {
        return Ok(today - Duration::weeks(n));
    }
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
        format!(
            "{text:?} is not a day: write it as 2026-01-31, today, 7d (days ago) or 4w (weeks ago)"
        )
    })
}

impl Query {
    /// Reads a query as typed in Home's search box. `today` gives meaning to
    /// `today`, `7d` and `4w`.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Query, String> {
        let mut q = Query::default();
        for token in tokens(text) {
            let Some((key, value)) = token.split_once(':').filter(|(k, _)| {
                matches!(
                    k.to_lowercase().as_str(),
                    "tag" | "family" | "worksheet" | "status" | "since" | "until"
                )
            }) else {
                q.words.push(token.to_lowercase());
                continue;
            };
            if value.trim().is_empty() {
                // Still being typed.
                continue;
            }
            match key.to_lowercase().as_str() {
                "tag" => q.tags.push(value.trim().to_lowercase()),
                "family" => q.family = Some(value.trim().to_lowercase()),
                "worksheet" => q.worksheet = Some(value.trim().to_lowercase()),
                "status" => {
                    q.status = Some(EntryStatus::parse(value).ok_or_else(|| {
                        format!("status can be in-progress, complete or reviewed, not {value:?}")
                    })?)
                }
                "since" => q.since = Some(parse_day(value, today)?),
                "until" => q.until = Some(parse_day(value, today)?),
                _ => unreachable!("filtered above"),
            }
        }
        Ok(q)
    }

    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// Whether the words must be looked for in the entries' text.
    pub fn needs_text(&self) -> bool {
        !self.words.is_empty()
    }

    /// Everything but the words.
    pub fn matches_summary(&self, s: &Summary, worksheets: &[Worksheet]) -> bool {
        if let Some(family) = &self.family
            && s.family_label.trim().to_lowercase() != *family
        {
            return false;
        }
        if !self
            .tags
            .iter()
            .all(|t| s.tags.iter().any(|have| have.to_lowercase() == *t))
        {
            return false;
        }
        if let Some(status) = self.status
            && s.status() != status
        {
            return false;
        }
        if let Some(ws) = &self.worksheet {
            let title = worksheets
                .iter()
                .find(|w| w.id == s.worksheet.id)
                .map(|w| w.title.to_lowercase())
                .unwrap_or_default();
            if !s.worksheet.id.to_lowercase().contains(ws.as_str()) && !title.contains(ws.as_str())
            {
                return false;
            }
        }
        let day = s.updated.date_naive();
        if self.since.is_some_and(|since| day < since)
            || self.until.is_some_and(|until| day > until)
        {
            return false;
        }
        true
    }

    /// Whether every word is in `text` (a search text: already lower-cased).
    pub fn matches_text(&self, text: &str) -> bool {
        self.words.iter().all(|w| text.contains(w.as_str()))
    }

    /// The filters in plain words, for the line above Home's list.
    pub fn describe(&self) -> Vec<String> {
        let mut parts: Vec<String> = self.words.iter().map(|w| format!("“{w}”")).collect();
        parts.extend(self.tags.iter().map(|t| format!("tag {t}")));
        if let Some(f) = &self.family {
            parts.push(format!("family {f}"));
        }
        if let Some(w) = &self.worksheet {
            parts.push(format!("worksheet {w}"));
        }
        if let Some(s) = self.status {
            parts.push(s.name().replace('-', " "));
        }
        if let Some(d) = self.since {
            parts.push(format!("since {}", d.format("%-d %b %Y")));
        }
        if let Some(d) = self.until {
            parts.push(format!("until {}", d.format("%-d %b %Y")));
        }
        parts
    }
}

/// Puts `order` (indexes into `summaries`) in the `sort` order. Ties go by
/// id, so the order never flickers.
pub fn sort(order: &mut [usize], summaries: &[&Summary], sort: Sort) {
    let done = |s: &Summary| {
        s.progress
            .filter(|p| p.total > 0)
            .map_or(0, |p| p.answered * 10_000 / p.total)
    };
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (summaries[a], summaries[b]);
        let first = match sort {
            Sort::Changed => b.updated.cmp(&a.updated),
            Sort::Created => b.created.cmp(&a.created),
            Sort::Family => a
                .family_label
                .to_lowercase()
                .cmp(&b.family_label.to_lowercase())
                .then_with(|| b.updated.cmp(&a.updated)),
            Sort::Progress => done(a)
                .cmp(&done(b))
                .then_with(|| b.updated.cmp(&a.updated)),
        };
        first.then_with(|| a.id.cmp(&b.id))
    });
}

/// Where the words of `query` are in `text` (byte ranges, in order, not
/// overlapping), ignoring case: for highlighting.
pub fn find_words(text: &str, words: &[String]) -> Vec<std::ops::Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    // Lower-casing can change lengths; map back through char boundaries.
    let mut lower = String::with_capacity(text.len());
    let mut back = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            for _ in 0..l.len_utf8() {
                back.push(i);
            }
            lower.push(l);
        }
    }
    back.push(text.len());
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(at) = lower[from..].find(w.as_str()) {
            let start = from + at;
            let end = start + w.len();
            let (s, e) = (back[start], back[end.min(back.len() - 1)]);
            let e = if e <= s {
                s + text[s..].chars().next().map_or(0, char::len_utf8)
            } else {
                e
            };
            ranges.push(s..e);
            from = end;
        }
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Entry;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn q(text: &str) -> Query {
        Query::parse(text, today()).unwrap()
    }

    #[test]
    fn a_query_reads_words_phrases_and_filters() {
        let query = q(
            r#"sleep "bed time" tag:Housing family:"Family K" status:complete since:2026-01-31 until:7d worksheet:partner"#,
        );
        assert_eq!(query.words, ["sleep", "bed time"]);
        assert_eq!(query.tags, ["housing"]);
        assert_eq!(query.family.as_deref(), Some("family k"));
        assert_eq!(query.worksheet.as_deref(), Some("partner"));
        assert_eq!(query.status, Some(EntryStatus::Complete));
        assert_eq!(query.since, NaiveDate::from_ymd_opt(2026, 1, 31));
        assert_eq!(query.until, NaiveDate::from_ymd_opt(2026, 11, 19));
        assert_eq!(q("until:4w").until, NaiveDate::from_ymd_opt(2026, 10, 29));
        assert_eq!(q("since:today").since, Some(today()));
        // A colon in a plain word is a word; a filter still being typed is nothing yet.
        assert_eq!(q("10:30 tag:").words, ["10:30"]);
        assert!(q("tag:").is_empty());
        assert!(q("   ").is_empty());
    }

    #[test]
    fn a_bad_filter_says_what_it_should_be() {
        let e = Query::parse("status:finished", today()).unwrap_err();
        assert!(e.contains("in-progress, complete or reviewed"), "{e}");
        let e = Query::parse("since:31/01/2026", today()).unwrap_err();
        assert!(e.contains("2026-01-31"), "{e}");
    }

    fn summary(label: &str, tags: &[&str], updated: &str) -> Summary {
        let ws = &crate::content::builtin().unwrap()[0];
        let t = chrono::DateTime::parse_from_rfc3339(updated).unwrap();
        let mut e = Entry::new(format!("id-{label}"), ws, label.into(), t);
        e.tags = tags.iter().map(|t| t.to_string()).collect();
        Summary::of(&e, std::slice::from_ref(ws), None)
    }

    #[test]
    fn filters_combine() {
        let ws = crate::content::builtin().unwrap();
        let s = summary(
            "Family K",
            &["Housing", "sleep"],
            "2026-03-01T10:00:00+00:00",
        );
        assert!(q("").matches_summary(&s, &ws));
        assert!(q("tag:housing").matches_summary(&s, &ws));
        assert!(q("tag:housing tag:SLEEP").matches_summary(&s, &ws));
        assert!(!q("tag:housing tag:school").matches_summary(&s, &ws));
        assert!(q("family:\"family k\"").matches_summary(&s, &ws));
        assert!(!q("family:K").matches_summary(&s, &ws), "the whole label");
        assert!(q("worksheet:impactful").matches_summary(&s, &ws));
        assert!(q("worksheet:building-impactful").matches_summary(&s, &ws));
        assert!(!q("worksheet:contracting").matches_summary(&s, &ws));
        assert!(q("status:in-progress").matches_summary(&s, &ws));
        assert!(!q("status:complete").matches_summary(&s, &ws));
        assert!(q("since:2026-03-01 until:2026-03-01").matches_summary(&s, &ws));
        assert!(!q("since:2026-03-02").matches_summary(&s, &ws));
        assert!(!q("until:2026-02-28").matches_summary(&s, &ws));
    }

    #[test]
    fn words_must_all_appear_ignoring_case() {
        let query = q("Sleep ROUTINE");
        assert!(query.matches_text("we talked about the sleep routine"));
        assert!(!query.matches_text("we talked about sleep"));
        assert!(q("\"bed time\"").matches_text("by bed time"));
        assert!(!q("\"bed time\"").matches_text("bed at time"));
    }

    #[test]
    fn sorting_orders_by_each_key_and_never_flickers() {
        let a = summary("b family", &[], "2026-03-01T10:00:00+00:00");
        let b = summary("A family", &[], "2026-03-02T10:00:00+00:00");
        let c = summary("c family", &[], "2026-03-02T10:00:00+00:00");
        let all = [&a, &b, &c];
        let mut order = vec![0, 1, 2];
        sort(&mut order, &all, Sort::Changed);
        assert_eq!(order, [1, 2, 0]);
        sort(&mut order, &all, Sort::Family);
        assert_eq!(order, [1, 0, 2]);
        assert_eq!(Sort::Changed.next().next().next().next(), Sort::Changed);
    }

    #[test]
    fn found_words_are_located_in_the_original_text() {
        let text = "Straße and SLEEP, then İstanbul sleep";
        let ranges = find_words(text, &["sleep".to_string()]);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["SLEEP", "sleep"]);
        let ranges = find_words(text, &["straße".to_string(), "and".to_string()]);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Straße", "and"]);
        assert!(find_words(text, &[]).is_empty());
    }
}
