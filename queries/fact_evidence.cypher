// name: fact_evidence
// title: The evidence for one fact
// description: One fact relationship found by its fact_id (or a prefix of it, as shown by
//   other queries): its endpoints and qualifiers, then one row per supporting sentence with
//   the article it comes from (title, source, outlet, date, url), its character offsets, and the
//   extraction rule and confidence behind that report.
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
// one report record per supporting sentence (STATES, found by the fact's id)
MATCH (a:Article)-[e:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK e:STATES(fact_id)
RETURN f.fact_id AS fact_id, type(f) AS relation, s.name AS source, t.name AS target,
       coalesce(f.title, f.commodity, f.kind) AS qualifier, f.value AS value, f.currency AS currency,
       f.year AS year, f.date AS date, f.support AS support,
       coalesce(a.title, a.source) AS article, a.source AS article_source, a.outlet AS outlet,
       a.published AS published, a.url AS url, e.sentence AS evidence, e.start AS start, e.end AS end,
       e.rule AS rule, e.confidence AS confidence
ORDER BY fact_id, published, article, start
