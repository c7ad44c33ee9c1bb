-- sourcetrace corpus store, schema version 1 (DuckDB).
-- One row per article in `articles`; the other tables are flattened from the record kept in articles.record.
-- Offsets (start/end) are Python string offsets into the article's text, as in the sourcetrace/1 record.

CREATE TABLE IF NOT EXISTS store_meta (
    key VARCHAR PRIMARY KEY,   -- 'schema_version', 'created_by', 'entities_dirty'
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,    -- the input's id, else the content hash
    content_hash VARCHAR NOT NULL,  -- whitespace-normalized SHA-256 of the text (first 16 hex digits)
    duplicate_of VARCHAR,      -- id of the article stored earlier with the same text; NULL for originals
    source VARCHAR,            -- where the input came from: a path, a URL, 'file.jsonl:12', 'file.warc.gz:#3'
    lang VARCHAR,
    title VARCHAR,
    outlet VARCHAR,
    agency VARCHAR[],
    authors VARCHAR[],
    published VARCHAR,         -- ISO-8601 date or date-time, as in the record
    published_date DATE,       -- the date part of `published`, for filtering and ordering
    url VARCHAR,
    chars INTEGER,             -- length of the analyzed text
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    record JSON                -- the full sourcetrace/1 record; NULL for duplicates (see duplicate_of)
);

CREATE TABLE IF NOT EXISTS statements (
    article_id VARCHAR NOT NULL,
    statement_id VARCHAR NOT NULL,  -- the statement's id inside its record ('s1', ...)
    kind VARCHAR,              -- direct | indirect | mixed | according_to
    content VARCHAR,
    content_start INTEGER,
    content_end INTEGER,
    cue VARCHAR,
    speaker_name VARCHAR,
    speaker_entity VARCHAR,    -- the record's entity id ('e1', ...), local to the article
    speaker_key VARCHAR,       -- normalized speaker name; entity_aliases maps it to a corpus entity
    via VARCHAR[],             -- relay names, in record order
    via_entities VARCHAR[],
    confidence DOUBLE,
    published_date DATE        -- copied from the article, for filtering and ordering
);

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,  -- the record's entity id, local to the article
    name VARCHAR,
    type VARCHAR,              -- PERSON | ORG | GPE | LOC | MEDIA | GROUP | OTHER
    name_key VARCHAR,          -- normalized name; entity_aliases maps it to a corpus entity
    mentions INTEGER
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR
);

CREATE TABLE IF NOT EXISTS quantities (
    article_id VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    value DOUBLE,
    hedge VARCHAR,             -- exact | about | more_than | less_than | at_least | at_most | vague
    unit VARCHAR,
    what VARCHAR,
    source_name VARCHAR,       -- who the figure is attributed to, if anyone
    source_entity VARCHAR,
    source_key VARCHAR,
    statement_id VARCHAR,      -- the statement the figure stands in, if any
    context VARCHAR,           -- up to 120 characters of text on each side of the figure
    published_date DATE
);

CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    type VARCHAR,              -- DATE | TIME | DURATION | SET (TIMEX3)
    value VARCHAR,             -- normalized value, e.g. 2025-08-15, P3D
    context VARCHAR,
    published_date DATE
);

CREATE TABLE IF NOT EXISTS failures (
    input VARCHAR NOT NULL,    -- the input (path, URL, 'file.jsonl:12') that yielded no record
    reason VARCHAR,
    failed_at TIMESTAMP DEFAULT current_timestamp
);

-- Entities across articles, rebuilt from the names above after every write session.
CREATE TABLE IF NOT EXISTS corpus_entities (
    id VARCHAR PRIMARY KEY,    -- 'c-' + 12 hex digits, stable for the same canonical name
    name VARCHAR,              -- the fullest name seen ('Wladimir Wladimirowitsch Putin')
    type VARCHAR,
    aliases VARCHAR[],         -- every surface form seen ('Putin', 'Kremlchef Putin', ...)
    articles INTEGER,          -- articles that mention it or quote it
    statements INTEGER         -- statements it is the speaker of
);

CREATE TABLE IF NOT EXISTS entity_aliases (
    key VARCHAR PRIMARY KEY,   -- a normalized name as in statements.speaker_key / entities.name_key
    corpus_entity VARCHAR NOT NULL,
    alias VARCHAR              -- its most frequent surface form
);
