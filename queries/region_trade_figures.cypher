// name: region_trade_figures
// title: Trade figures of a region with all partners, with conflicts
// description: Every turnover, export and import figure reported for a region (or its
//   cities) with any partner, one row per figure; figures of the same flow, year and
//   currency that disagree are marked conflict = true.
// param: region: region = "Северо-Казахстанская область" -- the region ("СКО" works)
// mode: read
MATCH (r:Region) WHERE r.name = $region
WITH COLLECT { MATCH (n)-[:LOCATED_IN*0..1]->(r) RETURN n } AS side
MATCH (x)-[f:TRADE_VOLUME]->(y)
WHERE x IN side OR y IN side
WITH f, x, y, CASE f.kind WHEN 'import' THEN [y.name, x.name] WHEN 'export' THEN [x.name, y.name]
                          ELSE CASE WHEN x.name < y.name THEN [x.name, y.name] ELSE [y.name, x.name] END END AS flow
WITH CASE f.kind WHEN 'turnover' THEN 'turnover' ELSE 'export' END AS flow_kind, flow, f.year AS year,
     f.currency AS currency, collect({f: f, x: x, y: y}) AS figures, collect(DISTINCT f.value) AS values
UNWIND figures AS fig
WITH fig.f AS f, fig.x AS x, fig.y AS y, size(values) > 1 AS conflict, values
RETURN x.name AS source, y.name AS target, f.kind AS kind, f.value AS value, f.currency AS currency,
       f.year AS year, conflict, CASE WHEN conflict THEN values ELSE [] END AS reported_values,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY target, kind, year, value
