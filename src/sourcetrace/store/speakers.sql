-- Rebuild speaker_statements (see migration_002.sql): sorted by corpus entity, newest first.
DELETE FROM speaker_statements;
INSERT INTO speaker_statements
SELECT ea.corpus_entity, c.name, s.article_id, s.statement_id, s.kind, s.content, s.content_start,
       s.content_end, s.speaker_name, s.speaker_entity, s.cue, s.via, s.confidence, s.published_date,
       a.published, a.title, a.outlet, a.agency
FROM statements s
JOIN entity_aliases ea ON ea.key = s.speaker_key
JOIN corpus_entities c ON c.id = ea.corpus_entity
JOIN articles a ON a.id = s.article_id
ORDER BY ea.corpus_entity, s.published_date DESC NULLS LAST, s.article_id, s.content_start;
