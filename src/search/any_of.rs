//! A union of a few queries that is cheap to seek: a word searched in
//! several fields (`passage:x OR quote:x`) inside an intersection
//! (`+wrong +plant`, every word of a question). tantivy's union scores
//! the next 4,096 documents of each of its queries whenever it is sought
//! past them, so an intersection with a common word's union scores every
//! posting of that word; this one seeks each of its queries to the target
//! and scores a document only when asked.
//!
//! Its score is the sum of its matching queries' scores in their order,
//! as tantivy's union sums them; with at most two matching a document
//! (a word's passage and quotation fields never do both) the sum is the
//! same number whatever the order, so rewritten queries rank as before.

use tantivy::query::{
    BooleanQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Documents matching any of its queries.
#[derive(Debug)]
pub struct AnyOf {
    queries: Vec<Box<dyn Query>>,
}

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf {
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl AnyOf {
    pub fn new(queries: Vec<Box<dyn Query>>) -> AnyOf {
        AnyOf { queries }
    }

    /// The queries any of which a match matches.
    pub fn queries(&self) -> &[Box<dyn Query>] {
        &self.queries
    }
}

impl Query for AnyOf {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .queries
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(AnyOfWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.queries {
            q.query_terms(visitor);
        }
    }
}

struct AnyOfWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for w in &self.weights {
            let scorer = w.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        let doc = first_doc(&scorers);
        Ok(Box::new(AnyOfScorer { scorers, doc }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("any of", scorer.score());
        for w in &self.weights {
            if let Ok(child) = w.explain(reader, doc) {
                explanation.add_detail(child);
            }
        }
        Ok(explanation)
    }
}

/// The least document any scorer is on.
fn first_doc(scorers: &[Box<dyn Scorer>]) -> DocId {
    scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED)
}

struct AnyOfScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        for s in &mut self.scorers {
            if s.doc() == current {
                s.advance();
            }
        }
        self.doc = first_doc(&self.scorers);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for s in &mut self.scorers {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.doc = first_doc(&self.scorers);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    /// As tantivy's union's: intersections order their parts by cost, and
    /// sum their scores in that order.
    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score = 0.0;
        for s in &mut self.scorers {
            if s.doc() == doc {
                score += s.score();
            }
        }
        score
    }
}

/// `query` with each union of two terms or phrases that an intersection
/// or an exclusion seeks (the parser's `passage:x OR quote:x` for each
/// word of `+x +y` or `x -y`) made an [`AnyOf`]; scores unchanged.
pub fn cheap_unions(query: Box<dyn Query>) -> Box<dyn Query> {
    rewritten(&*query, false).unwrap_or(query)
}

/// The rewritten query, `None` when nothing in it changes.
fn rewritten(query: &dyn Query, sought: bool) -> Option<Box<dyn Query>> {
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    let clauses = boolean.clauses();
    let is_leaf = |q: &dyn Query| q.is::<TermQuery>() || q.is::<PhraseQuery>();
    if sought
        && clauses.len() == 2
        && boolean.get_minimum_number_should_match() <= 1
        && clauses
            .iter()
            .all(|(occur, q)| *occur == Occur::Should && is_leaf(&**q))
    {
        let queries = clauses.iter().map(|(_, q)| q.box_clone()).collect();
        return Some(Box::new(AnyOf::new(queries)));
    }
    let intersects = clauses.iter().any(|(occur, _)| *occur == Occur::Must);
    let mut changed = false;
    let clauses: Vec<(Occur, Box<dyn Query>)> = clauses
        .iter()
        .map(|(occur, q)| {
            let sought = *occur == Occur::MustNot || (intersects && *occur == Occur::Must);
            let new = rewritten(&**q, sought);
            changed |= new.is_some();
            (*occur, new.unwrap_or_else(|| q.box_clone()))
        })
        .collect();
    changed.then(|| {
        Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses,
            boolean.get_minimum_number_should_match(),
        )) as Box<dyn Query>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// Two text fields; each document has words in one of them, as
    /// passages and statements do.
    fn index() -> (Index, [tantivy::schema::Field; 2]) {
        let mut b = Schema::builder();
        let fields = [b.add_text_field("a", TEXT), b.add_text_field("b", TEXT)];
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..3000u32 {
            let mut text = String::from("common");
            for (word, every) in [("wrong", 7), ("plant", 5), ("rare", 997)] {
                if i % every == 0 {
                    text.push(' ');
                    text.push_str(word);
                }
            }
            let field = fields[(i % 2) as usize];
            writer.add_document(doc!(field => text)).unwrap();
        }
        writer.commit().unwrap();
        (index, fields)
    }

    #[test]
    fn an_any_of_finds_and_scores_as_the_union_it_replaces() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let parser = QueryParser::for_index(&index, fields.to_vec());
        for text in [
            "+wrong +plant",
            "+rare +common",
            "wrong -plant",
            "+plant +(wrong rare)",
        ] {
            let query = parser.parse_query(text).unwrap();
            let cheap = cheap_unions(query.box_clone());
            let top = TopDocs::with_limit(10_000).order_by_score();
            let before = searcher.search(&*query, &top).unwrap();
            let after = searcher.search(&*cheap, &top).unwrap();
            assert!(!before.is_empty(), "{text}");
            assert_eq!(before, after, "{text}");
        }
        // Each word of an intersection became one, and nothing else did.
        let described =
            |text: &str| format!("{:?}", cheap_unions(parser.parse_query(text).unwrap()));
        assert_eq!(described("+wrong +plant").matches("AnyOf").count(), 2);
        assert_eq!(described("wrong -plant").matches("AnyOf").count(), 1);
        assert!(!described("wrong").contains("AnyOf"));
        assert!(!described("wrong plant").contains("AnyOf"));
    }
}
