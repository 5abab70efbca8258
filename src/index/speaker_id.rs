//! A speaker's id as the index writes it in `speaker_id`: the folded
//! words of the name, and for a speaker an article names by one word only
//! ("Rubio"), a marker word, so that `--speaker "Marco Rubio"` also finds
//! that article's statements. The marker is written, asked for and taken
//! off here, and nowhere else.

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::extract::names::SpeakerId;

/// The marker word of a speaker known by one name.
const SINGLE_NAME: &str = "_single";

/// What `speaker_id` holds for `id`.
pub fn indexed(id: &SpeakerId) -> String {
    let mut text = id.as_str().to_string();
    if id.tokens().count() == 1 {
        text.push(' ');
        text.push_str(SINGLE_NAME);
    }
    text
}

/// The id a stored `speaker_id` holds, without the marker.
pub fn shown(stored: &str) -> String {
    stored.replace(SINGLE_NAME, "").trim().to_string()
}

/// The hash of an id's last word, which two reports of one quotation must
/// share (0: no speaker); the same for an id as indexed and as shown.
/// 32 bits, a fast column of half the width of a full hash: two surnames
/// that share one only let their quotations be compared word by word.
pub fn last_word_hash(id: &str) -> u64 {
    id.split_whitespace()
        .rfind(|w| *w != SINGLE_NAME)
        .map_or(0, |w| {
            (xxhash_rust::xxh3::xxh3_64(w.as_bytes()) >> 32).max(1)
        })
}

/// The statements of speakers known only by `last` (a folded word), in
/// the `speaker_id` field `field`.
pub fn known_only_as(field: Field, last: &str) -> Box<dyn Query> {
    let term = |t: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, t),
            IndexRecordOption::Basic,
        ))
    };
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, term(last)),
        (Occur::Must, term(SINGLE_NAME)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_word_speaker_is_marked_and_shown_without_the_mark() {
        let rubio = SpeakerId::of("Rubio");
        let indexed_rubio = indexed(&rubio);
        assert_eq!(indexed_rubio, "rubio _single");
        assert_eq!(shown(&indexed_rubio), "rubio");
        let full = SpeakerId::of("Marco Rubio");
        assert_eq!(indexed(&full), "marco rubio");
        assert_eq!(
            last_word_hash(&indexed(&full)),
            last_word_hash(&indexed_rubio)
        );
        assert_ne!(
            last_word_hash("marco rubio"),
            last_word_hash("donald trump")
        );
        assert_eq!(last_word_hash(""), 0);
    }
}
