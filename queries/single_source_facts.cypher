// name: single_source_facts
// title: Facts supported by a single source only (to check)
// description: Fact relationships backed by at most the given number of articles and at least
//   the given confidence, the least sure first: the ones a person should check first. Of each
//   fact type the 200 newest (by first_seen) are candidates; of those, the 200 with the lowest
//   confidence are listed (then newest first). One row per fact with its qualifiers, its
//   confidence and the rule behind it (the surest report's), its first 3 sources and evidence
//   sentences; fact_evidence gives the rest.
// param: max_support: int = 1 -- list facts supported by this many articles or fewer
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
// Per fact type, walk the first_seen index newest first and stop at 200 matches; ties at the
// cut-off date are all kept, so the final order (confidence, date, then relation, names) is exact.
CALL () {
  MATCH ()-[f:HOLDS_POSITION]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:HOLDS_POSITION]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:VISITED]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:VISITED]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:SIGNED]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:SIGNED]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTY_TO]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTY_TO]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:EXPORTS_TO]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:EXPORTS_TO]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:TRADE_VOLUME]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:TRADE_VOLUME]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
  UNION ALL
  MATCH ()-[f:PARTICIPATED_IN]->() WHERE f.first_seen IS NOT NULL AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  WITH f.first_seen AS d ORDER BY d DESC LIMIT 200
  WITH min(d) AS cut
  MATCH (s)-[f:PARTICIPATED_IN]->(t) WHERE f.first_seen >= cut AND f.support <= $max_support
    AND coalesce(f.confidence, 0.0) >= $min_confidence
  RETURN s, f, t
}
WITH s, f, t, coalesce(f.title, f.commodity, f.kind, f.date) AS qualifier
ORDER BY coalesce(f.confidence, 0.0), f.first_seen DESC, type(f), s.name, t.name, qualifier
LIMIT 200
RETURN f.first_seen AS first_seen, type(f) AS relation, s.name AS source, t.name AS target,
       qualifier, f.support AS support, f.confidence AS confidence,
       // the rule of the surest report: the one that gave the fact its confidence
       head(COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) WHERE ev.rule IS NOT NULL
                      RETURN ev.rule ORDER BY ev.confidence DESC, ev.rule LIMIT 1 }) AS rule,
       f.fact_id AS fact_id,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 3
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence
