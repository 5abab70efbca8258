//! Token filters of quarry's own for the English text fields.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Folds the endings by which transliterated names differ — Zelenskiy,
/// Zelenskyy and Zelensky; Dmitriy and Dmitry — to one "y", so that a
/// search for any spelling finds them all, as `--speaker` does. Only word
/// endings that English words do not have ("iy", "yy", "yi", "ij") are
/// touched: folding more (doubled letters) would make "committee" and
/// "commit" one word.
#[derive(Clone, Copy, Debug, Default)]
pub struct NameEndings;

impl TokenFilter for NameEndings {
    type Tokenizer<T: Tokenizer> = NameEndingsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> NameEndingsFilter<T> {
        NameEndingsFilter(tokenizer)
    }
}

#[derive(Clone)]
pub struct NameEndingsFilter<T>(T);

impl<T: Tokenizer> Tokenizer for NameEndingsFilter<T> {
    type TokenStream<'a> = NameEndingsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NameEndingsStream(self.0.token_stream(text))
    }
}

pub struct NameEndingsStream<S>(S);

impl<S: TokenStream> TokenStream for NameEndingsStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        fold_name_ending(&mut self.0.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
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
}
