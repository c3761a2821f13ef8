// name: exports_imports
// title: What a region exports to a partner and imports from it, by commodity
// description: Export flows between two places in both directions, one row per commodity
//   (a flow with no named good has an empty commodity). Each side includes its cities and,
//   for a country, its regions. Import sentences are stored as exports of the other side.
// param: region: place = "Карагандинская область" -- the region seen from
// param: partner: place = "Беларусь" -- the partner region or country
// mode: read
MATCH (r) WHERE (r:Region OR r:Country OR r:City) AND r.name = $region
MATCH (p) WHERE (p:Region OR p:Country OR p:City) AND p.name = $partner
WITH COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(r) RETURN n } AS side_r,
     COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(p) RETURN n } AS side_p
MATCH (x)-[f:EXPORTS_TO]->(y)
WHERE (x IN side_r AND y IN side_p) OR (x IN side_p AND y IN side_r)
RETURN CASE WHEN x IN side_r THEN 'export' ELSE 'import' END AS direction,
       f.commodity AS commodity, x.name AS exporter, y.name AS importer, f.support AS support,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY direction, commodity, exporter, importer
