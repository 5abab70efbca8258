//! Word tables the extractor consults: speech verbs, titles, roles, outlets.
//!
//! Kept as data so that adding a verb or a network is a one-line change and
//! the attribution code stays free of string ladders.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Speech and writing verbs, by lemma. Regular inflections are derived;
/// irregular ones are listed in [`IRREGULAR_CUES`].
#[rustfmt::skip]
pub const CUE_LEMMAS: &[&str] = &[
    "acknowledge", "add", "admit", "allege", "announce", "argue", "ask", "assert", "boast",
    "caution", "chant", "cite", "clarify", "complain", "concede", "conclude", "confirm",
    "contend", "continue", "declare", "deny", "describe", "emphasize", "emphasise", "exclaim",
    "explain", "gush", "highlight", "insist", "lament", "maintain", "mention", "muse",
    "observe", "plead", "predict", "proclaim", "reaffirm", "recall", "recount", "reflect",
    "remember", "reiterate", "remark", "respond", "retort", "scoff", "scream", "shout",
    "stress", "suggest", "testify", "tout", "urge", "warn", "whisper", "yell",
];

/// Cue lemmas (as prefixes) that stop being speech before "to" + verb:
/// "continues to operate", "vowed to fight".
#[rustfmt::skip]
pub const NOT_BEFORE_INFINITIVE: &[&str] = &[
    "continu", "promis", "vow", "pledg", "urg", "demand", "ask", "refus", "threat", "plead",
];

/// Acts and states, not words: never the cue of reported speech ("voted
/// against the plan", "passed a budget", "signed the bill", "remained
/// defiant Friday"). Looked up through [`super::models::WordFacts::deed`].
#[rustfmt::skip]
pub const DEEDS: &[&str] = &[
    "vote", "votes", "voted", "voting", "pass", "passes", "passed", "passing", "veto",
    "vetoes", "vetoed", "sign", "signs", "signed", "signing", "enact", "enacts", "enacted",
    "approve", "approves", "approved", "ratify", "ratified", "ratifies", "spend", "spent",
    "spends", "remain", "remains", "remained", "remaining",
];

/// Verbs of talking, which report what was said only through its topic
/// ("spoke of his faith", "talked about the wall", "has spoken out in
/// favor of it"): a bare object or anything else after them is no content
/// ("speaking fees", "a speaking slot", "spoke Hebrew", "will speak at the
/// convention", "spoke to reporters", "as he spoke").
#[rustfmt::skip]
pub const TALKING: &[&str] = &[
    "speak", "speaks", "spoke", "speaking", "spoken", "talk", "talks", "talked", "talking",
];

/// Participles after which a passive's subject is who spoke: "is said to
/// have", "is reported to have called".
#[rustfmt::skip]
pub const RAISING_PARTICIPLES: &[&str] = &[
    "said", "reported", "believed", "thought", "known", "rumored", "alleged", "understood",
];

/// Participles of speech verbs that do not end in "-ed" ("was told that").
pub const SPEECH_PARTICIPLES: &[&str] = &["told", "said", "written", "spoken", "heard", "read"];

/// Verb prefixes of aims, which before "to" + verb say what someone tries,
/// not what they said: "seeking to bolster him", "tried to block it".
#[rustfmt::skip]
pub const AIMS: &[&str] = &[
    "seek", "sought", "aim", "attempt", "tried", "tries", "trying", "striv", "strove",
];

/// Irregular speech verbs: every form that counts as a cue.
#[rustfmt::skip]
pub const IRREGULAR_CUES: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes",
    "wrote", "writing", "written", "read", "reads", "speak", "speaks", "spoke", "speaking",
    "spoken",
    // Verbs whose bare form is also a common noun ("the state", "a post", "the
    // report"): only their verb forms count.
    "answered", "answering", "boomed", "called", "calling", "charged", "claimed", "claiming",
    "commented", "commenting", "countered", "demanded", "demanding", "joked", "joking",
    "lashed", "noted", "notes", "noting", "pledged", "posted", "pressed", "promised",
    "protested", "quipped", "railed", "reacted", "repeated", "replied", "replying", "reported",
    "reporting", "sighed", "snapped", "stated", "stating", "texted", "thundered", "tweeted",
    "tweeting", "vowed", "vowing", "replies", "reacts",
];

/// Nouns that, after a possessive name, make what follows that name's words:
/// "Trump’s threats of “very severe consequences”".
#[rustfmt::skip]
pub const NOUN_CUES: &[&str] = &[
    "words", "threat", "threats", "warning", "warnings", "promise", "promises", "pledge",
    "claim", "claims", "comment", "comments", "remarks", "remark", "statement", "statements",
    "message", "slogan", "motto", "vow", "call", "calls", "assertion", "assessment", "argument",
    "description", "answer", "response", "reply", "tweet", "post", "quip", "line",
];

/// Words that may stand between a speaker and the cue ("Rubio on Sunday said",
/// "Trump also said") or after the cue before an inverted speaker.
#[rustfmt::skip]
pub const SKIPPABLE: &[&str] = &[
    "also", "later", "then", "previously", "again", "recently", "once", "often", "repeatedly",
    "simply", "has", "have", "had", "was", "is", "were", "would", "will", "reportedly",
    "quickly", "flatly", "bluntly", "publicly", "privately", "just", "only", "even", "still",
    "further", "now", "on", "last", "to", "went", "go", "goes", "going", "wanted", "proceeded", "tried", "would", "this", "earlier", "separately", "subsequently", "first",
    "finally", "already", "famously", "originally", "initially", "in", "a", "an", "the",
    "statement", "interview", "week", "year", "month", "night", "morning", "afternoon",
    "evening", "today", "yesterday", "tonight", "ago", "recent", "told", "reporters", "may",
    "might", "could", "should", "did", "does", "not", "never", "always", "openly", "since",
    "long", "twice", "yet", "too", "both",
];

/// Words that open a group a name leads after "and" ("Rubio and *his*
/// advisers", "Toretti, Rao and *other* bundlers"): the name speaks for it.
pub fn opens_led_group(word: &str) -> bool {
    matches!(word, "his" | "her" | "their" | "other")
}

/// Days and months: capitalised, but never a speaker.
#[rustfmt::skip]
pub const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

/// Words that count the people a phrase names ("said *some* Democrats",
/// "said *two* senior officials"): a source phrase may open with them as
/// with a determiner.
#[rustfmt::skip]
pub const QUANTIFIERS: &[&str] = &[
    "some", "several", "many", "most", "few", "numerous", "various", "other", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
];

/// Words other than auxiliaries and "-ly" adverbs that stand between a
/// subject and its cue ("have *not* pushed", "has *since* said").
#[rustfmt::skip]
pub const BEFORE_CUE: &[&str] = &[
    "be", "been", "not", "n't", "n’t", "’s", "'s", "also", "still", "now", "never", "just",
    "even", "already", "since", "long", "often", "always", "again", "later", "earlier", "once",
    "then", "first", "yet", "too",
];

/// Words of an aside set off by commas between a subject and its cue
/// ("Officials, however, said"; "The union, for its part, said"), with
/// any adverb in "-ly".
#[rustfmt::skip]
pub const ASIDE_WORDS: &[&str] = &[
    "however", "though", "meanwhile", "instead", "indeed", "likewise", "similarly",
    "separately", "too", "also", "moreover", "nonetheless", "nevertheless", "therefore",
    "in", "turn", "for", "its", "their", "his", "her", "part", "then", "now", "still",
];

/// Words that open a phrase set off by commas after a subject that
/// modifies it and is no apposition: a relative, a comparison, an
/// addition ("Officials, like their counterparts, said"; "Reyes, along
/// with two council members, said"; "The engineer, who asked not to be
/// named, said").
#[rustfmt::skip]
const MODIFIER_OPENERS: &[&str] = &[
    "who", "whose", "which", "like", "unlike", "including", "along", "together", "as",
    "among", "alongside", "besides", "despite",
];

/// Whether `word` (lowercase) opens such a phrase ([`MODIFIER_OPENERS`]).
pub fn opens_modifier(word: &str) -> bool {
    MODIFIER_OPENERS.contains(&word)
}

/// Words that count a group and may stand alone as the subject of a cue
/// ("Some argue", "but others say", "Both think", "Many say").
#[rustfmt::skip]
const GROUP_COUNTS: &[&str] = &[
    "some", "many", "others", "both", "most", "few", "several", "all", "none", "each",
];

/// Groups named by what they are ("Critics say …", "officials said"): no
/// one in particular, as PolNeAR's hand-checked speakers give unnamed
/// officials, aides and advisers to nobody.
#[rustfmt::skip]
const GROUPS: &[&str] = &[
    "critics", "experts", "analysts", "officials", "observers", "opponents", "supporters",
    "advocates", "economists", "scientists", "researchers", "residents", "witnesses", "sources",
    "insiders", "aides", "advisers", "advisors", "legislators", "investigators", "prosecutors",
    "organizers", "protesters", "people", "others", "skeptics", "detractors",
    "proponents", "historians", "strategists", "pollsters", "diplomats", "staffers",
];

/// Whether `word` (lowercase) names a group of no one in particular ([`GROUPS`]).
pub fn is_group(word: &str) -> bool {
    GROUPS.contains(&word)
}

/// Whether `word` (lowercase) is one of [`GROUP_COUNTS`].
pub fn is_group_count(word: &str) -> bool {
    GROUP_COUNTS.contains(&word)
}

/// Words that open a sentence or a clause before its subject ("But polls
/// show", "Although Johnson's agency declined", "Perhaps young voters",
/// "but others say").
#[rustfmt::skip]
const OPENING_WORDS: &[&str] = &[
    "and", "but", "or", "yet", "so", "nor", "although", "though", "whereas", "while", "as",
    "because", "if", "when", "after", "before", "since", "unless", "until", "once", "what",
    "whether", "how", "just", "recently", "perhaps", "maybe", "even", "still", "now", "then",
    "also", "indeed", "meanwhile", "later", "earlier", "instead", "however", "where", "why",
];

/// Whether `word` (lowercase) is one of [`OPENING_WORDS`].
pub fn opens_clause(word: &str) -> bool {
    OPENING_WORDS.contains(&word)
}

/// Whether `word` (lowercase) is an adverb in "-ly" ("publicly",
/// "openly"): five letters or more, so that "only", "July" and "fly" are not.
pub fn is_ly_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly")
}

/// Whether `word` (lowercase) may stand in such an aside ([`ASIDE_WORDS`],
/// or an adverb in "-ly").
pub fn is_aside_word(word: &str) -> bool {
    ASIDE_WORDS.contains(&word) || word.ends_with("ly")
}

/// Capitalised words that start sentences or stand for things, never people.
#[rustfmt::skip]
pub const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "so", "yet", "in", "on", "at", "as", "if", "when",
    "while", "after", "before", "since", "although", "though", "because", "however", "still",
    "meanwhile", "asked", "pressed", "speaking", "during", "despite", "with", "without", "for",
    "from", "to", "by", "of", "this", "that", "these", "those", "there", "here", "it", "its",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "what",
    "who", "why", "how", "where", "which", "instead", "then", "now", "also", "indeed",
    "earlier", "later", "later,", "last", "next", "according", "but", "not", "no", "yes", "one",
    "two", "both", "all", "some", "many", "most", "other", "another", "each", "every", "such",
    "thus", "even", "only", "several", "few", "numerous", "various", "certain", "just", "like", "unlike", "among", "under", "over", "through",
    "into", "about", "against", "between", "until", "upon", "whether", "once", "again", "mr",
    "mrs", "ms", "dr", "sen", "rep", "gov", "ok", "okay", "well", "oh", "yeah", "do", "does",
    "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "could",
    "would", "should", "will", "may", "might", "must", "let", "said", "says", "told",
    "everything", "nothing", "something", "anything", "everyone", "everybody", "anyone",
    "anybody", "someone", "somebody", "nobody", "none",
];

/// Titles and descriptors dropped from the front of a name
/// ("Secretary of State Marco Rubio" → "Marco Rubio"). Compared lowercased,
/// without a final period.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "lt", "lieutenant",
    "gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "adm", "admiral",
    "sgt", "sergeant", "president", "vice", "secretary", "state", "defense", "treasury",
    "homeland", "security", "attorney", "chief", "justice", "judge", "mayor", "prime",
    "minister", "foreign", "speaker", "leader", "majority", "minority", "whip", "ambassador",
    "special", "envoy", "adviser", "advisor", "national", "press", "deputy", "assistant",
    "director", "chairman", "chairwoman", "chair", "ceo", "former", "first", "lady", "sir",
    "dame", "lord", "king", "queen", "prince", "princess", "pope", "rev", "reverend", "father",
    "sister", "brother", "pastor", "rabbi", "imam", "sheriff", "officer", "agent", "detective",
    "commissioner", "chancellor", "premier", "emir", "sheikh", "sheik", "crown", "us", "u.s",
    "u.n", "un", "uk", "u.k", "eu", "democratic", "democrat", "republican", "gop",
    "independent", "ukrainian", "russian", "american", "british", "french", "german", "chinese",
    "israeli", "iranian", "european", "canadian", "mexican", "italian", "japanese", "indian",
    "polish", "turkish", "saudi", "syrian", "iraqi", "afghan", "korean", "north", "south",
    "nominee", "candidate", "presidential", "hopeful", "spokesman", "spokeswoman",
    "spokesperson", "acting", "interim", "elect", "emeritus", "hon", "honorable",
    "nato", "kremlin", "white", "house", "department", "staff", "council", "committee",
    "senate", "sens", "reps", "pentagon", "ag",
    "campaign", "manager", "chairperson", "founder", "analyst", "host", "anchor",
    "correspondent", "reporter",
];

/// Title words that describe without marking a person: a "Former Arizona"
/// run is no one.
pub const NOT_PERSON_TITLES: &[&str] = &[
    "former",
    "acting",
    "interim",
    "elect",
    "emeritus",
    "us",
    "u.s",
    "u.n",
    "un",
    "uk",
    "u.k",
    "eu",
    "democratic",
    "democrat",
    "republican",
    "gop",
    "independent",
    "north",
    "south",
    "white",
    "house",
    "department",
    "staff",
    "council",
    "committee",
    "senate",
    "pentagon",
    "kremlin",
    "nato",
    "campaign",
    "national",
    "state",
    "defense",
    "treasury",
    "homeland",
    "security",
    "press",
    "foreign",
    "ukrainian",
    "russian",
    "american",
    "british",
    "french",
    "german",
    "chinese",
    "israeli",
    "iranian",
    "european",
    "canadian",
    "mexican",
    "italian",
    "japanese",
    "indian",
    "polish",
    "turkish",
    "saudi",
    "syrian",
    "iraqi",
    "afghan",
    "korean",
    "special",
    "chief",
    "deputy",
    "assistant",
    "vice",
    "prime",
    "crown",
    "first",
    "presidential",
];

/// Honorifics that tell a person's gender.
pub const MALE_HONORIFICS: &[&str] = &["mr", "sir", "king", "prince", "father", "brother", "lord"];
#[rustfmt::skip]
pub const FEMALE_HONORIFICS: &[&str] = &[
    "mrs", "ms", "miss", "dame", "queen", "princess", "sister", "lady", "congresswoman",
    "chairwoman", "spokeswoman",
];

/// Common first names by gender, for resolving "he" and "she". Names used
/// for both (Terry, Kelly, Dana, Jordan, Lindsey, Jesse) are left out.
#[rustfmt::skip]
pub const MALE_FIRST_NAMES: &[&str] = &[
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward",
    "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen",
    "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander",
    "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam",
    "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah",
    "jeremy", "christian", "keith", "roger", "gerald", "harold", "sean", "austin",
    "carl", "arthur", "lawrence", "dylan", "bryan", "billy", "joe", "bruce",
    "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy",
    "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "howard",
    "reince", "newt", "mitch", "chuck", "harry", "bernie", "rand", "ted", "marco", "jeb",
    "mike", "tim", "tom", "bill", "barack", "rudy", "corey", "adel", "omar",
    "norman", "luther", "hogan", "guy", "carlos", "raffaello", "chris", "colin",
    "aaron", "adam", "al", "alan", "albert", "alex", "alexander", "andrew", "andy", "anthony",
    "antony", "barack", "ben", "benjamin", "bernie", "bill", "bob", "bobby", "boris", "brad",
    "brian", "bruce", "carl", "charles", "charlie", "chris", "christopher", "chuck", "colin",
    "corey", "craig", "dan", "daniel", "darrell", "dave", "david", "dennis", "dick", "don",
    "donald", "doug", "douglas", "ed", "edward", "emmanuel", "eric", "frank", "fred", "gary",
    "george", "gerald", "greg", "gregory", "harry", "henry", "howard", "ian", "jack", "jacob",
    "jake", "james", "jared", "jason", "jay", "jeb", "jeff", "jeffrey", "jerry", "jim", "jimmy",
    "joe", "john", "johnny", "jon", "jonathan", "jose", "joseph", "josh", "juan", "justin",
    "keith", "ken", "kevin", "kurt", "larry", "lloyd", "luis", "marco", "mark",
    "martin", "matt", "matthew", "michael", "mick", "mike", "mitch", "nathan", "neil", "newt",
    "nick", "olaf", "patrick", "paul", "pete", "peter", "phil", "philip", "ralph", "randy",
    "reince", "richard", "rick", "rob", "robert", "rod", "roger", "ron", "ronald", "rudy",
    "rush", "ryan", "sam", "samuel", "scott", "sean", "sergei", "sergey", "stephen", "steve",
    "steven", "ted", "thomas", "tim", "timothy", "todd", "tom", "tony", "trey", "vladimir",
    "volodymyr", "walter", "wayne", "william", "xi", "keir", "friedrich", "recep", "benjamin",
    "marcus", "mitt", "rand", "jeremy", "hugh", "jerome", "kenneth", "dmitry", "dmitri",
    "andrzej", "viktor", "emmanuel", "narendra", "hakeem", "elon", "jd", "j.d", "kash", "pete",
    "marc", "hunter", "beto", "cory",
];
#[rustfmt::skip]
pub const FEMALE_FIRST_NAMES: &[&str] = &[
    "charlotte", "stephanie", "mary", "patricia", "jennifer", "linda", "elizabeth",
    "susan", "jessica", "sarah", "karen", "lisa", "nancy", "betty", "margaret", "sandra",
    "ashley", "kimberly", "emily", "donna", "michelle", "carol", "amanda", "dorothy", "melissa",
    "deborah", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "angela", "shirley",
    "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha", "katherine", "christine",
    "debra", "rachel", "carolyn", "janet", "catherine", "maria", "heather", "diane", "ruth",
    "julie", "olivia", "joyce", "virginia", "victoria", "lauren", "christina", "joan",
    "evelyn", "judith", "megan", "andrea", "cheryl", "hannah", "jacqueline", "martha", "gloria",
    "teresa", "ann", "sara", "madison", "frances", "kathryn", "janice", "jean", "abigail",
    "alice", "judy", "sophia", "grace", "denise", "amber", "doris", "marilyn", "danielle",
    "beverly", "isabella", "theresa", "diana", "natalie", "brittany", "charlotte", "marie",
    "kayla", "alexis", "lori", "valerie", "rosa", "roxanne", "yvonne", "maxine", "jeanne",
    "neera", "donna", "hope", "cecile", "ilyse", "kristan", "mika", "greta", "katy",
    "jennifer", "juanita", "paula", "sheryl", "nina", "elise",
    "abigail", "alexandria", "alice", "amy", "ana", "angela", "ann", "anna", "anne", "barbara",
    "betsy", "betty", "candace", "carly", "carol", "caroline", "catherine", "chelsea",
    "christine", "claire", "condoleezza", "cynthia", "debbie", "deborah", "diane", "donna",
    "dorothy", "elaine", "elizabeth", "ellen", "emily", "emma", "giorgia", "hillary", "huma",
    "ilhan", "ivanka", "jane", "janet", "jean", "jeanne", "jennifer", "jessica", "jill", "jo",
    "joan", "joanne", "joni", "judy", "julia", "julie", "karen", "karine", "kamala", "kate",
    "katie", "kathleen", "kathy", "kay", "kellyanne", "kim", "kirsten", "kristi",
    "laura", "lauren", "linda", "lisa", "liz", "loretta", "lori", "lynn", "madeleine", "maggie",
    "marcia", "margaret", "maria", "marie", "marine", "marsha", "martha", "mary", "megyn",
    "melania", "melissa", "michelle", "mika", "monica", "nancy", "nicole", "nikki", "patricia",
    "patty", "pam", "pamela", "rachel", "rebecca", "rosa", "ruth", "samantha", "sandra",
    "sarah", "sharon", "sheila", "stephanie", "susan", "susie", "tammy", "theresa", "tina",
    "tulsi", "ursula", "valerie", "victoria", "virginia", "wendy", "whitney", "kaja",
    "annalena", "olena", "yulia", "maria", "tara", "kristen", "brianna", "ashley", "jessica",
    "amanda", "heather",
];

/// Things that speak for whoever owns them: "a Bloomberg poll", "the
/// Clinton campaign", "Ivana Trump's brief" (see `owner.rs`).
#[rustfmt::skip]
pub const OWNED_THINGS: &[&str] = &[
    "poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "analysis",
    "statement", "statements", "ad", "ads", "advertisement", "commercial", "spot", "clip",
    "video", "brief", "complaint", "lawsuit", "suit", "filing", "motion", "tweet", "tweets",
    "website", "site", "book", "memoir", "database", "data", "campaign", "administration",
    "office", "team", "camp", "government", "ruling", "decision", "order", "letter", "memo",
    "editorial", "op-ed", "column", "release", "account", "post", "message", "email",
    "emails", "records", "documents", "review", "audit", "investigation", "findings",
    "projections", "forecast", "estimate", "estimates", "count", "tally", "article", "piece",
    "story", "testimony", "platform", "bylaws",
];

/// People known by whom they serve, know or oppose: "his advisers",
/// "her mother", "Trump's critics" are never the person who owns them
/// (in PolNeAR train, 109 of 150 such sources speak for nobody named and
/// 38 for someone else; 3 for the owner), and "White House officials" are
/// not the White House (an official who is not named speaks for no one
/// named: 63 of 70; a spokesman speaks for his employer).
#[rustfmt::skip]
pub const RELATION_NOUNS: &[&str] = &[
    "official", "officials",
    "adviser", "advisers", "advisor", "advisors", "aide", "aides", "ally", "allies",
    "supporter", "supporters", "critic", "critics", "friend", "friends", "mother", "father",
    "wife", "husband", "son", "sons", "daughter", "daughters", "brother", "brothers", "sister",
    "sisters", "parent", "parents", "lawyer", "lawyers", "attorney", "attorneys", "staffer",
    "staffers", "donor", "donors", "backer", "backers", "opponent", "opponents", "rival",
    "rivals", "colleague", "colleagues", "associate", "associates", "fan", "fans", "follower",
    "followers", "children", "relatives", "neighbor", "neighbors", "biographer", "partner",
    "partners", "employee", "employees", "worker", "workers", "volunteer", "volunteers",
    "surrogate", "surrogates", "detractors", "defenders", "loyalists", "strategist",
    "strategists", "consultant", "consultants",
];

/// Nouns that describe an organisation the article named before ("the
/// company", "the agency"), and those that describe a place ("the state").
#[rustfmt::skip]
pub const ORGANISATION_NOUNS: &[&str] = &[
    "company", "firm", "agency", "airline", "union", "group", "organization", "network",
    "newspaper", "magazine", "paper", "bank", "foundation", "university", "department",
    "ministry", "committee", "commission", "council", "board", "party", "court", "institute",
    "center", "website", "site", "outlet", "publication", "station", "channel", "police",
    "league", "association", "club", "school", "hospital", "automaker", "retailer", "insurer",
    "bureau", "nonprofit", "charity", "coalition", "alliance", "corporation", "giant",
];
#[rustfmt::skip]
pub const PLACE_NOUNS: &[&str] = &["state", "city", "town", "country", "county", "village"];

/// People who speak for someone else and are often left unnamed: "a
/// spokesman for Disney", "a narrator in the Clinton ad".
#[rustfmt::skip]
pub const PROXIES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople", "narrator",
    "announcer",
];

/// Nouns that head a description of a person ("the senator", "the Republican
/// nominee"), with the title words that mark that role on a named mention.
pub const ROLES: &[(&str, &[&str])] = &[
    ("senator", &["sen", "senator", "sens"]),
    ("president", &["president"]),
    ("nominee", &["nominee"]),
    ("candidate", &["candidate", "nominee", "hopeful"]),
    ("governor", &["gov", "governor"]),
    ("congressman", &["rep", "congressman", "representative"]),
    ("congresswoman", &["rep", "congresswoman", "representative"]),
    (
        "lawmaker",
        &["rep", "sen", "congressman", "congresswoman", "senator"],
    ),
    ("secretary", &["secretary"]),
    ("minister", &["minister"]),
    ("mayor", &["mayor"]),
    ("judge", &["judge", "justice"]),
    ("justice", &["justice"]),
    ("ambassador", &["ambassador"]),
    ("envoy", &["envoy"]),
    ("leader", &["leader", "president", "minister"]),
    ("spokesman", &["spokesman", "spokesperson"]),
    ("spokeswoman", &["spokeswoman", "spokesperson"]),
    ("chairman", &["chairman", "chair"]),
    ("speaker", &["speaker"]),
    ("director", &["director"]),
    ("general", &["gen", "general"]),
    (
        "businessman",
        &["businessman", "billionaire", "mogul", "developer"],
    ),
    ("billionaire", &["billionaire", "businessman", "mogul"]),
    ("mogul", &["mogul", "billionaire", "businessman"]),
    ("host", &["host", "anchor"]),
];

/// Where words are said: a phrase as written and the outlet it stands for.
/// Show titles map to their network. Matched case-sensitively on word
/// boundaries; longer phrases are tried first.
pub const OUTLETS: &[(&str, &str)] = &[
    ("This Week", "ABC"),
    ("Good Morning America", "ABC"),
    ("World News Tonight", "ABC"),
    ("ABC News", "ABC"),
    ("ABC", "ABC"),
    ("Face the Nation", "CBS"),
    ("60 Minutes", "CBS"),
    ("CBS This Morning", "CBS"),
    ("CBS News", "CBS"),
    ("CBS", "CBS"),
    ("Meet the Press", "NBC"),
    ("Today show", "NBC"),
    ("NBC News", "NBC"),
    ("NBC", "NBC"),
    ("State of the Union", "CNN"),
    ("Anderson Cooper 360", "CNN"),
    ("The Situation Room", "CNN"),
    ("CNN", "CNN"),
    ("Sunday Morning Futures", "Fox News"),
    ("Fox News Sunday", "Fox News"),
    ("Fox & Friends", "Fox News"),
    ("Fox and Friends", "Fox News"),
    ("Hannity", "Fox News"),
    ("The O'Reilly Factor", "Fox News"),
    ("The O’Reilly Factor", "Fox News"),
    ("Fox News", "Fox News"),
    ("Fox Business", "Fox Business"),
    ("Fox", "Fox News"),
    ("Morning Joe", "MSNBC"),
    ("Hardball", "MSNBC"),
    ("MSNBC", "MSNBC"),
    ("PBS NewsHour", "PBS"),
    ("NewsHour", "PBS"),
    ("PBS", "PBS"),
    ("NPR", "NPR"),
    ("BBC", "BBC"),
    ("C-SPAN", "C-SPAN"),
    ("Bloomberg", "Bloomberg"),
    ("Reuters", "Reuters"),
    ("Associated Press", "Associated Press"),
    ("The New York Times", "The New York Times"),
    ("New York Times", "The New York Times"),
    ("The Washington Post", "The Washington Post"),
    ("Washington Post", "The Washington Post"),
    ("The Wall Street Journal", "The Wall Street Journal"),
    ("Wall Street Journal", "The Wall Street Journal"),
    ("Politico", "Politico"),
    ("Axios", "Axios"),
    ("USA Today", "USA Today"),
    ("Breitbart", "Breitbart"),
    ("HuffPost", "HuffPost"),
    ("Huffington Post", "HuffPost"),
    ("Truth Social", "Truth Social"),
    ("Twitter", "Twitter"),
    ("Facebook", "Facebook"),
    ("Instagram", "Instagram"),
    ("YouTube", "YouTube"),
    ("Telegram", "Telegram"),
    ("TikTok", "TikTok"),
    ("X", "X"),
    ("State Department", "State Department"),
    ("White House", "White House"),
    ("Pentagon", "Pentagon"),
    ("Kremlin", "Kremlin"),
    // Beyond the US networks.
    ("BBC News", "BBC"),
    ("BBC Radio 4", "BBC"),
    ("Radio 4", "BBC"),
    ("Today programme", "BBC"),
    ("Newsnight", "BBC"),
    ("BBC World Service", "BBC"),
    ("Sky News", "Sky News"),
    ("ITV News", "ITV"),
    ("Channel 4 News", "Channel 4"),
    ("The Guardian", "The Guardian"),
    ("Guardian", "The Guardian"),
    ("Financial Times", "Financial Times"),
    ("The Times of London", "The Times"),
    ("The Telegraph", "The Telegraph"),
    ("The Economist", "The Economist"),
    ("Der Spiegel", "Der Spiegel"),
    ("Spiegel", "Der Spiegel"),
    ("Die Zeit", "Die Zeit"),
    ("Bild", "Bild"),
    ("Deutsche Welle", "Deutsche Welle"),
    ("ZDF", "ZDF"),
    ("ARD", "ARD"),
    ("France 24", "France 24"),
    ("Le Monde", "Le Monde"),
    ("Le Figaro", "Le Figaro"),
    ("Euronews", "Euronews"),
    ("El País", "El País"),
    ("Corriere della Sera", "Corriere della Sera"),
    ("Al Jazeera", "Al Jazeera"),
    ("Al Arabiya", "Al Arabiya"),
    ("Haaretz", "Haaretz"),
    ("Times of Israel", "The Times of Israel"),
    ("RT", "RT"),
    ("TASS", "TASS"),
    ("Interfax", "Interfax"),
    ("RIA Novosti", "RIA Novosti"),
    ("Rossiya 1", "Rossiya 1"),
    ("Kyiv Independent", "Kyiv Independent"),
    ("Ukrainska Pravda", "Ukrainska Pravda"),
    ("Radio Free Europe", "RFE/RL"),
    ("RFE/RL", "RFE/RL"),
    ("Voice of America", "Voice of America"),
    ("NHK", "NHK"),
    ("Xinhua", "Xinhua"),
    ("CCTV", "CCTV"),
    ("CBC", "CBC"),
    ("CNBC", "CNBC"),
    ("Newsmax", "Newsmax"),
    ("NewsNation", "NewsNation"),
    ("The Hill", "The Hill"),
    ("Newsweek", "Newsweek"),
    ("The Atlantic", "The Atlantic"),
    ("The New Yorker", "The New Yorker"),
    ("Semafor", "Semafor"),
    ("Punchbowl News", "Punchbowl News"),
    ("Yahoo News", "Yahoo News"),
    ("Substack", "Substack"),
    ("Bluesky", "Bluesky"),
    ("Threads", "Threads"),
    ("LinkedIn", "LinkedIn"),
    ("Reddit", "Reddit"),
];

/// Words right before an outlet phrase that make it the place words were said
/// ("told CNN", "on ABC’s").
#[rustfmt::skip]
pub const OUTLET_LEAD_INS: &[&str] = &[
    "on", "to", "told", "telling", "with", "in", "at", "tells", "via", "through", "speaking",
];

/// Words right after an outlet phrase that make it a venue ("CNN interview",
/// "State Department briefing").
#[rustfmt::skip]
pub const OUTLET_TAILS: &[&str] = &[
    "interview", "interviews", "briefing", "briefings", "show", "program", "programme",
    "broadcast", "appearance", "post", "podcast", "op-ed", "column", "town", "hall", "debate",
    "segment", "special", "press",
];

/// Which outlets only count with a venue lead-in or tail, because the same
/// words also name a place or an institution that speaks for itself.
#[rustfmt::skip]
pub const OUTLETS_NEEDING_VENUE_WORDS: &[&str] = &[
    "State Department", "White House", "Pentagon", "Kremlin", "X", "Fox", "Guardian", "Spiegel",
    "Bild", "RT", "ARD", "The Hill", "Threads", "The Atlantic", "CBC",
];

/// Cues that name the outlet themselves.
pub const CUE_OUTLETS: &[(&str, &str)] = &[
    ("tweeted", "Twitter"),
    ("tweets", "Twitter"),
    ("tweet", "Twitter"),
];

/// Words after a quoted title that make it a title, not a quotation.
#[rustfmt::skip]
pub const TITLE_TAILS: &[&str] = &[
    "show", "program", "programme", "book", "memoir", "film", "movie", "documentary", "series",
    "podcast", "bill", "act", "law", "plan", "initiative", "report", "column", "album", "song",
    "segment", "episode", "event", "summit", "campaign", "hashtag", "slogan", "newsletter",
    "op-ed", "speech", "doctrine", "strategy", "policy", "tour", "rally", "project",
];

/// Pronouns that can be a speaker, with the gender they require.
pub const PRONOUNS: &[(&str, Gender)] = &[
    ("he", Gender::Male),
    ("she", Gender::Female),
    ("they", Gender::Unknown),
    ("it", Gender::Unknown),
];

/// A person's gender as far as the text tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

/// Every form of every speech verb, built once.
static CUE_FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut forms: HashSet<String> = IRREGULAR_CUES.iter().map(|w| w.to_string()).collect();
    for lemma in CUE_LEMMAS {
        let stem = stem_of(lemma);
        let last = &lemma[lemma.len() - 1..];
        let candidates = [
            lemma.to_string(),
            format!("{lemma}s"),
            format!("{lemma}es"),
            format!("{lemma}d"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{stem}ying"),
            format!("{stem}ed"),
            format!("{stem}es"),
            format!("{stem}ing"),
            format!("{lemma}{last}ed"),
            format!("{lemma}{last}ing"),
        ];
        forms.extend(candidates.into_iter().filter(|c| inflects(lemma, c)));
    }
    forms
});

/// Builds a set from a word table.
fn set_of(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

static TITLE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(TITLES));
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(NOT_NAMES));
static SKIPPABLE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(SKIPPABLE));
static CALENDAR_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set_of(CALENDAR));

static ROLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ROLES
        .iter()
        .flat_map(|(head, marks)| std::iter::once(*head).chain(marks.iter().copied()))
        .collect()
});

/// True when `word` (lowercase) names a role: a [`ROLES`] head or mark.
pub fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(word)
}

/// What an article calls the person it is about, once named ("the
/// candidate", "the GOP front-runner", "the billionaire developer").
#[rustfmt::skip]
pub const FIGURE_NOUNS: &[&str] = &[
    "candidate", "nominee", "front-runner", "frontrunner", "hopeful", "contender",
    "challenger", "incumbent", "businessman", "businesswoman", "billionaire", "mogul",
    "magnate", "tycoon", "developer", "neurosurgeon", "surgeon", "actor", "actress", "star",
    "senator", "governor", "congressman", "congresswoman", "president", "mayor",
];

/// Whether a cue (lowercase) names whom it tells before what ("told
/// reporters the deal was dead", "warned the crowd that …").
pub fn tells_someone(cue: &str) -> bool {
    ["told", "tell", "warn", "assur", "remind", "inform"]
        .iter()
        .any(|p| cue.starts_with(p))
}

/// Verbs of saying in a finite form, whose subject a noun phrase before
/// them may be ("The organizers said"): "to say", "remarks" and
/// "statement" have no subject before them.
#[rustfmt::skip]
pub const SAYING_FINITE: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "argued",
    "argues", "argue", "explained", "explains", "insisted", "insists", "insist", "acknowledged",
    "acknowledges", "warned", "warns", "warn", "claimed", "claims", "claim", "stated", "states",
    "wrote", "writes", "reported", "reports", "predicted", "predict", "contended", "maintained",
    "asserted", "announced", "declared", "suggested", "suggest", "believe", "believes",
    "believed", "think", "thinks", "thought", "agreed", "agree", "complained", "complain",
    "recalled", "estimated", "estimate", "testified", "conceded", "admitted", "countered",
    "replied",
];

/// Words that open a clause: a subject before a cue starts after them
/// ("that 78 percent … said").
#[rustfmt::skip]
pub const SUBJECT_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "and", "but", "or", "because", "while", "when", "if", "as",
    "where", "after", "before", "since", "although", "though", "so",
];

/// Adverbs between a subject and its cue ("Cruz *also* said"): the
/// verb's, not the subject's.
#[rustfmt::skip]
pub const SUBJECT_ADVERBS: &[&str] = &[
    "also", "then", "just", "once", "still", "even", "already", "later", "again", "now",
    "instead",
];

/// Words a noun phrase does not end on (a possessive, an article, a
/// preposition): a run before a cue ending on one is no subject.
#[rustfmt::skip]
pub const DANGLING: &[&str] = &[
    "his", "her", "their", "its", "my", "our", "your", "the", "a", "an", "of", "to", "in", "on",
    "at", "for", "with", "by", "no", "any",
];

/// Words whose "’s" is "is" or "has" ("he’s", "that’s"), not a
/// possessive ("Cruz’s").
#[rustfmt::skip]
pub const CONTRACTED_SUBJECTS: &[&str] = &[
    "he", "she", "it", "that", "there", "what", "who", "here", "where", "let", "this",
];

/// Words that float off the subject they count ("The senators *both*
/// said", "the unions *all* agreed"): the verb's, not the subject's.
pub const FLOATING: &[&str] = &["both", "all", "each"];

/// Finite auxiliaries and modals: they follow a clause's subject and come
/// before its objects.
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must", "shall", "is", "are",
    "was", "were", "has", "have", "had", "does", "do", "did",
];

/// True when `word` (lowercase) is a finite auxiliary or modal ([`AUXILIARIES`]).
pub fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.contains(&word)
}

/// True when `word` (lowercase) is a form of a speech verb.
pub fn is_cue(word: &str) -> bool {
    CUE_FORMS.contains(word)
}

/// Every form of every speech verb ([`is_cue`]'s words).
pub fn cue_forms() -> impl Iterator<Item = &'static str> {
    CUE_FORMS.iter().map(String::as_str)
}

/// True when `word` (lowercase, no final period) is a title ([`TITLES`]).
pub fn is_title(word: &str) -> bool {
    TITLE_SET.contains(word)
}

/// True when `word` (lowercase) is never a name ([`NOT_NAMES`]).
pub fn is_not_name(word: &str) -> bool {
    NOT_NAME_SET.contains(word)
}

/// True when `word` (lowercase) may stand between a speaker and a cue ([`SKIPPABLE`]).
pub fn is_skippable(word: &str) -> bool {
    SKIPPABLE_SET.contains(word)
}

/// Whether the part of a hyphenated word after a capitalised one makes it
/// an adjective ("Indiana-born", "Trump-style", "Kremlin-backed",
/// "Obama-era"), not a name's second half ("Geun-hye", "Jong-un").
pub fn is_adjective_tail(part: &str) -> bool {
    part.len() > 3 && (part.ends_with("ed") || part.ends_with("ing"))
        || ADJECTIVE_TAILS.contains(&part)
}

#[rustfmt::skip]
const ADJECTIVE_TAILS: &[&str] = &[
    "born", "style", "like", "era", "type", "esque", "made", "run", "led", "wide", "free",
    "only", "friendly", "centric", "bred", "grown", "inspired", "appointed", "area", "level",
    "class", "brand", "sized", "size", "year", "old", "long", "term", "speaking", "minded",
    "american", "americans", "elect",
];

/// Words that open a sentence to link it to the one before ("But …",
/// "Still, …"): the writer's, not what a speaker said after them
/// ("But the plan would fail, she said"). "Instead", "so" and "now" are
/// not among them: PolNeAR's annotators count those as said more often
/// than not.
const CONNECTIVES: &[&str] = &[
    "but",
    "and",
    "however",
    "still",
    "indeed",
    "moreover",
    "nevertheless",
    "also",
];

/// How many of a sentence's first two words (lowercase) are a connective
/// ([`CONNECTIVES`], or "in addition"); 0 when they open with none.
pub fn connective_words(first: &str, second: Option<&str>) -> usize {
    if first == "in" && second == Some("addition") {
        2
    } else {
        usize::from(CONNECTIVES.contains(&first))
    }
}

/// True when `word` (lowercase) is a day or a month ([`CALENDAR`]).
pub fn is_calendar(word: &str) -> bool {
    CALENDAR_SET.contains(word)
}

/// True when `word` is `lemma`, or its -s, -ed or -ing form.
fn inflects(lemma: &str, word: &str) -> bool {
    let Some(rest) = word.strip_prefix(stem_of(lemma)) else {
        return false;
    };
    let tail_of_lemma = &lemma[stem_of(lemma).len()..];
    if rest == tail_of_lemma {
        return true;
    }
    let ends_e = lemma.ends_with('e');
    let ends_y = lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey");
    let suffixes: &[&str] = if ends_y {
        &["ies", "ied", "ying"]
    } else if ends_e || lemma.ends_with("sh") || lemma.ends_with("ss") || lemma.ends_with('x') {
        &["es", "ed", "ing"]
    } else {
        &["s", "ed", "ing"]
    };
    if suffixes.contains(&rest) {
        return true;
    }
    // Doubled final consonant: quip → quipped, snap → snapped, vow stays vowed.
    let last = lemma.as_bytes()[lemma.len() - 1];
    rest.len() > 1
        && rest.as_bytes()[0] == last
        && matches!(&rest[1..], "ed" | "ing")
        && matches!(last, b'p' | b't' | b'g' | b'n')
}

/// The part of a lemma every inflection shares (drop a final e or y).
fn stem_of(lemma: &str) -> &str {
    let ends_y = lemma.ends_with('y') && !lemma.ends_with("ay") && !lemma.ends_with("ey");
    if lemma.ends_with('e') || ends_y {
        &lemma[..lemma.len() - 1]
    } else {
        lemma
    }
}

/// True when `word` is a participle cue ("saying", "adding"): its subject is
/// the subject of the clause it hangs on.
pub fn is_participle_cue(word: &str) -> bool {
    word.ends_with("ing") && is_cue(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_are_recognised() {
        for w in [
            "said",
            "says",
            "told",
            "added",
            "adding",
            "tweeted",
            "wrote",
            "argued",
            "insisted",
            "clarified",
            "clarifies",
            "quipped",
            "warned",
            "replied",
            "acknowledged",
            "stressed",
        ] {
            assert!(is_cue(w), "{w}");
        }
        for w in ["sad", "tolled", "addition", "house", "notebook"] {
            assert!(!is_cue(w), "{w}");
        }
    }
}
