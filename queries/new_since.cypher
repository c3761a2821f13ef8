// name: new_since
// title: What is new since a date
// description: Facts first seen on or after a date (the earliest publication date of the
//   articles that support them, or the ingestion date for undated articles), newest first.
// param: since: date = "2025-01-01" -- ISO date or prefix (2025-05-20, 2025-05, 2025)
// mode: read
MATCH (s)-[f:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->(t)
WHERE f.first_seen >= $since
RETURN f.first_seen AS first_seen, type(f) AS relation, s.name AS source, t.name AS target,
       coalesce(f.title, f.commodity, f.kind, f.date) AS qualifier, f.support AS support, f.fact_id AS fact_id,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence
ORDER BY first_seen DESC, relation, source, target, qualifier
