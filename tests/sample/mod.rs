//! A made-up bundle for the review's tests: three entries on three
//! worksheets, with every kind of answer, a spiral map and an earlier
//! supervisor's comment.
#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use spiral::content;
use spiral::export::bundle::Bundle;
use spiral::export::{DateRange, Export};
use spiral::model::entry::{Comment, Entry, choice_key};
use spiral::model::map::MapIssue;
use spiral::model::worksheet::{Worksheet, follow_up_key, note_key, row_key, state_key};

pub fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap()
}

/// When the supervisor reads it.
pub fn review_time() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-03T14:00:00+11:00").unwrap()
}

pub fn worksheets() -> Vec<Worksheet> {
    content::builtin().unwrap()
}

fn ws(id: &str) -> Worksheet {
    worksheets().into_iter().find(|w| w.id == id).unwrap()
}

pub const PARTNERSHIP: &str = "20261120-101500-ab12";
pub const CONTRACT: &str = "20261122-090000-ab12";
pub const AGREEMENT: &str = "20261123-160000-ab12";

fn partnership() -> Entry {
    let w = ws("building-impactful-partnerships");
    let mut e = Entry::new(
        PARTNERSHIP.into(),
        &w,
        "Family K".into(),
        t0() - Duration::days(4),
    );
    e.updated = t0();
    e.set_answer(
        "kc-earning-acceptance",
        "Turning up when I said I would, every week, even the weeks the visit was short.\nMum said at the third visit that she had not expected me back."
            .into(),
    );
    e.set_answer(
        "kc-helping-families-value-themselves",
        "Noticing out loud what they already do well at bed time.".into(),
    );
    e.set_answer(
        "lp-earning-acceptance",
        "I could have asked earlier what they wanted from the visits.".into(),
    );
    e.maps.insert(
        "wd-map".into(),
        vec![
            MapIssue {
                id: 1,
                text: "Wary of visits".into(),
                stage: "earning-acceptance".into(),
                when: "visit 1".into(),
                feeds: vec!["help".into()],
                ..MapIssue::default()
            },
            MapIssue {
                id: 2,
                text: "Sleep routine".into(),
                stage: "subtle-intervention".into(),
                when: "visit 4".into(),
                shifted: "Dad joined in".into(),
                feeds: vec!["challenge".into(), "possibility".into()],
                ..MapIssue::default()
            },
            MapIssue {
                id: 3,
                text: "Wary again after a missed visit".into(),
                stage: "repair-after-rupture".into(),
                return_of: Some(1),
                ..MapIssue::default()
            },
        ],
    );
    e.chosen
        .insert("reflective-choice".into(), vec!["reflective-3".into()]);
    e.set_answer(
        &choice_key("reflective-choice", "reflective-3", "answer"),
        "I lean on help more than challenge.".into(),
    );
    e.tags = vec!["sleep".into()];
    e.discussed = NaiveDate::from_ymd_opt(2026, 10, 1);
    e.feedback.push(Comment {
        id: "earlier-1".into(),
        key: Some("kc-earning-acceptance".into()),
        text: "Reliability matters here.".into(),
        reviewer: Some("Supervisor B".into()),
        written: DateTime::parse_from_rfc3339("2026-10-01T10:00:00+10:00").unwrap(),
    });
    e
}

fn contract() -> Entry {
    let w = ws("co-produced-contracts");
    let mut e = Entry::new(
        CONTRACT.into(),
        &w,
        "The M household".into(),
        t0() - Duration::days(2),
    );
    e.updated = t0() - Duration::days(1);
    e.set_answer("contract", "Parenting support, north area.".into());
    e.set_answer(
        &row_key("who", "commissioners"),
        "Two from the council team.".into(),
    );
    e.set_answer("review-date", "2026-12-10".into());
    e.set_answer(&state_key("rules", "resources"), "done".into());
    e.set_answer(&state_key("rules", "communication"), "not-yet".into());
    e.set_answer("equal-status", "7".into());
    e.set_answer(&note_key("equal-status"), "Better than last year.".into());
    e.set_answer("leaders", "no".into());
    e.set_answer(&follow_up_key("leaders"), "Time set aside.".into());
    e
}

fn agreement() -> Entry {
    let w = ws("working-agreement");
    let mut e = Entry::new(
        AGREEMENT.into(),
        &w,
        "J & baby".into(),
        t0() - Duration::days(1),
    );
    e.updated = t0() - Duration::hours(3);
    e
}

pub fn entries() -> Vec<Entry> {
    vec![partnership(), contract(), agreement()]
}

pub fn bundle() -> Bundle {
    let entries = entries();
    let range = DateRange::of(&entries, None, None);
    let mut export = Export::new(entries, &worksheets(), t0() + Duration::hours(2), range);
    export.practitioner = Some("Sam Lee".into());
    Bundle::of(&export)
}

/// The bundle as the file a supervisor is sent.
pub fn bundle_json() -> String {
    bundle().to_json()
}
