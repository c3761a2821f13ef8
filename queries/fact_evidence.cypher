// name: fact_evidence
// title: The evidence for one fact
// description: One fact relationship found by its fact_id (or a prefix of it, as shown by
//   other queries): its endpoints and qualifiers, then one row per supporting sentence with
//   the article it comes from (title, source, outlet, date, url) and its character offsets.
// param: fact_id: string = "b4c8455e1dec" -- a fact_id or its first characters
// mode: read
MATCH (s)-[f:HOLDS_POSITION|VISITED|SIGNED|PARTY_TO|EXPORTS_TO|TRADE_VOLUME|PARTICIPATED_IN]->(t)
WHERE f.fact_id STARTS WITH $fact_id
UNWIND range(0, size(f.evidence) - 1) AS i
OPTIONAL MATCH (a:Article {id: f.evidence_article[i]})
RETURN f.fact_id AS fact_id, type(f) AS relation, s.name AS source, t.name AS target,
       coalesce(f.title, f.commodity, f.kind) AS qualifier, f.value AS value, f.currency AS currency,
       f.year AS year, f.date AS date, f.support AS support,
       coalesce(a.title, a.source) AS article, a.source AS article_source, a.outlet AS outlet,
       a.published AS published, a.url AS url, f.evidence[i] AS evidence,
       f.evidence_start[i] AS start, f.evidence_end[i] AS end
ORDER BY fact_id, published, article, start
