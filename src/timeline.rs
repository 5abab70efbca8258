//! Matching statements over time: counts per day, week or month, split by
//! the speakers (or outlets) who have the most of them — the data of
//! `quarry serve`'s timeline chart (`/api/timeline`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};
use time::{Date, Duration};

use crate::index::QuarryIndex;
use crate::meta::{format_date, from_index_date};
use crate::search::{filtered, Kind, Request, SearchError};
use crate::tally::{counted_query, CountBy};

/// How long one bar of the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
}

impl Interval {
    pub fn parse(name: &str) -> Result<Interval, String> {
        match name {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            other => Err(format!("interval {other:?}: expected day, week or month")),
        }
    }

    /// The first day of the bar that holds `day` (weeks start on Monday).
    fn start(self, day: Date) -> Date {
        match self {
            Interval::Day => day,
            Interval::Week => day - Duration::days(day.weekday().number_days_from_monday() as i64),
            Interval::Month => day.replace_day(1).expect("every month has a first day"),
        }
    }
}

/// The timeline of a request.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    pub interval: Interval,
    /// `speaker` or `outlet`.
    pub by: &'static str,
    /// The names the counts are split by, most statements first; the last
    /// column of each bar counts everyone else.
    pub series: Vec<String>,
    pub buckets: Vec<Bucket>,
    /// Matching statements of undated articles (not on the timeline).
    pub undated: u64,
}

/// One bar.
#[derive(Clone, Debug, Serialize)]
pub struct Bucket {
    /// Its first day, `YYYY-MM-DD`.
    pub start: String,
    pub total: u64,
    /// One count per name of `series`, then the others'.
    pub counts: Vec<u64>,
}

/// Counts the statements matching `req` by date and name, the `top` names
/// with most statements in their own series.
pub fn timeline(
    qi: &QuarryIndex,
    req: &Request,
    interval: Interval,
    by: CountBy,
    top: usize,
) -> Result<Timeline, SearchError> {
    let searcher = qi.searcher()?;
    let req = Request {
        kind: match req.kind {
            Kind::Quote | Kind::Reported => req.kind,
            _ => Kind::Statement,
        },
        ..req.clone()
    };
    let query = filtered(qi, counted_query(qi, &searcher, &req)?, &req);
    let counted = searcher.search(
        &*query,
        &DayNames {
            column: by.column(),
        },
    )?;
    let mut undated = 0;
    let mut per_name: HashMap<String, u64> = HashMap::new();
    let mut per_bar: BTreeMap<Date, HashMap<String, u64>> = BTreeMap::new();
    for ((day, name), n) in counted {
        let Some(day) = day else {
            undated += n;
            continue;
        };
        *per_name.entry(name.clone()).or_default() += n;
        *per_bar
            .entry(interval.start(day))
            .or_default()
            .entry(name)
            .or_default() += n;
    }
    let mut names: Vec<(String, u64)> = per_name
        .into_iter()
        .filter(|(n, _)| !n.is_empty())
        .collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let series: Vec<String> = names.into_iter().take(top).map(|(n, _)| n).collect();
    let buckets = per_bar
        .into_iter()
        .map(|(start, counts)| {
            let total = counts.values().sum();
            let mut row: Vec<u64> = series
                .iter()
                .map(|s| counts.get(s).copied().unwrap_or(0))
                .collect();
            row.push(total - row.iter().sum::<u64>());
            Bucket {
                start: format_date(start),
                total,
                counts: row,
            }
        })
        .collect();
    Ok(Timeline {
        interval,
        by: by.name(),
        series,
        buckets,
        undated,
    })
}

/// Counts matching documents by (day, name) from the fast columns.
struct DayNames {
    column: &'static str,
}

type Counted = HashMap<(Option<Date>, String), u64>;

struct SegmentDayNames {
    dates: Option<Column<DateTime>>,
    names: Option<StrColumn>,
    counts: HashMap<(Option<i64>, Option<u64>), u64>,
}

impl Collector for DayNames {
    type Fruit = Counted;
    type Child = SegmentDayNames;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDayNames> {
        let columns = segment.fast_fields();
        Ok(SegmentDayNames {
            dates: columns.date("date").ok(),
            names: columns.str(self.column)?,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counted>) -> tantivy::Result<Counted> {
        let mut all = Counted::new();
        for fruit in fruits {
            for (key, n) in fruit {
                *all.entry(key).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDayNames {
    type Fruit = Counted;

    fn collect(&mut self, doc: DocId, _: Score) {
        let day = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        let name = self.names.as_ref().and_then(|c| c.term_ords(doc).next());
        *self.counts.entry((day, name)).or_default() += 1;
    }

    fn harvest(self) -> Counted {
        let mut out = Counted::new();
        let mut text = String::new();
        for ((day, ord), n) in self.counts {
            let day = day.and_then(|s| from_index_date(DateTime::from_timestamp_secs(s)));
            text.clear();
            if let (Some(ord), Some(names)) = (ord, &self.names) {
                if names.ord_to_str(ord, &mut text).is_err() {
                    text.clear();
                }
            }
            *out.entry((day, text.clone())).or_default() += n;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn bars_start_on_mondays_and_first_days() {
        let d = date!(2025 - 08 - 17); // a Sunday
        assert_eq!(Interval::Week.start(d), date!(2025 - 08 - 11));
        assert_eq!(Interval::Month.start(d), date!(2025 - 08 - 01));
        assert_eq!(Interval::Day.start(d), d);
        assert!(Interval::parse("year").unwrap_err().contains("year"));
    }
}
