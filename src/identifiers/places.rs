//! Named places that narrow a family down (schools, surgeries, hospitals
//! and wards, family centres, refuges, named houses), streets written
//! without a house number, PO boxes, and social-media handles.

use std::sync::LazyLock;

use regex::Regex;

use super::{Found, Kind, names, regex};

/// Words that end the name of a place: "Hillside Primary School", "Marsh
/// Lane Surgery", "Redbank House". Capitalised, as names of places are.
const PLACE_TYPES: &str = concat!(
    "School|Primary|Academy|College|Nursery|Pre-?[Ss]chool|Kindergarten|Kindy|Preschool",
    "|Surgery|Medical\\s+Practice|Dental\\s+Practice|GP\\s+Practice|Family\\s+Practice",
    "|Health\\s+Cent(?:re|er)|Medical\\s+Cent(?:re|er)|Cent(?:re|er)|Hospital|Infirmary|Clinic",
    "|Hub|Refuge|House|Lodge|Unit|Service|Corporation|Children['’]s\\s+Home",
);

/// Words that name no particular place on their own: "the Family Centre",
/// "Children's Hospital", "Crown Court". A place's name needs a word that is
/// none of these (and not on the safe list: months, place types, terms of
/// practice, the worksheets' words).
const GENERIC: &[&str] = &[
    "the",
    "a",
    "an",
    "our",
    "my",
    "her",
    "his",
    "their",
    "your",
    "this",
    "that",
    "at",
    "in",
    "on",
    "to",
    "from",
    "and",
    "of",
    "family",
    "families",
    "children's",
    "childrens",
    "child",
    "children",
    "community",
    "health",
    "medical",
    "primary",
    "secondary",
    "high",
    "public",
    "local",
    "early",
    "help",
    "social",
    "services",
    "service",
    "care",
    "mental",
    "mother",
    "baby",
    "youth",
    "special",
    "day",
    "contact",
    "support",
    "new",
    "big",
    "main",
    "good",
    "best",
    "relationship",
    "based",
    "practice",
    "reflective",
    "parent",
    "parents",
    "safe",
    "safety",
    "sure",
    "start",
    "crown",
    "county",
    "family's",
    "city",
    "central",
    "district",
    "state",
    "national",
    "when",
    "then",
    "but",
    "we",
    "she",
    "he",
    "they",
    "i",
    "after",
    "before",
    "it",
    "is",
    "was",
    "with",
    "for",
    "by",
    "as",
    "one",
    "two",
    "three",
    "open",
    "wendy",
    "full",
    "half",
    "group",
    "foster",
    "residential",
    "respite",
    "acute",
    "maternity",
    "paediatric",
    "pediatric",
    "neonatal",
    "emergency",
    "dental",
    "gp",
    "nhs",
    "mum's",
    "dad's",
    "nan's",
    "school",
    "house",
    "home",
    "houses",
    "white",
];

fn generic(word: &str) -> bool {
    let lower = word.to_lowercase().replace('’', "'");
    let (safe, proper, name) = names::flags_of(&lower);
    // A town on the safe list ("Liverpool") still names a hospital.
    GENERIC.contains(&lower.as_str()) || (safe && !proper && !name)
}

/// Named schools, surgeries, hospitals, wards, family centres, refuges and
/// named houses: one to five capitalised words (with "St", "of", "C of E"
/// and the like between them) before a place type, one of them a word that
/// names something ("Beacon Family Centre", not "the Family Centre");
/// "Ward 7" and "ward 7 at the RVI".
///
/// Misses: a place written in lowercase ("hillside primary"), one known by
/// its initials alone ("the RVI"), a place type not listed. Flags wrongly: a
/// capitalised phrase ending in one ("Open House", "Signs House" in a
/// title).
pub(super) fn institutions(found: &mut Found) {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            concat!(
                r"\b((?:(?:St\.?|Saint)\s+)?",
                r"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*\.?\s+",
                r"(?:(?:of|the|and|&|on|upon|in|C\s+of\s+E|CE|RC)\s+)?){{1,5}})",
                r"({})\b",
            ),
            PLACE_TYPES
        ))
    });
    static WARD: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"\b(?i:ward)\s+\d{1,2}[A-Za-z]?\b",
            r"(?:\s+(?:at|in|of)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’]*(?:\s+\p{Lu}[\p{L}'’]*){0,3}))?",
        ))
    });
    // Only literal words first: most answers name no place at all.
    static ANY_TYPE: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?:{PLACE_TYPES})|(?i:ward)\s*\d|(?:at|in|to|from|on)\s+the\s+[A-Z]{{3}}"
        ))
    });
    let text = found.text;
    if !ANY_TYPE.is_match(text) {
        return;
    }
    let mut spans = Vec::new();
    for caps in NAMED.captures_iter(text) {
        let (Some(all), Some(words)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // Leading words that are not part of the name ("The", "At", "Her").
        let mut start = all.start();
        for word in words.as_str().split_whitespace() {
            let lower = word.to_lowercase();
            if matches!(
                lower.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "at"
                    | "in"
                    | "on"
                    | "to"
                    | "her"
                    | "his"
                    | "my"
                    | "our"
                    | "their"
                    | "when"
                    | "then"
                    | "from"
                    | "and"
                    | "but"
                    | "we"
                    | "i"
                    | "she"
                    | "he"
                    | "they"
                    | "it"
                    | "with"
                    | "after"
                    | "before"
                    | "for"
                    | "by"
            ) {
                start = text[start..].find(word).map_or(start, |at| start + at) + word.len();
                start += text[start..].len() - text[start..].trim_start().len();
            } else {
                break;
            }
        }
        let named = text[start..words.end()]
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .any(|word| {
                let word = word.trim_end_matches('.');
                let word = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .unwrap_or(word);
                !matches!(word, "St" | "Saint" | "C" | "E" | "CE" | "RC") && !generic(word)
            });
        if named && start < all.end() {
            spans.push(start..all.end());
        }
    }
    spans.extend(WARD.find_iter(text).map(|m| m.range()));
    // A hospital or school known by its initials: "at the RVI", "from the
    // QEH." (the initials end the phrase, so "the CIN meeting" is left).
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"\b(?:at|in|to|from|on)\s+the\s+([A-Z]{3,5})(?:$|[\s]*[.,;:!?)]|\s+(?:and|with|on|in|for|today|yesterday|last|this|again|where|when|because)\b)",
        )
    });
    for caps in INITIALS.captures_iter(text) {
        if let Some(initials) = caps.get(1)
            && !names::is_safe_word(&initials.as_str().to_lowercase())
        {
            spans.push(initials.range());
        }
    }
    for span in spans {
        found.add(Kind::Institution, span);
    }
}

/// Street types found after a street's name when there is no number.
const STREET_TYPES: &str = concat!(
    "Road|Street|Avenue|Lane|Close|Drive|Crescent|Terrace|Grove|Gardens|Court|Way|Place",
    "|Parade|Mews|Boulevard|Circuit|Esplanade|Highway|Rd|St|Ave|Cres|Cl|Ct|Tce|Pde|Cct|Hwy",
    "|road|street|avenue|lane|crescent|terrace",
);

/// Streets without a house number after "on", "in", "off", "at", "along",
/// "near", "to", "from", "of" ("lives on Dale Road", "moved to Riverside
/// Court"); PO boxes and locked bags ("PO Box 412"); and numbered
/// addresses written in lowercase with a street type that is no everyday
/// word ("14 acacia ave").
///
/// Misses: a street named with no word before it ("Dale Road is where…")
/// and one with no street type ("lives on the Broadway"). Flags wrongly: a
/// capitalised phrase that ends like a street ("to Family Court" is left
/// out, being generic, but "at Buckingham Palace Way" is not).
pub(super) fn streets(found: &mut Found) {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            concat!(
                r"\b(?i:on|in|off|at|along|near|to|from|of|down|up|into|onto|round|around)\s+",
                r"((?:\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*\.?\s+){{1,3}}(?:{})\b)",
            ),
            STREET_TYPES
        ))
    });
    static BOX: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"\b(?i:p\.?\s?o\.?\s*box|post\s+office\s+box|locked\s+bag|gpo\s+box)\s*\d{1,6}\b")
    });
    static LOWERCASE: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"\b\d{1,5}[a-z]?(?:/\d{1,5}[a-z]?)?\s+(?:[a-z][a-z'\-]+\s+){1,2}",
            r"(?:road|street|avenue|ave|crescent|terrace|boulevard|lane|rd)\b",
        ))
    });
    static ANY_TYPE: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?:{STREET_TYPES}|ave|rd|(?i:box|bag))(?-u:\b)")));
    let text = found.text;
    if !ANY_TYPE.is_match(text) {
        return;
    }
    let mut spans = Vec::new();
    for caps in NAMED.captures_iter(text) {
        let Some(street) = caps.get(1) else { continue };
        let words: Vec<&str> = street.as_str().split_whitespace().collect();
        let named = words[..words.len() - 1]
            .iter()
            .any(|word| !generic(word.trim_end_matches('.')) || names::is_listed_name(word));
        if named {
            spans.push(street.range());
        }
    }
    spans.extend(BOX.find_iter(text).map(|m| m.range()));
    for m in LOWERCASE.find_iter(text) {
        let words: Vec<&str> = m.as_str().split_whitespace().collect();
        let everyday = words[1..words.len() - 1]
            .iter()
            .all(|word| matches!(*word, "the" | "a" | "main" | "busy" | "long" | "same"));
        if !everyday {
            spans.push(m.range());
        }
    }
    for span in spans {
        found.add(Kind::StreetAddress, span);
    }
}

/// Social-media handles: "@" and a name of letters, digits, "_" and ".",
/// not inside an e-mail address ("me@home" is not one).
pub(super) fn handles(found: &mut Found) {
    static HANDLE: LazyLock<Regex> =
        LazyLock::new(|| regex(r"@[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*"));
    let text = found.text;
    let mut spans = Vec::new();
    for m in HANDLE.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "._%+-".contains(c)) {
            continue;
        }
        if m.as_str().len() >= 3 {
            spans.push(m.range());
        }
    }
    for span in spans {
        found.add(Kind::Handle, span);
    }
}
