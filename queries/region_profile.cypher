// name: region_profile
// title: Region profile: partners ranked by number of facts
// description: The places a region cooperates with, ranked by how many facts link them.
//   A fact is a visit, an export flow or a trade figure between the two sides, or one
//   shared document or event. A city counts as its region and an official as the place
//   he serves, so "the governor visited Петропавловск" links the governor's region to СКО;
//   the region's own country is not a partner. Read from the COOPERATES_WITH edges that
//   graph/derived.py refresh_derived() folds after a load (as cooperation_network): sources
//   are the 10 newest supporting articles, fact_ids at most 20 of the facts.
// param: region: region = "Курганская область" -- the region; inflected or abbreviated forms resolve ("СКО")
// mode: read
MATCH (r:Region) WHERE r.name = $region
MATCH (r)-[c:COOPERATES_WITH]-(partner)
RETURN partner.name AS partner, head([l IN labels(partner) WHERE l <> 'Entity']) AS type, c.weight AS facts,
       c.kinds AS kinds, c.articles AS articles,
       COLLECT { MATCH (a:Article) WHERE a.id IN c.sample_articles
                 RETURN coalesce(a.title, a.source) AS s ORDER BY a.published DESC } AS sources,
       c.fact_ids AS fact_ids
ORDER BY facts DESC, articles DESC, partner
