//! Who "I" is when the writer speaks in the first person, outside any
//! quotation: on a letters page each letter is signed by a paragraph that
//! is only a name ("Debby James."), and an op-ed closes on a line about
//! its author ("Glenn Harlan Reynolds, a law professor, is a member of
//! …"). A news report's "when I asked him" has neither, and stays nobody's.

use std::ops::Range;

use super::names::PersonRef;

/// The most words of a signature ("Toni LeAnn Williams.").
const MAX_SIGNATURE_WORDS: usize = 4;
/// How far into its paragraph an author's line names them: past a title
/// ("Rep.", "Dr.") at most.
const MAX_NAME_OFFSET: usize = 12;
/// How many characters after the name an author's line says who they are
/// in ("…, a University of Tennessee law professor, is a member").
const MAX_AUTHOR_LINE: usize = 120;
/// The last paragraphs an author's line is looked for in.
const AUTHOR_LINE_FROM_END: usize = 2;
/// Verbs that say who the named author is ("is", "chairs", "teaches").
const AUTHOR_VERBS: &[&str] = &[
    " is ",
    " was ",
    " chairs ",
    " serves ",
    " teaches ",
    " writes ",
    " directs ",
    " leads ",
    " represents ",
];

/// The people who write an article's first-person paragraphs.
#[derive(Debug, Default)]
pub struct Writers {
    /// Each signature: where its paragraph starts, and whose name it is.
    signatures: Vec<(usize, PersonRef)>,
    /// The author an op-ed's closing line names.
    author: Option<PersonRef>,
}

impl Writers {
    /// Reads the body `paragraphs` (byte ranges of `text`, in order);
    /// `person_in` gives the first person named in a byte range, with
    /// where the name starts.
    pub fn find(
        text: &str,
        paragraphs: &[Range<usize>],
        person_in: impl Fn(Range<usize>) -> Option<(usize, PersonRef)>,
    ) -> Writers {
        let signatures = paragraphs
            .iter()
            .filter(|p| is_signature(&text[(*p).clone()]))
            .filter_map(|p| person_in(p.clone()).map(|(_, person)| (p.start, person)))
            .collect();
        let author = paragraphs
            .iter()
            .rev()
            .take(AUTHOR_LINE_FROM_END)
            .find_map(|p| {
                let (at, person) = person_in(p.clone())?;
                // The words right after the name (a title's period is no
                // sentence's end: "Rep. Dana Cole, D-Ariz., is …").
                let opening = text[at..p.end]
                    .char_indices()
                    .nth(MAX_AUTHOR_LINE)
                    .map_or(&text[at..p.end], |(end, _)| &text[at..at + end]);
                let about = at - p.start <= MAX_NAME_OFFSET
                    && AUTHOR_VERBS.iter().any(|v| opening.contains(v));
                about.then_some(person)
            });
        Writers { signatures, author }
    }

    /// Who writes "I" at byte `at`: the signature that closes its letter
    /// (the first after it), else the author the closing line names.
    pub fn of(&self, at: usize) -> Option<PersonRef> {
        self.signatures
            .iter()
            .find(|(start, _)| *start > at)
            .map(|(_, person)| *person)
            .or(self.author)
    }
}

/// Whether a paragraph is only a name, as a letter is signed: two to
/// [`MAX_SIGNATURE_WORDS`] capitalised words, no comma ("Henderson, Nev."
/// is where the writer lives), not shouted ("FACEBOOK." heads a section).
fn is_signature(paragraph: &str) -> bool {
    let name = paragraph.trim_end_matches('.');
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let shouted = name.chars().all(|c| !c.is_lowercase());
    (2..=MAX_SIGNATURE_WORDS).contains(&name.split_whitespace().count())
        && !name.contains(',')
        && !shouted
        && name.split_whitespace().all(capitalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The article made of `paragraphs` and its writers, where a
    /// paragraph's first capital starts the name of a person numbered as
    /// the paragraph is.
    fn writers(paragraphs: &[&str]) -> (String, Writers) {
        let text = paragraphs.join("\n\n");
        let mut ranges = Vec::new();
        let mut at = 0;
        for p in paragraphs {
            ranges.push(at..at + p.len());
            at += p.len() + 2;
        }
        let found = Writers::find(&text, &ranges, |range| {
            let i = ranges.iter().position(|r| *r == range)?;
            let start = text[range.clone()].find(|c: char| c.is_uppercase())?;
            Some((range.start + start, i))
        });
        (text, found)
    }

    #[test]
    fn each_letter_is_its_signers() {
        let (text, found) = writers(&[
            "LETTERS.",
            "I cannot fathom how the council passed it.",
            "Debby James.",
            "Mission Viejo, Calif.",
            "I think the vote was rigged.",
            "Toni LeAnn Williams.",
        ]);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(found.of(at("I cannot")), Some(2));
        assert_eq!(found.of(at("I think")), Some(5));
    }

    #[test]
    fn an_op_ed_is_its_closing_lines_author() {
        let (text, found) = writers(&[
            "I refuse to answer the survey.",
            "The bureau calls every week.",
            "Rep. Dana Cole, D-Ariz., is a member of the budget committee.",
        ]);
        assert_eq!(found.of(text.find("I refuse").unwrap()), Some(2));
    }

    #[test]
    fn a_report_without_either_has_no_writer() {
        let (text, found) = writers(&[
            "When I asked Mayor Ruiz about the plan, she declined to comment.",
            "The council meets again on Monday.",
        ]);
        assert_eq!(found.of(text.find("I asked").unwrap()), None);
        assert!(!is_signature("FACEBOOK."));
        assert!(!is_signature("Henderson, Nev."));
        assert!(is_signature("Michael Pravica."));
    }
}
