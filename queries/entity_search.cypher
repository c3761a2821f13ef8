// name: entity_search
// title: Entity search by any inflected form
// description: Finds entities by name or alias through the full-text index `entity_names`,
//   whatever the case form: every word matches fuzzily (up to 2 edits, 1 for short words) or
//   by its stem (the word less a Russian ending) as a prefix, so "Шумкова" finds Вадим Шумков
//   and "Новгородского университета" finds Новгородский государственный университет.
//   Place names known to the gazetteer ("СКО") are resolved first. Best matches first.
// param: q: entity = "Шумкова" -- words of a name in any form
// mode: read
// Lucene syntax characters become spaces: user text is never parsed as a Lucene query.
WITH reduce(s = toLower($q), c IN ['\\', '+', '-', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?',
                                   ':', '/', '&', '|', '.', ',', ';', '«', '»', "'"] | replace(s, c, ' ')) AS clean
WITH [w IN split(clean, ' ') WHERE size(w) > 1 AND NOT w IN ['and', 'or', 'not', 'to']] AS words
WHERE size(words) > 0
WITH reduce(lq = '', w IN words | lq + CASE WHEN lq = '' THEN '' ELSE ' AND ' END
       // the bare word goes through the index analyzer (Russian stemming where the index has it)
       + '(' + w + ' OR ' + w + '~' + CASE WHEN size(w) <= 4 THEN '1' ELSE '2' END + ' OR '
       // a case ending is at most 3 letters: "университета" -> "университ*"
       + left(w, CASE WHEN size(w) > 6 THEN size(w) - 3 WHEN size(w) > 4 THEN size(w) - 2 ELSE size(w) END)
       + '*)') AS lucene
CALL db.index.fulltext.queryNodes('entity_names', lucene) YIELD node, score
RETURN node.name AS name, head([l IN labels(node) WHERE l <> 'Entity']) AS type, round(score, 3) AS score,
       coalesce(node.aliases, []) AS aliases,
       COUNT { ()-[:MENTIONS]->(node) } AS articles  // a degree count: only articles mention
ORDER BY score DESC, articles DESC, name
LIMIT 20
