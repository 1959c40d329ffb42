//! Claim text for the benchmark with the word statistics of news, not of a toy: content words
//! follow Zipf's law over a vocabulary of a few hundred common words and a long tail of names,
//! so a word is in a few percent of claims at most, as in a real ledger. `narrow` keeps the
//! first benchmark's 40-word vocabulary, where every word is in one claim of six: a stress
//! case for search, not a likely ledger.

/// Common content words of political and economic news, roughly from more to less frequent.
const COMMON: &[&str] = &[
    "government",
    "percent",
    "year",
    "people",
    "million",
    "minister",
    "country",
    "state",
    "police",
    "president",
    "billion",
    "week",
    "party",
    "city",
    "company",
    "officials",
    "law",
    "election",
    "money",
    "workers",
    "health",
    "prices",
    "military",
    "court",
    "report",
    "plan",
    "budget",
    "children",
    "schools",
    "market",
    "security",
    "tax",
    "rate",
    "war",
    "energy",
    "water",
    "border",
    "public",
    "policy",
    "union",
    "vote",
    "jobs",
    "deal",
    "families",
    "hospital",
    "power",
    "trade",
    "region",
    "program",
    "council",
    "data",
    "homes",
    "crisis",
    "troops",
    "growth",
    "investment",
    "economy",
    "debt",
    "support",
    "services",
    "students",
    "bank",
    "oil",
    "gas",
    "food",
    "costs",
    "wages",
    "doctors",
    "patients",
    "climate",
    "emissions",
    "inflation",
    "housing",
    "rents",
    "unemployment",
    "pensions",
    "farmers",
    "exports",
    "imports",
    "sanctions",
    "treaty",
    "parliament",
    "coalition",
    "deficit",
    "reform",
    "voters",
    "migration",
    "refugees",
    "vaccines",
    "trains",
    "bridge",
    "port",
    "airport",
    "roads",
    "factories",
    "steel",
    "cars",
    "electricity",
    "coal",
    "wind",
    "solar",
    "nuclear",
    "drought",
    "floods",
    "fires",
    "forest",
    "river",
    "crops",
    "wheat",
    "fuel",
    "teachers",
    "universities",
    "research",
    "internet",
    "privacy",
    "elections",
    "senate",
    "judges",
    "prison",
    "crime",
    "violence",
    "protest",
    "strike",
    "contract",
    "subsidies",
    "benefits",
    "insurance",
    "savings",
    "loans",
    "mortgages",
    "shares",
    "profits",
    "losses",
    "revenue",
    "spending",
    "cuts",
    "surplus",
    "bonds",
    "currency",
    "tariffs",
    "shipping",
    "weapons",
    "missiles",
    "drones",
    "ceasefire",
    "talks",
    "summit",
    "envoy",
    "embassy",
    "visa",
    "asylum",
    "citizens",
    "residents",
    "villages",
    "suburbs",
    "districts",
    "province",
    "capital",
    "coast",
    "island",
    "mountains",
    "desert",
    "harbour",
    "rail",
    "buses",
    "traffic",
    "accidents",
    "injuries",
    "deaths",
    "births",
    "population",
    "census",
    "survey",
    "poll",
    "turnout",
    "ballots",
    "candidates",
    "campaign",
    "donations",
    "lobbying",
    "corruption",
    "fraud",
    "audit",
    "inquiry",
    "investigation",
    "charges",
    "verdict",
    "appeal",
    "ruling",
    "constitution",
    "rights",
    "freedom",
    "press",
    "media",
    "broadcaster",
    "newspaper",
    "journalists",
    "statistics",
    "figures",
    "estimates",
    "forecast",
    "quarter",
    "decade",
    "century",
    "record",
    "average",
    "majority",
    "minority",
    "share",
    "half",
    "third",
    "quarterly",
    "annual",
    "monthly",
    "daily",
    "national",
    "local",
    "federal",
    "regional",
    "foreign",
    "domestic",
    "civilian",
    "private",
    "rural",
    "urban",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "coastal",
    "industrial",
    "agricultural",
    "digital",
    "medical",
    "financial",
    "environmental",
    "legal",
    "illegal",
    "official",
    "independent",
    "opposition",
    "conservative",
    "liberal",
    "green",
    "social",
    "economic",
    "political",
    "diplomatic",
    "chemical",
    "criminal",
    "wildlife",
    "fisheries",
    "tourism",
    "hotels",
    "restaurants",
    "retail",
    "supermarkets",
    "pharmacies",
    "clinics",
    "nurses",
    "ambulances",
    "vaccinations",
    "infections",
    "cancer",
    "obesity",
    "smoking",
    "alcohol",
    "drugs",
    "overdoses",
    "homelessness",
    "poverty",
    "childcare",
    "kindergartens",
    "exams",
    "graduates",
    "apprentices",
    "pilots",
    "soldiers",
    "veterans",
    "pensioners",
    "tenants",
    "landlords",
    "developers",
    "builders",
    "architects",
    "engineers",
    "scientists",
    "economists",
    "analysts",
    "investors",
    "traders",
    "exporters",
    "fishermen",
    "miners",
    "truckers",
    "dockworkers",
    "railworkers",
    "cleaners",
    "carers",
];

/// Verbs of change that claims about figures use.
const CHANGES: &[&str] = &[
    "rose",
    "fell",
    "doubled",
    "stayed",
    "will reach",
    "was cut by",
    "grew",
    "dropped",
    "climbed",
    "shrank",
    "tripled",
    "halved",
    "increased",
    "decreased",
    "jumped",
    "slipped",
];

/// Words that open a claim's subject.
const OPENERS: &[&str] = &[
    "The",
    "Last year's",
    "This year's",
    "The country's",
    "Its",
    "Their",
];

/// Syllables for the long tail of names (places, firms, programmes) and for speakers.
const SYLLABLES: &[&str] = &[
    "ba", "ver", "lo", "tan", "mi", "rek", "so", "dal", "en", "kor", "vi", "sten", "ra", "mul",
    "de", "ith", "ga", "nor", "pe", "lin", "ho", "vas", "tu", "ber", "ka", "mont", "ze", "ri",
    "al", "fen",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Karin",
    "Luis", "Maria", "Nils", "Olga", "Paul", "Rosa", "Sami", "Tanja", "Viktor",
];

/// The vocabulary size of the long tail of names.
const TAIL: usize = 20_000;
/// Function words take the top ranks of real text; content words start below them.
const RANK_OFFSET: f64 = 50.0;

/// A small deterministic generator, so every run builds the same ledger.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }

    fn unit(&mut self) -> f64 {
        (self.next() % (1 << 30)) as f64 / (1u64 << 30) as f64
    }
}

/// A made-up name for number `i`: its digits in base 30 as syllables (at least two), so
/// different numbers give different names.
fn tail_word(i: usize) -> String {
    let n = SYLLABLES.len();
    let mut word = String::new();
    let (mut rest, mut syllables) = (i, 0);
    while rest > 0 || syllables < 2 {
        word.push_str(SYLLABLES[rest % n]);
        rest /= n;
        syllables += 1;
    }
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Draws content words by rank with probability proportional to 1 / (rank + offset).
pub struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// The news vocabulary, or with `narrow` the 40 equally likely words of the stress case.
    pub fn new(narrow: bool) -> Vocabulary {
        let words: Vec<String> = if narrow {
            NARROW.iter().map(|w| w.to_string()).collect()
        } else {
            COMMON
                .iter()
                .map(|w| w.to_string())
                .chain((0..TAIL).map(tail_word))
                .collect()
        };
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += if narrow {
                    1.0
                } else {
                    1.0 / (rank as f64 + 1.0 + RANK_OFFSET)
                };
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    pub fn word(&self, rng: &mut Lcg) -> &str {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|&c| c < target);
        &self.words[i.min(self.words.len() - 1)]
    }

    /// The word of a given rank (0 is the most frequent).
    pub fn at(&self, rank: usize) -> &str {
        &self.words[rank]
    }
}

/// One claim's text: a figure that changed, about four content words.
pub fn claim_text(rng: &mut Lcg, vocabulary: &Vocabulary) -> String {
    format!(
        "{} {} {} {} {} percent in {} according to the {} {} office",
        rng.pick(OPENERS),
        vocabulary.word(rng),
        vocabulary.word(rng),
        rng.pick(CHANGES),
        rng.next() % 100,
        2000 + rng.next() % 25,
        vocabulary.word(rng),
        vocabulary.word(rng)
    )
}

/// The `k`-th of the five speakers of claim group `group`: one distinct name each.
pub fn speaker(group: usize, k: usize) -> String {
    let id = group * 5 + k;
    format!(
        "{} {}",
        FIRST_NAMES[id % FIRST_NAMES.len()],
        tail_word(id / FIRST_NAMES.len() + TAIL)
    )
}

/// The first benchmark's vocabulary.
const NARROW: &[&str] = &[
    "government",
    "budget",
    "percent",
    "million",
    "schools",
    "hospital",
    "minister",
    "reform",
    "taxes",
    "unemployment",
    "inflation",
    "border",
    "police",
    "election",
    "voters",
    "energy",
    "prices",
    "housing",
    "climate",
    "emissions",
    "army",
    "sanctions",
    "exports",
    "imports",
    "treaty",
    "court",
    "ruling",
    "parliament",
    "coalition",
    "deficit",
    "growth",
    "wages",
    "pensions",
    "migration",
    "vaccines",
    "trains",
    "bridge",
    "port",
    "farmers",
    "students",
];
