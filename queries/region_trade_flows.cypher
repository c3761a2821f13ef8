// name: region_trade_flows
// title: Exports and imports of a region by commodity, with every partner
// description: Every export flow from or to a region (or one of its cities): the direction,
//   the commodity, the partner (a city stands for its region) and the sources. Imports are
//   exports of the other side. At most 200 flows (by direction, partner, commodity), each
//   with its first 5 sources and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: region: region = "Астраханская область" -- the region ("Астрахани" works)
// param: min_confidence: float = 0.5 default 0 -- leave out facts whose confidence (0-1) is below this
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT { MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n } AS side
UNWIND side AS s
MATCH (s)-[f:EXPORTS_TO]-(o) WHERE NOT o IN side AND coalesce(f.confidence, 0.0) >= $min_confidence
WITH DISTINCT r, side, f
MATCH (x)-[f]->(y)
WITH r, f, x, y, CASE WHEN x IN side THEN 'export' ELSE 'import' END AS direction
WITH r, f, x, y, direction, CASE direction WHEN 'export' THEN y ELSE x END AS other
// a partner city stands for its region
WITH r, f, x, y, direction, coalesce(head(COLLECT { MATCH (other:City)-[:LOCATED_IN]->(g:Region) RETURN g }), other) AS partner
ORDER BY direction, partner.name, f.commodity
LIMIT 200
RETURN direction, f.commodity AS commodity, partner.name AS partner,
       head([l IN labels(partner) WHERE l <> 'Entity']) AS partner_type,
       x.name AS exporter, y.name AS importer, f.support AS support,
       COLLECT { MATCH (a:Article)-[stated:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK stated:STATES(fact_id) WITH DISTINCT a LIMIT 5
                 RETURN coalesce(a.title, a.source) } AS sources,
       COLLECT { MATCH ()-[ev:STATES {fact_id: f.fact_id}]->() USING INDEX SEEK ev:STATES(fact_id) RETURN ev.sentence LIMIT 3 } AS evidence,
       f.fact_id AS fact_id
ORDER BY direction, partner, commodity
