//! What a typed query means. People type words into a search box ("what did
//! Rubio say about sanctions"), scripts type syntax (`"peace deal" AND
//! speaker:rubio`); both are answered.
//!
//! Words that are not syntax are ranked with every word optional: a hit
//! holding all of them always comes before one that misses any (a constant
//! bonus above the highest score the others can reach), common question
//! words are dropped, and a word that names a speaker also matches that
//! speaker's statements. Syntax goes to tantivy's parser, conjunctive by
//! default; syntax that does not parse is searched as words with a note,
//! unless the caller is strict.

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::extract::names::fold_tokens;
use crate::index::{Fields, QuarryIndex};
use crate::search::AnyOf;

/// Words a question is made of that say nothing of what it is about.
const QUESTION_WORDS: &[&str] = &[
    "a", "about", "an", "and", "any", "are", "as", "at", "be", "been", "by", "can", "could", "did",
    "do", "does", "for", "from", "has", "have", "how", "i", "in", "is", "it", "its", "me", "of",
    "on", "or", "say", "said", "says", "saying", "tell", "that", "the", "their", "them", "they",
    "this", "to", "told", "was", "were", "what", "whats", "when", "where", "which", "who", "whom",
    "why", "will", "with", "would", "you",
];

/// How much more a word counts when it names the speaker of a statement
/// than when it is in the text.
const SPEAKER_BOOST: f32 = 2.0;
/// tantivy's BM25 saturation: a term's score stays below `idf × (1 + K1)`.
const BM25_K1: f32 = 1.2;

/// A query as understood.
pub struct Understood {
    /// What ranks the hits.
    pub ranked: Box<dyn Query>,
    /// Documents that hold every word (all of `ranked`'s for syntax): what
    /// tallies count.
    pub every_word: Box<dyn Query>,
    /// The matches `ranked` puts above all its others, best first, each
    /// within the next (plain words: the statements holding every word of
    /// a question, then the documents holding every word of several): a
    /// page one of them fills is theirs.
    pub first: Vec<Box<dyn Query>>,
    /// Said to the user on stderr: how the query was read, when not as typed.
    pub note: Option<String>,
    /// Whether the query can match article documents (their metadata):
    /// plain words cannot, they search passages, quotations and speakers.
    pub may_match_articles: bool,
    /// `ranked` as parts of one text field each, when it is their union
    /// ([`parse_by_field`]): the same matches with the same scores, where
    /// a part that is a conjunction of terms can be ranked with block-max
    /// WAND and the union of fields cannot. Empty when it does not split.
    pub by_field: Vec<Box<dyn Query>>,
}

/// Why a query cannot be searched at all.
#[derive(Debug)]
pub enum Refused {
    /// No words, or syntax that does not parse when the caller is strict.
    Invalid(String),
    Index(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for Refused {
    fn from(e: tantivy::TantivyError) -> Self {
        Refused::Index(e)
    }
}

/// Reads `query`. With `strict`, it is syntax only (plain words must all
/// match, as tantivy's parser has it) and a syntax error is refused.
pub fn understand(
    qi: &QuarryIndex,
    searcher: &Searcher,
    query: &str,
    strict: bool,
    text: &[Field],
) -> Result<Understood, Refused> {
    if query.trim().is_empty() {
        return Err(Refused::Invalid("the query is empty".into()));
    }
    if let Some(field) = field_with_any_value(qi, query) {
        return Err(Refused::Invalid(format!(
            "`{field}:*` (every document with a {field}) cannot be searched; use {field}:WORD, or * alone for everything"
        )));
    }
    if strict || has_syntax(query) {
        match parse_syntax(qi, query, text) {
            Ok(parsed) => {
                let by_field = parse_by_field(qi, query, text).unwrap_or_default();
                return Ok(Understood {
                    every_word: parsed.box_clone(),
                    first: Vec::new(),
                    ranked: parsed,
                    note: None,
                    // A query of parts that each need a word of their own
                    // field cannot match an article, which has neither.
                    may_match_articles: by_field.is_empty(),
                    by_field,
                });
            }
            Err(reason) if strict => return Err(Refused::Invalid(reason)),
            Err(reason) => {
                let mut words = as_words(qi, searcher, query, text)?;
                words.note = Some(format!(
                    "searched as words: not valid query syntax ({reason}); --strict refuses it"
                ));
                return Ok(words);
            }
        }
    }
    as_words(qi, searcher, query, text)
}

/// Parses `query` with tantivy's syntax over the `text` fields (passages,
/// quotations or both), all terms required; an error says where and why.
pub fn parse_syntax(
    qi: &QuarryIndex,
    query: &str,
    text: &[Field],
) -> Result<Box<dyn Query>, String> {
    let mut parser = QueryParser::for_index(&qi.index, text.to_vec());
    parser.set_conjunction_by_default();
    parser
        .parse_query(query)
        .map_err(|e| syntax_problem(query).unwrap_or_else(|| e.to_string()))
}

/// [`parse_syntax`] once for each of the `text` fields, when the query
/// over all of them is the union of these parts: each names only its own
/// field and matches no document without one of its terms. A document
/// holds the words of one text field only (a passage's or a statement's),
/// so it matches the whole query exactly when it matches its field's part,
/// with the same score (a term of another field adds nothing), and no two
/// parts match one document. `None` when the query does not split so
/// (`speaker:rubio`, `*`, `-war` alone, one text field).
pub fn parse_by_field(
    qi: &QuarryIndex,
    query: &str,
    text: &[Field],
) -> Option<Vec<Box<dyn Query>>> {
    if text.len() < 2 {
        return None;
    }
    text.iter()
        .map(|&field| {
            let part = parse_syntax(qi, query, &[field]).ok()?;
            let mut own = true;
            part.query_terms(&mut |term, _| own &= term.field() == field);
            (own && needs_a_term(&*part)).then_some(part)
        })
        .collect()
}

/// Whether no document matches `query` without holding one of its terms:
/// `false` where that is not known (`*`, a range, a negation alone, a
/// boost, whose inner query tantivy does not show).
fn needs_a_term(query: &dyn Query) -> bool {
    if query.is::<TermQuery>() || query.is::<PhraseQuery>() {
        return true;
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return false;
    };
    let clauses = boolean.clauses();
    let must = |occur: Occur| clauses.iter().filter(move |(o, _)| *o == occur);
    if must(Occur::Must).next().is_some() {
        return must(Occur::Must).any(|(_, q)| needs_a_term(&**q));
    }
    // Only optional clauses (and exclusions): one of them must match.
    must(Occur::Should).next().is_some() && must(Occur::Should).all(|(_, q)| needs_a_term(&**q))
}

/// The first `field:*` of `query` (outside quotation marks) whose field
/// cannot answer it: tantivy reads "has any value" from a fast column, which
/// only the date has.
fn field_with_any_value<'q>(qi: &QuarryIndex, query: &'q str) -> Option<&'q str> {
    let schema = qi.index.schema();
    let mut quoted = false;
    let unquoted = query.split(|c: char| {
        if c == '"' {
            quoted = !quoted;
        }
        quoted || c.is_whitespace() || matches!(c, '(' | ')' | '"')
    });
    unquoted
        .filter_map(|word| word.trim_start_matches(['+', '-']).strip_suffix(":*"))
        .find(|field| {
            schema
                .get_field(field)
                .is_ok_and(|f| !schema.get_field_entry(f).is_fast())
        })
}

/// Whether `query` uses any of the parser's syntax: quotation marks,
/// parentheses, `field:`, `+`/`-` before a word, wildcards, fuzziness,
/// boosts, ranges, or AND/OR/NOT in capitals.
pub fn has_syntax(query: &str) -> bool {
    query.contains(['"', '(', ')', ':', '*', '~', '^', '[', ']', '{', '}'])
        || query
            .split_whitespace()
            .any(|w| w.starts_with(['+', '-']) || matches!(w, "AND" | "OR" | "NOT" | "IN"))
}

/// Where and why a query is not valid syntax, for the usual mistakes.
fn syntax_problem(query: &str) -> Option<String> {
    let mut open_paren = Vec::new();
    let mut open_quote = None;
    for (i, c) in query.chars().enumerate() {
        let at = i + 1;
        match c {
            '"' if open_quote.is_some() => open_quote = None,
            '"' => open_quote = Some(at),
            '(' if open_quote.is_none() => open_paren.push(at),
            ')' if open_quote.is_none() && open_paren.pop().is_none() => {
                return Some(format!("the ')' at character {at} closes no '('"));
            }
            _ => {}
        }
    }
    if let Some(at) = open_quote {
        return Some(format!(
            "the quotation mark at character {at} is never closed"
        ));
    }
    if let Some(at) = open_paren.last() {
        return Some(format!("the '(' at character {at} is never closed"));
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    if let Some(last) = words.last() {
        if matches!(*last, "AND" | "OR" | "NOT") {
            return Some(format!("{last} at the end has nothing after it"));
        }
        if matches!(*last, "+" | "-") || last.ends_with(':') {
            return Some(format!("'{last}' at the end has no word after it"));
        }
    }
    if let Some(first) = words.first() {
        if matches!(*first, "AND" | "OR") {
            return Some(format!("{first} at the start has nothing before it"));
        }
    }
    None
}

/// One word of a plain query: its tokens in the text fields and, when it
/// names a speaker, its folded form in the speaker field.
struct Word {
    tokens: Vec<String>,
    speaker: Option<String>,
}

/// Plain words: any word matches, all words rank first, names match their
/// speakers' statements.
fn as_words(
    qi: &QuarryIndex,
    searcher: &Searcher,
    query: &str,
    text: &[Field],
) -> Result<Understood, Refused> {
    let f = &qi.fields;
    let raw: Vec<String> = query
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '-')))
        .map(|w| w.trim_matches(['\'', '’', '.', '-']).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let bare = |w: &str| w.to_lowercase().replace(['\'', '’'], "");
    // "who talked about a ceasefire", "what did Rubio say about sanctions":
    // a question about what was said asks for statements, and its verb of
    // saying is not a word to find.
    let question = is_question(query, &raw);
    let about_speech = question && raw.iter().any(|w| is_speech_verb(&bare(w)));
    let content: Vec<&String> = raw
        .iter()
        .filter(|w| {
            let bare = bare(w);
            let asks_who_said = about_speech && is_speech_verb(&bare);
            !(QUESTION_WORDS.contains(&bare.as_str()) || asks_who_said)
        })
        .collect();
    // A query of question words only ("who said what") keeps them.
    let kept: Vec<&String> = if content.is_empty() {
        raw.iter().collect()
    } else {
        content
    };
    let mut analyzer = qi.index.tokenizer_for_field(f.passage)?;
    let mut words = Vec::new();
    for w in kept {
        let mut tokens = Vec::new();
        let mut stream = analyzer.token_stream(w);
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        let folded = fold_tokens(w);
        let speaker = match folded.as_slice() {
            [one] if searcher.doc_freq(&Term::from_field_text(f.speaker_id, one))? > 0 => {
                Some(one.clone())
            }
            _ => None,
        };
        if !tokens.is_empty() || speaker.is_some() {
            words.push(Word { tokens, speaker });
        }
    }
    if words.is_empty() {
        return Err(Refused::Invalid(format!(
            "no words to search for in {query:?}"
        )));
    }
    let docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    // Each word matches any of its fields (and its speaker): a union that
    // intersections seek, so one cheap to seek ([`AnyOf`]).
    let mut per_word: Vec<Box<dyn Query>> = Vec::new();
    let mut one_word: Option<Box<dyn Query>> = None;
    let mut bonus = 0.0f32;
    for word in &words {
        let (either, ceiling) = word_query(searcher, f, word, docs, text)?;
        per_word.push(Box::new(AnyOf::new(
            either.iter().map(|q| q.box_clone()).collect(),
        )));
        if words.len() == 1 {
            one_word = Some(Box::new(BooleanQuery::union(either)));
        }
        bonus += ceiling;
    }
    let every_word: Box<dyn Query> = Box::new(BooleanQuery::new(
        per_word
            .iter()
            .map(|q| (Occur::Must, q.box_clone()))
            .collect(),
    ));
    let mut clauses = per_word;
    let mut first = Vec::new();
    if words.len() > 1 {
        // Above anything a hit that misses a word can score.
        clauses.push(Box::new(ConstScoreQuery::new(
            every_word.box_clone(),
            bonus.ceil() + 1.0,
        )));
        first.push(every_word.box_clone());
    }
    if about_speech {
        // Statements holding every word, above paragraphs holding them.
        let statements = crate::search::of_kind(f, crate::search::Kind::Statement)
            .expect("statements are some kinds");
        let said: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, every_word.box_clone()),
            (Occur::Must, statements),
        ]));
        clauses.push(Box::new(ConstScoreQuery::new(
            said.box_clone(),
            2.0 * bonus.ceil() + 2.0,
        )));
        first.insert(0, said);
    }
    // One word alone ranks by its own clause: a union of its terms, which
    // tantivy ranks with block-max WAND once the count's bound is passed.
    // More are a union that the matches of each of `first` are sought in.
    let ranked: Box<dyn Query> = match (words.len(), about_speech, one_word) {
        (1, false, Some(one)) => one,
        _ => Box::new(AnyOf::new(clauses)),
    };
    Ok(Understood {
        ranked,
        every_word,
        first,
        note: None,
        may_match_articles: false,
        by_field: Vec::new(),
    })
}

/// Whether plain words read as a question: they open with a question word
/// or end with a question mark.
fn is_question(query: &str, words: &[String]) -> bool {
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    query.trim_end().ends_with('?')
        || matches!(
            first.as_str(),
            "who"
                | "whom"
                | "what"
                | "whats"
                | "what's"
                | "when"
                | "where"
                | "which"
                | "how"
                | "did"
                | "does"
                | "do"
                | "has"
                | "have"
                | "why"
        )
}

/// Whether `word` (lowercase) is a verb of saying: a cue of the extractor,
/// or one that asks what was said ("talked", "spoke", "discussed").
fn is_speech_verb(word: &str) -> bool {
    crate::extract::lexicon::is_cue(word)
        || matches!(
            word,
            "talk"
                | "talked"
                | "talking"
                | "discuss"
                | "discussed"
                | "discussing"
                | "comment"
                | "commented"
                | "claim"
                | "claimed"
                | "tweet"
                | "tweeted"
                | "speak"
        )
}

/// The queries for one word (its text in either field, or its speaker),
/// any of which it matches, and the most they can add to a score.
fn word_query(
    searcher: &Searcher,
    f: &Fields,
    word: &Word,
    docs: u64,
    text: &[Field],
) -> tantivy::Result<(Vec<Box<dyn Query>>, f32)> {
    let idf = |term: &Term| -> tantivy::Result<f32> {
        let n = searcher.doc_freq(term)? as f32;
        Ok((1.0 + (docs as f32 - n + 0.5) / (n + 0.5)).ln().max(0.0))
    };
    let mut either: Vec<Box<dyn Query>> = Vec::new();
    let mut ceiling = 0.0;
    for field in [f.passage, f.quote] {
        let terms: Vec<Term> = word
            .tokens
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        // The ceiling is every text field's, searched or not, so that a
        // statement scores the same whatever kinds a request searches.
        for term in &terms {
            ceiling += idf(term)? * (1.0 + BM25_K1);
        }
        if !text.contains(&field) {
            continue;
        }
        let q: Box<dyn Query> = match terms.len() {
            0 => continue,
            1 => Box::new(TermQuery::new(
                terms[0].clone(),
                IndexRecordOption::WithFreqs,
            )),
            _ => Box::new(PhraseQuery::new(terms)),
        };
        either.push(q);
    }
    if let Some(name) = &word.speaker {
        let term = Term::from_field_text(f.speaker_id, name);
        ceiling += idf(&term)? * (1.0 + BM25_K1) * SPEAKER_BOOST;
        either.push(Box::new(BoostQuery::new(
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            SPEAKER_BOOST,
        )));
    }
    Ok((either, ceiling))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_not_syntax() {
        assert!(!has_syntax("what did Rubio say about sanctions?"));
        assert!(!has_syntax("U.S.-Russia talks"));
        assert!(has_syntax("\"peace deal\""));
        assert!(has_syntax("peace -ukraine"));
        assert!(has_syntax("speaker:rubio"));
        assert!(has_syntax("peace AND talks"));
    }

    #[test]
    fn syntax_splits_by_field_where_each_part_needs_a_word_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let qi = QuarryIndex::open_or_create_for(&dir.path().join("index"), None).unwrap();
        let f = qi.fields;
        let text = [f.passage, f.quote];
        for query in [
            "+state +going",
            "\"peace deal\"",
            "peace -war",
            "(sanctions OR tariffs) AND rubio",
        ] {
            let parts = parse_by_field(&qi, query, &text).unwrap_or_else(|| panic!("{query}"));
            assert_eq!(parts.len(), 2, "{query}");
            for (part, field) in parts.iter().zip(text) {
                let mut fields = Vec::new();
                part.query_terms(&mut |term, _| fields.push(term.field()));
                assert!(
                    !fields.is_empty() && fields.iter().all(|&f| f == field),
                    "{query}"
                );
            }
        }
        // Other fields, no word required, a boost that hides its query.
        for query in [
            "speaker:rubio",
            "speaker:rubio sanctions",
            "title:summit OR peace",
            "*",
            "-war",
            "peace^2",
        ] {
            assert!(parse_by_field(&qi, query, &text).is_none(), "{query}");
        }
        assert!(parse_by_field(&qi, "+state +going", &[f.quote]).is_none());
    }

    #[test]
    fn syntax_errors_say_where_and_why() {
        let p = |q| syntax_problem(q).unwrap();
        assert_eq!(
            p("say \"peace"),
            "the quotation mark at character 5 is never closed"
        );
        assert_eq!(p("(peace"), "the '(' at character 1 is never closed");
        assert_eq!(p("peace)"), "the ')' at character 6 closes no '('");
        assert_eq!(p("peace AND"), "AND at the end has nothing after it");
        assert_eq!(p("title:"), "'title:' at the end has no word after it");
    }
}
