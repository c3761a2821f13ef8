// name: trade_figures
// title: Trade figures for a pair, with conflicts
// description: Every turnover, export and import figure reported between two places (each
//   side includes its cities and, for a country, its regions), one row per reported figure.
//   Figures of the same flow, year and currency that disagree are marked conflict = true,
//   with all the values reported. At most 200 rows (by kind, year, names, value), each with
//   its first 5 sources and 3 evidence sentences; fact_evidence gives all of a fact's evidence.
// param: a: place = "Северо-Казахстанская область" -- one region or country ("СКО" works)
// param: b: place = "Россия" -- the other region or country
// mode: read
MATCH (pa) WHERE (pa:Region OR pa:Country OR pa:City) AND pa.name = $a
MATCH (pb) WHERE (pb:Region OR pb:Country OR pb:City) AND pb.name = $b
WITH COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pa) RETURN n } AS side_a,
     COLLECT { MATCH (n)-[:LOCATED_IN|PART_OF*0..2]->(pb) RETURN n } AS side_b
// expand from the side with fewer TRADE_VOLUME facts (a country's side holds all its regions)
WITH *, reduce(t = 0, c IN [n IN side_a | COUNT { (n)-[:TRADE_VOLUME]-() }] | t + c) <=
        reduce(t = 0, c IN [n IN side_b | COUNT { (n)-[:TRADE_VOLUME]-() }] | t + c) AS a_smaller
WITH *, CASE WHEN a_smaller THEN side_a ELSE side_b END AS near, CASE WHEN a_smaller THEN side_b ELSE side_a END AS far
UNWIND near AS s
MATCH (s)-[f:TRADE_VOLUME]-(o) WHERE o IN far
WITH DISTINCT f
MATCH (x)-[f]->(y)
// one flow whichever way it was told: an import of x from y is an export of y to x, turnover has no direction
WITH f, x, y, CASE f.kind WHEN 'import' THEN [y.name, x.name] WHEN 'export' THEN [x.name, y.name]
                          ELSE CASE WHEN x.name < y.name THEN [x.name, y.name] ELSE [y.name, x.name] END END AS flow
WITH CASE f.kind WHEN 'turnover' THEN 'turnover' ELSE 'export' END AS flow_kind, flow, f.year AS year,
     f.currency AS currency, collect({f: f, x: x, y: y}) AS figures, collect(DISTINCT f.value) AS values
UNWIND figures AS fig
WITH fig.f AS f, fig.x AS x, fig.y AS y, size(values) > 1 AS conflict, values
// the first 200 rows are chosen on properties alone; sources are read for those only
ORDER BY f.kind, f.year, x.name, y.name, f.value
LIMIT 200
RETURN x.name AS source, y.name AS target, f.kind AS kind, f.value AS value, f.currency AS currency,
       f.year AS year, conflict, CASE WHEN conflict THEN values ELSE [] END AS reported_values,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles[..5] RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence[..3] AS evidence, f.fact_id AS fact_id
ORDER BY kind, year, source, target, value
