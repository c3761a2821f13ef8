// name: region_activity
// title: Activity of a region over time
// description: Facts involving a region (its cities, and officials the same article names
//   as the region's, included) counted by month: the month a visit or signing happened when the
//   article dates it, else the article's publication month; "unknown" only for facts with
//   neither. `facts` counts each fact once per reporting article, `articles` the articles that
//   count in the month. Sources are at most 10 of the month's articles.
// param: region: region = "Северо-Казахстанская область" -- the region ("СКО" works)
// mode: read
// the per-month counters every load keeps (graph/summaries.py): no walk over the region's facts
MATCH (r:Region) WHERE r.name = $region
MATCH (m:Activity {region: r.key})
RETURN m.month AS month, m.facts AS facts, m.articles AS articles,
       COLLECT { MATCH (m)<-[:COUNTED_IN]-(a:Article) RETURN coalesce(a.title, a.source) LIMIT 10 } AS sources
ORDER BY month
