// name: commodity_exporters
// title: Who exports a commodity, and to whom
// description: Export flows whose commodity contains the given words (case and ё/е ignored),
//   with exporter, importer and sources. "металл" finds "изделия из черных металлов".
// param: commodity: string = "изделия из черных металлов" -- a commodity name or part of one
// mode: read
WITH replace(toLower($commodity), 'ё', 'е') AS needle
MATCH (x)-[f:EXPORTS_TO]->(y)
WHERE f.commodity IS NOT NULL AND replace(toLower(f.commodity), 'ё', 'е') CONTAINS needle
RETURN f.commodity AS commodity, x.name AS exporter, head([l IN labels(x) WHERE l <> 'Entity']) AS exporter_type,
       y.name AS importer, head([l IN labels(y) WHERE l <> 'Entity']) AS importer_type, f.support AS support,
       COLLECT { MATCH (a:Article) WHERE a.id IN f.articles RETURN coalesce(a.title, a.source) } AS sources,
       f.evidence AS evidence, f.fact_id AS fact_id
ORDER BY commodity, exporter, importer
