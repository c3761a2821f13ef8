// name: region_officials
// title: Officials of a region and their titles
// description: People who hold an office in a region or in one of its cities, with the title
//   as the text gives it (normalised: губернатор, аким, председатель облисполкома...).
// param: region: region = "Карагандинская область" -- the region
// mode: read
MATCH (r:Region) WHERE r.name = $region
MATCH (h)-[:LOCATED_IN*0..1]->(r)
MATCH (p:Person)-[f:HOLDS_POSITION]->(h)
RETURN p.name AS person, f.title AS title, h.name AS of, f.support AS support,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY h = r DESC, person, title
