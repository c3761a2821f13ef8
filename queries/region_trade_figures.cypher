// name: region_trade_figures
// title: Trade figures of a region with all partners, with conflicts
// description: Every turnover, export and import figure reported for a region (or its
//   cities) with any partner, one row per figure; figures of the same flow, year and
//   currency that disagree are marked conflict = true. At most 200 rows (by partner, kind,
//   year, value), each with its first 5 sources and 3 evidence sentences; fact_evidence gives
//   all of a fact's evidence.
// param: region: region = "Северо-Казахстанская область" -- the region ("СКО" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH COLLECT { MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n } AS side
UNWIND side AS s
MATCH (s)-[f:TRADE_VOLUME]-()
WITH DISTINCT f
MATCH (x)-[f]->(y)
WITH f, x, y, CASE f.kind WHEN 'import' THEN [y.name, x.name] WHEN 'export' THEN [x.name, y.name]
                          ELSE CASE WHEN x.name < y.name THEN [x.name, y.name] ELSE [y.name, x.name] END END AS flow
WITH CASE f.kind WHEN 'turnover' THEN 'turnover' ELSE 'export' END AS flow_kind, flow, f.year AS year,
     f.currency AS currency, collect({f: f, x: x, y: y}) AS figures, collect(DISTINCT f.value) AS values
UNWIND figures AS fig
WITH fig.f AS f, fig.x AS x, fig.y AS y, size(values) > 1 AS conflict, values
// the first 200 rows are chosen on properties alone; sources are read for those only
ORDER BY y.name, f.kind, f.year, f.value
LIMIT 200
RETURN x.name AS source, y.name AS target, f.kind AS kind, f.value AS value, f.currency AS currency,
       f.year AS year, conflict, CASE WHEN conflict THEN values ELSE [] END AS reported_values,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles[..5] RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence[..3] AS evidence, f.fact_id AS fact_id
ORDER BY target, kind, year, value
