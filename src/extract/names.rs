//! Canonical names: titles dropped, spellings folded, one id per person.
//!
//! Within an article, "Secretary of State Marco Rubio", "Mr. Rubio" and
//! "Rubio" are one [`Person`]; the first full mention gives the display name.
//! Across articles, [`SpeakerId`] folds case, accents and transliteration
//! variants (Zelensky, Zelenskiy, Zelenskyy) so that filters find them all.

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::lexicon::{self, Gender};

/// A canonical, spelling-folded speaker id: lowercase name tokens joined by spaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpeakerId(String);

impl SpeakerId {
    /// The id of a display name.
    pub fn of(name: &str) -> SpeakerId {
        SpeakerId(fold_tokens(name).join(" "))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folded tokens of this id.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|t| !t.is_empty())
    }
}

impl std::fmt::Display for SpeakerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Folds a name into comparable tokens: accents and case dropped, possessives
/// and titles removed, doubled letters collapsed and a final "iy"/"yi" read
/// as "y", so Zelenskiy and Zelenskyy both give "zelensky"; a middle
/// initial is dropped ("Donald J. Trump" is "donald trump").
pub fn fold_tokens(name: &str) -> Vec<String> {
    let mut tokens = fold_all_tokens(name);
    if tokens.len() > 2 {
        let last = tokens.len() - 1;
        let mut i = 0;
        tokens.retain(|t| {
            let middle = i > 0 && i < last;
            i += 1;
            !(middle && t.chars().count() == 1 && t.chars().all(char::is_alphabetic))
        });
    }
    tokens
}

/// `text` lower-cased and without accents ("Zelenskyy's" → "zelenskyy's",
/// "Pérez" → "perez"): how names and quotations are compared.
pub fn lower_unaccented(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect::<String>()
            .to_lowercase()
    }
}

fn fold_all_tokens(name: &str) -> Vec<String> {
    lower_unaccented(name)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|t| t.trim_end_matches("'s").trim_end_matches("’s"))
        .map(fold_spelling)
        .filter(|t| !t.is_empty())
        .collect()
}

/// A token's spelling folded: apostrophes dropped ("O’Rourke" is
/// "orourke"), doubled letters single, a final "iy", "yi" or "ij" a "y".
pub(super) fn fold_spelling(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut last = None;
    for c in token.chars() {
        if c == '\'' || c == '’' || (last == Some(c) && c.is_alphabetic()) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    for (from, to) in [("iy", "y"), ("yi", "y"), ("ij", "y")] {
        if out.len() > 3 && out.ends_with(from) {
            out.truncate(out.len() - from.len());
            out.push_str(to);
        }
    }
    out
}

/// A name as written, split into the title words before it and the name itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenName<'a> {
    /// Lowercased title words without periods ("secretary", "state").
    pub titles: Vec<String>,
    /// The name's own words as written ("Marco", "Rubio").
    pub words: Vec<&'a str>,
}

impl<'a> WrittenName<'a> {
    /// Splits a run of capitalised words into titles and name. `None` when
    /// nothing but titles is left ("the President").
    pub fn split(words: &[&'a str]) -> Option<WrittenName<'a>> {
        let is_title = |w: &str| super::text::with_key(w, lexicon::is_title);
        // The name starts after the last title word that still has a name
        // after it: "American Bridge President Jessica Mackler" → Jessica Mackler.
        let start = words
            .iter()
            .rposition(|w| is_title(w))
            .filter(|&i| i + 1 < words.len())
            .map_or(0, |i| i + 1);
        let titles: Vec<String> = words[..start].iter().map(|w| super::text::key(w)).collect();
        let rest: Vec<&'a str> = words[start..]
            .iter()
            .filter(|w| !matches!(**w, "of" | "the"))
            .copied()
            .collect();
        if rest.is_empty() {
            return None;
        }
        if rest.len() == 1 && is_title(rest[0]) {
            // "the White House", "State Department": an institution named
            // only by title words speaks as itself.
            let all_titles = words
                .iter()
                .all(|w| is_title(w) || matches!(*w, "of" | "the"));
            if words.len() >= 2 && all_titles {
                let org = words.iter().filter(|w| !matches!(**w, "The" | "the"));
                return Some(WrittenName {
                    titles: Vec::new(),
                    words: org.copied().collect(),
                });
            }
            return None;
        }
        Some(WrittenName {
            titles,
            words: rest,
        })
    }

    fn display(&self) -> String {
        self.words.join(" ")
    }

    fn honorific_gender(&self) -> Gender {
        for t in &self.titles {
            if lexicon::MALE_HONORIFICS.contains(&t.as_str()) {
                return Gender::Male;
            }
            if lexicon::FEMALE_HONORIFICS.contains(&t.as_str()) {
                return Gender::Female;
            }
        }
        Gender::Unknown
    }
}

/// One person (or organisation) named in an article.
#[derive(Clone, Debug)]
pub struct Person {
    /// The display name: the first full mention.
    pub display: String,
    folded: Vec<CompactString>,
    pub gender: Gender,
    /// Title and role words seen before any of its mentions.
    pub roles: Vec<String>,
    /// How many times the article names it.
    pub mentions: usize,
    /// Whether it reads as a person (titled, a known first name, or two or more names).
    pub is_person: bool,
    /// A state or city, which never speaks ([`super::display_name::clean`]
    /// shows no speaker for one), so no pronoun or description means it.
    pub place: bool,
}

impl Person {
    pub fn id(&self) -> SpeakerId {
        SpeakerId(self.folded.join(" "))
    }
}

/// Index of a [`Person`] in [`People`].
pub type PersonRef = usize;

/// Whether a name written as `name` (folded to `folded`) reads as a
/// person's: titled, with a known first name, or of two to four words
/// none of which names a body and not shouted in capitals.
fn reads_as_person(name: &WrittenName, folded: &[CompactString]) -> bool {
    let shouted = name
        .words
        .iter()
        .any(|w| w.len() >= 3 && w.chars().all(|c| !c.is_lowercase()));
    let titled = name
        .titles
        .iter()
        .any(|t| !lexicon::NOT_PERSON_TITLES.contains(&t.as_str()));
    // A first name makes a person of a name of two words or more; alone,
    // only a name people go by ("Bill").
    let first_name = folded.first().is_some_and(|f| {
        first_name_gender(f) != Gender::Unknown && (folded.len() >= 2 || is_curated_first_name(f))
    });
    titled
        || first_name
        || (folded.len() >= 2
            && folded.len() <= 4
            && !shouted
            && !folded
                .iter()
                .any(|w| NOT_PERSON_WORDS.contains(&w.as_str())))
}

/// The people of one article, found by full name or surname.
#[derive(Default, Debug)]
pub struct People {
    pub people: Vec<Person>,
    by_last: HashMap<CompactString, Vec<PersonRef>>,
    /// Folded tokens of each word already seen.
    folds: HashMap<String, Vec<CompactString>>,
}

/// Words that make a capitalised run an organisation or a place, not a person.
const NOT_PERSON_WORDS: &[&str] = &[
    "coalition",
    "caucus",
    "society",
    "alliance",
    "federation",
    "league",
    "organization",
    "corporation",
    "partnership",
    "movement",
    "magazine",
    "tribune",
    "herald",
    "gazette",
    "review",
    "register",
    "observer",
    "pac",
    "assembly",
    "parliament",
    "government",
    "museum",
    "library",
    "hospital",
    "house",
    "department",
    "news",
    "party",
    "committee",
    "times",
    "post",
    "university",
    "court",
    "congress",
    "senate",
    "union",
    "street",
    "city",
    "states",
    "state",
    "america",
    "russia",
    "ukraine",
    "china",
    "washington",
    "council",
    "agency",
    "administration",
    "campaign",
    "institute",
    "foundation",
    "center",
    "centre",
    "association",
    "group",
    "journal",
    "network",
    "bank",
    "fund",
    "office",
    "ministry",
    "kremlin",
    "nato",
    "pentagon",
    "times",
    "company",
    "corp",
    "inc",
    "county",
    "republicans",
    "americans",
    "democrats",
    "church",
    "school",
    "college",
    "club",
    "force",
    "army",
    "navy",
    "guard",
    "police",
    "service",
    "commission",
    "board",
    "bureau",
    "project",
    "report",
    "act",
    "law",
    "day",
    "week",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "europe",
    "european",
    "east",
    "west",
    "north",
    "south",
    "middle",
    "republic",
    "kingdom",
    "nations",
    "airport",
    "hotel",
    "tower",
    "hall",
    "media",
    "social",
    "twitter",
    "facebook",
    "fox",
    "cnn",
    "abc",
    "cbs",
    "nbc",
    "msnbc",
    "npr",
    "white",
    "trump-putin",
    "gop",
    "isis",
];

impl People {
    /// Records a mention and returns the person it names, creating one when
    /// the name is new. A bare surname joins the person with that surname
    /// (of the right gender when the title says, else the most mentioned).
    pub fn mention(&mut self, name: &WrittenName, roles: &[String]) -> PersonRef {
        // Articles repeat their names: fold each spelling once.
        let mut folded = Vec::with_capacity(name.words.len());
        for w in &name.words {
            match self.folds.get(*w) {
                Some(f) => folded.extend(f.iter().cloned()),
                None => {
                    let f: Vec<CompactString> = fold_tokens(w)
                        .into_iter()
                        .map(CompactString::from)
                        .collect();
                    folded.extend(f.iter().cloned());
                    self.folds.insert(w.to_string(), f);
                }
            }
        }
        let gender = name.honorific_gender();
        let found = self.find(&folded, gender);
        let r = match found {
            Some(r) => {
                let p = &mut self.people[r];
                // A fuller mention upgrades a surname-only display name,
                // and what the name says of whether it is a person
                // ("Rubio: …" in a headline, then "Marco Rubio").
                if p.folded.len() == 1 && folded.len() > 1 {
                    p.display = name.display();
                    p.place = super::display_name::is_place(&name.words);
                    p.is_person |= !p.place && reads_as_person(name, &folded);
                    p.folded = folded;
                }
                r
            }
            None => {
                // "the governor of New Jersey": a place, no person.
                let place = super::display_name::is_place(&name.words);
                let is_person = !place && reads_as_person(name, &folded);
                let r = self.people.len();
                self.by_last
                    .entry(folded.last().cloned().unwrap_or_default())
                    .or_default()
                    .push(r);
                self.people.push(Person {
                    display: name.display(),
                    gender: Gender::Unknown,
                    roles: Vec::new(),
                    mentions: 0,
                    is_person,
                    place,
                    folded,
                });
                r
            }
        };
        let p = &mut self.people[r];
        p.mentions += 1;
        if name
            .titles
            .iter()
            .any(|t| !lexicon::NOT_PERSON_TITLES.contains(&t.as_str()))
        {
            p.is_person = true;
        }
        for role in name.titles.iter().chain(roles) {
            if !p.roles.contains(role) {
                p.roles.push(role.clone());
            }
        }
        if p.gender == Gender::Unknown {
            p.gender = if gender != Gender::Unknown {
                gender
            } else {
                p.folded
                    .first()
                    .filter(|_| p.folded.len() >= 2)
                    .map_or(Gender::Unknown, |f| first_name_gender(f))
            };
        }
        r
    }

    fn find(&self, folded: &[CompactString], gender: Gender) -> Option<PersonRef> {
        let last = folded.last()?;
        let candidates = self.by_last.get(last)?;
        if folded.len() >= 2 {
            // Same first name (or initial), or one side is a bare surname.
            return candidates.iter().copied().find(|&r| {
                let p = &self.people[r];
                p.folded.len() == 1
                    || p.folded == folded
                    || same_first_name(&p.folded[0], &folded[0])
            });
        }
        let fitting = candidates
            .iter()
            .copied()
            .filter(|&r| gender == Gender::Unknown || self.people[r].gender != opposite(gender));
        fitting.max_by_key(|&r| (self.people[r].mentions, r))
    }

    /// Notes that `person` speaks in the text, so is someone, whatever its name looks like.
    pub fn mark_person(&mut self, person: PersonRef) {
        // Call signs and acronyms ("KING-TV reported") speak for organisations.
        let p = &mut self.people[person];
        let shouted = p.display.len() >= 3 && !p.display.chars().any(char::is_lowercase);
        // "New Hampshire voted": a place that acts is still no "he".
        if !shouted && !p.place {
            p.is_person = true;
        }
    }

    /// Notes that a pronoun of `gender` referred to `person` in running text.
    pub fn learn_gender(&mut self, person: PersonRef, gender: Gender) {
        if self.people[person].gender == Gender::Unknown {
            self.people[person].gender = gender;
        }
    }

    pub fn get(&self, r: PersonRef) -> &Person {
        &self.people[r]
    }
}

/// Short forms of first names that do not begin the full one.
#[rustfmt::skip]
const SHORT_FORMS: &[(&str, &str)] = &[
    ("bob", "robert"), ("rob", "robert"), ("bill", "william"), ("will", "william"),
    ("jim", "james"), ("mike", "michael"), ("dick", "richard"), ("rick", "richard"),
    ("liz", "elizabeth"), ("beth", "elizabeth"), ("betsy", "elizabeth"), ("jack", "john"),
    ("ted", "edward"), ("ted", "theodore"), ("ned", "edward"), ("kate", "katherine"),
    ("kathy", "katherine"), ("peggy", "margaret"), ("maggie", "margaret"), ("chuck", "charles"),
    ("hank", "henry"), ("harry", "henry"), ("peg", "margaret"), ("sandy", "alexandra"),
];

/// Whether two folded first names can name one person: the same, an
/// initial of the other ("J. Smith"), a short form that begins the full
/// one ("Sam" and "Samuel", "Chris" and "Christopher"), or a known short
/// form ("Bob" and "Robert").
fn same_first_name(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || short.chars().count() == 1 && long.starts_with(short)
        || short.chars().count() >= 3 && long.starts_with(short)
        || SHORT_FORMS.contains(&(short, long))
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
        Gender::Unknown => Gender::Unknown,
    }
}

/// Gender of a folded first name, from the bundled tables.
pub fn first_name_gender(folded: &str) -> Gender {
    first_name(folded).map_or(Gender::Unknown, |(gender, _)| gender)
}

/// First names, folded, with their gender and whether they are on the
/// curated lists of `lexicon` (names people are called by alone: "Bill",
/// not "May" or "Will").
static FIRST_NAMES: LazyLock<HashMap<String, (Gender, bool)>> = LazyLock::new(|| {
    let curated = lexicon::MALE_FIRST_NAMES
        .iter()
        .map(|n| (*n, Gender::Male))
        .chain(
            lexicon::FEMALE_FIRST_NAMES
                .iter()
                .map(|n| (*n, Gender::Female)),
        );
    let mut names: HashMap<String, (Gender, bool)> = curated
        .map(|(n, g)| (fold_spelling(n), (g, true)))
        .collect();
    for line in include_str!("first_names.tsv").lines() {
        let Some((name, gender)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let gender = if gender == "f" {
            Gender::Female
        } else {
            Gender::Male
        };
        names.entry(fold_spelling(name)).or_insert((gender, false));
    }
    names
});

/// The gender of the first name `folded`, and whether it is a curated one.
fn first_name(folded: &str) -> Option<(Gender, bool)> {
    FIRST_NAMES.get(folded).copied()
}

/// Whether `word` (lowercase) is a first name of either table.
pub fn is_first_name(word: &str) -> bool {
    first_name(&fold_spelling(word)).is_some()
}

/// Whether `folded` is a first name people are called by alone ("Bill
/// said"): one of the curated list, not any of the wide table's ("May",
/// "Will", "Chase" are words too).
fn is_curated_first_name(folded: &str) -> bool {
    first_name(folded).is_some_and(|(_, curated)| curated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_come_from_the_curated_lists_then_the_wide_table() {
        let gender = |name: &str| first_name_gender(&fold_spelling(name));
        assert_eq!(gender("phyllis"), Gender::Female);
        assert_eq!(gender("marvin"), Gender::Male);
        assert_eq!(gender("bill"), Gender::Male);
        // A name both lists give to either is in neither table.
        assert_eq!(gender("aubrey"), Gender::Unknown);
        assert!(is_curated_first_name(&fold_spelling("bill")));
        assert!(!is_curated_first_name(&fold_spelling("may")));
        assert_eq!(gender("may"), Gender::Female);
    }

    #[test]
    fn every_row_of_the_first_name_table_is_a_name_and_a_gender() {
        for line in include_str!("first_names.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let (name, gender) = line.split_once('\t').unwrap_or_else(|| panic!("{line}"));
            assert!(matches!(gender, "f" | "m"), "{line}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || "'-".contains(c)),
                "{line}"
            );
        }
    }

    fn written(s: &str) -> WrittenName<'_> {
        let words: Vec<&str> = s.split(' ').collect();
        WrittenName::split(&words).unwrap()
    }

    #[test]
    fn zelensky_spellings_fold_to_one_id() {
        let a = SpeakerId::of("Volodymyr Zelensky");
        assert_eq!(a, SpeakerId::of("Volodymyr Zelenskiy"));
        assert_eq!(a, SpeakerId::of("Volodymyr Zelenskyy"));
        assert_eq!(SpeakerId::of("Zelenskyy’s").as_str(), "zelensky");
    }

    #[test]
    fn titles_before_a_name_are_dropped() {
        let n = written("Secretary of State Marco Rubio");
        assert_eq!(n.words, ["Marco", "Rubio"]);
        assert_eq!(n.titles, ["secretary", "of", "state"]);
        assert_eq!(written("Mr. Rubio").words, ["Rubio"]);
        assert!(WrittenName::split(&["President"]).is_none());
    }

    #[test]
    fn surname_and_honorific_join_the_full_name() {
        let mut people = People::default();
        let full = people.mention(&written("Secretary of State Marco Rubio"), &[]);
        assert_eq!(people.mention(&written("Mr. Rubio"), &[]), full);
        assert_eq!(people.mention(&written("Rubio"), &[]), full);
        assert_eq!(people.get(full).display, "Marco Rubio");
        assert_eq!(people.get(full).gender, Gender::Male);
    }

    #[test]
    fn clinton_resolves_by_honorific() {
        let mut people = People::default();
        let hillary = people.mention(&written("Hillary Clinton"), &[]);
        let bill = people.mention(&written("Bill Clinton"), &[]);
        assert_ne!(hillary, bill);
        assert_eq!(people.mention(&written("Mrs. Clinton"), &[]), hillary);
        assert_eq!(people.mention(&written("Mr. Clinton"), &[]), bill);
    }

    #[test]
    fn middle_initial_is_the_same_person() {
        let mut people = People::default();
        let a = people.mention(&written("Donald Trump"), &[]);
        assert_eq!(people.mention(&written("Donald J. Trump"), &[]), a);
    }
}
