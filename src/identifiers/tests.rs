use super::*;

#[test]
fn context_parts_put_the_hit_apart_from_the_words_around_it() {
    let text = "Mum rang  from 07700 900123\nabout the visit on Monday morning, late again.";
    let start = text.find("07700").unwrap();
    let range = start..start + "07700 900123".len();
    let [before, hit, after] = context_parts(text, range.clone(), 2);
    assert_eq!(
        (before.as_str(), hit.as_str(), after.as_str()),
        ("…rang from ", "07700 900123", " about the…")
    );
    assert_eq!(
        context_parts(text, range.clone(), 2).concat(),
        context(text, range, 2)
    );
    // A hit inside a word keeps the word whole, and the highlight on the hit.
    let text = "said José’s café";
    let start = text.find("José").unwrap();
    let [before, hit, after] = context_parts(text, start..start + "José".len(), 1);
    assert_eq!(
        (before.as_str(), hit.as_str(), after.as_str()),
        ("said ", "José", "’s café")
    );
}
use proptest::prelude::*;

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

// -----------------------------------------------------------------------
// Detectors, table-driven.
// -----------------------------------------------------------------------

use Kind::*;

/// The configuration the tables run with: a never-export list with
/// accented and multi-word names, and two of a service's own reference
/// formats.
fn detector() -> Detector {
    Detector::new(&Config {
        family_label: None,
        never_export: vec![
            "Zoë Brennan".into(),
            "Siobhán".into(),
            "O'Neill".into(),
            "Ngọc Anh".into(),
            "Brennan".into(),
            "  ".into(),
        ],
        reference_patterns: vec![r"\bMOS-\d{6}\b".into(), r"(?i)\bLAC\d{4}\b".into()],
        safe_words: vec![],
    })
    .expect("test config compiles")
}

fn found(detector: &Detector, text: &str) -> Vec<(Kind, String)> {
    detector
        .scan(text)
        .into_iter()
        .map(|hit| (hit.kind, hit.matched))
        .collect()
}

/// Texts and every hit expected in them, in order.
const TRUE_POSITIVES: &[(&str, &[(Kind, &str)])] = &[
    // Never-export names: whole words, any case, accents, apostrophes.
    ("Spoke with Siobhán today.", &[(NeverExport, "Siobhán")]),
    ("SIOBHÁN was late", &[(NeverExport, "SIOBHÁN")]),
    ("siobhán's mum rang", &[(NeverExport, "siobhán")]),
    ("Zoë Brennan and her dad", &[(NeverExport, "Zoë Brennan")]),
    ("zoë\nbrennan again", &[(NeverExport, "zoë\nbrennan")]),
    ("Mr Brennan phoned", &[(NeverExport, "Brennan")]),
    ("Met Mrs O’Neill at school", &[(NeverExport, "O’Neill")]),
    ("🙂Ngọc Anh🙂", &[(NeverExport, "Ngọc Anh")]),
    // E-mail addresses.
    (
        "Email jo.bloggs@example.com today",
        &[(Email, "jo.bloggs@example.com")],
    ),
    (
        "J.Smith+school@council.gov.uk wrote",
        &[(Email, "J.Smith+school@council.gov.uk")],
    ),
    ("<worker_1@nhs.net>", &[(Email, "worker_1@nhs.net")]),
    (
        "sent to Support@Mail.Example.com.au.",
        &[(Email, "Support@Mail.Example.com.au")],
    ),
    (
        "contact: first-last@sub-domain.org, then",
        &[(Email, "first-last@sub-domain.org")],
    ),
    ("a@b.co", &[(Email, "a@b.co")]),
    // UK phone numbers.
    ("Mum's mobile is 07700 900123.", &[(Phone, "07700 900123")]),
    ("ring 07700-900-123 after five", &[(Phone, "07700-900-123")]),
    ("07700900123", &[(Phone, "07700900123")]),
    ("Office: 020 7946 0018", &[(Phone, "020 7946 0018")]),
    (
        "call +44 (0)20 7946 0018 now",
        &[(Phone, "+44 (0)20 7946 0018")],
    ),
    ("+44 7700 900123", &[(Phone, "+44 7700 900123")]),
    ("(01632) 960001", &[(Phone, "(01632) 960001")]),
    ("Tel 0113 496 0000 2019", &[(Phone, "0113 496 0000")]),
    ("0044 113 496 0000", &[(Phone, "0044 113 496 0000")]),
    ("(call 07700 900123)", &[(Phone, "07700 900123")]),
    (
        "seen 01-02-2015 07700 900456",
        &[(FullDate, "01-02-2015"), (Phone, "07700 900456")],
    ),
    // Australian phone numbers.
    ("her mobile 0412 345 678", &[(Phone, "0412 345 678")]),
    ("0412-345-678", &[(Phone, "0412-345-678")]),
    ("(02) 9876 5432", &[(Phone, "(02) 9876 5432")]),
    ("+61 2 9876 5432", &[(Phone, "+61 2 9876 5432")]),
    ("+61 412 345 678", &[(Phone, "+61 412 345 678")]),
    (
        "ring 1300 123 456 or 1800 555 123",
        &[(Phone, "1300 123 456"), (Phone, "1800 555 123")],
    ),
    ("ring 13 11 14", &[(Phone, "13 11 14")]),
    // UK postcodes.
    ("lives in SW1A 1AA now", &[(Postcode, "SW1A 1AA")]),
    ("M1 1AE", &[(Postcode, "M1 1AE")]),
    ("near B33 8TH", &[(Postcode, "B33 8TH")]),
    ("postcode ls1 4ap", &[(Postcode, "ls1 4ap")]),
    ("CR26XH", &[(Postcode, "CR26XH")]),
    ("EC1A 1BB, London", &[(Postcode, "EC1A 1BB")]),
    // Australian states and postcodes.
    // A town just before its postcode is part of it.
    ("Parramatta NSW 2150", &[(Postcode, "Parramatta NSW 2150")]),
    ("Melbourne Vic 3000", &[(Postcode, "Vic 3000")]),
    ("Brisbane QLD 4000", &[(Postcode, "QLD 4000")]),
    ("Perth, WA, 6000", &[(Postcode, "WA, 6000")]),
    ("Hobart tas 7000", &[(Postcode, "tas 7000")]),
    ("Darwin NT 0800", &[(Postcode, "NT 0800")]),
    // NHS numbers (valid check digits).
    ("NHS 943 476 5919", &[(NhsNumber, "943 476 5919")]),
    ("9434765919", &[(NhsNumber, "9434765919")]),
    ("943-476-5919.", &[(NhsNumber, "943-476-5919")]),
    ("no. 401 023 2137 on file", &[(NhsNumber, "401 023 2137")]),
    ("(9876543210)", &[(NhsNumber, "9876543210")]),
    ("450 557 7104", &[(NhsNumber, "450 557 7104")]),
    // Full dates and dates of birth.
    ("on 12/03/2019 we met", &[(FullDate, "12/03/2019")]),
    ("12-03-19", &[(FullDate, "12-03-19")]),
    ("3 March 2019", &[(FullDate, "3 March 2019")]),
    ("March 3rd, 2019", &[(FullDate, "March 3rd, 2019")]),
    ("DOB 1.2.2015", &[(FullDate, "1.2.2015")]),
    ("born on 4 June 2016", &[(FullDate, "4 June 2016")]),
    ("born on 4 June", &[(FullDate, "4 June")]),
    ("D.O.B.: 01.02.15", &[(FullDate, "01.02.15")]),
    ("2019-03-12", &[(FullDate, "2019-03-12")]),
    (
        "the 21st of September 2020",
        &[(FullDate, "21st of September 2020")],
    ),
    ("Sept 5, 2018", &[(FullDate, "Sept 5, 2018")]),
    ("her birthday is June 4th", &[(FullDate, "June 4th")]),
    ("29 Feb 2020", &[(FullDate, "29 Feb 2020")]),
    ("Sat 14 dec 2019 at 3pm", &[(FullDate, "14 dec 2019")]),
    // Exact ages.
    ("she is aged 7", &[(ExactAge, "aged 7")]),
    ("Age 7, in year 2", &[(ExactAge, "Age 7")]),
    ("age: 15", &[(ExactAge, "age: 15")]),
    ("a 7-year-old boy", &[(ExactAge, "7-year-old")]),
    ("7 year old", &[(ExactAge, "7 year old")]),
    ("he is 7 years old", &[(ExactAge, "7 years old")]),
    ("a 7yo", &[(ExactAge, "7yo")]),
    ("7 y/o", &[(ExactAge, "7 y/o")]),
    ("baby is 14 months old", &[(ExactAge, "14 months old")]),
    ("aged seven", &[(ExactAge, "aged seven")]),
    ("a six-year-old", &[(ExactAge, "six-year-old")]),
    ("Sixteen year old", &[(ExactAge, "Sixteen year old")]),
    // Case and reference numbers.
    ("case no. 12345", &[(Reference, "12345")]),
    ("ref: AB-1234", &[(Reference, "AB-1234")]),
    ("NI number QQ123456C", &[(Reference, "QQ123456C")]),
    ("NI QQ 12 34 56 C.", &[(Reference, "QQ 12 34 56 C")]),
    ("Case number 2019/456", &[(Reference, "2019/456")]),
    ("client ID 5567788", &[(Reference, "5567788")]),
    ("reference #A12B34", &[(Reference, "A12B34")]),
    ("Mosaic MOS-123456", &[(Reference, "MOS-123456")]),
    ("lac1234", &[(Reference, "lac1234")]),
    ("NHS no. 1234567890", &[(Reference, "1234567890")]),
    (
        "NHS number: 943 476 5919",
        &[(NhsNumber, "943 476 5919"), (Reference, "943 476 5919")],
    ),
    // Street addresses.
    (
        "lives at 12 Acacia Road with",
        &[(StreetAddress, "12 Acacia Road")],
    ),
    ("3/45 Smith St.", &[(StreetAddress, "3/45 Smith St")]),
    (
        "Flat 2, 10 High Street",
        &[(StreetAddress, "Flat 2, 10 High Street")],
    ),
    ("12a Church Lane", &[(StreetAddress, "12a Church Lane")]),
    ("5 St John's Close", &[(StreetAddress, "5 St John's Close")]),
    ("221B Baker Street", &[(StreetAddress, "221B Baker Street")]),
    ("Unit 4/12 Main Rd", &[(StreetAddress, "4/12 Main Rd")]),
    (
        "14-16 Station Approach",
        &[(StreetAddress, "14-16 Station Approach")],
    ),
    ("7 Wattle CRES", &[(StreetAddress, "7 Wattle CRES")]),
    ("12 Acacia road", &[(StreetAddress, "12 Acacia road")]),
    // Names in the text, found without a list.
    ("I visited Kayla at home.", &[(Name, "Kayla")]),
    ("Kayla said she was fine.", &[(Name, "Kayla")]),
    ("Tyreese and his mum", &[(Name, "Tyreese")]),
    ("met with Grace today", &[(Name, "Grace")]),
    ("Mrs Hope came late", &[(Name, "Hope")]),
    ("spoke to mrs smith", &[(Name, "smith")]),
    (
        "Jayden Clarke-Moss was there",
        &[(Name, "Jayden Clarke-Moss")],
    ),
    ("Mia-Rose's mum rang", &[(Name, "Mia-Rose")]),
    ("Will's dad was calm", &[(Name, "Will")]),
    (
        "Rose (7) drew a house.",
        &[(Name, "Rose"), (ExactAge, "(7)")],
    ),
    ("the baby, called Summer, slept", &[(Name, "Summer")]),
    ("Nan Pat was there", &[(Name, "Pat")]),
    ("then Dr Okafor rang", &[(Name, "Okafor")]),
    ("DC Farrow interviewed him", &[(Name, "Farrow")]),
    ("Piper's grandmother has dementia", &[(Name, "Piper")]),
    (
        "Blessing is 6 and loves school",
        &[(Name, "Blessing"), (ExactAge, "6")],
    ),
    (
        "the General Infirmary rang",
        &[(Institution, "General Infirmary")],
    ),
    (
        "with Siobhán O'Neill",
        &[(NeverExport, "Siobhán"), (NeverExport, "O'Neill")],
    ),
    // Named places.
    (
        "Jayden goes to Hillside Primary School now",
        &[(Name, "Jayden"), (Institution, "Hillside Primary School")],
    ),
    (
        "the head at St Anne's C of E Primary rang",
        &[(Institution, "St Anne's C of E Primary")],
    ),
    (
        "born on Ward 7 at the RVI",
        &[(Institution, "Ward 7 at the RVI")],
    ),
    (
        "she stayed at Redbank House for a month",
        &[(Institution, "Redbank House")],
    ),
    (
        "The GP at Marsh Lane Surgery wrote",
        &[(Institution, "Marsh Lane Surgery")],
    ),
    (
        "seen at Liverpool Hospital today",
        &[(Institution, "Liverpool Hospital")],
    ),
    (
        "we met at the Beacon Family Centre.",
        &[(Institution, "Beacon Family Centre")],
    ),
    ("the baby was born at the QEH.", &[(Institution, "QEH")]),
    // Streets without a number, PO boxes, lowercase addresses.
    (
        "she lives on Dale Road now",
        &[(StreetAddress, "Dale Road")],
    ),
    (
        "they moved to Riverside Court",
        &[(StreetAddress, "Riverside Court")],
    ),
    ("from 14 acacia ave to", &[(StreetAddress, "14 acacia ave")]),
    (
        "write to PO Box 412, please",
        &[(StreetAddress, "PO Box 412")],
    ),
    ("Unit 4/12 Smith St", &[(StreetAddress, "4/12 Smith St")]),
    ("a flat off Chapel Lane", &[(StreetAddress, "Chapel Lane")]),
    // Ages as people write them.
    ("she is 7 and loves school", &[(ExactAge, "7")]),
    ("He's 15, and angry", &[(ExactAge, "15")]),
    (
        "Kayla (7) and Jo",
        &[(Name, "Kayla"), (ExactAge, "(7)"), (Name, "Jo")],
    ),
    ("Dad, 41, works nights", &[(ExactAge, "41")]),
    ("he turned 16 last week", &[(ExactAge, "turned 16")]),
    ("Mum is nearly 3 stone lighter", &[]),
    ("she is nearly 3.", &[(ExactAge, "nearly 3")]),
    ("the baby is 5 months and", &[(ExactAge, "5 months")]),
    ("baby is 10 wks", &[(ExactAge, "10 wks")]),
    ("a seven-year-old boy", &[(ExactAge, "seven-year-old")]),
    // Social-media handles.
    ("@jo_smith on social media", &[(Handle, "@jo_smith")]),
    ("she messaged as @kelseyxo_22.", &[(Handle, "@kelseyxo_22")]),
    ("(@big.dave)", &[(Handle, "@big.dave")]),
    ("DM @Tyler99 on insta", &[(Handle, "@Tyler99")]),
    ("ask @ the desk, or @x", &[]),
    ("tagged @mum_of_3", &[(Handle, "@mum_of_3")]),
    ("her TikTok is @_lilz", &[(Handle, "@_lilz")]),
    // Several kinds in one text.
    (
        "Siobhán (aged 7) lives at 12 Acacia Road, M1 1AE; mum 07700 900123.",
        &[
            (NeverExport, "Siobhán"),
            (ExactAge, "aged 7"),
            (StreetAddress, "12 Acacia Road"),
            (Postcode, "M1 1AE"),
            (Phone, "07700 900123"),
        ],
    ),
];

/// Texts that must give no hit at all.
const FALSE_POSITIVES: &[&str] = &[
    // Names that are also words, where no name goes.
    "I hope we can meet. Will you come? May I come in?",
    "There is a grace period. Faith in the process matters.",
    "Summer holidays start in May; see you in June.",
    "We met on Monday at the Family Centre and then at Court.",
    "The Local Authority and Children's Services agreed the Child Protection Plan.",
    "Earning acceptance is the first stage; Repair after rupture comes later.",
    "I used Signs of Safety with Mum and Dad.",
    "She moved from Leeds to London last year.",
    "Time to think about Family Q's plan",
    "I miss Home and Away, she said.",
    "Blessing after blessing, she said. The baby slept in a Moses basket.",
    // Ordinary capitalised words are no names.
    "Acceptance was the theme. Hope matters. Grace under pressure.",
    // E-mail.
    "me@home",
    "3 @ 4pm",
    "email address withheld",
    "x@y",
    // Phone.
    "Sunday at 3pm",
    "in 2019 and 2020",
    "scored 10 out of 10",
    "1300 people came",
    "marks 0 1 2 3 4 5 6 7 8 9 10",
    "0.5 mg twice daily",
    "room 101, 202 and 303",
    "ID07700900123X",
    // Postcode.
    "under the Children Act 1989",
    "Y5 2nd term",
    "met at 3am",
    "A4 paper",
    "WA 1234",
    "the SA 2000 report",
    "COVID 19",
    // NHS.
    "943 476 5918",
    "9434765910",
    "1234567890",
    "943 476 59190",
    // Dates.
    "Sunday at 3pm",
    "in March",
    "March 2019",
    "3pm",
    "meet on 4 June",
    "section 1.2.15",
    "scored 3/4",
    "version 2.1.3",
    "13/13/2019",
    "31 February 2019",
    "1.12.2019.3",
    "in May 3 children",
    // Ages.
    "7 years of work",
    "for 3 years",
    "ages 5 to 11",
    "age 16 and over",
    "aged 5-11",
    "aged 18+",
    "aged between five and ten",
    "an older child, 3 years older",
    "a group of 7 year olds",
    "Stage 7 of the page 7 plan",
    // References.
    "in case 2 we tried",
    "for reference, the team",
    "file it later",
    "a case of neglect",
    "reference 2019 guidance",
    "the referral 12 weeks",
    "case no. 7",
    // Streets.
    "3 ways of working",
    "5 stages",
    "we had 3 very close talks",
    "2 Close friends",
    "took 2 main roads",
    "lives on a busy road",
    "met 3 times on the high street",
    "12 acacia close",
    // Not a person's age, nor a named place.
    "The boiler is 20 years old.",
    "I am 34 and have been qualified for 12 years.",
    "It is 3 miles away and she was 5 minutes late.",
    "Option (2) is better. She is 3 weeks behind with rent.",
    "We met at the family centre and then the primary school.",
    "The Family Centre and the Children's Hospital agreed.",
    "at the CIN meeting",
    "me@home and a@b",
    "a 2 hour drive",
];

#[test]
fn true_positives_are_found() {
    let detector = detector();
    for (text, expected) in TRUE_POSITIVES {
        let expected: Vec<(Kind, String)> = expected
            .iter()
            .map(|(kind, matched)| (*kind, matched.to_string()))
            .collect();
        assert_eq!(found(&detector, text), expected, "in {text:?}");
    }
}

#[test]
fn never_export_names_match_whole_words_only() {
    // These are words the name finder may still ask about (they are on no
    // list), but they are not the never-export names.
    let detector = detector();
    for text in [
        "Brennans Bay is not the surname",
        "Siobhánna is a different word",
        "ZoëB and the Brennans and ZoëBrennan",
    ] {
        let listed: Vec<Hit> = detector
            .scan(text)
            .into_iter()
            .filter(|hit| hit.kind == NeverExport)
            .collect();
        assert_eq!(listed, vec![], "in {text:?}");
    }
}

#[test]
fn false_positives_give_no_hits() {
    let detector = detector();
    for text in FALSE_POSITIVES {
        assert_eq!(found(&detector, text), vec![], "in {text:?}");
    }
}

#[test]
fn every_detector_has_enough_cases() {
    for kind in Kind::ALL {
        if kind == FamilyLabel {
            continue; // Its own tables below.
        }
        // Kinds named but not yet looked for by any detector: a detector
        // that starts finding one takes it off this list and adds its cases.
        const NOT_YET_FOUND: &[Kind] = &[];
        if NOT_YET_FOUND.contains(&kind) {
            continue;
        }
        let count = TRUE_POSITIVES
            .iter()
            .filter(|(_, hits)| hits.iter().any(|(k, _)| *k == kind))
            .count();
        assert!(count >= 6, "{kind:?} has {count} true cases");
    }
    assert!(FALSE_POSITIVES.len() >= 4 * 9);
}

// -----------------------------------------------------------------------
// The family label.
// -----------------------------------------------------------------------

/// Labels and the words of them that look like a name.
const LABEL_WORDS: &[(&str, &[&str])] = &[
    ("Smith family", &["Smith"]),
    ("Jo", &["Jo"]),
    ("Mrs Patel", &["Patel"]),
    ("the Smiths", &["Smiths"]),
    ("SMITH", &["SMITH"]),
    ("Smith-Jones family", &["Smith", "Jones"]),
    ("O'Neill's family", &["O'Neill"]),
    ("Jo and Sam", &["Jo", "Sam"]),
    ("Zoë", &["Zoë"]),
    ("Family K", &[]),
    ("F1", &[]),
    ("K", &[]),
    ("K.", &[]),
    ("the Ks", &[]),
    ("JK", &[]),
    ("J.K.", &[]),
    ("Family Blue", &[]),
    ("Oak family", &[]),
    ("Acceptance", &[]),
    ("Family 3", &[]),
    ("", &[]),
    ("BCD", &[]),
    ("XKCDT", &[]),
];

#[test]
fn label_words_that_look_like_names() {
    for (label, expected) in LABEL_WORDS {
        assert_eq!(&label_name_words(label), expected, "for label {label:?}");
        assert_eq!(label_looks_like_a_name(label), !expected.is_empty());
    }
}

/// Label, text, and the label hits expected.
const LABEL_HITS: &[(&str, &str, &[&str])] = &[
    ("Smith family", "Mr Smith said", &["Smith"]),
    (
        "Smith family",
        "SMITH's house and smith",
        &["SMITH", "smith"],
    ),
    ("Mrs Patel", "Mrs Patel and Ms patel", &["Patel", "patel"]),
    ("Jo", "Jo rang; later jo came", &["Jo", "jo"]),
    (
        "the Patels",
        "Mrs Patel and the Patels",
        &["Patel", "Patels"],
    ),
    ("Zoë", "ZOË and zoë", &["ZOË", "zoë"]),
    ("Family K", "K said the Family K plan", &[]),
    ("F1", "F1 and f1", &[]),
    ("Jo", "Joanne and Jon and banjo", &[]),
    ("Smith family", "Smithson and blacksmiths", &[]),
    ("Family Blue", "the blue room", &[]),
];

#[test]
fn label_words_are_found_as_whole_words() {
    for (label, text, expected) in LABEL_HITS {
        let detector = Detector::new(&Config {
            family_label: Some(label.to_string()),
            ..Config::default()
        })
        .expect("labels always compile");
        let hits: Vec<String> = detector
            .scan(text)
            .into_iter()
            .filter(|hit| hit.kind == FamilyLabel)
            .map(|hit| hit.matched)
            .collect();
        assert_eq!(&hits, expected, "label {label:?} in {text:?}");
    }
}

#[test]
fn a_name_in_the_label_and_on_the_list_gives_both_kinds() {
    let detector = Detector::new(&Config {
        family_label: Some("Jo".into()),
        never_export: vec!["jo".into()],
        reference_patterns: vec![],
        safe_words: vec![],
    })
    .expect("compiles");
    let hits = detector.scan("and Jo said");
    let kinds: Vec<Kind> = hits.iter().map(|hit| hit.kind).collect();
    assert_eq!(kinds, [FamilyLabel, NeverExport]);
    assert_eq!(redact("and Jo said", &hits), "and [name] said");
}

// -----------------------------------------------------------------------
// NHS check digits and configuration errors.
// -----------------------------------------------------------------------

#[test]
fn nhs_check_digit() {
    for valid in [
        "9434765919",
        "943 476 5919",
        "943-476-5919",
        "4010232137",
        "9876543210",
        "4505577104",
    ] {
        assert!(is_valid_nhs_number(valid), "{valid}");
    }
    for invalid in [
        "9434765918",  // wrong check digit
        "1234567890",  // check digit would be 10: no valid number
        "943476591",   // nine digits
        "94347659190", // eleven
        "943.476.5919",
        "",
    ] {
        assert!(!is_valid_nhs_number(invalid), "{invalid}");
    }
    // Of every check digit after the same nine digits, exactly one is valid.
    let valid = (0..10)
        .filter(|d| is_valid_nhs_number(&format!("943476591{d}")))
        .count();
    assert_eq!(valid, 1);
}

#[test]
fn a_bad_reference_pattern_is_named_in_the_error() {
    let error = Detector::new(&Config {
        reference_patterns: vec![r"MOS-\d{6}".into(), "(AB-".into()],
        ..Config::default()
    })
    .expect_err("unclosed group");
    assert!(matches!(&error, ConfigError::BadPattern { pattern, .. } if pattern == "(AB-"));
    let message = error.to_string();
    assert!(message.contains("\"(AB-\""), "{message}");
    assert!(message.contains("unclosed group"), "{message}");
    assert!(!message.contains('\n'), "{message}");

    let error = Detector::new(&Config {
        reference_patterns: vec![r"\d*".into()],
        ..Config::default()
    })
    .expect_err("matches empty text");
    assert_eq!(
        error,
        ConfigError::MatchesEmpty {
            pattern: r"\d*".into()
        }
    );
    assert!(error.to_string().contains(r#""\\d*""#), "{error}");
}

#[test]
fn a_long_never_export_list_is_searched_whole() {
    let mut names: Vec<String> = (0..1000).map(|n| format!("Name{n}")).collect();
    names.push("Zoë Brennan".into());
    names.push("Zoë".into());
    let detector = Detector::new(&Config {
        never_export: names,
        ..Config::default()
    })
    .expect("compiles");
    assert_eq!(
        found(&detector, "name999 met Zoë Brennan and Zoë"),
        [
            (NeverExport, "name999".to_string()),
            (NeverExport, "Zoë Brennan".to_string()),
            (NeverExport, "Zoë".to_string()),
        ]
    );
}

#[test]
fn an_absurdly_long_name_is_refused_by_name() {
    let name = "x".repeat(201);
    let error = Detector::new(&Config {
        never_export: vec![name.clone()],
        ..Config::default()
    })
    .expect_err("too long");
    assert_eq!(error, ConfigError::NameTooLong { name });
    let fine = Detector::new(&Config {
        never_export: vec!["x".repeat(200)],
        family_label: Some("y".repeat(300)),
        ..Config::default()
    });
    assert!(fine.is_ok());
}

#[test]
fn the_default_detector_has_only_built_in_patterns() {
    // Siobhán is on no list, so it is found as a name in the text, not as
    // a never-export name.
    let hits = Detector::default().scan("Siobhán rang 07700 900123");
    let kinds: Vec<Kind> = hits.iter().map(|hit| hit.kind).collect();
    assert_eq!(kinds, [Name, Phone]);
}

#[test]
fn scanning_then_redacting_a_whole_note() {
    let text = "Visited Zoë Brennan (DOB 03/04/2015, NHS 943 476 5919) at 3/45 Smith St, \
Parramatta NSW 2150. Mum: 0412 345 678, mum@example.com.au. 😀 Case no. 55-1234.";
    let hits = detector().scan(text);
    assert_eq!(
        redact(text, &hits),
        "Visited [name] (DOB [date], NHS [NHS number]) at [address], \
[postcode]. Mum: [phone], [e-mail]. 😀 Case no. [reference]."
    );
    for hit in &hits {
        assert!(!context(text, hit.range.clone(), 2).is_empty());
    }
}

// -----------------------------------------------------------------------
// Scanning never panics and every hit fits the text.
// -----------------------------------------------------------------------

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zA-Z0-9/.:,()+@'’-]{0,20}",
        Just("07700 900123".to_string()),
        Just("+44 (0)20 7946 0018".to_string()),
        Just("943 476 5919".to_string()),
        Just("3 March 2019".to_string()),
        Just("DOB 1.2.15".to_string()),
        Just("aged 7".to_string()),
        Just("SW1A 1AA".to_string()),
        Just("NSW 2000".to_string()),
        Just("12 Acacia Road".to_string()),
        Just("case no. 12345".to_string()),
        Just("Zoë Brennan".to_string()),
        Just("Siobhán".to_string()),
        Just("jo@example.com".to_string()),
        Just("😀é̃ ".to_string()),
    ]
}

proptest! {
    #[test]
    fn scan_never_panics_and_hits_fit(parts in prop::collection::vec(fragment(), 0..8)) {
        let text = parts.join(" ");
        let detector = detector();
        let hits = detector.scan(&text);
        for pair in hits.windows(2) {
            prop_assert!(pair[0].range.start <= pair[1].range.start);
        }
        for hit in &hits {
            prop_assert!(hit.range.start < hit.range.end);
            prop_assert!(text.is_char_boundary(hit.range.start));
            prop_assert!(text.is_char_boundary(hit.range.end));
            prop_assert_eq!(&text[hit.range.clone()], hit.matched.as_str());
            let _ = context(&text, hit.range.clone(), 3);
        }
        // Text outside the hits is kept as it was.
        let redacted = redact(&text, &hits);
        if let (Some(first), Some(last)) = (
            hits.first().map(|hit| hit.range.start),
            hits.iter().map(|hit| hit.range.end).max(),
        ) {
            prop_assert!(redacted.starts_with(&text[..first]));
            prop_assert!(redacted.ends_with(&text[last..]));
        } else {
            prop_assert_eq!(redacted, text.clone());
        }
    }

    #[test]
    fn label_detectors_never_panic(
        label in "\\PC{0,60}",
        text in any::<String>(),
    ) {
        let detector = Detector::new(&Config {
            family_label: Some(label.clone()),
            never_export: vec![label],
            reference_patterns: vec![],
            safe_words: vec![],
        }).expect("names always compile");
        for hit in detector.scan(&text) {
            prop_assert_eq!(&text[hit.range.clone()], hit.matched.as_str());
        }
    }

    #[test]
    fn context_and_replace_never_panic(
        text in any::<String>(),
        a in 0usize..64,
        b in 0usize..64,
    ) {
        let _ = context(&text, a..b, 2);
        let range = a.min(b)..a.max(b);
        let matched = text.get(range.clone()).unwrap_or("").to_string();
        let fits = !matched.is_empty();
        let hit = Hit { kind: Kind::Phone, range: range.clone(), matched };
        let redacted = redact(&text, &[hit]);
        if fits {
            let expected = format!("{}[phone]{}", &text[..range.start], &text[range.end..]);
            prop_assert_eq!(redacted, expected);
        } else {
            prop_assert_eq!(redacted, text.clone());
        }
    }
}

#[test]
fn words_marked_safe_are_never_findings_but_the_never_export_list_wins() {
    let text = "We met at Thornbury with Kayla; Childline put her through to 0161 496 0000.";
    let plain = Detector::new(&Config {
        never_export: vec!["Kayla".into()],
        ..Default::default()
    })
    .unwrap();
    let kinds = |d: &Detector| -> Vec<(Kind, String)> {
        d.scan(text)
            .into_iter()
            .map(|h| (h.kind, h.matched))
            .collect()
    };
    let before = kinds(&plain);
    assert!(
        before.contains(&(Kind::Name, "Thornbury".into())),
        "{before:?}"
    );
    assert!(
        before.contains(&(Kind::Phone, "0161 496 0000".into())),
        "{before:?}"
    );
    let safe = Detector::new(&Config {
        never_export: vec!["Kayla".into()],
        safe_words: vec![
            "thornbury".into(),
            "CHILDLINE".into(),
            " 0161 496 0000 ".into(),
            "Kayla".into(),
        ],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(kinds(&safe), [(Kind::NeverExport, "Kayla".to_string())]);
    assert_eq!(
        kinds(&safe.with_family_label("Family T")),
        [(Kind::NeverExport, "Kayla".to_string())],
        "kept for each entry's own detector"
    );
}
