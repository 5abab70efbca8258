//! A speaker's name as it is shown, counted and searched: the person's
//! name alone. Articles put titles ("Pres. Obama", "Councilman Joe
//! Buscaino") and descriptions ("Billionaire Donald Trump") before names,
//! and a capitalised word at the start of a sentence ("Maybe Trump …",
//! "Six Trump supporters …") runs into the name after it. Places and
//! buildings ("New York", "Trump Tower") are named like people but do not
//! speak.

use super::lexicon;
use super::text::key;

/// Title, office and honorific words the general title list does not hold.
#[rustfmt::skip]
const MORE_TITLES: &[&str] = &[
    "pres", "vp", "councilman", "councilwoman", "councilmember", "councillor", "alderman",
    "alderwoman", "assemblyman", "assemblywoman", "assemblymember", "delegate", "del",
    "supervisor", "comptroller", "treasurer", "auditor", "superintendent", "supt", "atty",
    "sec", "secy", "cmdr", "commander", "coach", "bishop", "cardinal", "archbishop",
    "msgr", "fr", "mx", "messrs", "mmes", "gens", "drs", "hon", "rt",
];

/// Words after which a name always follows.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "mx", "miss", "dr", "messrs", "mmes"];

/// Words that describe or lead into a name without being part of it:
/// occupations, adjectives, adverbs, numerals, sentence openers.
#[rustfmt::skip]
const DESCRIPTIONS: &[&str] = &[
    "billionaire", "millionaire", "businessman", "businesswoman", "mogul", "tycoon", "magnate",
    "developer", "celebrity", "actor", "actress", "singer", "rapper", "comedian",
    "author", "writer", "novelist", "columnist", "commentator", "pundit", "blogger", "activist",
    "lawyer", "attorney", "strategist", "consultant", "pollster", "economist", "historian",
    "scholar", "expert", "veteran", "longtime", "outgoing", "incoming", "embattled", "fellow",
    "rival", "challenger", "incumbent", "frontrunner", "front-runner", "presumptive",
    "conservative", "liberal", "progressive", "libertarian", "socialist", "populist",
    "moderate", "centrist", "then", "now", "ex", "late", "retired", "disgraced", "controversial",
    "maybe", "perhaps", "also", "but", "and", "so", "yet", "still", "even", "only", "just",
    "when", "while", "if", "after", "before", "because", "though", "although", "since", "until",
    "meanwhile", "instead", "indeed", "however", "likewise", "similarly", "separately",
    "later", "earlier", "finally", "again", "today", "yesterday", "tonight", "tomorrow",
    "asked", "told", "said", "says", "like", "unlike", "as", "at", "in", "on", "for", "with",
    "by", "from", "to", "of", "the", "a", "an", "this", "that", "these", "those", "his", "her",
    "their", "our", "my", "your", "its", "both", "all", "every", "each", "many", "most",
    "some", "several", "few", "dear", "poor", "old", "real", "top", "senior",
    "junior", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds",
    "thousand", "thousands", "dozen", "dozens", "million", "millions", "no", "not", "why",
    "what", "how", "where", "who", "yes", "well", "oh", "sure", "thanks", "please",
];

/// US states and large cities: named in the places where speakers are,
/// never speakers themselves. Countries stay: "Israel said" is a
/// government speaking.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
    "tennessee", "texas", "utah", "vermont", "virginia", "west virginia",
    "wisconsin", "wyoming", "new york city", "los angeles", "chicago", "houston", "phoenix",
    "philadelphia", "san antonio", "san diego", "dallas", "san francisco", "boston",
    "miami", "atlanta", "detroit", "seattle", "denver", "baltimore", "cleveland", "orlando",
    "las vegas", "manhattan", "brooklyn", "london", "paris", "berlin", "moscow", "beijing",
    "brussels", "geneva", "kyiv", "kiev", "jerusalem", "tel aviv", "tehran", "damascus",
    "baghdad", "kabul", "tokyo", "seoul", "havana", "cairo", "istanbul", "rome", "madrid",
    "des moines", "silicon valley", "wall street", "capitol hill", "main street", "midwest",
];

/// Last words of the names of buildings and sites. Not "center" or
/// "club": the Pew Research Center and the Sierra Club speak.
#[rustfmt::skip]
const BUILDINGS: &[&str] = &[
    "tower", "towers", "building", "plaza", "hall", "hotel", "stadium", "arena", "airport",
    "street", "avenue", "square", "bridge", "park", "mall", "palace", "mansion", "lodge",
    "resort", "casino", "station", "base", "camp",
];

/// The name to show for a speaker named `written`, or `None` when what
/// is left is no one (a title alone, a description, a place).
pub fn clean(written: &str) -> Option<String> {
    let all: Vec<&str> = written.split_whitespace().collect();
    // Asked of every word once, not again for each word dropped before it.
    let leads: Vec<bool> = all.iter().map(|w| leads_into_a_name(w)).collect();
    // An institution named by title words alone ("State Department",
    // "White House") keeps them; after "Mr." a name follows ("Mr. King").
    let (mut honorific, mut titled) = (false, false);
    let mut first = 0;
    while all.len() - first > 1 && leads[first] {
        let is_honorific = HONORIFICS.contains(&key(all[first]).as_str());
        if !is_honorific && leads[first + 1..].iter().all(|&l| l) {
            break;
        }
        honorific |= is_honorific;
        titled = true;
        first += 1;
    }
    let words = &all[first..];
    let [only] = words[..] else {
        // "Amy Park", "Sen. Dave Camp": a person whose surname is also a
        // building's word is a person.
        let first_name = |w: &&str| {
            super::names::first_name_gender(&super::names::fold_spelling(&key(w)))
                != super::lexicon::Gender::Unknown
        };
        let person = titled
            || words
                .split_last()
                .is_some_and(|(_, rest)| rest.iter().any(first_name));
        return (person || !is_place(words)).then(|| words.join(" "));
    };
    let k = key(only);
    let no_one = (!honorific && (is_description(&k) || is_title(&k)))
        || k.chars().all(|c| c.is_ascii_digit() || c == ',');
    (!no_one && !is_place(words)).then(|| only.to_string())
}

/// A title, honorific or description before a name.
fn leads_into_a_name(word: &str) -> bool {
    let k = key(word);
    is_title(&k) || is_description(&k) || k.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Whether `k` (a word's key) is one of [`DESCRIPTIONS`] or names a group
/// ([`lexicon::is_group`]), looked up in a set.
fn is_description(k: &str) -> bool {
    static DESCRIPTION_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| DESCRIPTIONS.iter().copied().collect());
    DESCRIPTION_SET.contains(k) || lexicon::is_group(k)
}

fn is_title(k: &str) -> bool {
    lexicon::is_title(k) || MORE_TITLES.contains(&k)
}

/// "New York", "Trump Tower".
pub fn is_place(words: &[&str]) -> bool {
    static PLACE_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| PLACES.iter().copied().collect());
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| BUILDINGS.contains(&key(w).as_str()))
    {
        return true;
    }
    // No place of the list has more than three words.
    words.len() <= 3 && {
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        PLACE_SET.contains(keys.join(" ").as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_place` skips the list for names of more than three words.
    #[test]
    fn places_are_at_most_three_words_and_found_as_written() {
        assert!(PLACES.iter().all(|p| p.split(' ').count() <= 3));
        assert!(is_place(&["New", "York", "City"]) && is_place(&["Iowa"]));
        assert!(is_place(&["Trump", "Tower"]) && !is_place(&["Ted", "Cruz"]));
    }

    #[test]
    fn titles_and_descriptions_leave_the_name() {
        let c = |n| clean(n);
        assert_eq!(c("Pres. Obama").as_deref(), Some("Obama"));
        assert_eq!(
            c("Councilman Joe Buscaino").as_deref(),
            Some("Joe Buscaino")
        );
        assert_eq!(
            c("Billionaire Donald Trump").as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(c("Maybe Trump").as_deref(), Some("Trump"));
        assert_eq!(c("Six Trump").as_deref(), Some("Trump"));
        assert_eq!(c("the Rev. Al Sharpton").as_deref(), Some("Al Sharpton"));
        assert_eq!(c("Marco Rubio").as_deref(), Some("Marco Rubio"));
        assert_eq!(c("State Department").as_deref(), Some("State Department"));
        assert_eq!(c("Mr. King").as_deref(), Some("King"));
    }

    #[test]
    fn places_buildings_and_bare_titles_are_no_one() {
        for name in [
            "New York",
            "Trump Tower",
            "Iowa",
            "Senator",
            "Maybe",
            "1,200",
        ] {
            assert_eq!(clean(name), None, "{name}");
        }
        assert_eq!(clean("Israel").as_deref(), Some("Israel"));
    }
}
