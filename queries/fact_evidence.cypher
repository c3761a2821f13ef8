// name: fact_evidence
// title: The evidence for one fact
// description: One fact relationship found by its fact_id (or a prefix of it, as shown by
//   other queries): its endpoints and qualifiers, then one row per supporting sentence with
//   the article it comes from (title, source, outlet, date, url) and its character offsets.
// param: fact_id: string = "b4c8455e1dec" -- a fact_id or its first characters
// mode: read
// one seek of the fact_id index per fact type (an index covers one relationship type)
CALL () {
  MATCH (s)-[f:HOLDS_POSITION]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:VISITED]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:SIGNED]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:PARTY_TO]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:EXPORTS_TO]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:TRADE_VOLUME]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
  UNION ALL
  MATCH (s)-[f:PARTICIPATED_IN]->(t) WHERE f.fact_id STARTS WITH $fact_id RETURN s, f, t
}
UNWIND range(0, size(f.evidence) - 1) AS i
OPTIONAL MATCH (a:Article {id: f.evidence_article[i]})
RETURN f.fact_id AS fact_id, type(f) AS relation, s.name AS source, t.name AS target,
       coalesce(f.title, f.commodity, f.kind) AS qualifier, f.value AS value, f.currency AS currency,
       f.year AS year, f.date AS date, f.support AS support,
       coalesce(a.title, a.source) AS article, a.source AS article_source, a.outlet AS outlet,
       a.published AS published, a.url AS url, f.evidence[i] AS evidence,
       f.evidence_start[i] AS start, f.evidence_end[i] AS end
ORDER BY fact_id, published, article, start
