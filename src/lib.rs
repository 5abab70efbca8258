//! quarry: a search engine for what people said in the news.
pub mod aliases;
pub mod article;
pub mod cli;
pub mod cmd;
pub mod corpus;
pub mod extract;
pub mod index;
pub mod output;
pub mod search;
pub mod tally;
