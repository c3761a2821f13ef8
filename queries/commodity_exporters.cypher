// name: commodity_exporters
// title: Who exports a commodity, and to whom
// description: Export flows of the commodities whose name or alias contains the given words
//   (case and ё/е ignored), with exporter, importer and sources. "металл" finds "изделия из черных металлов".
//   At most 200 flows (by commodity, exporter, importer), each with its first 5 sources and 3
//   evidence sentences; fact_evidence gives all of a fact's evidence.
// param: commodity: string = "изделия из черных металлов" -- a commodity name or part of one
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
WITH replace(toLower($commodity), 'ё', 'е') AS needle
// the few Commodity nodes are matched by name or alias, then their flows through the commodity_key index
// (collected first: left to itself the planner may scan every flow and look its commodity up instead)
CALL (needle) {
  MATCH (c:Commodity)
  WHERE any(n IN [c.name] + coalesce(c.aliases, []) WHERE replace(toLower(n), 'ё', 'е') CONTAINS needle)
  RETURN collect(c.key) AS keys
}
UNWIND keys AS key
MATCH (x)-[f:EXPORTS_TO {commodity_key: key}]->(y) WHERE coalesce(f.confidence, 0.0) >= $min_confidence
WITH f, x, y ORDER BY f.commodity, x.name, y.name LIMIT 200
RETURN f.commodity AS commodity, x.name AS exporter, head([l IN labels(x) WHERE l <> 'Entity']) AS exporter_type,
       y.name AS importer, head([l IN labels(y) WHERE l <> 'Entity']) AS importer_type, f.support AS support,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY commodity, exporter, importer
