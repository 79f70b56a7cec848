//! The map of a family's journey along the spiral: the issues worked on with
//! them, in order, each placed in a stage, some returns to earlier ones.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct MapIssue {
    /// Stable within its map: returns refer to it, so it never changes.
    pub id: u32,
    /// A short description of the issue.
    pub text: String,
    /// The stage it belongs to (a stage id of the worksheet).
    pub stage: String,
    /// When: a date, "visit 3", anything.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when: String,
    /// What shifted in the relationship.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub shifted: String,
    /// The earlier issue this one returns to, met again from a new place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_of: Option<u32>,
    /// The parts of the core (help, challenge, possibility) it fed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feeds: Vec<String>,
}

/// Where an issue sits: how many turns round the spiral from its start.
/// Each issue is a little further on than the last; a return sits at the
/// same angle as the issue it returns to, on the next loop out.
pub fn positions(issues: &[MapIssue]) -> Vec<f64> {
    const STEP: f64 = 0.3;
    let mut out: Vec<f64> = Vec::with_capacity(issues.len());
    let mut last = 0.0;
    for (i, issue) in issues.iter().enumerate() {
        let origin = issue
            .return_of
            .and_then(|o| issues[..i].iter().position(|x| x.id == o))
            .map(|o| out[o]);
        let turns = match origin {
            Some(at) => {
                let mut t = at + 1.0;
                while t <= last {
                    t += 1.0;
                }
                t
            }
            None if i == 0 => STEP,
            None => last + STEP,
        };
        out.push(turns);
        last = turns;
    }
    out
}

/// Several maps (oldest first) as one: ids made distinct, returns kept
/// within their own map, so older issues sit inside and newer outside.
pub fn combine<'a>(maps: impl IntoIterator<Item = &'a [MapIssue]>) -> Vec<MapIssue> {
    let mut out = Vec::new();
    let mut offset = 0;
    for map in maps {
        let top = map.iter().map(|i| i.id).max().unwrap_or(0);
        out.extend(map.iter().map(|i| MapIssue {
            id: i.id + offset,
            return_of: i.return_of.map(|r| r + offset),
            ..i.clone()
        }));
        offset += top;
    }
    out
}

/// The number shown for an issue: its place in the list, from 1.
pub fn number_of(issues: &[MapIssue], id: u32) -> Option<usize> {
    issues.iter().position(|i| i.id == id).map(|p| p + 1)
}

/// A fresh id for a new issue.
pub fn next_id(issues: &[MapIssue]) -> u32 {
    issues.iter().map(|i| i.id).max().map_or(1, |m| m + 1)
}

/// Removes an issue; returns to it become plain issues.
pub fn delete(issues: &mut Vec<MapIssue>, index: usize) -> Option<MapIssue> {
    if index >= issues.len() {
        return None;
    }
    let gone = issues.remove(index);
    for issue in issues.iter_mut() {
        if issue.return_of == Some(gone.id) {
            issue.return_of = None;
        }
    }
    Some(gone)
}

/// Moves an issue one place up (`up`) or down. A return cannot move above
/// the issue it returns to, nor that issue below its returns.
pub fn move_issue(issues: &mut [MapIssue], index: usize, up: bool) -> Result<usize, &'static str> {
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    let Some(other) = other.filter(|&o| o < issues.len()) else {
        return Err("it is already at the end");
    };
    let (first, second) = (index.min(other), index.max(other));
    if issues[second].return_of == Some(issues[first].id) {
        return Err("a return comes after the issue it returns to");
    }
    issues.swap(index, other);
    Ok(other)
}

/// How many issues fed each part of the core, in the order of `parts`.
pub fn core_counts<'a>(issues: &[MapIssue], parts: impl Iterator<Item = &'a str>) -> Vec<usize> {
    parts
        .map(|p| {
            issues
                .iter()
                .filter(|i| i.feeds.iter().any(|f| f == p))
                .count()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(id: u32, return_of: Option<u32>) -> MapIssue {
        MapIssue {
            id,
            text: format!("issue {id}"),
            stage: "earning-acceptance".into(),
            return_of,
            ..MapIssue::default()
        }
    }

    #[test]
    fn later_issues_sit_further_out_and_a_return_on_the_next_loop_at_the_same_angle() {
        let issues = vec![
            issue(1, None),
            issue(2, None),
            issue(3, Some(1)),
            issue(4, None),
        ];
        let p = positions(&issues);
        assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}");
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(
            close(p[2] - p[0], 1.0),
            "one loop further out, same angle: {p:?}"
        );
        let again = vec![issue(1, None), issue(2, Some(1)), issue(3, Some(1))];
        let p = positions(&again);
        assert!(
            close(p[1] - p[0], 1.0) && close(p[2] - p[0], 2.0),
            "a second return goes a loop further: {p:?}"
        );
    }

    #[test]
    fn deleting_an_issue_frees_its_returns() {
        let mut issues = vec![issue(1, None), issue(2, Some(1))];
        delete(&mut issues, 0);
        assert_eq!(issues, vec![issue(2, None)]);
        assert_eq!(
            next_id(&issues),
            3,
            "ids are never reused while others remain"
        );
    }

    #[test]
    fn a_return_never_moves_above_its_origin() {
        let mut issues = vec![issue(1, None), issue(2, Some(1)), issue(3, None)];
        assert!(move_issue(&mut issues, 1, true).is_err());
        assert!(move_issue(&mut issues, 0, false).is_err());
        assert_eq!(move_issue(&mut issues, 2, true), Ok(1));
        assert_eq!(
            issues.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![1, 3, 2]
        );
        assert!(move_issue(&mut issues, 0, true).is_err());
    }

    #[test]
    fn combined_maps_keep_their_order_and_their_own_returns() {
        let older = vec![issue(1, None), issue(2, Some(1))];
        let newer = vec![issue(1, None), issue(2, Some(1))];
        let all = combine([older.as_slice(), newer.as_slice()]);
        let ids: Vec<_> = all.iter().map(|i| (i.id, i.return_of)).collect();
        assert_eq!(ids, vec![(1, None), (2, Some(1)), (3, None), (4, Some(3))]);
        let p = positions(&all);
        assert!(
            p.windows(2).all(|w| w[0] < w[1]),
            "older inside, newer outside: {p:?}"
        );
    }

    #[test]
    fn core_counts_tally_each_part() {
        let mut a = issue(1, None);
        a.feeds = vec!["help".into(), "challenge".into()];
        let mut b = issue(2, None);
        b.feeds = vec!["help".into()];
        let counts = core_counts(&[a, b], ["help", "challenge", "possibility"].into_iter());
        assert_eq!(counts, vec![2, 1, 0]);
    }
}
