// name: region_profile
// title: Region profile: partners ranked by number of facts
// description: The places a region cooperates with, ranked by how many facts link them.
//   A fact is a visit, an export flow or a trade figure between the two sides, or one
//   shared document or event. A city counts as its region and an official as the place
//   the same article names him an official of, so "the governor visited Петропавловск" links
//   the governor's region to СКО; the region's own country is not a partner. Each reporting
//   article adds its own links. Read from the Partnership summaries every load keeps (as
//   cooperation_network): sources are 10 of the supporting articles, newest first, fact_ids at
//   most 20 of the facts.
// param: region: region = "Курганская область" -- the region; inflected or abbreviated forms resolve ("СКО")
// mode: read
MATCH (r:Region) WHERE r.name = $region
MATCH (r)-[:PARTNER]->(p:Partnership)<-[:PARTNER]-(partner)
WITH partner, p,
     COLLECT { MATCH (p)<-[c:COUNTED_IN]-(a:Article) WITH a, c LIMIT 10
               RETURN {title: coalesce(a.title, a.source), ids: c.fact_ids} AS part ORDER BY a.published DESC } AS parts
RETURN partner.name AS partner, head([l IN labels(partner) WHERE l <> 'Entity']) AS type, p.weight AS facts,
       p.kinds AS kinds, p.articles AS articles, [x IN parts | x.title] AS sources,
       COLLECT { UNWIND parts AS x UNWIND x.ids AS i WITH DISTINCT i LIMIT 20 RETURN i } AS fact_ids
ORDER BY facts DESC, articles DESC, partner
