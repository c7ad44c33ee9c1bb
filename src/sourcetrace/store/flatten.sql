-- Flatten the records in the temporary table _batch(id, published_date, record) into the child tables.
-- Statements, entities, mentions, quantities and times are read from the record (JSON), the same text
-- that goes into articles.record, so the record stays the one source of every row.
INSERT INTO statements
SELECT a.id, s.id, s.kind, s.content.text, s.content.start, s.content."end", s.cue.text,
       s.speaker.name, s.speaker.entity, lower(regexp_replace(trim(s.speaker.name), '\s+', ' ', 'g')),
       list_transform(s.via, lambda v: v.name), list_transform(s.via, lambda v: v.entity), s.confidence,
       a.published_date
FROM (
    SELECT id, published_date, unnest(json_transform(record -> 'statements',
        '[{"id":"VARCHAR","kind":"VARCHAR","content":{"start":"INTEGER","end":"INTEGER","text":"VARCHAR"},
           "cue":{"start":"INTEGER","end":"INTEGER","text":"VARCHAR"},
           "speaker":{"entity":"VARCHAR","name":"VARCHAR"},
           "via":[{"entity":"VARCHAR","name":"VARCHAR"}],"confidence":"DOUBLE"}]')) AS s
    FROM _batch
) a;

INSERT INTO entities
SELECT a.id, e.id, e.name, e.type, lower(regexp_replace(trim(e.name), '\s+', ' ', 'g')), len(e.mentions)
FROM (
    SELECT id, unnest(json_transform(record -> 'entities',
        '[{"id":"VARCHAR","name":"VARCHAR","type":"VARCHAR",
           "mentions":[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR"}]}]')) AS e
    FROM _batch
) a;

INSERT INTO mentions
SELECT a.id, a.entity_id, m.start, m."end", m.text
FROM (
    SELECT id, e.id AS entity_id, unnest(e.mentions) AS m
    FROM (
        SELECT id, unnest(json_transform(record -> 'entities',
            '[{"id":"VARCHAR","mentions":[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR"}]}]')) AS e
        FROM _batch
    )
) a;

INSERT INTO quantities
SELECT a.id, q.start, q."end", q.text, q.value, q.hedge, q.unit, q.what, q.source.name, q.source.entity,
       lower(regexp_replace(trim(q.source.name), '\s+', ' ', 'g')), q.statement,
       substr(a.text, greatest(q.start - 120, 0) + 1, least(q.start, 120) + (q."end" - q.start) + 120),
       a.published_date
FROM (
    SELECT id, published_date, record ->> 'text' AS text, unnest(json_transform(record -> 'quantities',
        '[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR","value":"DOUBLE","hedge":"VARCHAR",
           "unit":"VARCHAR","what":"VARCHAR","source":{"entity":"VARCHAR","name":"VARCHAR"},
           "statement":"VARCHAR"}]')) AS q
    FROM _batch
) a;

INSERT INTO times
SELECT a.id, t.start, t."end", t.text, t.type, t.value,
       substr(a.text, greatest(t.start - 120, 0) + 1, least(t.start, 120) + (t."end" - t.start) + 120),
       a.published_date
FROM (
    SELECT id, published_date, record ->> 'text' AS text, unnest(json_transform(record -> 'times',
        '[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR","type":"VARCHAR","value":"VARCHAR"}]')) AS t
    FROM _batch
) a;
