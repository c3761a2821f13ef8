// name: region_trade_flows
// title: Exports and imports of a region by commodity, with every partner
// description: Every export flow from or to a region (or one of its cities): the direction,
//   the commodity, the partner (a city stands for its region) and the sources. Imports are
//   exports of the other side.
// param: region: region = "Астраханская область" -- the region ("Астрахани" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH r, COLLECT { MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n } AS side
MATCH (x)-[f:EXPORTS_TO]->(y)
WHERE (x IN side) <> (y IN side)
WITH r, f, x, y, CASE WHEN x IN side THEN 'export' ELSE 'import' END AS direction
WITH r, f, x, y, direction, CASE direction WHEN 'export' THEN y ELSE x END AS other
// a partner city stands for its region
WITH r, f, x, y, direction, coalesce(head(COLLECT { MATCH (other:City)-[:LOCATED_IN]->(g:Region) RETURN g }), other) AS partner
RETURN direction, f.commodity AS commodity, partner.name AS partner,
       head([l IN labels(partner) WHERE l <> 'Entity']) AS partner_type,
       x.name AS exporter, y.name AS importer, f.support AS support,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY direction, partner, commodity
