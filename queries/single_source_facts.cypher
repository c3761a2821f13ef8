// name: single_source_facts
// title: Facts supported by a single source only (to check)
// description: Fact relationships backed by at most the given number of articles: the ones
//   a person should check first. One row per fact with its qualifiers and evidence.
// param: max_support: int = 1 -- list facts supported by this many articles or fewer
// mode: read
MATCH (s)-[f:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->(t)
WHERE coalesce(f.support, size(f.articles)) <= $max_support
RETURN type(f) AS relation, s.name AS source, t.name AS target,
       coalesce(f.title, f.commodity, f.kind, f.date) AS qualifier, f.support AS support, f.fact_id AS fact_id,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence
ORDER BY relation, source, target, qualifier
