//! Token filters of quarry's own for the English text fields.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The last step of the English analysis: folds the endings by which
/// transliterated names differ — Zelenskiy, Zelenskyy and Zelensky;
/// Dmitriy and Dmitry — to one "y", so that a search for any spelling
/// finds them all, as `--speaker` does, then stems. Only word endings
/// that English words do not have ("iy", "yy", "yi", "ij") are folded:
/// folding more (doubled letters) would make "committee" and "commit" one
/// word.
///
/// Each word's stem is remembered, by each thread for all its fields and
/// segments: words repeat (a few thousand make most of any text), and the
/// Snowball stemmer was an eighth of indexing's CPU. (Remembered by each
/// analyzer, a segment's five English fields each stemmed the same words
/// again, and every new segment started from nothing.)
#[derive(Clone, Copy, Debug, Default)]
pub struct FoldAndStem;

impl TokenFilter for FoldAndStem {
    type Tokenizer<T: Tokenizer> = FoldAndStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldAndStemFilter<T> {
        FoldAndStemFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct FoldAndStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for FoldAndStemFilter<T> {
    type TokenStream<'a> = FoldAndStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldAndStemStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct FoldAndStemStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for FoldAndStemStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        STEMS.with_borrow_mut(|stems| stems.replace(text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Most words whose stems one thread remembers: past it, new words are
/// stemmed each time they come. A word costs under 100 bytes, so a thread
/// holds at most about 5 MB; 50,000 words are most of any corpus's
/// running text.
const MAX_REMEMBERED: usize = 50_000;

thread_local! {
    /// The stems this thread has made (each thread its own: no lock).
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::new(Stems::default());
}

/// Words and what they become.
#[derive(Default)]
struct Stems {
    known: FxHashMap<Box<str>, Box<str>>,
}

impl Stems {
    fn replace(&mut self, text: &mut String) {
        if let Some(stem) = self.known.get(text.as_str()) {
            text.clear();
            text.push_str(stem);
            return;
        }
        let stem = analyse(text);
        if self.known.len() < MAX_REMEMBERED {
            self.known
                .insert(text.as_str().into(), stem.as_str().into());
        }
        *text = stem;
    }
}

/// What the analysis makes of one lower-cased, ASCII-folded word.
fn analyse(word: &str) -> String {
    let mut folded = word.to_string();
    fold_name_ending(&mut folded);
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    stemmer.stem(&folded).into_owned()
}

/// "zelenskiy" and "zelenskyy" → "zelensky" (lower-case text, four or more
/// letters before the ending).
pub fn fold_name_ending(text: &mut String) {
    if text.len() > 5 && ["iy", "yy", "yi", "ij"].iter().any(|e| text.ends_with(e)) {
        text.truncate(text.len() - 2);
        text.push('y');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterated_endings_fold_and_english_words_do_not() {
        let fold = |w: &str| {
            let mut s = w.to_string();
            fold_name_ending(&mut s);
            s
        };
        assert_eq!(fold("zelenskiy"), "zelensky");
        assert_eq!(fold("zelenskyy"), "zelensky");
        assert_eq!(fold("zelensky"), "zelensky");
        assert_eq!(fold("dmitriy"), "dmitry");
        for word in ["policy", "navy", "taxi", "army", "reply", "hij"] {
            assert_eq!(fold(word), word);
        }
    }

    /// The remembered stems are the stemmer's: the same tokens with an
    /// empty memory, a full one and one that has stopped remembering.
    #[test]
    fn remembered_stems_are_the_stemmers_own() {
        let words = [
            "running",
            "runs",
            "Zelenskiy",
            "zelenskyy",
            "policies",
            "said",
            "running",
        ];
        let fresh = |w: &str| analyse(&w.to_lowercase());
        let mut stems = Stems::default();
        for round in 0..2 {
            for w in words {
                let mut text = w.to_lowercase();
                stems.replace(&mut text);
                assert_eq!(text, fresh(w), "{w} in round {round}");
            }
        }
        assert_eq!(fresh("Zelenskiy"), "zelenski");
        assert_eq!(fresh("running"), "run");
        let mut full = Stems::default();
        for n in 0..MAX_REMEMBERED + 10 {
            full.replace(&mut format!("w{n}"));
        }
        assert_eq!(full.known.len(), MAX_REMEMBERED);
        let mut text = "policies".to_string();
        full.replace(&mut text);
        assert_eq!(text, "polici");
    }
}
