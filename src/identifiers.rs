//! Finding details that could identify someone, in free text, before a
//! reflection leaves spiral.
//!
//! Regulators in the UK and Australia expect a recorded reflection to
//! identify nobody. People slip all the same: a child's name typed from habit,
//! a phone number pasted from a case note, a date of birth written to be
//! precise. This module looks for the usual shapes of such details so that an
//! export can stop and ask before anything is written out.
//!
//! It is pure: text in, hits out. Nothing is read, written or sent anywhere.
//!
//! It is a safety net, not a guarantee. Where a choice had to be made it errs
//! towards asking: a harmless hit costs the practitioner a glance, a missed
//! one can identify a family. What it is known to miss, and to flag wrongly,
//! is listed beside each detector below.

use std::cmp::Reverse;
use std::ops::Range;

/// What kind of identifying detail a hit looks like.
///
/// The order is the order the kinds are listed in when several hits start at
/// the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A word of the entry's family label, when the label looks like a real
    /// name rather than initials or a pseudonym.
    FamilyLabel,
    /// A name from the practitioner's own "never export" list.
    NeverExport,
    Email,
    Phone,
    /// A UK postcode, or an Australian state with its postcode.
    Postcode,
    /// An NHS number (or a Scottish CHI number, which has the same check
    /// digit).
    NhsNumber,
    /// A date with day, month and year, or a day and month given as a
    /// birthday.
    FullDate,
    ExactAge,
    /// A case, file or reference number, or a National Insurance number.
    Reference,
    StreetAddress,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 10] = [
        Kind::FamilyLabel,
        Kind::NeverExport,
        Kind::Email,
        Kind::Phone,
        Kind::Postcode,
        Kind::NhsNumber,
        Kind::FullDate,
        Kind::ExactAge,
        Kind::Reference,
        Kind::StreetAddress,
    ];

    /// The kind in plain words, to finish a sentence such as "This looks
    /// like …".
    pub fn describe(self) -> &'static str {
        match self {
            Kind::FamilyLabel => "the family's label, which looks like a real name",
            Kind::NeverExport => "a name on your never-export list",
            Kind::Email => "an e-mail address",
            Kind::Phone => "a phone number",
            Kind::Postcode => "a postcode",
            Kind::NhsNumber => "an NHS number",
            Kind::FullDate => "a full date, such as a date of birth",
            Kind::ExactAge => "someone's exact age",
            Kind::Reference => "a case or reference number",
            Kind::StreetAddress => "a street address",
        }
    }
}

/// The text that stands in for a detail of this kind when it is taken out,
/// so the sentence still reads: "Mum rang from [phone] about [name]".
pub fn placeholder(kind: Kind) -> &'static str {
    match kind {
        Kind::FamilyLabel | Kind::NeverExport => "[name]",
        Kind::Email => "[e-mail]",
        Kind::Phone => "[phone]",
        Kind::Postcode => "[postcode]",
        Kind::NhsNumber => "[NHS number]",
        Kind::FullDate => "[date]",
        Kind::ExactAge => "[age]",
        Kind::Reference => "[reference]",
        Kind::StreetAddress => "[address]",
    }
}

/// One likely identifying detail found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub kind: Kind,
    /// Where it is, in bytes, always on char boundaries, so `&text[range]`
    /// never panics and equals `matched`.
    pub range: Range<usize>,
    /// The text found, kept so a hit can be shown without the text at hand
    /// and so [`replace`] can tell when a hit no longer fits the text.
    pub matched: String,
}

/// The few words around a hit, on one line, for showing the practitioner
/// where it is: "…lives at 12 Acacia Road with her…".
///
/// `words` whole words are kept on each side of the hit; a word the hit
/// starts or ends inside is kept whole. Runs of white space, new lines
/// included, become one space. An ellipsis marks each end where text was
/// cut. A range past the end of the text, or inside a character, is pulled
/// back to the nearest character boundary rather than panicking, because a
/// preview must never bring the app down.
pub fn context(text: &str, range: Range<usize>, words: usize) -> String {
    let start = floor_boundary(text, range.start.min(text.len()));
    let end = ceil_boundary(text, range.end.min(text.len())).max(start);

    let mut from = back_over(text, start, |c| !c.is_whitespace());
    for _ in 0..words {
        let gap = back_over(text, from, char::is_whitespace);
        if gap == 0 {
            from = 0;
            break;
        }
        from = back_over(text, gap, |c| !c.is_whitespace());
    }

    let mut to = forward_over(text, end, |c| !c.is_whitespace());
    for _ in 0..words {
        let gap = forward_over(text, to, char::is_whitespace);
        if gap == text.len() {
            to = gap;
            break;
        }
        to = forward_over(text, gap, |c| !c.is_whitespace());
    }

    let mut out = String::new();
    if !text[..from].trim().is_empty() {
        out.push('…');
    }
    out.push_str(
        &text[from..to]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if !text[to..].trim().is_empty() {
        out.push('…');
    }
    out
}

/// `text` with every hit swapped for `placeholder(hit)`.
///
/// Hits may overlap (a number can look like both a phone number and an NHS
/// number). Overlapping hits are taken out together as one stretch, covering
/// all of them, and replaced once, with the placeholder of the longest hit in
/// the stretch (the first of them, in [`Kind`] order, on a tie), so no
/// fragment of either is left behind and no placeholder is doubled.
///
/// A hit that does not fit `text` (outside it, off a char boundary, or
/// matching other text than it did when found) is left out rather than
/// cutting the wrong words: hits from an older version of the text must not
/// mangle the new one.
pub fn replace(text: &str, hits: &[Hit], placeholder: impl Fn(&Hit) -> String) -> String {
    let mut usable: Vec<&Hit> = hits.iter().filter(|hit| fits(text, hit)).collect();
    usable.sort_by_key(|hit| (hit.range.start, Reverse(hit.range.end), hit.kind));

    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < usable.len() {
        let start = usable[i].range.start;
        let mut end = usable[i].range.end;
        let mut longest = usable[i];
        let mut j = i + 1;
        while j < usable.len() && usable[j].range.start < end {
            end = end.max(usable[j].range.end);
            let this = usable[j];
            if this.range.len() > longest.range.len()
                || (this.range.len() == longest.range.len() && this.kind < longest.kind)
            {
                longest = this;
            }
            j += 1;
        }
        out.push_str(&text[copied..start]);
        out.push_str(&placeholder(longest));
        copied = end;
        i = j;
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with every hit swapped for the usual placeholder of its kind
/// ([`placeholder`]).
pub fn redact(text: &str, hits: &[Hit]) -> String {
    replace(text, hits, |hit| placeholder(hit.kind).to_string())
}

/// Whether a hit still describes this text exactly.
fn fits(text: &str, hit: &Hit) -> bool {
    hit.range.start < hit.range.end && text.get(hit.range.clone()) == Some(hit.matched.as_str())
}

/// The nearest char boundary at or before `at` (which must be ≤ len).
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary at or after `at` (which must be ≤ len).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Steps back from `at` over characters that satisfy `keep`.
fn back_over(text: &str, mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some(c) = text[..at].chars().next_back() {
        if !keep(c) {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

/// Steps forward from `at` over characters that satisfy `keep`.
fn forward_over(text: &str, mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !keep(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, kind: Kind, needle: &str) -> Hit {
        let start = text.find(needle).expect("needle in text");
        Hit {
            kind,
            range: start..start + needle.len(),
            matched: needle.to_string(),
        }
    }

    #[test]
    fn every_kind_has_words_and_a_placeholder() {
        for kind in Kind::ALL {
            assert!(!kind.describe().is_empty());
            let p = placeholder(kind);
            assert!(p.starts_with('[') && p.ends_with(']'), "{p}");
        }
        assert_eq!(Kind::Email.describe(), "an e-mail address");
    }

    #[test]
    fn context_keeps_a_few_words_each_side() {
        let text = "On Monday she said she lives at 12 Acacia Road with her nan and two dogs.";
        let h = hit(text, Kind::StreetAddress, "12 Acacia Road");
        assert_eq!(
            context(text, h.range.clone(), 2),
            "…lives at 12 Acacia Road with her…"
        );
        assert_eq!(context(text, h.range.clone(), 0), "…12 Acacia Road…");
        assert_eq!(context(text, h.range, 100), text);
    }

    #[test]
    fn context_marks_only_the_ends_that_were_cut() {
        let text = "Jo rang twice today";
        let h = hit(text, Kind::NeverExport, "Jo");
        assert_eq!(context(text, h.range, 1), "Jo rang…");
        let h = hit(text, Kind::NeverExport, "today");
        assert_eq!(context(text, h.range, 1), "…twice today");
        assert_eq!(context("  Jo  ", 2..4, 3), "Jo");
    }

    #[test]
    fn context_puts_everything_on_one_line() {
        let text = "first line\n\nZoë rang\tlate";
        let h = hit(text, Kind::NeverExport, "Zoë");
        assert_eq!(context(text, h.range, 1), "…line Zoë rang…");
    }

    #[test]
    fn context_with_multibyte_text_never_splits_a_char() {
        let text = "🙂 Siobhán 🙂 said José’s café 😀 was fine";
        let h = hit(text, Kind::NeverExport, "José");
        assert_eq!(context(text, h.range, 1), "…said José’s café…");
        let h = hit(text, Kind::NeverExport, "Siobhán");
        assert_eq!(context(text, h.range, 1), "🙂 Siobhán 🙂…");
        // Ranges inside a character or past the end are pulled back.
        for start in 0..=text.len() + 2 {
            for end in start..=text.len() + 2 {
                let _ = context(text, start..end, 1);
            }
        }
        assert_eq!(context("", 0..5, 3), "");
        assert_eq!(context("é", 1..1, 3), "é");
    }

    #[test]
    fn replace_swaps_each_hit() {
        let text = "Call 07700 900123 about Zoë on 3 March 2019.";
        let hits = [
            hit(text, Kind::Phone, "07700 900123"),
            hit(text, Kind::NeverExport, "Zoë"),
            hit(text, Kind::FullDate, "3 March 2019"),
        ];
        assert_eq!(redact(text, &hits), "Call [phone] about [name] on [date].");
        assert_eq!(
            replace(text, &hits, |h| format!("<{}>", h.matched.len())),
            "Call <12> about <4> on <12>."
        );
    }

    #[test]
    fn replace_takes_overlapping_hits_out_once() {
        let text = "number 401 023 2137 here";
        let hits = [
            hit(text, Kind::Reference, "401 023"),
            hit(text, Kind::NhsNumber, "401 023 2137"),
            hit(text, Kind::Phone, "023 2137"),
        ];
        assert_eq!(redact(text, &hits), "number [NHS number] here");
        // Order of the hits given does not matter.
        let reversed: Vec<Hit> = hits.iter().rev().cloned().collect();
        assert_eq!(redact(text, &reversed), "number [NHS number] here");
        // Touching hits are separate.
        let text = "ZoëJo";
        let hits = [
            hit(text, Kind::NeverExport, "Zoë"),
            hit(text, Kind::FamilyLabel, "Jo"),
        ];
        assert_eq!(redact(text, &hits), "[name][name]");
        // On a tie in length, the earlier kind wins.
        let text = "x 0123456789 y";
        let hits = [
            hit(text, Kind::Phone, "0123456789"),
            hit(text, Kind::NhsNumber, "0123456789"),
        ];
        assert_eq!(redact(text, &hits), "x [phone] y");
    }

    #[test]
    fn replace_keeps_multibyte_text_whole() {
        let text = "😀 Zoë and Siobhán’s mum, 🙂 José.";
        let hits = [
            hit(text, Kind::NeverExport, "Zoë"),
            hit(text, Kind::NeverExport, "Siobhán"),
            hit(text, Kind::NeverExport, "José"),
        ];
        assert_eq!(
            redact(text, &hits),
            "😀 [name] and [name]’s mum, 🙂 [name]."
        );
    }

    #[test]
    fn replace_ignores_hits_that_no_longer_fit() {
        let text = "Zoë rang";
        let stale = Hit {
            kind: Kind::NeverExport,
            range: 0..2,
            matched: "Jo".into(),
        };
        let inside_char = Hit {
            kind: Kind::NeverExport,
            range: 1..3,
            matched: "o\u{e9}".into(),
        };
        let past_end = Hit {
            kind: Kind::Phone,
            range: 5..50,
            matched: "rang".into(),
        };
        let empty = Hit {
            kind: Kind::Phone,
            range: 2..2,
            matched: String::new(),
        };
        assert_eq!(redact(text, &[stale, inside_char, past_end, empty]), text);
        assert_eq!(redact(text, &[]), text);
    }
}
