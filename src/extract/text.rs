//! Tokens and sentences of one paragraph, with each quoted span folded into a
//! single token so that attribution reads the frame around the quotes.

use std::ops::Range;

use compact_str::CompactString;

use super::quotes::QuoteSpan;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct(char),
    /// A quoted span, by index into the article's spans.
    Quote(usize),
}

/// A token with its byte range in the article.
#[derive(Clone, Debug)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// For words: lowercased, without a final period (see [`key`]); computed
    /// once here because attribution looks words up many times.
    pub key: CompactString,
    /// The hash of `key` as a part of a learned model's feature names
    /// ([`super::linear::Part`]): the cue model scores most words with their
    /// neighbours', so each word is hashed once here, not once a neighbour.
    pub key_hash: u64,
    /// Whether the token stands in a sentence written in title case or in
    /// capitals ("Obama To Asians Worried About U.S. Election", "FIX IS
    /// IN"): a headline, whose capitals say nothing of which words are names.
    pub headline: bool,
}

impl Token {
    /// A token that is not a word: no key.
    fn keyless(range: Range<usize>, kind: TokenKind) -> Token {
        Token {
            range,
            kind,
            key: CompactString::default(),
            key_hash: EMPTY_KEY_HASH,
            headline: false,
        }
    }

    /// A word token, its key made once.
    fn word(range: Range<usize>, word: &str) -> Token {
        let key = compact_key(word);
        let key_hash = super::linear::Part::new(&key).hash;
        Token {
            range,
            kind: TokenKind::Word,
            key,
            key_hash,
            headline: false,
        }
    }
}

/// The hash of the empty key, as [`Token::key_hash`] of a token that is not
/// a word.
const EMPTY_KEY_HASH: u64 = super::linear::Part::new("").hash;

/// Abbreviations that keep their period ("Mr. Rubio" is not two sentences).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col", "maj",
    "capt", "adm", "sgt", "st", "jr", "sr", "prof", "rev", "hon", "atty", "pres", "no", "vs",
    "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "ft", "mt", "gens", "govs", "supt", "cmdr", "amb", "ariz", "calif", "fla",
    "mass", "mich", "minn", "penn", "tenn", "tex", "va", "wash", "wis", "conn", "ill", "ind", "ky",
    "la", "md", "mo", "nev", "okla", "ore", "pa", "colo", "ala", "ark", "del", "ga", "kan", "miss",
    "neb", "wyo",
];

/// A paragraph read as tokens and sentences.
pub struct Frame {
    pub tokens: Vec<Token>,
    /// Token index of each of this paragraph's quotes, in order.
    quote_tokens: Vec<usize>,
    /// Index of the paragraph's first quote in the article's span list.
    first_span: usize,
    /// Token index ranges, one per sentence.
    pub sentences: Vec<Range<usize>>,
    /// What the attribution labeller makes of each token, once an article
    /// has it label the frame (empty before).
    pub labels: Vec<u8>,
    /// Each token's coarse word class ([`super::tagger::COARSE_CLASSES`]),
    /// as the labeller read it (empty before).
    pub coarse: Vec<u8>,
}

impl Frame {
    /// Tokenises `range` of `text`; `spans` are this paragraph's quoted spans
    /// (indices into the article's span list given by `first_span`).
    pub fn read(text: &str, range: Range<usize>, spans: &[QuoteSpan], first_span: usize) -> Frame {
        let mut tokens = Vec::new();
        let mut pos = range.start;
        for (k, span) in spans.iter().enumerate() {
            tokenize(text, pos..span.open, &mut tokens);
            tokens.push(Token::keyless(
                span.open..span.end(),
                TokenKind::Quote(first_span + k),
            ));
            pos = span.end();
        }
        tokenize(text, pos..range.end, &mut tokens);
        let sentences = split_sentences(text, &tokens, spans, first_span);
        for sentence in &sentences {
            mark_headline(text, &mut tokens[sentence.clone()]);
        }
        let quote_tokens = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.kind, TokenKind::Quote(_)))
            .map(|(i, _)| i)
            .collect();
        Frame {
            tokens,
            quote_tokens,
            first_span,
            sentences,
            labels: Vec::new(),
            coarse: Vec::new(),
        }
    }

    /// The sentence (token range) holding token `t`.
    pub fn sentence_of(&self, t: usize) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.end <= t);
        self.sentences
            .get(i)
            .filter(|s| s.contains(&t))
            .cloned()
            .unwrap_or(t..t + 1)
    }

    /// The bytes of the article text that a (non-empty) run of tokens covers.
    pub fn bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].range.start..self.tokens[tokens.end - 1].range.end
    }

    /// Token index of the quote token for span `span`.
    pub fn quote_token(&self, span: usize) -> Option<usize> {
        self.quote_tokens
            .get(span.checked_sub(self.first_span)?)
            .copied()
    }

    /// How many quotes the paragraph holds.
    pub fn quote_count(&self) -> usize {
        self.quote_tokens.len()
    }
}

/// The word and punctuation tokens of `text[range]`, quotation marks and
/// the words inside them included (a frame keeps a quotation as one token).
pub fn plain_tokens(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    tokenize_with(text, range, &mut tokens, false);
    tokens.into_iter().map(|t| t.range).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character at byte `k` of `s` and its length: ASCII without decoding.
#[inline]
fn char_at(s: &str, k: usize) -> (char, usize) {
    let b = s.as_bytes()[k];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = s[k..].chars().next().expect("a character starts here");
    (c, c.len_utf8())
}

/// Appends the word and punctuation tokens of `range`.
fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    tokenize_with(text, range, out, true)
}

/// [`tokenize`], making each word's key only when `keys` (a caller that
/// wants only where the tokens are spares the work).
fn tokenize_with(text: &str, range: Range<usize>, out: &mut Vec<Token>, keys: bool) {
    if range.start >= range.end {
        return;
    }
    let s = &text[range.clone()];
    let mut k = 0;
    while k < s.len() {
        let (c, len) = char_at(s, k);
        let i = k;
        k += len;
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            out.push(Token::keyless(
                range.start + i..range.start + k,
                TokenKind::Punct(c),
            ));
            continue;
        }
        let mut end = k;
        while k < s.len() {
            let (d, dlen) = char_at(s, k);
            if is_word_char(d) {
                k += dlen;
                end = k;
                continue;
            }
            // Joiners stay inside a word when a letter follows:
            // "Trump’s", "Article-5", "U.S", "AT&T".
            if matches!(d, '’' | '\'' | '-' | '.' | '&') {
                let after = s[k + dlen..].chars().next();
                // A period joins only short pieces ("U.S", "p.m", "Ph.D",
                // a party tag's state: "D-N.Y", "R-S.C"), never two
                // words run together ("said.Trump").
                let joins = d != '.' || {
                    let piece = s[i..k].rsplit('.').next().unwrap_or("");
                    let piece = party_tag_state(piece).unwrap_or(piece);
                    piece.chars().count() <= 2
                };
                if joins && after.is_some_and(is_word_char) {
                    k += dlen;
                    end = k;
                    continue;
                }
            }
            break;
        }
        // A trailing period belongs to abbreviations and initials.
        if s[end..].starts_with('.') {
            let word = &s[i..end];
            let lower = word.to_lowercase();
            let initial = word.chars().count() == 1 && c.is_uppercase();
            if initial || word.contains('.') || ABBREVIATIONS.contains(&lower.as_str()) {
                end += 1;
                k = end;
            }
        }
        let word = range.start + i..range.start + end;
        out.push(if keys {
            Token::word(word, &s[i..end])
        } else {
            Token::keyless(word, TokenKind::Word)
        });
    }
}

/// The state of a party tag ("N" of "D-N", "Calif" of "R-Calif"): a
/// capital letter and a hyphen before it.
fn party_tag_state(word: &str) -> Option<&str> {
    let (party, state) = word.split_once('-')?;
    let mut letters = party.chars();
    let one_capital =
        letters.next().is_some_and(|c| c.is_ascii_uppercase()) && letters.next().is_none();
    one_capital.then_some(state)
}

fn split_sentences(
    text: &str,
    tokens: &[Token],
    spans: &[QuoteSpan],
    first_span: usize,
) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        let next_starts_sentence = tokens.get(i + 1).is_some_and(|n| match n.kind {
            TokenKind::Quote(_) => true,
            TokenKind::Word => text[n.range.clone()]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
            // "… said. (Just take a look.)": a bracket opening a sentence.
            TokenKind::Punct('(' | '[') => tokens.get(i + 2).is_some_and(|w| {
                w.kind == TokenKind::Word
                    && text[w.range.clone()]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            }),
            TokenKind::Punct(_) => false,
        });
        let ends = match token.kind {
            // "(Just look at it.) The …": the bracket closes the sentence.
            TokenKind::Punct(')' | ']') => {
                i > 0 && matches!(tokens[i - 1].kind, TokenKind::Punct('.' | '?' | '!'))
            }
            TokenKind::Punct(c) => matches!(c, '.' | '?' | '!'),
            TokenKind::Quote(k) => {
                let span = &spans[k - first_span];
                span.close.is_none()
                    || (text[span.inner.clone()].ends_with(['.', '?', '!', '…'])
                        && next_starts_sentence
                        && !attribution_follows(&tokens[i + 1..]))
            }
            TokenKind::Word => false,
        };
        if ends && (next_starts_sentence || i + 1 == tokens.len()) {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

/// Marks the words of a sentence written as headlines are
/// ([`Token::headline`]). In title case (nearly every word capitalised,
/// with one after the first that is never a name: "Obama *To* Asians
/// Worried *About* …"; or every word of a long line that is no list of
/// names: "Jeb Bush Super PAC Chief Praises Marco Rubio Donor’s …", not
/// "Rogers, Nick Ryan, Matt Schultz, …"), all its words. In capitals (half
/// its capitalised words or more: "FIX IS IN: PBS Moderators …", "TOO
/// EARLY, Mark Blumenthal and Jon Cohen:"), the words in capitals only:
/// the others are written as names are.
fn mark_headline(text: &str, tokens: &mut [Token]) {
    // Most sentences are told by their first letters alone.
    let first_letters = tokens.iter().filter_map(|t| {
        (t.kind == TokenKind::Word)
            .then(|| text[t.range.clone()].chars().next())
            .flatten()
            .filter(|c| c.is_alphabetic())
    });
    let (letters, capitals) = first_letters.fold((0, 0), |(n, c), first| {
        (n + 1, c + usize::from(first.is_uppercase()))
    });
    if letters < 4 || capitals * 5 < letters * 4 {
        return;
    }
    let mut in_capitals = 0;
    let mut never_names = 0;
    let mut commas = 0;
    let all_capitals = |word: &str| word.len() > 1 && !word.chars().any(char::is_lowercase);
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Punct(',') => commas += 1,
            TokenKind::Word if is_capitalized(&text[t.range.clone()]) => {
                in_capitals += usize::from(all_capitals(&text[t.range.clone()]));
                let key = t.key.as_str();
                let never_a_name = super::lexicon::is_not_name(key)
                    && !super::lexicon::is_title(key)
                    && key != "i";
                never_names += usize::from(i > 0 && never_a_name);
            }
            _ => {}
        }
    }
    if in_capitals >= 3 && in_capitals * 2 >= capitals {
        for t in tokens.iter_mut() {
            t.headline = t.kind == TokenKind::Word && all_capitals(&text[t.range.clone()]);
        }
    } else if never_names > 0 || (capitals == letters && letters >= 6 && commas <= 1) {
        for t in tokens.iter_mut() {
            t.headline = true;
        }
    }
}

/// Whether the tokens open with an attribution ("Trump said", "he added",
/// "said the senator"): then a quote ending in "!" or "." does not end the
/// sentence, since the attribution belongs to it.
fn attribution_follows(tokens: &[Token]) -> bool {
    for (j, t) in tokens.iter().take(5).enumerate() {
        if t.kind != TokenKind::Word {
            return false;
        }
        if super::lexicon::is_cue(&t.key) {
            // "Cruz says he isn't familiar with it", "Trump said the jet
            // cost more": a subject, a cue and a clause are a sentence of
            // their own, which reports speech, not the quotation's.
            let next = tokens.get(j + 1).map(|n| n.key.as_str());
            let told = super::lexicon::tells_someone(&t.key);
            let clause = next.is_some_and(|w| {
                matches!(w, "that" | "he" | "she" | "they" | "we" | "i" | "there")
                    || (!told && matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its"))
            });
            return j == 0 || !clause;
        }
    }
    false
}

/// The text of a word token with a possessive ending removed, and whether it had one.
pub fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

/// [`key`] without a heap allocation for words of up to 24 bytes.
pub fn compact_key(word: &str) -> CompactString {
    let word = word.trim_end_matches('.');
    if word.is_ascii() {
        let mut k = CompactString::from(word);
        k.make_ascii_lowercase();
        k
    } else {
        CompactString::from(word.to_lowercase())
    }
}

/// Calls `f` with [`key`]`(word)`, without allocating for short words.
pub fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    f(&compact_key(word))
}

/// Lowercased word without a final period, for table look-ups.
pub fn key(word: &str) -> String {
    compact_key(word).into_string()
}

/// True when the word starts with a capital letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        out.into_iter().map(|t| s[t.range].to_string()).collect()
    }

    #[test]
    fn abbreviations_and_possessives_stay_whole() {
        assert_eq!(
            words("Mr. Rubio told ABC’s U.S. desk."),
            ["Mr.", "Rubio", "told", "ABC’s", "U.S.", "desk", "."]
        );
        // A party tag's state keeps its periods: no sentence ends at "N.".
        assert_eq!(
            words("Chuck Schumer, D-N.Y., said yes. Graham, R-S.C. agreed."),
            [
                "Chuck", "Schumer", ",", "D-N.Y.", ",", "said", "yes", ".", "Graham", ",",
                "R-S.C.", "agreed", "."
            ]
        );
        assert_eq!(words("well-to-do.It"), ["well-to-do", ".", "It"]);
    }

    #[test]
    fn letters_of_several_bytes_are_word_letters_and_other_signs_tokens() {
        assert_eq!(
            words("Hélène’s aide—“Ça va,” dit-il: 5.5% ¿no? Zelenskyy…"),
            [
                "Hélène’s",
                "aide",
                "—",
                "“",
                "Ça",
                "va",
                ",",
                "”",
                "dit-il",
                ":",
                "5.5",
                "%",
                "¿",
                "no",
                "?",
                "Zelenskyy",
                "…"
            ]
        );
    }

    /// The words `mark_headline` marks in the paragraph `s`.
    fn headline_words(s: &str) -> Vec<String> {
        let frame = Frame::read(s, 0..s.len(), &[], 0);
        frame
            .tokens
            .iter()
            .filter(|t| t.headline && t.kind == TokenKind::Word)
            .map(|t| s[t.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn headlines_are_told_from_sentences_with_many_names() {
        // Title case: every word.
        assert_eq!(
            headline_words("Ames Praises Harbor Plan, Says Work Will Start In Spring.").len(),
            10
        );
        assert_eq!(
            headline_words("Jeb Bush Super PAC Chief Praises Marco Rubio Donor.").len(),
            9
        );
        // Capitals: the words in capitals only.
        assert_eq!(
            headline_words("IOWA POLLS NOT WRONG, JUST TOO EARLY - Mark Blumenthal and Jon Cohen:"),
            ["IOWA", "POLLS", "NOT", "WRONG", "JUST", "TOO", "EARLY"]
        );
        // Names and titles, a list of names, a short line: no headline.
        for s in [
            "Sen. Ted Cruz, Sen. Marco Rubio and Gov. John Kasich spoke.",
            "Rogers, Nick Ryan, Matt Schultz, Tamara Scott, Joni Scotter.",
            "Trump Wins.",
            "The NAACP said the FBI and the ACLU agreed.",
        ] {
            assert!(headline_words(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn sentences_split_after_quotes_that_end_one() {
        let text = "“We made progress,” Mr. Rubio said on ABC’s “This Week.” “We are off.”";
        let spans = super::super::quotes::find_quote_spans(text, &[(0, 0..text.len())]);
        let frame = Frame::read(text, 0..text.len(), &spans, 0);
        assert_eq!(frame.sentences.len(), 2);
    }

    #[test]
    fn a_bracket_that_opens_a_sentence_starts_one() {
        let text =
            "The plan is bad, Ms. Wong said. (Just look at it.) The tolls (two of them) rise.";
        let frame = Frame::read(text, 0..text.len(), &[], 0);
        assert_eq!(frame.sentences.len(), 3);
    }
}
