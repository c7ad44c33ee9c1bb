-- Schema version 2: speaker_statements, the statements of every corpus entity sorted by entity and date
-- (with their article's date and title), so that "statements of X" reads one narrow range of the table.
-- Derived: rebuilt from statements, articles and entity_aliases after every write session.
CREATE TABLE IF NOT EXISTS speaker_statements (
    corpus_entity VARCHAR,
    corpus_name VARCHAR,
    article_id VARCHAR,
    statement_id VARCHAR,
    kind VARCHAR,
    content VARCHAR,
    content_start INTEGER,
    content_end INTEGER,
    speaker_name VARCHAR,
    speaker_entity VARCHAR,
    cue VARCHAR,
    via VARCHAR[],
    confidence DOUBLE,
    published_date DATE,
    published VARCHAR,
    title VARCHAR,
    outlet VARCHAR,
    agency VARCHAR[]
);
INSERT OR REPLACE INTO store_meta VALUES ('entities_dirty', '1');
